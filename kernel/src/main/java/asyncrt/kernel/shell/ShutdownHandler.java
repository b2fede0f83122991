package asyncrt.kernel.shell;

import com.google.gson.JsonObject;
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
        boolean restart = request.message().contentFlag("restart", false);
        JsonObject content = new JsonObject();
        content.addProperty("status", "ok");
        content.addProperty("restart", restart);
        request.reply("shutdown_reply", content);
        shutdown.accept(restart);
    }
}
