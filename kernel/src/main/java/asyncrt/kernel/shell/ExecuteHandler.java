package asyncrt.kernel.shell;

import asyncrt.kernel.util.Log;
import asyncrt.kernel.display.MimeBundle;
import asyncrt.kernel.display.Renderer;
import asyncrt.kernel.execution.failures.CellFailure;
import asyncrt.kernel.execution.Value;
import asyncrt.kernel.history.HistoryStore;
import asyncrt.kernel.protocol.IOPub;
import asyncrt.kernel.protocol.Message;
import asyncrt.kernel.protocol.content.Contents;
import asyncrt.kernel.protocol.content.ErrorContent;
import asyncrt.kernel.protocol.content.ExecuteInput;
import asyncrt.kernel.protocol.content.ExecuteReply;
import asyncrt.kernel.protocol.content.ExecuteRequest;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Answers {@code execute_request}: publishes the input, runs the cell, publishes its result or error, records
 * it in the history, replies. After an error with {@code stop_on_error}, execute requests already queued behind
 * it are answered {@code aborted} without running, as a notebook's "run all" expects.
 */
public final class ExecuteHandler implements RequestHandler {

    private final CellRunner runner;
    private final CellIO io;
    private final IOPub iopub;
    private final Interrupter interrupter;
    private final HistoryStore history;
    private final Renderer renderer;
    private final Consumer<Message> otherRequests;
    private int executionCount;

    /**
     * @param runner        runs cells
     * @param io            routes the cell's output
     * @param iopub         where input, results and errors are published
     * @param interrupter   told when cells start and end
     * @param history       where cells are recorded
     * @param renderer      turns results into MIME bundles
     * @param otherRequests handles a non-execute request found queued while aborting
     */
    public ExecuteHandler(CellRunner runner, CellIO io, IOPub iopub, Interrupter interrupter, HistoryStore history,
                          Renderer renderer, Consumer<Message> otherRequests) {
        this.runner = runner;
        this.io = io;
        this.iopub = iopub;
        this.interrupter = interrupter;
        this.history = history;
        this.renderer = renderer;
        this.otherRequests = otherRequests;
    }

    @Override
    public void handle(Request request) {
        Message message = request.message();
        ExecuteRequest execute = request.content(ExecuteRequest.class);
        String code = execute.code();
        boolean silent = execute.silent();
        boolean storeHistory = execute.storeHistory();
        if (storeHistory) {
            executionCount++;
        }
        int count = executionCount;
        if (!silent) {
            iopub.publish(message, "execute_input", new ExecuteInput(code, count));
        }
        io.begin(message);
        interrupter.cellStarted();
        Optional<Value> value;
        CellFailure failure = null;
        try {
            value = runner.runCell(code, "In [" + count + "]");
        } catch (CellFailure e) {
            value = Optional.empty();
            failure = e;
        } finally {
            interrupter.cellEnded();
        }
        String output = null;
        if (failure == null && value.isPresent() && !silent) {
            MimeBundle bundle = bundleOf(value.get());
            output = bundle.plainText();
            io.flush();
            JsonObject result = Bundles.content(bundle);
            result.addProperty("execution_count", count);
            iopub.publish(message, "execute_result", result);
        }
        io.flush();
        ExecuteReply reply;
        if (failure == null) {
            reply = ExecuteReply.ok(count, userExpressions(execute.userExpressions()));
        } else {
            ErrorContent error = errorContent(failure);
            iopub.publish(message, "error", error);
            reply = ExecuteReply.error(count, error);
        }
        if (storeHistory) {
            history.add(count, code, output);
        }
        request.reply(reply);
        if (failure != null && execute.stopOnError()) {
            abortQueued(request);
        }
    }

    private JsonObject userExpressions(JsonObject expressions) {
        JsonObject results = new JsonObject();
        for (Map.Entry<String, JsonElement> entry : (expressions == null ? new JsonObject() : expressions).entrySet()) {
            JsonObject result;
            try {
                Optional<Value> value = runner.runCode(entry.getValue().getAsString());
                MimeBundle bundle = value.map(this::bundleOf).orElse(MimeBundle.text(""));
                result = Bundles.content(bundle);
                result.addProperty("status", "ok");
            } catch (CellFailure e) {
                result = Contents.write(errorContent(e));
                result.addProperty("status", "error");
            }
            results.add(entry.getKey(), result);
        }
        return results;
    }

    private MimeBundle bundleOf(Value value) {
        return value.known() ? renderer.render(value.object()) : MimeBundle.text(value.text());
    }

    private static ErrorContent errorContent(CellFailure failure) {
        return new ErrorContent(failure.ename(), failure.evalue(), failure.traceback());
    }

    private void abortQueued(Request failed) {
        Message queued;
        while ((queued = failed.channel().receive(0)) != null) {
            if (queued.type().equals("execute_request")) {
                Log.info("aborting a queued execute request after an error");
                iopub.status(queued, "busy");
                new Request(queued, failed.channel(), failed.messages()).reply(ExecuteReply.aborted(executionCount));
                iopub.status(queued, "idle");
            } else {
                otherRequests.accept(queued);
            }
        }
    }
}
