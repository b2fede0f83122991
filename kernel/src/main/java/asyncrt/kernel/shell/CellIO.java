package asyncrt.kernel.shell;

import asyncrt.kernel.display.DisplayPublisher;
import asyncrt.kernel.display.MimeBundle;
import asyncrt.kernel.execution.output.FrontEndInput;
import asyncrt.kernel.execution.output.StreamBatcher;
import asyncrt.kernel.protocol.Channel;
import asyncrt.kernel.protocol.IOPub;
import asyncrt.kernel.protocol.Message;
import asyncrt.kernel.protocol.MessageFactory;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.function.Supplier;

/**
 * Connects what cells do to the front end: their printed output and displays go to the execute request of the
 * cell whose code made them (a task keeps its creator's cell, as ipykernel routes output by context variable),
 * else to the one running now (or, for threads that outlive their cell, the latest one); input requests go to
 * the one running now.
 */
public final class CellIO implements StreamBatcher.Sink, DisplayPublisher, FrontEndInput {

    private static final int INPUT_POLL_MILLIS = 100;

    private final IOPub iopub;
    private final Channel stdin;
    private final MessageFactory messages;
    private final Supplier<Object> owner;
    private volatile StreamBatcher batcher;
    private volatile Message parent;
    private volatile boolean allowStdin;

    /**
     * @param iopub    where output goes
     * @param stdin    where input is asked for
     * @param messages makes input requests
     * @param owner    tells, on the thread that displays something, whose output it is (null: the running cell's)
     */
    public CellIO(IOPub iopub, Channel stdin, MessageFactory messages, Supplier<Object> owner) {
        this.iopub = iopub;
        this.stdin = stdin;
        this.messages = messages;
        this.owner = owner;
    }

    /** The batcher whose output this routes, flushed before anything else is published. */
    public void attach(StreamBatcher streams) {
        this.batcher = streams;
    }

    /** Makes a request the one that output now belongs to. */
    void begin(Message request) {
        flush();
        parent = request;
        allowStdin = request.contentFlag("allow_stdin", false);
    }

    /** Sends all pending output of the cell. */
    public void flush() {
        StreamBatcher streams = batcher;
        if (streams != null) {
            streams.flush();
        }
    }

    /** The execute request running now (or the last one), whose cell gets the output of code no cell owns. */
    public Message request() {
        return parent;
    }

    /** The request whose cell gets output from code that {@code owner} tells of (null: the running one). */
    private Message parentFor(Object owner) {
        return owner instanceof Message request ? request : parent;
    }

    @Override
    public void stream(Object owner, String name, String text) {
        JsonObject content = new JsonObject();
        content.addProperty("name", name);
        content.addProperty("text", text);
        iopub.publish(parentFor(owner), "stream", content);
    }

    @Override
    public void display(MimeBundle bundle, String displayId, boolean update) {
        flush();
        JsonObject content = Bundles.content(bundle);
        JsonObject transient_ = new JsonObject();
        if (displayId != null) {
            transient_.addProperty("display_id", displayId);
        }
        content.add("transient", transient_);
        iopub.publish(parentFor(owner.get()), update ? "update_display_data" : "display_data", content);
    }

    @Override
    public void clearOutput(boolean wait) {
        flush();
        JsonObject content = new JsonObject();
        content.addProperty("wait", wait);
        iopub.publish(parentFor(owner.get()), "clear_output", content);
    }

    @Override
    public String readLine(String prompt, boolean password) throws IOException {
        Message request = parent;
        if (request == null || !allowStdin) {
            throw new IOException("this front end does not take input (allow_stdin is false), so System.in is closed");
        }
        JsonObject content = new JsonObject();
        content.addProperty("prompt", prompt);
        content.addProperty("password", password);
        synchronized (stdin) {
            stdin.send(messages.request(request, "input_request", content));
            while (true) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedIOException("interrupted while waiting for input");
                }
                Message reply = stdin.receive(INPUT_POLL_MILLIS);
                if (reply != null && reply.type().equals("input_reply")) {
                    return reply.contentString("value", "");
                }
            }
        }
    }
}
