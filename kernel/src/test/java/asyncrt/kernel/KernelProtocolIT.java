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
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The kernel started from a connection file and driven over ZeroMQ: the wire protocol, signatures, malformed
 * frames, every channel.
 */
class KernelProtocolIT {

    private static final Duration REPLY = Duration.ofSeconds(60);
    private static final Duration SILENCE = Duration.ofMillis(1500);

    private static KernelProcess kernel;
    private static KernelClient client;

    @BeforeAll
    static void start() throws Exception {
        kernel = KernelProcess.start();
        client = kernel.client();
    }

    @AfterAll
    static void stop() throws Exception {
        kernel.close();
    }

    @Test
    void kernelInfoOnShellAndControl() throws Exception {
        for (Channel channel : List.of(Channel.SHELL, Channel.CONTROL)) {
            Message request = client.send(channel, "kernel_info_request", new JsonObject());
            Message reply = client.reply(channel, request, REPLY);
            assertEquals("kernel_info_reply", reply.type());
            assertEquals("5.4", reply.contentString("protocol_version", ""));
            JsonObject language = reply.content().getAsJsonObject("language_info");
            assertEquals("java", language.get("name").getAsString());
            assertEquals(".jshell", language.get("file_extension").getAsString());
            assertEquals(request.header(), reply.parentHeader(), "the parent header is the request's header");
            List<Message> status = client.iopubUntilIdle(request, REPLY);
            assertEquals("busy", status.getFirst().contentString("execution_state", ""));
        }
    }

    @Test
    void wrongSignatureIsDroppedAndLogged() throws Exception {
        List<byte[]> frames = client.frames("execute_request", KernelClient.executeContent("System.out.println(\"forged\");", false));
        frames.set(1, "0".repeat(64).getBytes(StandardCharsets.US_ASCII));
        client.sendFrames(Channel.SHELL, frames);
        assertNull(client.receive(Channel.SHELL, SILENCE), "a forged message gets no reply");
        assertTrue(kernel.log().contains("bad signature"), kernel.log());
        assertStillAnswers();
    }

    @Test
    void missingSignatureIsDropped() throws Exception {
        List<byte[]> frames = client.frames("kernel_info_request", new JsonObject());
        frames.set(1, new byte[0]);
        client.sendFrames(Channel.SHELL, frames);
        assertNull(client.receive(Channel.SHELL, SILENCE));
        assertTrue(kernel.log().contains("missing signature"), kernel.log());
        assertStillAnswers();
    }

    @Test
    void replayedMessageIsDropped() throws Exception {
        List<byte[]> frames = client.frames("kernel_info_request", new JsonObject());
        client.sendFrames(Channel.SHELL, frames);
        Message first = client.receive(Channel.SHELL, REPLY);
        assertEquals("kernel_info_reply", first.type());
        client.sendFrames(Channel.SHELL, frames);
        assertNull(client.receive(Channel.SHELL, SILENCE), "the same signed message twice is a replay");
        assertTrue(kernel.log().contains("replayed"), kernel.log());
        assertStillAnswers();
    }

    @Test
    void malformedFramesAreDropped() throws Exception {
        byte[] junk = "not json".getBytes(StandardCharsets.UTF_8);
        client.sendFrames(Channel.SHELL, List.of(junk));                                    // no delimiter
        client.sendFrames(Channel.SHELL, List.of("<IDS|MSG>".getBytes(StandardCharsets.US_ASCII), junk)); // too few frames
        List<byte[]> badJson = client.frames("kernel_info_request", new JsonObject());
        badJson.set(2, junk);                                                                // header not JSON (and badly signed)
        client.sendFrames(Channel.SHELL, badJson);
        client.sendFrames(Channel.CONTROL, List.of(new byte[0], new byte[] {(byte) 0xff}));
        assertNull(client.receive(Channel.SHELL, SILENCE));
        assertTrue(kernel.log().contains("no <IDS|MSG> delimiter"), kernel.log());
        assertTrue(kernel.log().contains("frames after the delimiter"), kernel.log());
        assertStillAnswers();
    }

    @Test
    void heartbeatEchoes() {
        assertTrue(client.heartbeat(REPLY));
    }

    @Test
    void commsAreAnsweredAndRefused() throws Exception {
        Message info = client.send(Channel.SHELL, "comm_info_request", new JsonObject());
        Message reply = client.reply(Channel.SHELL, info, REPLY);
        assertEquals("ok", reply.contentString("status", ""));
        assertTrue(reply.content().getAsJsonObject("comms").isEmpty());

        JsonObject open = new JsonObject();
        open.addProperty("comm_id", "c1");
        open.addProperty("target_name", "no.such.target");
        open.add("data", new JsonObject());
        Message request = client.send(Channel.SHELL, "comm_open", open);
        List<Message> published = client.iopubUntilIdle(request, REPLY);
        assertTrue(published.stream().anyMatch(m -> m.type().equals("comm_close")
                && m.contentString("comm_id", "").equals("c1")), published.toString());

        JsonObject msg = new JsonObject();
        msg.addProperty("comm_id", "unknown");
        msg.add("data", new JsonObject());
        client.send(Channel.SHELL, "comm_msg", msg);
        assertStillAnswers();
    }

    @Test
    void unknownRequestTypeIsIgnored() throws Exception {
        client.send(Channel.SHELL, "frobnicate_request", new JsonObject());
        assertNull(client.receive(Channel.SHELL, SILENCE));
        assertStillAnswers();
    }

    @Test
    void executeRoundTripPublishesInOrder() throws Exception {
        Execution run = client.execute("6 * 7");
        assertEquals("ok", run.status());
        List<String> types = run.iopub().stream().map(Message::type).toList();
        assertEquals(List.of("status", "execute_input", "execute_result", "status"), types);
        assertEquals("42", run.result());
    }

    @Test
    void isCompleteCompleteInspectAnswer() throws Exception {
        JsonObject code = new JsonObject();
        code.addProperty("code", "for (int i = 0; i < 3; i++) {");
        Message request = client.send(Channel.SHELL, "is_complete_request", code);
        Message reply = client.reply(Channel.SHELL, request, REPLY);
        assertEquals("incomplete", reply.contentString("status", ""));
        assertEquals("    ", reply.contentString("indent", null));

        client.execute("String greeting = \"hi\";");
        JsonObject complete = new JsonObject();
        String cell = "int base = 2;\nString t = \"\uD83D\uDE00\" + greeting.toUpperC"; // an emoji: 2 chars, 1 code point
        int cursor = cell.codePointCount(0, cell.length());
        complete.addProperty("code", cell);
        complete.addProperty("cursor_pos", cursor);
        request = client.send(Channel.SHELL, "complete_request", complete);
        reply = client.reply(Channel.SHELL, request, REPLY);
        assertTrue(reply.content().getAsJsonArray("matches").toString().contains("toUpperCase("), reply.content().toString());
        assertEquals(cursor - "toUpperC".length(), reply.contentInt("cursor_start", -1));
        assertEquals(cursor, reply.contentInt("cursor_end", -1));

        JsonObject inspect = new JsonObject();
        inspect.addProperty("code", "Math.abs");
        inspect.addProperty("cursor_pos", 6);
        inspect.addProperty("detail_level", 0);
        request = client.send(Channel.SHELL, "inspect_request", inspect);
        reply = client.reply(Channel.SHELL, request, REPLY);
        assertTrue(reply.contentFlag("found", false));
        assertTrue(reply.content().getAsJsonObject("data").get("text/plain").getAsString().contains("Math.abs("));
    }

    @Test
    void stdinInputRequestIsAnswered() throws Exception {
        Message request = client.send(Channel.SHELL, "execute_request", KernelClient.executeContent(
                "var in = new java.util.Scanner(System.in); System.out.print(\"name? \"); String who = in.nextLine(); \"hi \" + who", true));
        Message inputRequest = client.receive(Channel.STDIN, REPLY);
        assertEquals("input_request", inputRequest.type());
        JsonObject answer = new JsonObject();
        answer.addProperty("value", "Ada");
        client.send(Channel.STDIN, "input_reply", answer);
        Message reply = client.reply(Channel.SHELL, request, REPLY);
        assertEquals("ok", reply.contentString("status", ""), reply.content().toString());
        List<Message> published = client.iopubUntilIdle(request, REPLY);
        assertTrue(published.stream().anyMatch(m -> m.type().equals("execute_result")
                && m.content().toString().contains("hi Ada")), published.toString());
    }

    @Test
    void readingStdinWithoutAllowStdinFailsClearly() throws Exception {
        Execution run = client.execute("new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).readLine()");
        assertEquals("error", run.status());
        assertTrue(run.traceback().contains("allow_stdin is false"), run.traceback());
    }

    @Test
    void stopOnErrorAbortsQueuedExecutions() throws Exception {
        Message failing = client.send(Channel.SHELL, "execute_request",
                KernelClient.executeContent("Thread.sleep(500); throw new RuntimeException(\"first fails\");", false));
        Message queued1 = client.send(Channel.SHELL, "execute_request", KernelClient.executeContent("int neverA = 1;", false));
        Message queued2 = client.send(Channel.SHELL, "execute_request", KernelClient.executeContent("int neverB = 2;", false));
        assertEquals("error", client.reply(Channel.SHELL, failing, REPLY).contentString("status", ""));
        assertEquals("aborted", client.reply(Channel.SHELL, queued1, REPLY).contentString("status", ""));
        assertEquals("aborted", client.reply(Channel.SHELL, queued2, REPLY).contentString("status", ""));
        client.drainIopub(Duration.ofMillis(500));
        Execution check = client.execute("neverA");
        assertEquals("error", check.status(), "the aborted cell never ran");
    }

    @Test
    void historyIsAnswered() throws Exception {
        client.execute("int historyProbe = 99;");
        JsonObject content = new JsonObject();
        content.addProperty("hist_access_type", "search");
        content.addProperty("pattern", "int historyProbe*");
        content.addProperty("output", false);
        content.addProperty("raw", true);
        Message request = client.send(Channel.SHELL, "history_request", content);
        Message reply = client.reply(Channel.SHELL, request, REPLY);
        assertTrue(reply.content().getAsJsonArray("history").toString().contains("int historyProbe = 99;"));
    }

    private static void assertStillAnswers() throws Exception {
        Execution run = client.execute("1 + 2");
        assertEquals("3", run.result());
        assertFalse(kernel.log().contains("Exception in thread"), kernel.log());
    }
}
