package asyncrt.kernel.shell;

import asyncrt.kernel.protocol.content.ShutdownReply;
import asyncrt.kernel.protocol.content.ShutdownRequest;
import java.util.function.Consumer;

/** Answers {@code shutdown_request}, then has the kernel shut down (a restart is the front end's to do). */
public final class ShutdownHandler implements RequestHandler {

    private final Consumer<Boolean> shutdown;

    /** @param shutdown ends the kernel; told whether a restart follows */
    public ShutdownHandler(Consumer<Boolean> shutdown) {
        this.shutdown = shutdown;
    }

    @Override
    public void handle(Request request) {
        boolean restart = request.content(ShutdownRequest.class).restart();
        request.reply(new ShutdownReply("ok", restart));
        shutdown.accept(restart);
    }
}
