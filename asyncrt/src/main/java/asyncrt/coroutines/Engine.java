package asyncrt.coroutines;

/**
 * The machinery that lets a coroutine body stop in the middle and continue later: one per
 * started coroutine, made by the active {@link Backend}.
 */
interface Engine {
    /** Driver side: runs the body until it calls {@link #suspend()} or ends. */
    void resume();

    /** Body side: hands control back to whoever called {@link #resume()}, until it is called again. */
    void suspend();

    /** Whether the body has ended. */
    boolean isDone();

    /** Where the suspended body stands, innermost frame first (empty when unknown). */
    StackTraceElement[] stackTrace();
}
