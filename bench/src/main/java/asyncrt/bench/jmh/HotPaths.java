package asyncrt.bench.jmh;

import static asyncrt.Asyncio.async;
import static asyncrt.Asyncio.await;
import static asyncrt.Asyncio.sleep;

import asyncrt.contextvars.Context;
import asyncrt.contextvars.ContextVar;
import asyncrt.events.EventLoop;
import asyncrt.events.TimerHandle;
import asyncrt.tasks.Future;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Micro-benchmarks of the loop's hot paths, each in nanoseconds per operation: one task step,
 * callSoon, a timer scheduled and cancelled, a future resolved through its callback, a context copy.
 * Run by {@code bench/run --jmh}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED", "-XX:+UseParallelGC", "-Xmn512m"})
public class HotPaths {
    private static final int BATCH = 1000;
    private static final ContextVar<String> VAR = new ContextVar<>("request_id");

    private EventLoop loop;
    private Context context;

    @Setup(Level.Trial)
    public void setUp() {
        loop = EventLoop.newEventLoop();
        context = new Context();
        context.run(() -> VAR.set("r-1"));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        loop.close();
    }

    /** Runs the loop until the callbacks queued so far have run. */
    private void turn() {
        loop.callSoon(loop::stop);
        loop.runForever();
    }

    /** One step of a task: resume the coroutine, run to its next sleep(0), reschedule. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void taskStep() {
        loop.runUntilComplete(async(() -> {
            for (int i = 0; i < BATCH; i++) {
                await(sleep(0));
            }
        }));
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void callSoon(Blackhole hole) {
        Runnable callback = () -> hole.consume(this);
        for (int i = 0; i < BATCH; i++) {
            loop.callSoon(callback, context);
        }
        turn();
    }

    /** A timeout that never fires: scheduled, cancelled, and eventually purged from the heap. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void timerInsertAndCancel() {
        for (int i = 0; i < BATCH; i++) {
            TimerHandle timer = loop.callLater(3600, () -> { }, context);
            timer.cancel();
        }
        turn();
    }

    /** A future gets a done callback and a result; the callback runs on the next turn. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void futureResolution(Blackhole hole) {
        for (int i = 0; i < BATCH; i++) {
            Future<String> future = loop.createFuture();
            future.addDoneCallback(hole::consume, context);
            future.setResult("done");
        }
        turn();
    }

    @Benchmark
    public Context contextCopy() {
        return context.run(Context::copyContext);
    }
}
