package asyncrt.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import asyncrt.kernel.protocol.Message;
import asyncrt.kernel.testing.Execution;
import asyncrt.kernel.testing.KernelClient;
import asyncrt.kernel.testing.KernelClient.Channel;
import asyncrt.kernel.testing.KernelProcess;
import asyncrt.kernel.testing.SharedKernel;
import com.google.gson.JsonObject;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a JJava user expects of a Java kernel (issue 17, items 3-9), through a real kernel over ZeroMQ: rich
 * display of any object with {@code toHtml()} and kin, JJava's display API ({@code display} returning the id,
 * {@code display(x, mime)}, {@code render}, {@code updateDisplay}), {@code java.class.path} kept current,
 * cell magics incomplete without a body, {@code java.time} imported, {@code %timeit} and {@code %time} measuring
 * what they say, a note when a redefinition resets a variable, and the kernel's log at WARN.
 */
class JJavaCompatIT {

    private static final Duration PROMPT = Duration.ofSeconds(60);

    /** At the kernel's own log level (the other kernel tests ask for debug). */
    @RegisterExtension
    static final SharedKernel KERNEL = new SharedKernel(KernelProcess.builder().env("ASYNCRT_KERNEL_LOG_LEVEL", ""));

    @Test
    void anyObjectWithRichMethodsRendersRichly() throws Exception {
        // A plain class declared in a cell: its toString is Object's (REPL.$JShell$12$H@1b), not JShell's text.
        run("""
                class H {
                    public String toHtml() { return "<b>h</b>"; }
                    public String toMarkdown() { return "**h**"; }
                    public String toSvg() { return "<svg xmlns='http://www.w3.org/2000/svg' width='1' height='1'/>"; }
                }""");
        JsonObject data = result(run("new H()"));
        assertEquals("<b>h</b>", data.get("text/html").getAsString(), data.toString());
        assertEquals("**h**", data.get("text/markdown").getAsString());
        assertTrue(data.has("image/svg+xml"), data.toString());
        assertTrue(data.get("text/plain").getAsString().matches("H@[0-9a-f]+"), "JShell's text, no wrapper names: " + data);

        run("class Pic { public byte[] toPng() { return new byte[] {(byte) 0x89, 'P', 'N', 'G'}; } }");
        assertEquals("iVBORw==", result(run("new Pic()")).get("image/png").getAsString());
        // A variable's value, and a value whose toString says something else than JShell's text.
        run("var h = new H();");
        assertEquals("<b>h</b>", result(run("h")).get("text/html").getAsString());
        run("class Odd { public String toString() { return \"odd\"; } public String toHtml() { return \"<i>odd</i>\"; } }");
        assertEquals("<i>odd</i>", result(run("List.of(new Odd()).get(0)")).get("text/html").getAsString());
    }

    @Test
    void jjavaDisplayApi() throws Exception {
        run("class Card { public String toHtml() { return \"<b>card</b>\"; } public String toMarkdown() { return \"**card**\"; } }");
        // display(x) returns the display id, which updateDisplay takes.
        Execution shown = run("String id = display(\"<b>loading</b>\", \"text/html\");");
        assertEquals("ok", shown.status(), shown.toString());
        Message display = shown.ofType("display_data").getFirst();
        assertEquals("<b>loading</b>", display.content().getAsJsonObject("data").get("text/html").getAsString());
        assertEquals("<b>loading</b>", display.content().getAsJsonObject("data").get("text/plain").getAsString());
        String id = displayId(display);
        assertEquals("\"" + id + "\"", run("id").result(), "the id display returned is the output's");

        Execution updated = run("updateDisplay(id, \"<b>done</b>\", \"text/html\");");
        Message update = updated.ofType("update_display_data").getFirst();
        assertEquals(id, displayId(update));
        assertEquals("<b>done</b>", update.content().getAsJsonObject("data").get("text/html").getAsString());
        Execution plainUpdate = run("updateDisplay(id, 42);");
        assertEquals("42", plainUpdate.ofType("update_display_data").getFirst().content().getAsJsonObject("data")
                .get("text/plain").getAsString());

        // Several MIME types at once; a type the value has (toHtml) or does not have.
        Execution several = run("display(\"# T\", \"text/markdown\", \"text/html\");");
        JsonObject both = several.ofType("display_data").getFirst().content().getAsJsonObject("data");
        assertEquals("# T", both.get("text/markdown").getAsString());
        assertEquals("# T", both.get("text/html").getAsString());
        Execution asHtml = run("display(new Card(), \"text/html\");");
        JsonObject onlyHtml = asHtml.ofType("display_data").getFirst().content().getAsJsonObject("data");
        assertEquals("<b>card</b>", onlyHtml.get("text/html").getAsString());
        assertFalse(onlyHtml.has("text/markdown"), "only the type asked for, and text: " + onlyHtml);

        // render(x, mime) returns the bundle without showing it; as a cell's value it shows.
        Execution rendered = run("render(\"*hi*\", \"text/markdown\")");
        assertTrue(rendered.ofType("display_data").isEmpty(), rendered.toString());
        assertEquals("*hi*", result(rendered).get("text/markdown").getAsString());
        assertEquals("**card**", result(run("render(new Card())")).get("text/markdown").getAsString());

        // JSON goes as JSON.
        JsonObject json = result(run("render(\"{\\\"a\\\": 1}\", \"application/json\")"));
        assertEquals(1, json.getAsJsonObject("application/json").get("a").getAsInt(), json.toString());

        // display(x) as a cell's last expression shows the display, not also its id; assigned, the id is a String.
        Execution last = run("display(html(\"<i>x</i>\"))");
        assertEquals(1, last.ofType("display_data").size(), last.toString());
        assertNull(last.result(), "no execute_result with the id: " + last);
        assertEquals("36", run("display(\"x\").length()").result(), "a UUID");

        // A second argument that is not a MIME type is still a display id of the caller's choosing.
        Execution chosen = run("display(\"0%\", \"progress\"); updateDisplay(\"progress\", \"100%\");");
        assertEquals("progress", displayId(chosen.ofType("display_data").getFirst()));
        assertEquals("progress", displayId(chosen.ofType("update_display_data").getFirst()));

        // A null second argument compiles (one varargs method, not two overloads javac finds ambiguous) and says what to pass.
        for (String cell : new String[] {"display(\"x\", null)", "display(\"x\", (String) null)"}) {
            Execution missing = run(cell);
            assertEquals("java.lang.IllegalArgumentException", missing.ename(), missing.toString());
            assertTrue(missing.traceback().contains("to show the value as it is, call display(value)"), missing.traceback());
        }
    }

    @Test
    void classPathPropertyFollowsWhatCellsSee() throws Exception {
        Path classes = Files.createDirectories(KERNEL.process().directory().resolve("cp-classes"));
        Path jars = Files.createDirectories(KERNEL.process().directory().resolve("cp-jars"));
        Path jar = Files.write(jars.resolve("empty.jar"), emptyJar());
        run("%classpath " + classes);
        run("%classpath " + classes);
        run("%jars " + jars + "/*.jar");
        run("%jars " + jars + "/*.jar");
        String property = run("System.getProperty(\"java.class.path\")").result();
        List<String> entries = Arrays.asList(property.substring(1, property.length() - 1).split(File.pathSeparator));
        assertTrue(entries.contains(classes.toAbsolutePath().toString()), property);
        assertTrue(entries.contains(jar.toAbsolutePath().toString()), property);
        assertEquals(entries.size(), entries.stream().distinct().count(), "no duplicates: " + property);
        assertTrue(entries.stream().noneMatch(e -> e.contains("jeromq") || e.contains("gson")),
                "the kernel's own libraries stay out of sight: " + property);
    }

    @Test
    void cellMagicWithoutBodyIsIncomplete() throws Exception {
        assertEquals("incomplete", isComplete("%%timeline"));
        assertEquals("incomplete", isComplete("%%time"));
        assertEquals("incomplete", isComplete("%%time\n"));
        assertEquals("incomplete", isComplete("%%time\nfor (int i = 0; i < 3; i++) {"));
        assertEquals("complete", isComplete("%%time\nint x = 1;"));
        assertEquals("incomplete", isComplete("%%loadFromPOM\n<dependency>"));
        assertEquals("complete", isComplete("%%loadFromPOM\n<dependency></dependency>\n"), "a blank line ends it");
        assertEquals("complete", isComplete("%time"), "a line magic is complete");
        assertEquals("complete", isComplete("int y = 2;"));
    }

    @Test
    void javaTimeIsImported() throws Exception {
        assertEquals(LocalDate.now().getYear(), Integer.parseInt(run("LocalDate.now().getYear()").result()));
        assertEquals("\"PT1M30S\"", run("Duration.ofSeconds(90).toString()").result());
        assertEquals("\"asyncrt.tasks.Future\"", run("Future.class.getName()").result(),
                "asyncrt's Future still wins over java.util.concurrent's");
    }

    @Test
    void timeitConsumesResultsAndGivesAPlausiblePerCallTime() throws Exception {
        Execution timeit = run("%timeit new int[64]");
        String report = timeit.stream("stdout");
        Matcher m = Pattern.compile("([0-9.]+) (ns|µs|ms|s) ± .* per loop \\(mean ± std\\. dev\\. of 7 runs, ([0-9,]+) loops each\\)")
                .matcher(report);
        assertTrue(m.find(), report);
        double nanos = millis(m.group(1), m.group(2)) * 1e6;
        long loops = Long.parseLong(m.group(3).replace(",", ""));
        // Kept by the blackhole, each array is allocated and zeroed; without it the JIT compiler removes the
        // allocation and the loop measures itself (0.3 ns).
        assertTrue(nanos >= 2.0, "an array of 64 ints, allocated and consumed, takes nanoseconds: " + report);
        assertTrue(nanos < 10_000, "and not microseconds: " + report);
        assertTrue(loops <= 10_000_000, "the loops are capped: " + report);
    }

    @Test
    void timeShowsCpuAndWallTime() throws Exception {
        String sleeping = run("%time Thread.sleep(400)").stream("stdout");
        assertTrue(wallMillis(sleeping) >= 400, sleeping);
        assertTrue(cpuMillis(sleeping) < wallMillis(sleeping) / 2, "a sleep waits, it does not compute: " + sleeping);
        // One statement: the time its deadline counts is all running, none of it compiling.
        String spinning = run("%time for (long end = System.nanoTime() + 300_000_000L; System.nanoTime() < end; ) { }")
                .stream("stdout");
        assertTrue(cpuMillis(spinning) > 10, "a busy loop computes: " + spinning);
        assertTrue(cpuMillis(spinning) <= wallMillis(spinning) * 1.2, "one thread, at most its wall time: " + spinning);
    }

    private static double cpuMillis(String report) {
        Matcher m = Pattern.compile("CPU time: ([0-9.]+) (ns|µs|ms|s) \\(the kernel's threads\\)").matcher(report);
        assertTrue(m.find(), report);
        return millis(m.group(1), m.group(2));
    }

    private static double wallMillis(String report) {
        Matcher m = Pattern.compile("Wall time: ([0-9.]+) (ns|µs|ms|s)").matcher(report);
        assertTrue(m.find(), report);
        return millis(m.group(1), m.group(2));
    }

    private static double millis(String number, String unit) {
        return Double.parseDouble(number) * switch (unit) {
            case "ns" -> 1e-6;
            case "µs" -> 1e-3;
            case "ms" -> 1;
            default -> 1000;
        };
    }

    @Test
    void redefiningAClassNotesTheVariablesItResets() throws Exception {
        run("class Box { int v = 1; }");
        run("Box box = new Box(); Box empty = null; int count = 3;");
        Execution redefined = run("class Box { int v = 2; int w; }");
        String note = redefined.stream("stderr");
        assertTrue(note.contains("note: box was reset to null because Box was redefined"), redefined.toString());
        assertFalse(note.contains("empty"), "a variable that held null loses nothing: " + note);
        assertFalse(note.contains("count"), note);
        assertEquals("null", run("box").result());
        assertEquals("2", run("box = new Box(); box.v").result());
    }

    @Test
    void kernelLogIsAtWarnUnlessAskedOtherwise() throws Exception {
        assertEquals("2", run("1 + 1").result());
        String log = KERNEL.process().log();
        assertFalse(log.contains(" INFO ") || log.contains(" DEBUG "), "warnings and errors only: " + log);
        try (KernelProcess chatty = KernelProcess.builder().env("ASYNCRT_KERNEL_LOG_LEVEL", "info").start()) {
            assertEquals("2", chatty.client().execute("1 + 1").result());
            assertTrue(chatty.log().contains(" INFO "), chatty.log());
        }
    }

    private static JsonObject result(Execution execution) {
        Message result = execution.ofType("execute_result").stream().findFirst()
                .orElseThrow(() -> new AssertionError("no execute_result: " + execution));
        return result.content().getAsJsonObject("data");
    }

    private static String displayId(Message message) {
        JsonObject transientPart = message.content().getAsJsonObject("transient");
        assertNotNull(transientPart, message.content().toString());
        return transientPart.get("display_id").getAsString();
    }

    private static String isComplete(String code) throws Exception {
        JsonObject content = new JsonObject();
        content.addProperty("code", code);
        KernelClient client = KERNEL.client();
        Message request = client.send(Channel.SHELL, "is_complete_request", content);
        return client.reply(Channel.SHELL, request, PROMPT).contentString("status", "").toLowerCase(Locale.ROOT);
    }

    private static byte[] emptyJar() throws Exception {
        var bytes = new java.io.ByteArrayOutputStream();
        try (var jar = new java.util.jar.JarOutputStream(bytes)) {
            jar.putNextEntry(new java.util.jar.JarEntry("empty.txt"));
            jar.closeEntry();
        }
        return bytes.toByteArray();
    }

    private static Execution run(String code) throws Exception {
        return KERNEL.client().execute(code, PROMPT, false);
    }
}
