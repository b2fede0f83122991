package asyncrt.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import asyncrt.kernel.protocol.Message;
import asyncrt.kernel.testing.Execution;
import asyncrt.kernel.testing.KernelClient;
import asyncrt.kernel.testing.KernelClient.Channel;
import asyncrt.kernel.testing.KernelProcess;
import asyncrt.kernel.testing.SharedKernel;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The editing help over ZeroMQ: completion that sees the cell's own earlier declarations (without running them)
 * and reports the matches' kinds, inspection with the Javadoc rendered for the JDK, asyncrt and a jar added with
 * {@code %maven}, and completion before JShell has warmed up.
 */
class EditingIT {

    private static final Duration REPLY = Duration.ofSeconds(60);
    private static Path home;

    @RegisterExtension
    static final SharedKernel KERNEL = new SharedKernel(KernelProcess.builder().jvm("-Duser.home=" + home()));

    /**
     * A home of its own whose Maven settings are offline, with a local repository holding a library with its
     * sources jar (org.example:greeter:1.0) and one without (org.example:plain:1.0).
     */
    private static Path home() {
        try {
            home = Files.createTempDirectory("editing-home");
            Path repository = home.resolve(".m2/repository");
            Files.createDirectories(repository);
            Files.writeString(home.resolve(".m2/settings.xml"), """
                    <settings>
                      <localRepository>%s</localRepository>
                      <offline>true</offline>
                    </settings>
                    """.formatted(repository));
            library(repository, "greeter", """
                    package org.example;

                    /** Greets people, politely. */
                    public class Greeter {
                        /**
                         * Says hello to {@code who}.
                         *
                         * @param who whom to greet
                         * @return the greeting, e.g. {@code "Hello, Ada!"}
                         */
                        public static String greet(String who) {
                            return "Hello, " + who + "!";
                        }
                    }
                    """, true);
            library(repository, "plain", """
                    package org.example;

                    /** Has no sources jar. */
                    public class Plain {
                        /** Says hi. */
                        public static String hi() {
                            return "hi";
                        }
                    }
                    """, false);
            return home;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Compiles one class into org/example/NAME/1.0/NAME-1.0.jar, with a pom, and the sources jar if asked. */
    private static void library(Path repository, String artifact, String source, boolean withSources) throws Exception {
        String className = source.replaceAll("(?s).*public class (\\w+).*", "$1");
        Path work = Files.createTempDirectory("lib-" + artifact);
        Path java = work.resolve("org/example/" + className + ".java");
        Files.createDirectories(java.getParent());
        Files.writeString(java, source);
        Path classes = work.resolve("classes");
        Files.createDirectories(classes);
        int status = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), java.toString());
        assertEquals(0, status);
        Path directory = repository.resolve("org/example/" + artifact + "/1.0");
        Files.createDirectories(directory);
        jar(directory.resolve(artifact + "-1.0.jar"), "org/example/" + className + ".class",
                Files.readAllBytes(classes.resolve("org/example/" + className + ".class")));
        if (withSources) {
            jar(directory.resolve(artifact + "-1.0-sources.jar"), "org/example/" + className + ".java",
                    source.getBytes(StandardCharsets.UTF_8));
        }
        Files.writeString(directory.resolve(artifact + "-1.0.pom"), """
                <project><modelVersion>4.0.0</modelVersion><groupId>org.example</groupId>
                <artifactId>%s</artifactId><version>1.0</version></project>
                """.formatted(artifact));
    }

    private static void jar(Path jar, String entry, byte[] content) throws Exception {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new JarEntry(entry));
            out.write(content);
            out.closeEntry();
        }
    }

    @BeforeAll
    static void warm() throws Exception {
        assertEquals("ok", KERNEL.client().execute("int warm = 1;").status());
    }

    // ---- completion ---------------------------------------------------------------------------

    @Test
    void completionSeesTheCellsOwnDeclarations() throws Exception {
        assertCompletes("String s = \"x\";\ns.toUpperC", "toUpperCase(");                        // multi-line
        assertCompletes("String s = \"x\"; s.toUpperC", "toUpperCase(");                          // one line
        assertCompletes("var v = \"x\";\nv.toUpperC", "toUpperCase(");                            // var
        assertCompletes("int[] arr = new int[3]; arr.le", "length");                              // array
        assertCompletes("List<String> names = new ArrayList<>();\nnames.ad", "add(");             // generic list
        assertCompletes("int twice(int x) { return 2 * x; }\nint y = twi", "twice(");             // method
        assertCompletes("record Point(int x, int y) { }\nvar p = new Point(1, 2);\np.x", "x()");  // record
        assertCompletes("String s = \"x\";\nvoid shout() {\n    s.toUpperC", "toUpperCase(");     // inside a method
        assertCompletes("Map<String, List<Integer>> m = new HashMap<>();\nfor (int i = 0; i < 3; i++) { }\n"
                + "m.computeIfAbs", "computeIfAbsent(");                                           // after a statement
        assertCompletes("%%time\nString s = \"x\";\ns.toUpperC", "toUpperCase(");                 // a cell magic
        assertCompletes("%classpath\nString s = \"x\";\n%time s.toUpperC", "toUpperCase(");       // line magics
    }

    @Test
    void completionUsesOnlyTheTextBeforeTheCursorAndRunsNothing() throws Exception {
        String before = "String unrun = \"x\";\nSystem.out.println(\"ran\");\nunrun.toUpperC";
        String cell = before + "\nint after = 1;\n";
        JsonObject reply = complete(cell, before.length()).content();
        assertTrue(matches(reply).contains("toUpperCase("), reply.toString());
        assertEquals(before.length() - "toUpperC".length(), reply.get("cursor_start").getAsInt());
        assertEquals(before.length(), reply.get("cursor_end").getAsInt());
        Execution undefined = KERNEL.client().execute("unrun");
        assertEquals("error", undefined.status(), "the completed cell must not have run: " + undefined);
    }

    @Test
    void completionReportsTheMatchesTypes() throws Exception {
        KERNEL.client().execute("int counter = 1;");
        JsonObject members = complete("String s = \"x\";\ns.toUpp").content();
        JsonArray types = members.getAsJsonObject("metadata").getAsJsonArray("_jupyter_types_experimental");
        assertEquals(matches(members).size(), types.size(), members.toString());
        JsonObject upper = typeOf(members, "toUpperCase(");
        assertEquals("method", upper.get("type").getAsString());
        assertTrue(upper.get("signature").getAsString().contains("String String.toUpperCase(java.util.Locale locale)")
                || upper.get("signature").getAsString().contains("String String.toUpperCase(Locale locale)"), upper.toString());
        assertEquals(members.get("cursor_start").getAsInt(), upper.get("start").getAsInt());
        assertEquals(members.get("cursor_end").getAsInt(), upper.get("end").getAsInt());
        assertEquals("class", typeOf(complete("StringBuil").content(), "StringBuilder").get("type").getAsString());
        assertEquals("interface", typeOf(complete("Runnab").content(), "Runnable").get("type").getAsString());
        assertEquals("package", typeOf(complete("java.util.concur").content(), "concurrent.").get("type").getAsString());
        JsonObject counter = typeOf(complete("count").content(), "counter");
        assertEquals("variable", counter.get("type").getAsString());
        assertEquals("counter:int", counter.get("signature").getAsString());
        assertEquals("field", typeOf(complete("int[] a = {1};\na.len").content(), "length").get("type").getAsString());
        assertEquals("magic", typeOf(complete("%tim").content(), "timeit").get("type").getAsString());
    }

    @Test
    void warmCompletionIsFast() throws Exception {
        complete("String s = \"x\";\ns.toUpperC");
        List<Long> millis = new ArrayList<>();
        for (String cell : List.of("String s = \"x\";\ns.toUpperC", "List<String> names = new ArrayList<>();\nnames.ad",
                "int[] arr = new int[3]; arr.le", "Math.ma", "record P(int a) { }\nnew P(1).a")) {
            long start = System.nanoTime();
            complete(cell);
            millis.add((System.nanoTime() - start) / 1_000_000);
        }
        System.out.println("warm completion round trips (ms): " + millis);
        assertTrue(millis.stream().sorted().toList().get(millis.size() / 2) < 1000, "median over a second: " + millis);
    }

    // ---- inspection ---------------------------------------------------------------------------

    @Test
    void inspectRendersTheJdksJavadoc() throws Exception {
        JsonObject data = inspect("Math.max(", 9, 0);
        String markdown = data.get("text/markdown").getAsString();
        assertTrue(markdown.startsWith("```java\nint Math.max(int a, int b)\n```"), markdown);
        assertTrue(markdown.contains("Returns the greater of two `int` values."), markdown);
        assertTrue(markdown.contains("`Integer.MAX_VALUE`"), markdown);
        assertTrue(markdown.contains("**Parameters**\n- `a` — an argument.\n- `b` — another argument."), markdown);
        assertTrue(markdown.contains("**Returns**  \nthe larger of `a` and `b`."), markdown);
        String plain = data.get("text/plain").getAsString();
        assertTrue(plain.startsWith("int Math.max(int a, int b)\n\nReturns the greater of two int values."), plain);
        assertTrue(plain.contains("Parameters:\n    a - an argument."), plain);
        for (String raw : List.of("{@code", "{@link", "<p>", "@param", "@return")) {
            assertFalse(markdown.contains(raw) || plain.contains(raw), raw + " left in:\n" + markdown + "\n" + plain);
        }

        String level1 = inspect("Math.max(1, 2", 13, 1).get("text/markdown").getAsString();  // detail 1: the source too
        assertTrue(level1.startsWith("```java\nint Math.max(int a, int b)\n```"), level1);
        assertTrue(level1.matches("(?s).*\\*\\*Source\\*\\*\n\n```java\n(@\\w+\n)?public static int max\\(int a, int b\\) \\{\n"
                + "    return .*"), level1);

        String cell = "String s = \"x\";\ns.toUpperCase";  // a same-cell variable, the cursor on the name
        JsonObject upper = inspect(cell, cell.length() - 3, 0);
        String upperMarkdown = upper.get("text/markdown").getAsString();
        assertTrue(upperMarkdown.contains("```java\nString String.toUpperCase()\n```"), upperMarkdown);
        assertTrue(upperMarkdown.contains("Converts all of the characters in this `String` to upper case"), upperMarkdown);
        assertTrue(upperMarkdown.contains("| Language Code of Locale | Lower Case | Upper Case | Description |"), upperMarkdown);
        assertTrue(upperMarkdown.contains("**See Also**"), upperMarkdown);
    }

    @Test
    void inspectRendersAsyncrtsJavadoc() throws Exception {
        JsonObject data = inspect("sleep(", 6, 0);
        String markdown = data.get("text/markdown").getAsString();
        assertTrue(markdown.contains("```java\nCoroutine<Void> Asyncio.sleep(double delay)\n```"), markdown);
        assertTrue(markdown.contains("Suspends the calling coroutine for `delay` seconds; `sleep(0)` yields to the loop once."), markdown);
        assertTrue(data.get("text/plain").getAsString().contains("Suspends the calling coroutine for delay seconds"), data.toString());

        JsonObject level1 = inspect("Asyncio.sleep(", 14, 1);
        assertTrue(level1.get("text/markdown").getAsString().contains("**Source**\n\n```java\npublic static Coroutine<Void> sleep(double delay) {"),
                level1.get("text/markdown").getAsString());
    }

    @Test
    void inspectSeesTheCellsOwnDeclarations() throws Exception {
        String cell = "int twice(int x) { return 2 * x; }\nint y = twice(";
        JsonObject data = inspect(cell, cell.length(), 0);
        String markdown = data.get("text/markdown").getAsString();
        assertTrue(markdown.startsWith("```java\nint twice(int x)\n```"), markdown);
        assertTrue(markdown.contains("*No documentation: declared in this session.*"), markdown);
    }

    @Test
    void inspectRendersTheJavadocOfAMavenJarFromItsSourcesJar() throws Exception {
        Execution maven = KERNEL.client().execute("%maven org.example:greeter:1.0 org.example:plain:1.0");
        assertEquals("ok", maven.status(), maven.toString());
        String cell = "org.example.Greeter.greet(";
        String markdown = inspect(cell, cell.length(), 0).get("text/markdown").getAsString();
        assertTrue(markdown.startsWith("```java\nString org.example.Greeter.greet(String)\n```"), markdown);
        assertTrue(markdown.contains("Says hello to `who`."), markdown);
        assertTrue(markdown.contains("**Returns**  \nthe greeting, e.g. `\"Hello, Ada!\"`"), markdown);

        String none = "org.example.Plain.hi(";
        String plain = inspect(none, none.length(), 0).get("text/plain").getAsString();
        assertTrue(plain.contains("No documentation: no sources jar for plain-1.0.jar"
                + " (org.example:plain:jar:sources:1.0 is not in the local repository (Maven is offline))."), plain);
    }

    // ---- before the warm-up -------------------------------------------------------------------

    @Test
    void completionAnswersBeforeJShellHasStarted() throws Exception {
        long started = System.nanoTime();
        // A start-up script that takes 20 s holds JShell back: until it ends, the quick completion answers.
        try (KernelProcess slow = KernelProcess.builder().env("ASYNCRT_KERNEL_STARTUP_SCRIPT", "Thread.sleep(20_000);").start()) {
            KernelClient client = slow.client();
            List<Long> millis = new ArrayList<>();
            String[][] cases = {
                    {"Math.ma", "max("}, {"String s = \"x\";\ns.toUpperC", "toUpperCase("}, {"Asyncio.sle", "sleep("},
                    {"sle", "sleep("}, {"System.out.prin", "println("}, {"int[] arr = new int[3]; arr.le", "length"},
                    {"StringBui", "StringBuilder"}, {"java.util.concurrent.Completable", "CompletableFuture"},
                    {"var names = new ArrayList<String>();\nnames.ad", "add("}, {"retu", "return"},
            };
            for (String[] c : cases) {
                long start = System.nanoTime();
                JsonObject reply = complete(client, c[0], c[0].length()).content();
                millis.add((System.nanoTime() - start) / 1_000_000);
                assertTrue(matches(reply).contains(c[1]), c[0] + " -> " + reply);
                assertEquals(c[0].length() - c[0].replaceAll("(?s).*?([\\w$]*)$", "$1").length(), reply.get("cursor_start").getAsInt(), c[0]);
            }
            String cell = "String s = \"x\";\ns.toUpperC";  // one match for the overloads, as JShell gives
            assertEquals(List.of("toUpperCase("), matches(complete(client, cell, cell.length()).content()));
            JsonObject types = complete(client, "Math.ma", 7).content();
            assertEquals("method", typeOf(types, "max(").get("type").getAsString());
            System.out.println("completion before the warm-up, round trips (ms): " + millis);
            assertTrue(millis.getFirst() < 2000, "the first completion took " + millis.getFirst() + " ms");
            // Bounds wide enough for a loaded 2-core machine: a quick answer is milliseconds, JShell's warm-up 10 s.
            List<Long> sorted = millis.stream().skip(1).sorted().toList();
            assertTrue(sorted.get(sorted.size() / 2) < 1000 && sorted.getLast() < 5000, "completions took " + millis);
            long elapsed = (System.nanoTime() - started) / 1_000_000;
            assertTrue(elapsed < 20_000, "JShell may have started meanwhile: " + elapsed + " ms");

            Message request = client.send(Channel.SHELL, "inspect_request", inspectContent("Math.max(", 9, 0));
            JsonObject inspected = client.reply(Channel.SHELL, request, REPLY).content();
            assertTrue(inspected.get("found").getAsBoolean(), inspected.toString());
            assertTrue(inspected.getAsJsonObject("data").get("text/plain").getAsString().contains("int Math.max(int"), inspected.toString());
        }
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static void assertCompletes(String cell, String expected) throws Exception {
        JsonObject reply = complete(cell).content();
        assertTrue(matches(reply).contains(expected), cell + " -> " + reply);
        String typed = cell.replaceAll("(?s).*?([\\w$]*)$", "$1");
        assertEquals(cell.length() - typed.length(), reply.get("cursor_start").getAsInt(), cell);
        assertEquals(cell.length(), reply.get("cursor_end").getAsInt(), cell);
    }

    private static Message complete(String cell) throws Exception {
        return complete(KERNEL.client(), cell, cell.codePointCount(0, cell.length()));
    }

    private static Message complete(String cell, int cursor) throws Exception {
        return complete(KERNEL.client(), cell, cursor);
    }

    private static Message complete(KernelClient client, String cell, int cursor) throws Exception {
        JsonObject content = new JsonObject();
        content.addProperty("code", cell);
        content.addProperty("cursor_pos", cursor);
        Message request = client.send(Channel.SHELL, "complete_request", content);
        Message reply = client.reply(Channel.SHELL, request, REPLY);
        assertEquals("ok", reply.contentString("status", ""), reply.content().toString());
        return reply;
    }

    private static List<String> matches(JsonObject reply) {
        List<String> matches = new ArrayList<>();
        for (JsonElement match : reply.getAsJsonArray("matches")) {
            matches.add(match.getAsString());
        }
        return matches;
    }

    private static JsonObject typeOf(JsonObject reply, String text) {
        for (JsonElement type : reply.getAsJsonObject("metadata").getAsJsonArray("_jupyter_types_experimental")) {
            if (type.getAsJsonObject().get("text").getAsString().equals(text)) {
                return type.getAsJsonObject();
            }
        }
        throw new AssertionError("no type for " + text + " in " + reply);
    }

    private static JsonObject inspectContent(String cell, int cursor, int detail) {
        JsonObject content = new JsonObject();
        content.addProperty("code", cell);
        content.addProperty("cursor_pos", cursor);
        content.addProperty("detail_level", detail);
        return content;
    }

    private static JsonObject inspect(String cell, int cursor, int detail) throws Exception {
        Message request = KERNEL.client().send(Channel.SHELL, "inspect_request", inspectContent(cell, cursor, detail));
        Message reply = KERNEL.client().reply(Channel.SHELL, request, REPLY);
        assertEquals("ok", reply.contentString("status", ""), reply.content().toString());
        assertTrue(reply.contentFlag("found", false), cell + " -> " + reply.content());
        return reply.content().getAsJsonObject("data");
    }
}
