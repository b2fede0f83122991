package asyncrt.streams;

import static asyncrt.Asyncio.async;
import static asyncrt.Asyncio.await;
import static asyncrt.Asyncio.createTask;
import static asyncrt.Asyncio.gather;
import static asyncrt.Asyncio.openConnection;
import static org.junit.jupiter.api.Assertions.assertEquals;

import asyncrt.Asyncio;
import asyncrt.coroutines.Coroutine;
import asyncrt.tasks.Task;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A line echo server on real loopback sockets with many concurrent clients. */
@Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EchoServerTest {
    static final int CLIENTS = 1_000;
    static final int MESSAGES = 100;

    /** Echoes each line back until the client closes its side. */
    static Coroutine<Void> echo(StreamReader reader, StreamWriter writer) {
        return async(() -> {
            try {
                byte[] line;
                while ((line = await(reader.readline())).length > 0) {
                    writer.write(line);
                    await(writer.drain());
                }
            } finally {
                writer.close();
                await(writer.waitClosed());
            }
        });
    }

    /** Sends MESSAGES lines, checking each echo; returns how many came back intact. */
    static Coroutine<Integer> client(int port, int id) {
        return async(() -> {
            StreamPair conn = await(openConnection("127.0.0.1", port));
            int intact = 0;
            try {
                for (int i = 0; i < MESSAGES; i++) {
                    String message = "client " + id + " message " + i + " " + "x".repeat(id % 50) + "\n";
                    conn.writer().write(message.getBytes(StandardCharsets.UTF_8));
                    await(conn.writer().drain());
                    String echoed = new String(await(conn.reader().readline()), StandardCharsets.UTF_8);
                    if (echoed.equals(message)) {
                        intact++;
                    }
                }
            } finally {
                conn.writer().close();
                await(conn.writer().waitClosed());
            }
            return intact;
        });
    }

    @Test
    void aThousandConcurrentClientsEachGetAHundredMessagesBackIntact() {
        int intact = Asyncio.run(async(() -> {
            // A backlog as large as the crowd: with asyncio's default of 100, the kernel drops the
            // surplus connection attempts and the clients retry after a second or more.
            Server server = await(Streams.startServer(EchoServerTest::echo, "127.0.0.1", 0, StreamReader.DEFAULT_LIMIT, CLIENTS));
            try (server) {
                int port = server.sockets().get(0).socket().getLocalPort();
                List<Task<Integer>> clients = new ArrayList<>();
                for (int id = 0; id < CLIENTS; id++) {
                    clients.add(createTask(client(port, id)));
                }
                int total = 0;
                for (int n : await(gather(clients))) {
                    total += n;
                }
                server.close();
                await(server.waitClosed());
                return total;
            }
        }));
        assertEquals(CLIENTS * MESSAGES, intact);
    }
}
