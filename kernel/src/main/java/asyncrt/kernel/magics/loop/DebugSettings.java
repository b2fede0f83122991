package asyncrt.kernel.magics.loop;

import asyncrt.events.EventLoop;
import asyncrt.events.LoopRegistry;

/**
 * asyncio's debug mode for every loop of the session, as {@code PYTHONASYNCIODEBUG=1} sets it for every loop
 * of a Python process: once set, it applies to the loops open now and to every loop made later (as by
 * {@code Asyncio.run}), whose debug reports — slow callbacks, coroutines never awaited, exceptions never
 * retrieved — go to standard error, so the cell that runs the loop shows them. An explicit
 * {@code Asyncio.run(main, debug)} still wins for its own loop.
 */
final class DebugSettings {

    /** asyncio's default slow-callback threshold, in seconds. */
    static final double DEFAULT_SLOW_SECONDS = 0.1;

    private Boolean debug;
    private double slowSeconds = DEFAULT_SLOW_SECONDS;
    private LoopRegistry.Listener listener;

    /** Debug mode on or off for all loops. */
    synchronized void debug(boolean on) {
        debug = on;
        applyFromNowOn();
    }

    /** The slow-callback threshold for all loops. */
    synchronized void slowCallbackSeconds(double seconds) {
        slowSeconds = seconds;
        applyFromNowOn();
    }

    /** Whether debug mode is set on, off, or (null) left to each loop. */
    synchronized Boolean debug() {
        return debug;
    }

    synchronized double slowCallbackSeconds() {
        return slowSeconds;
    }

    private void applyFromNowOn() {
        LoopRegistry.openLoops().forEach(this::apply);
        if (listener == null) {
            listener = LoopRegistry.onNewLoop(this::apply);
        }
    }

    private synchronized void apply(EventLoop loop) {
        if (debug != null) {
            loop.setDebug(debug);
        }
        loop.setSlowCallbackDuration(slowSeconds);
    }
}
