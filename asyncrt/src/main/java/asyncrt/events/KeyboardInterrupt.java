package asyncrt.events;

/**
 * The user interrupted the program (Ctrl-C, or the notebook's Stop button): Python's
 * {@code KeyboardInterrupt}. {@code Asyncio.run} throws it when SIGINT cancelled its main task.
 * An {@link Error}, like Python's BaseException, and it passes through the event loop rather
 * than becoming a task's failure.
 */
public class KeyboardInterrupt extends Error {
    public KeyboardInterrupt() {
        super();
    }

    public KeyboardInterrupt(String message) {
        super(message);
    }
}
