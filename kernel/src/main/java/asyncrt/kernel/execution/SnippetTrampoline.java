package asyncrt.kernel.execution;

import java.lang.reflect.Method;

/**
 * JShell runs a snippet by calling a static method on a thread of its own. To run a snippet some other way (on a
 * virtual thread, see {@link SnippetThreads}, and maybe with a {@link SnippetRunner}), JShell is handed this
 * class's {@link #run()} instead, which calls the code loaded here. Cells run one at a time, so one slot
 * suffices.
 */
public final class SnippetTrampoline {

    /** {@link #run()}, as JShell's execution control wants it. */
    static final Method METHOD;

    private static volatile SnippetRunner.SnippetCode loaded;

    static {
        try {
            METHOD = SnippetTrampoline.class.getMethod("run");
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private SnippetTrampoline() {
    }

    /** Loads the code the next {@link #run()} calls. */
    static void load(SnippetRunner.SnippetCode code) {
        loaded = code;
    }

    /** Forgets the loaded code. */
    static void unload() {
        loaded = null;
    }

    /** Runs the loaded code; called by JShell's execution control on the snippet's thread. */
    public static Object run() throws Exception {
        SnippetRunner.SnippetCode code = loaded;
        if (code == null) {
            throw new IllegalStateException("no snippet is loaded in the trampoline");
        }
        return code.call();
    }
}
