package asyncrt.streams;

import static asyncrt.Asyncio.async;
import static asyncrt.Asyncio.await;
import static asyncrt.Asyncio.openConnection;
import static asyncrt.Asyncio.sleep;
import static asyncrt.Asyncio.startServer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import asyncrt.Asyncio;
import asyncrt.sockets.ConnectionRefusedError;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code Server.close()} stops listening at once, as CPython's does: the very next connection attempt is refused. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ServerCloseTest {

    @Test
    void aClientConnectingRightAfterCloseIsRefused() {
        List<String> handled = new ArrayList<>();
        Asyncio.run(async(() -> {
            Server server = await(startServer((reader, writer) -> async(() -> {
                handled.add("a connection got in");
                writer.close();
            }), "127.0.0.1", 0));
            int port = server.sockets().get(0).socket().getLocalPort();
            server.close();
            // In the same callback: no turn of the loop in between. A blocking connect is refused by the
            // system at once, or succeeds (queued in the backlog) if the socket were still listening.
            try (Socket client = new Socket()) {
                assertThrows(ConnectException.class, () -> client.connect(new InetSocketAddress("127.0.0.1", port), 5000));
            }
            assertThrows(ConnectionRefusedError.class, () -> await(openConnection("127.0.0.1", port)));
            assertTrue(server.sockets().isEmpty());
            await(server.waitClosed());
            await(sleep(0.01));
        }));
        assertEquals(List.of(), handled);
    }
}
