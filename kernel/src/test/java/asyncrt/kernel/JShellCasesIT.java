package asyncrt.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import asyncrt.kernel.testing.Execution;
import asyncrt.kernel.testing.KernelProcess;
import asyncrt.kernel.testing.SharedKernel;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What JJava users complain of, and what learners do: redefining a method's signature, classes that depend
 * on each other across cells, asyncrt's names with no import, values shown as JShell shows them.
 */
class JShellCasesIT {

    private static final Duration PROMPT = Duration.ofSeconds(60);

    @RegisterExtension
    static final SharedKernel KERNEL = new SharedKernel(KernelProcess.builder());



    @Test
    void redefiningAMethodSignatureDoesNotHang() throws Exception {
        run("int twice(int x) { return 2 * x; }");
        run("int useTwice() { return twice(21); }");
        assertEquals("42", run("useTwice()").result());
        run("long twice(int x) { return 3L * x; }");
        Execution broken = run("useTwice()");
        assertEquals("error", broken.status(), "the caller no longer compiles against the new signature: " + broken);
        run("int useTwice() { return (int) twice(21); }");
        assertEquals("63", run("useTwice()").result());
        run("String twice(String s) { return s + s; }");
        assertEquals("\"abab\"", run("twice(\"ab\")").result());
        assertEquals("6", run("twice(2)").result());
    }

    @Test
    void mutuallyDependentClassesInSeparateCells() throws Exception {
        Execution first = run("class Node { Edge first; String name = \"n\"; }");
        assertEquals("ok", first.status());
        assertTrue(first.stream("stderr").contains("cannot be used until class Edge is declared")
                || first.stream("stderr").contains("Edge"), first.toString());
        run("class Edge { Node from; Node to; }");
        assertEquals("true", run("var n = new Node(); n.first = new Edge(); n.first.from = n; n.first.from == n").result());
    }

    @Test
    void methodCalledBeforeItsDependencyExists() throws Exception {
        run("int total() { return helper() + 1; }");
        Execution early = run("total()");
        assertEquals("UnresolvedReference", early.ename(), early.toString());
        assertTrue(early.reply().contentString("evalue", "").contains("helper"), early.toString());
        run("int helper() { return 41; }");
        assertEquals("42", run("total()").result());
    }

    @Test
    void asyncrtNamesNeedNoImport() throws Exception {
        run("Coroutine<String> greet(String who) { return async(() -> { await(sleep(0.01)); return \"hello \" + who; }); }");
        assertEquals("\"hello asyncio\"", run("Asyncio.run(greet(\"asyncio\"))").result());
        Execution future = run("Future<String> pending = null; pending == null");
        assertEquals("true", future.result(), "Future is asyncrt's, not java.util.concurrent's: " + future);
        assertEquals("ok", run("Task<String> t = null; EventLoop loop = null; ContextVar<String> v = null; CancelledError c = null;").status());
        for (String type : new String[] {"tasks.Future", "queues.Queue", "queues.PriorityQueue", "locks.Semaphore",
                "locks.Lock", "locks.Condition", "streams.Server", "Asyncio"}) {
            String simple = type.substring(type.lastIndexOf('.') + 1);
            assertEquals("\"asyncrt." + type + "\"", run(simple + ".class.getName()").result(),
                    simple + " names asyncrt's type, also where java.util's or java.util.concurrent's has that name");
        }
        Execution gathered = run("Asyncio.run(async(() -> await(gather(greet(\"a\"), greet(\"b\"))).toString()))");
        assertTrue(gathered.result().contains("hello a"), gathered.toString());
    }

    @Test
    void aLearnersImportOfAStartupNameKeepsTheOtherImports() throws Exception {
        for (String again : new String[] {"import static asyncrt.kernel.display.Display.display;", "import java.util.*;",
                "import static asyncrt.Asyncio.*;"}) {
            assertEquals("ok", run(again).status(), again);
            assertEquals("\"2020-01-01\"", run("LocalDate.of(2020, 1, 1).toString()").result(), "java.time after " + again);
            assertEquals("\"asyncrt.tasks.Future\"", run("Future.class.getName()").result(), "asyncrt's Future after " + again);
            assertEquals("ok", run("markdown(\"*x*\"); Asyncio.run(sleep(0));").status(), "display and asyncrt after " + again);
        }
    }

    @Test
    void theKernelsOwnLibrariesAreHidden() throws Exception {
        assertEquals("CompilationError", run("new com.google.gson.Gson()").ename());
        Execution zmq = run("Class.forName(\"org.zeromq.ZMQ\")");
        assertEquals("java.lang.ClassNotFoundException", zmq.ename(), zmq.toString());
        assertEquals("ok", run("Class.forName(\"asyncrt.Asyncio\")").status(), "asyncrt is there");
    }

    @Test
    void trailingSemicolonHidesTheValue() throws Exception {
        assertEquals(null, run("List<Integer> items = new ArrayList<>(); items.add(1);").result());
        assertEquals("true", run("items.add(2)").result());
        assertEquals("[1, 2]", run("items").result());
    }

    @Test
    void aCommentAfterTheSemicolonStillHidesTheValue() throws Exception {
        assertEquals(null, run("Math.max(1, 2); // quiet").result());
        assertEquals(null, run("Math.max(1, 2); /* quiet */").result());
        assertEquals("2", run("Math.max(1, 2) // shown").result());
        assertEquals("\"a;\"", run("\"a;\" // a semicolon in a string is not the statement's").result());
        assertEquals("\"// ;\"", run("\"// ;\"").result());
    }

    @Test
    void constantExpressionsAgreeWithJava() throws Exception {
        assertEquals("2", run("1+1").result());
        assertEquals("\"a1\"", run("\"a\" + 1").result());
        assertEquals("2.5", run("10 / 4.0").result());
        assertEquals("-2147483648", run("2147483647 + 1").result());
        assertEquals("'a'", run("'a'").result());
        Execution division = run("1 / 0");
        assertEquals("java.lang.ArithmeticException", division.ename(), "JShell reports it, as Java would");
    }

    @Test
    void richValuesRender() throws Exception {
        run("record Money(int cents) { public String toHtml() { return \"<b>\" + cents + \"¢</b>\"; } }");
        Execution money = run("new Money(5)");
        var data = money.ofType("execute_result").getFirst().content().getAsJsonObject("data");
        assertEquals("<b>5¢</b>", data.get("text/html").getAsString());
        assertEquals("Money[cents=5]", data.get("text/plain").getAsString());

        Execution updates = run("display(html(\"<p>0%</p>\"), \"progress\"); updateDisplay(\"progress\", html(\"<p>100%</p>\")); clearOutput(true);");
        assertEquals("progress", updates.ofType("display_data").getFirst().content().getAsJsonObject("transient")
                .get("display_id").getAsString());
        var update = updates.ofType("update_display_data").getFirst().content();
        assertEquals("<p>100%</p>", update.getAsJsonObject("data").get("text/html").getAsString());
        assertEquals("progress", update.getAsJsonObject("transient").get("display_id").getAsString());
        assertTrue(updates.ofType("clear_output").getFirst().contentFlag("wait", false));

        Execution png = run("var img = new java.awt.image.BufferedImage(4, 4, java.awt.image.BufferedImage.TYPE_INT_ARGB); img");
        assertTrue(png.ofType("execute_result").getFirst().content().getAsJsonObject("data").has("image/png"));
        Execution svg = run("svg(\"<svg xmlns='http://www.w3.org/2000/svg' width='2' height='2'/>\")");
        assertTrue(svg.ofType("execute_result").getFirst().content().getAsJsonObject("data").has("image/svg+xml"));
    }

    private static Execution run(String code) throws Exception {
        return KERNEL.client().execute(code, PROMPT, false);
    }
}
