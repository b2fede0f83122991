package asyncrt.events;

/**
 * A clock for timing tests that never makes them wait, in the manner of CPython's test loop
 * ({@code test_utils.TestLoop}) and Trio's {@code MockClock} with autojump. A loop made with
 * {@code new EventLoop(clock)} reads {@link EventLoop#time()} from this clock; when it has
 * nothing ready to run and would sleep until its next timer, it jumps the clock to that timer
 * instead. {@code sleep(10)} then takes no real time, and timers fire in exactly the order and at
 * exactly the times the code asked for, however slow or busy the machine is.
 *
 * <p>Before each jump the loop still looks for ready I/O and for callbacks from other threads:
 * it polls once ({@code autojumpThreshold} 0, the default), or waits up to
 * {@code autojumpThreshold} real seconds for them, so that a test with a socket or a worker
 * thread can let that work finish before virtual time runs on. With no timer pending the loop
 * waits for I/O or other threads as usual.
 *
 * <p>Virtual time passes only while the loop is idle: as long as callbacks are ready (a task looping on
 * {@code sleep(0)}, say), the clock stands still and no timer comes due.
 *
 * <p>{@link #advance} moves the clock by hand, as a callback that keeps the loop busy would
 * (CPython's tests call {@code time.sleep} for that).
 */
public final class VirtualClock {
    private final double autojumpThreshold;
    /** Seconds; written on the loop's thread, read from any (introspection, snapshots). */
    private volatile double now;

    /** A clock at 0 that jumps as soon as the loop is idle. */
    public VirtualClock() {
        this(0);
    }

    /** A clock at 0 that jumps after the loop has been idle for {@code autojumpThreshold} real seconds. */
    public VirtualClock(double autojumpThreshold) {
        if (!(autojumpThreshold >= 0)) {
            throw new IllegalArgumentException("autojumpThreshold must be >= 0, got " + autojumpThreshold);
        }
        this.autojumpThreshold = autojumpThreshold;
    }

    /** The time on this clock, in seconds. */
    public double time() {
        return now;
    }

    /** Moves the clock {@code seconds} forward (as a blocking call would let real time pass). */
    public void advance(double seconds) {
        if (!(seconds >= 0)) {
            throw new IllegalArgumentException("time only moves forward: advance(" + seconds + ")");
        }
        now += seconds;
    }

    /** How long the idle loop waits, in real milliseconds, for I/O or other threads before a jump. */
    long autojumpMillis() {
        return (long) Math.ceil(autojumpThreshold * 1000);
    }

    /** Moves the clock to {@code when}, the next timer's deadline, unless it is there already. */
    void jumpTo(double when) {
        if (when > now) {
            now = when;
        }
    }

    @Override
    public String toString() {
        return String.format("<VirtualClock time=%.6f autojump_threshold=%s>", now, autojumpThreshold);
    }
}
