package asyncrt.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import asyncrt.kernel.protocol.Message;
import asyncrt.kernel.testing.KernelClient;
import asyncrt.kernel.testing.KernelClient.Channel;
import asyncrt.kernel.testing.KernelProcess;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The history is kept across kernel restarts, and a shutdown request ends the process. */
class HistoryIT {

    @Test
    void historySurvivesARestart() throws Exception {
        Path history = Files.createTempDirectory("history").resolve("history.jsonl");
        try (KernelProcess first = KernelProcess.builder().history(history).start()) {
            first.client().execute("int fromFirstSession = 1;");
            first.client().execute("fromFirstSession + 1");
            JsonObject shutdown = new JsonObject();
            shutdown.addProperty("restart", true);
            Message request = first.client().send(Channel.CONTROL, "shutdown_request", shutdown);
            Message reply = first.client().reply(Channel.CONTROL, request, Duration.ofSeconds(30));
            assertTrue(reply.contentFlag("restart", false));
            assertTrue(first.waitForExit(Duration.ofSeconds(30)), "the kernel exits after shutdown_request");
        }
        try (KernelProcess second = KernelProcess.builder().history(history).start()) {
            KernelClient client = second.client();
            client.execute("String inSecond = \"two\";");
            JsonArray tail = history(client, "tail", 10, 0, 0);
            assertTrue(tail.toString().contains("int fromFirstSession = 1;"), tail.toString());
            assertTrue(tail.toString().contains("inSecond"), tail.toString());
            JsonArray previous = history(client, "range", 0, -1, 1);
            assertEquals(2, previous.size(), previous.toString());
            assertEquals(1, previous.get(0).getAsJsonArray().get(0).getAsInt(), "session 1");
            assertEquals("int fromFirstSession = 1;", previous.get(0).getAsJsonArray().get(2).getAsString());
            JsonArray current = history(client, "range", 0, 0, 1);
            assertEquals(1, current.size(), current.toString());
            assertEquals(2, current.get(0).getAsJsonArray().get(0).getAsInt(), "session 2");
        }
    }

    private static JsonArray history(KernelClient client, String type, int n, int session, int start) throws Exception {
        JsonObject content = new JsonObject();
        content.addProperty("hist_access_type", type);
        content.addProperty("output", false);
        content.addProperty("raw", true);
        content.addProperty("n", n);
        content.addProperty("session", session);
        content.addProperty("start", start);
        content.addProperty("stop", 0);
        Message request = client.send(Channel.SHELL, "history_request", content);
        return client.reply(Channel.SHELL, request, Duration.ofSeconds(60)).content().getAsJsonArray("history");
    }
}
