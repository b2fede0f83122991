package asyncrt;

import asyncrt.coroutines.Coroutine;
import asyncrt.events.EventLoop;
import asyncrt.events.VirtualClock;

/** Runs a coroutine as {@code Asyncio.run} does, on a loop whose clock is virtual: timing logic, tested without waiting. */
final class VirtualTime {
    private VirtualTime() {}

    static <T> T run(Coroutine<T> main) {
        return run(new VirtualClock(), main);
    }

    static <T> T run(VirtualClock clock, Coroutine<T> main) {
        try (Runner runner = new Runner(null, () -> new EventLoop(clock))) {
            return runner.run(main);
        }
    }

    /** The running loop's time. */
    static double now() {
        return EventLoop.getRunningLoop().time();
    }
}
