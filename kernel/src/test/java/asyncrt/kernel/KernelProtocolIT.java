package asyncrt.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import asyncrt.kernel.protocol.Message;
import asyncrt.kernel.testing.Execution;
import asyncrt.kernel.testing.KernelClient;
import asyncrt.kernel.testing.KernelClient.Channel;
import asyncrt.kernel.testing.KernelProcess;
import asyncrt.kernel.testing.SharedKernel;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The kernel started from a connection file and driven over ZeroMQ: the wire protocol, signatures, malformed
 * frames, every channel.
 */
class KernelProtocolIT {

    private static final Duration REPLY = Duration.ofSeconds(60);
    private static final Duration SILENCE = Duration.ofMillis(1500);

    @RegisterExtension
    static final SharedKernel KERNEL = new SharedKernel(KernelProcess.builder());



    @Test
    void kernelInfoOnShellAndControl() throws Exception {
        for (Channel channel : List.of(Channel.SHELL, Channel.CONTROL)) {
            Message request = KERNEL.client().send(channel, "kernel_info_request", new JsonObject());
            Message reply = KERNEL.client().reply(channel, request, REPLY);
            assertEquals("kernel_info_reply", reply.type());
            assertEquals("5.4", reply.contentString("protocol_version", ""));
            JsonObject language = reply.content().getAsJsonObject("language_info");
            assertEquals("java", language.get("name").getAsString());
            assertEquals(".jshell", language.get("file_extension").getAsString());
            assertEquals(request.header(), reply.parentHeader(), "the parent header is the request's header");
            List<Message> status = KERNEL.client().iopubUntilIdle(request, REPLY);
            assertEquals("busy", status.getFirst().contentString("execution_state", ""));
        }
    }

    @Test
    void zeroMqsThreadsAreBatchThreadsOnLinux() throws Exception {
        Assumptions.assumeTrue(System.getProperty("os.name").equals("Linux"), "SCHED_BATCH is Linux's");
        KERNEL.client().send(Channel.SHELL, "kernel_info_request", new JsonObject());
        Map<String, String> policies = schedulingPolicies(KERNEL.process().pid());
        assertEquals("3", policies.get("iothread-2"), "SCHED_BATCH is 3: " + policies);
        assertEquals("0", policies.get("shell"), "the kernel's own threads keep the usual policy: " + policies);
    }

    @Test
    void theOptimisingCompilerWaitsForIdleCoresUntilTheFirstCellIsAnswered() throws Exception {
        Assumptions.assumeTrue(System.getProperty("os.name").equals("Linux"), "SCHED_IDLE is Linux's");
        try (KernelProcess fresh = KernelProcess.start()) {
            fresh.client().send(Channel.SHELL, "kernel_info_request", new JsonObject());
            Map<String, String> starting = schedulingPolicies(fresh.pid());
            assertEquals("5", starting.get("C2 CompilerThre"), "SCHED_IDLE is 5: " + starting);
            assertEquals("ok", fresh.client().execute("1 + 1").status());
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            Map<String, String> started = schedulingPolicies(fresh.pid());
            while (!"0".equals(started.get("C2 CompilerThre")) && System.nanoTime() < deadline) {
                Thread.sleep(20); // the policy changes just after the reply is sent
                started = schedulingPolicies(fresh.pid());
            }
            assertEquals("0", started.get("C2 CompilerThre"), "after the first cell, the usual policy: " + started);
        }
    }

    /** Each thread's scheduling policy by name: the 41st field of /proc/PID/task/TID/stat. */
    private static Map<String, String> schedulingPolicies(long pid) throws Exception {
        Map<String, String> policies = new TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
            for (Path task : tasks.toList()) {
                String name = Files.readString(task.resolve("comm")).strip();
                String stat = Files.readString(task.resolve("stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                policies.put(name, fields[38]); // the 39th field after the name
            }
        }
        return policies;
    }

    @Test
    void wrongSignatureIsDroppedAndLogged() throws Exception {
        List<byte[]> frames = KERNEL.client().frames("execute_request", KernelClient.executeContent("System.out.println(\"forged\");", false));
        frames.set(1, "0".repeat(64).getBytes(StandardCharsets.US_ASCII));
        KERNEL.client().sendFrames(Channel.SHELL, frames);
        assertNull(KERNEL.client().receive(Channel.SHELL, SILENCE), "a forged message gets no reply");
        assertTrue(KERNEL.process().log().contains("bad signature"), KERNEL.process().log());
        assertStillAnswers();
    }

    @Test
    void missingSignatureIsDropped() throws Exception {
        List<byte[]> frames = KERNEL.client().frames("kernel_info_request", new JsonObject());
        frames.set(1, new byte[0]);
        KERNEL.client().sendFrames(Channel.SHELL, frames);
        assertNull(KERNEL.client().receive(Channel.SHELL, SILENCE));
        assertTrue(KERNEL.process().log().contains("missing signature"), KERNEL.process().log());
        assertStillAnswers();
    }

    @Test
    void replayedMessageIsDropped() throws Exception {
        List<byte[]> frames = KERNEL.client().frames("kernel_info_request", new JsonObject());
        KERNEL.client().sendFrames(Channel.SHELL, frames);
        Message first = KERNEL.client().receive(Channel.SHELL, REPLY);
        assertEquals("kernel_info_reply", first.type());
        KERNEL.client().sendFrames(Channel.SHELL, frames);
        assertNull(KERNEL.client().receive(Channel.SHELL, SILENCE), "the same signed message twice is a replay");
        assertTrue(KERNEL.process().log().contains("replayed"), KERNEL.process().log());
        assertStillAnswers();
    }

    @Test
    void malformedFramesAreDropped() throws Exception {
        byte[] junk = "not json".getBytes(StandardCharsets.UTF_8);
        KERNEL.client().sendFrames(Channel.SHELL, List.of(junk));                                    // no delimiter
        KERNEL.client().sendFrames(Channel.SHELL, List.of("<IDS|MSG>".getBytes(StandardCharsets.US_ASCII), junk)); // too few frames
        List<byte[]> badJson = KERNEL.client().frames("kernel_info_request", new JsonObject());
        badJson.set(2, junk);                                                                // header not JSON (and badly signed)
        KERNEL.client().sendFrames(Channel.SHELL, badJson);
        KERNEL.client().sendFrames(Channel.CONTROL, List.of(new byte[0], new byte[] {(byte) 0xff}));
        assertNull(KERNEL.client().receive(Channel.SHELL, SILENCE));
        assertTrue(KERNEL.process().log().contains("no <IDS|MSG> delimiter"), KERNEL.process().log());
        assertTrue(KERNEL.process().log().contains("frames after the delimiter"), KERNEL.process().log());
        assertStillAnswers();
    }

    @Test
    void heartbeatEchoes() {
        assertTrue(KERNEL.client().heartbeat(REPLY));
    }

    @Test
    void commsAreAnsweredAndRefused() throws Exception {
        Message info = KERNEL.client().send(Channel.SHELL, "comm_info_request", new JsonObject());
        Message reply = KERNEL.client().reply(Channel.SHELL, info, REPLY);
        assertEquals("ok", reply.contentString("status", ""));
        assertTrue(reply.content().getAsJsonObject("comms").isEmpty());

        JsonObject open = new JsonObject();
        open.addProperty("comm_id", "c1");
        open.addProperty("target_name", "no.such.target");
        open.add("data", new JsonObject());
        Message request = KERNEL.client().send(Channel.SHELL, "comm_open", open);
        List<Message> published = KERNEL.client().iopubUntilIdle(request, REPLY);
        assertTrue(published.stream().anyMatch(m -> m.type().equals("comm_close")
                && m.contentString("comm_id", "").equals("c1")), published.toString());

        JsonObject msg = new JsonObject();
        msg.addProperty("comm_id", "unknown");
        msg.add("data", new JsonObject());
        KERNEL.client().send(Channel.SHELL, "comm_msg", msg);
        assertStillAnswers();
    }

    @Test
    void unknownRequestTypeIsIgnored() throws Exception {
        KERNEL.client().send(Channel.SHELL, "frobnicate_request", new JsonObject());
        assertNull(KERNEL.client().receive(Channel.SHELL, SILENCE));
        assertStillAnswers();
    }

    @Test
    void executeRoundTripPublishesInOrder() throws Exception {
        Execution run = KERNEL.client().execute("6 * 7");
        assertEquals("ok", run.status());
        List<String> types = run.iopub().stream().map(Message::type).toList();
        assertEquals(List.of("status", "execute_input", "execute_result", "status"), types);
        assertEquals("42", run.result());
    }

    @Test
    void userExpressionsAreEvaluatedAfterTheCell() throws Exception {
        JsonObject content = KernelClient.executeContent("int base = 6;", false);
        JsonObject expressions = new JsonObject();
        expressions.addProperty("answer", "base * 7");
        expressions.addProperty("broken", "noSuchName");
        content.add("user_expressions", expressions);
        Message request = KERNEL.client().send(Channel.SHELL, "execute_request", content);
        Message reply = KERNEL.client().reply(Channel.SHELL, request, REPLY);
        KERNEL.client().iopubUntilIdle(request, REPLY);
        JsonObject results = reply.content().getAsJsonObject("user_expressions");
        assertEquals("ok", results.getAsJsonObject("answer").get("status").getAsString());
        assertEquals("42", results.getAsJsonObject("answer").getAsJsonObject("data").get("text/plain").getAsString());
        assertEquals("error", results.getAsJsonObject("broken").get("status").getAsString());
    }

    @Test
    void isCompleteCompleteInspectAnswer() throws Exception {
        JsonObject code = new JsonObject();
        code.addProperty("code", "for (int i = 0; i < 3; i++) {");
        Message request = KERNEL.client().send(Channel.SHELL, "is_complete_request", code);
        Message reply = KERNEL.client().reply(Channel.SHELL, request, REPLY);
        assertEquals("incomplete", reply.contentString("status", ""));
        assertEquals("    ", reply.contentString("indent", null));

        KERNEL.client().execute("String greeting = \"hi\";");
        JsonObject complete = new JsonObject();
        String cell = "int base = 2;\nString t = \"\uD83D\uDE00\" + greeting.toUpperC"; // an emoji: 2 chars, 1 code point
        int cursor = cell.codePointCount(0, cell.length());
        complete.addProperty("code", cell);
        complete.addProperty("cursor_pos", cursor);
        request = KERNEL.client().send(Channel.SHELL, "complete_request", complete);
        reply = KERNEL.client().reply(Channel.SHELL, request, REPLY);
        assertTrue(reply.content().getAsJsonArray("matches").toString().contains("toUpperCase("), reply.content().toString());
        assertEquals(cursor - "toUpperC".length(), reply.contentInt("cursor_start", -1));
        assertEquals(cursor, reply.contentInt("cursor_end", -1));

        JsonObject inspect = new JsonObject();
        inspect.addProperty("code", "Math.abs");
        inspect.addProperty("cursor_pos", 6);
        inspect.addProperty("detail_level", 0);
        request = KERNEL.client().send(Channel.SHELL, "inspect_request", inspect);
        reply = KERNEL.client().reply(Channel.SHELL, request, REPLY);
        assertTrue(reply.contentFlag("found", false));
        assertTrue(reply.content().getAsJsonObject("data").get("text/plain").getAsString().contains("Math.abs("));
    }

    @Test
    void stdinInputRequestIsAnswered() throws Exception {
        Message request = KERNEL.client().send(Channel.SHELL, "execute_request", KernelClient.executeContent(
                "var in = new java.util.Scanner(System.in); System.out.print(\"name? \"); String who = in.nextLine(); \"hi \" + who", true));
        Message inputRequest = KERNEL.client().receive(Channel.STDIN, REPLY);
        assertEquals("input_request", inputRequest.type());
        JsonObject answer = new JsonObject();
        answer.addProperty("value", "Ada");
        KERNEL.client().send(Channel.STDIN, "input_reply", answer);
        Message reply = KERNEL.client().reply(Channel.SHELL, request, REPLY);
        assertEquals("ok", reply.contentString("status", ""), reply.content().toString());
        List<Message> published = KERNEL.client().iopubUntilIdle(request, REPLY);
        assertTrue(published.stream().anyMatch(m -> m.type().equals("execute_result")
                && m.content().toString().contains("hi Ada")), published.toString());
    }

    @Test
    void readingStdinWithoutAllowStdinFailsClearly() throws Exception {
        Execution run = KERNEL.client().execute("new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).readLine()");
        assertEquals("error", run.status());
        assertTrue(run.traceback().contains("allow_stdin is false"), run.traceback());
    }

    @Test
    void stopOnErrorAbortsQueuedExecutions() throws Exception {
        Message failing = KERNEL.client().send(Channel.SHELL, "execute_request",
                KernelClient.executeContent("Thread.sleep(500); throw new RuntimeException(\"first fails\");", false));
        Message queued1 = KERNEL.client().send(Channel.SHELL, "execute_request", KernelClient.executeContent("int neverA = 1;", false));
        Message queued2 = KERNEL.client().send(Channel.SHELL, "execute_request", KernelClient.executeContent("int neverB = 2;", false));
        assertEquals("error", KERNEL.client().reply(Channel.SHELL, failing, REPLY).contentString("status", ""));
        assertEquals("aborted", KERNEL.client().reply(Channel.SHELL, queued1, REPLY).contentString("status", ""));
        assertEquals("aborted", KERNEL.client().reply(Channel.SHELL, queued2, REPLY).contentString("status", ""));
        KERNEL.client().drainIopub(Duration.ofMillis(500));
        Execution check = KERNEL.client().execute("neverA");
        assertEquals("error", check.status(), "the aborted cell never ran");
    }

    @Test
    void historyIsAnswered() throws Exception {
        KERNEL.client().execute("int historyProbe = 99;");
        JsonObject content = new JsonObject();
        content.addProperty("hist_access_type", "search");
        content.addProperty("pattern", "int historyProbe*");
        content.addProperty("output", false);
        content.addProperty("raw", true);
        Message request = KERNEL.client().send(Channel.SHELL, "history_request", content);
        Message reply = KERNEL.client().reply(Channel.SHELL, request, REPLY);
        assertTrue(reply.content().getAsJsonArray("history").toString().contains("int historyProbe = 99;"));
    }

    private static void assertStillAnswers() throws Exception {
        Execution run = KERNEL.client().execute("1 + 2");
        assertEquals("3", run.result());
        assertFalse(KERNEL.process().log().contains("Exception in thread"), KERNEL.process().log());
    }
}
