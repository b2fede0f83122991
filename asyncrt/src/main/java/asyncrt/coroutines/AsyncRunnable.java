package asyncrt.coroutines;

import java.io.Serializable;

/** The body of a coroutine that returns nothing (an {@code async def} without {@code return}). */
@FunctionalInterface
public interface AsyncRunnable extends Serializable {
    void run() throws Exception;
}
