package asyncrt.events;

import java.util.Map;

/**
 * Receives errors that have no {@code await} to surface at — a callback that threw, a task
 * exception nobody retrieved: what {@code loop.set_exception_handler} takes in Python. The
 * context has asyncio's keys: {@code message}, and where they apply {@code exception},
 * {@code future}, {@code task}, {@code handle}, {@code source_traceback}.
 */
@FunctionalInterface
public interface ExceptionHandler {
    void handle(EventLoop loop, Map<String, Object> context);
}
