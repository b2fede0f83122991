package reliability;

import static asyncrt.Asyncio.async;
import static asyncrt.Asyncio.await;
import static asyncrt.Asyncio.sleep;
import static asyncrt.Asyncio.startServer;

import asyncrt.Asyncio;
import asyncrt.streams.Server;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A server whose client handler fails, as a program of its own outside asyncrt's packages (so that its frames
 * are a reader's code): {@code handler} raises in the handler, {@code reset} has the client reset the connection
 * while the handler reads; {@code debug} as a second argument runs the loop in debug mode. What the loop's
 * default exception handler writes to standard error is what ReliabilityIT compares with asyncio's.
 */
public final class ServerErrorScript {

    private ServerErrorScript() {
    }

    public static void main(String[] args) {
        String kind = args[0];
        Asyncio.run(async(() -> {
            Server server = await(startServer((reader, writer) -> async(() -> {
                if (kind.equals("handler")) {
                    throw new IllegalStateException("boom");
                }
                return await(reader.readline());
            }), "127.0.0.1", 0));
            try (Socket client = new Socket("127.0.0.1", server.sockets().get(0).socket().getLocalPort())) {
                if (kind.equals("reset")) {
                    client.getOutputStream().write("half a li".getBytes(StandardCharsets.UTF_8));
                    await(sleep(0.1));
                    client.setSoLinger(true, 0);
                }
            }
            await(sleep(0.3));
            server.close();
            return null;
        }), args.length > 1 && args[1].equals("debug"));
    }
}
