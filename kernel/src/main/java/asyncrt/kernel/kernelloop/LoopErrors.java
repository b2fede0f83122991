package asyncrt.kernel.kernelloop;

import asyncrt.contextvars.Context;
import asyncrt.events.EventLoop;
import asyncrt.events.ExceptionHandler;
import asyncrt.events.Handle;
import asyncrt.tasks.Task;
import java.util.Map;

/**
 * The kernel loop's exception handler: reports what no {@code await} can surface (a task's exception nobody
 * retrieved, a callback that threw) in the cell that created the task or scheduled the callback, even when that
 * cell finished long ago, and otherwise in the cell running now. The report itself is asyncio's default one.
 */
final class LoopErrors implements ExceptionHandler {

    @Override
    public void handle(EventLoop loop, Map<String, Object> context) {
        Context owner = ownerContext(context);
        if (owner == null) {
            loop.defaultExceptionHandler(context);
        } else {
            owner.copy().run(() -> loop.defaultExceptionHandler(context));
        }
    }

    /** The context of the task, future or callback the report concerns, which names the cell that made it. */
    private static Context ownerContext(Map<String, Object> context) {
        for (String key : new String[] {"task", "future"}) {
            if (context.get(key) instanceof Task<?> task) {
                return task.getContext();
            }
        }
        return context.get("handle") instanceof Handle handle ? handle.getContext() : null;
    }
}
