package asyncrt.coroutines;

import asyncrt.contextvars.Context;

/**
 * What a host that runs code of its own (the Jupyter kernel) tells and learns about coroutines that may never be
 * awaited. Python's warning names the file and line that made the coroutine ({@code x.py:3: RuntimeWarning:
 * coroutine 'f' was never awaited}); a Java lambda does not know its line, so the host names the site instead,
 * e.g. {@code In [3], line 2}. Install one with {@link Coroutine#watchUnawaited}.
 */
public interface UnawaitedSites {

    /**
     * Called on the loop's thread at the end of a callback that created a coroutine nobody has started or
     * claimed yet (it may still be awaited later).
     *
     * @param context the context the callback ran in
     * @return where the code that made it is, or null when the host does not know
     */
    String siteOf(Context context);

    /** Called on the thread that reports it, right after the warning for a coroutine never awaited was printed. */
    default void reported() {
    }
}
