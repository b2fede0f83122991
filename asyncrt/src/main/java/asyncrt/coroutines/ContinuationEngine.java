package asyncrt.coroutines;

import jdk.internal.vm.Continuation;
import jdk.internal.vm.ContinuationScope;

/**
 * The fast path: the JDK's one-shot delimited continuations, the engine under virtual
 * threads. {@code suspend} unwinds the body's frames off the loop thread's stack into the
 * heap and {@code resume} puts them back, all on one thread. Needs
 * {@code --add-exports java.base/jdk.internal.vm=ALL-UNNAMED}.
 *
 * @implNote The engine is the continuation itself, and every continuation runs the same code,
 * {@link Coroutine#runResumedBody()}, which finds its coroutine in the thread's state: no object
 * besides the continuation per coroutine, which matters because a suspended task keeps it. Without
 * the export this class cannot even be loaded (its superclass is out of reach), so only
 * {@link Backend#CONTINUATION} names it.
 */
final class ContinuationEngine extends Continuation implements Engine {
    private static final ContinuationScope SCOPE = new ContinuationScope("asyncrt");
    private static final Runnable RUN_RESUMED_BODY = Coroutine::runResumedBody;

    ContinuationEngine() {
        super(SCOPE, RUN_RESUMED_BODY);
    }

    @Override
    public void resume() {
        run();
    }

    @Override
    public void suspend() {
        Continuation.yield(SCOPE);
    }

    @Override
    public StackTraceElement[] stackTrace() {
        StackTraceElement[] trace = getStackTrace();
        return trace == null ? new StackTraceElement[0] : trace;
    }
}
