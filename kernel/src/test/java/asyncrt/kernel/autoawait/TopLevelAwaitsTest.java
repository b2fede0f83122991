package asyncrt.kernel.autoawait;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which snippets await at top level (and so run on the kernel's loop), and which only inside coroutine bodies. */
class TopLevelAwaitsTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "await(sleep(1))",
        "await(sleep(1));",
        "Asyncio.await(sleep(1));",
        "String result = await(background);",
        "int n = 1 + await(count)",
        "for (int i = 0; i < 3; i++) { await(sleep(0)); }",
        "try {\n    await(ticker);\n} catch (CancelledError e) {\n    print(\"cancelled\");\n}",
        "switch (n) { case 1 -> { await(sleep(0)); } default -> { } }",
        "Server s = await(startServer((r, w) -> handle(r, w), \"127.0.0.1\", 0));",
    })
    void awaitsAtTopLevel(String snippet) {
        assertTrue(TopLevelAwaits.in(snippet), snippet);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Asyncio.run(async(() -> { await(sleep(1)); }));",
        "double took = timed(() -> Asyncio.run(main()));",
        "Coroutine<String> f() {\n    return async(() -> await(g()));\n}",
        "class Worker { void m() { await(x); } }",
        "Runnable r = new Runnable() { public void run() { await(x); } };",
        "String s = \"await(x)\";",
        "// await(x)\nint y = 2;",
        "int awaitCount = 3;",
        "Coroutine<Void> c = async(() -> await(sleep(1)));",
        "await(",
    })
    void doesNotAwaitAtTopLevel(String snippet) {
        assertFalse(TopLevelAwaits.in(snippet), snippet);
    }
}
