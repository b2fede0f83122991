package asyncrt.locks;

import asyncrt.coroutines.Coroutine;

/**
 * A meeting point for a fixed number of tasks: Python 3.11's {@code asyncio.Barrier}. Each task
 * calls {@link #wait_()}; they all block until {@link #parties()} tasks have arrived, then all
 * go on together, each with a distinct index from 0 to {@code parties - 1}. The barrier then
 * fills again for the next round.
 *
 * <p>Python's {@code wait()} is {@code wait_()} here; see {@link Event} for why.
 */
public final class Barrier {
    private enum State { FILLING, DRAINING, RESETTING, BROKEN }

    private final Condition cond = new Condition();
    private final int parties;
    private State state = State.FILLING;
    private int count;

    /** A barrier for {@code parties} tasks. */
    public Barrier(int parties) {
        if (parties < 1) {
            throw new IllegalArgumentException("parties must be >= 1, got " + parties);
        }
        this.parties = parties;
    }

    /**
     * Waits until {@link #parties()} tasks are waiting, then returns this task's index (the last
     * to arrive gets {@code parties - 1}). Throws {@link BrokenBarrierError} if the barrier is
     * or gets reset or aborted.
     */
    public Coroutine<Integer> wait_() {
        return Coroutine.of(() -> {
            try (var held = Coroutine.await(cond.acquire())) {
                blockWhileDrainingOrResetting();
                try {
                    int index = count++;
                    if (index + 1 == parties) {
                        state = State.DRAINING;  // the last one in releases everyone
                        cond.notifyAll_();
                    } else {
                        waitUntilFilled();
                    }
                    return index;
                } finally {
                    count--;
                    leave();
                }
            }
        });
    }

    private void blockWhileDrainingOrResetting() {
        Coroutine.await(cond.waitFor(() -> state != State.DRAINING && state != State.RESETTING));
        if (state == State.BROKEN) {
            throw new BrokenBarrierError("Barrier aborted");
        }
    }

    private void waitUntilFilled() {
        Coroutine.await(cond.waitFor(() -> state != State.FILLING));
        if (state == State.BROKEN || state == State.RESETTING) {
            throw new BrokenBarrierError("Abort or reset of barrier");
        }
    }

    /** The last task out of a drained or reset barrier lets the next round fill it. */
    private void leave() {
        if (count == 0) {
            if (state == State.RESETTING || state == State.DRAINING) {
                state = State.FILLING;
            }
            cond.notifyAll_();
        }
    }

    /** Puts the barrier back to empty; the tasks waiting now get {@link BrokenBarrierError}. */
    public Coroutine<Void> reset() {
        return Coroutine.of(() -> {
            try (var held = Coroutine.await(cond.acquire())) {
                if (count > 0) {
                    state = State.RESETTING;
                } else {
                    state = State.FILLING;
                }
                cond.notifyAll_();
            }
        });
    }

    /** Breaks the barrier: tasks waiting now, and any that call {@link #wait_()} later, get {@link BrokenBarrierError}. */
    public Coroutine<Void> abort() {
        return Coroutine.of(() -> {
            try (var held = Coroutine.await(cond.acquire())) {
                state = State.BROKEN;
                cond.notifyAll_();
            }
        });
    }

    /** How many tasks it takes to pass the barrier. */
    public int parties() {
        return parties;
    }

    /** How many tasks wait at the barrier now (Python's {@code n_waiting}). */
    public int nWaiting() {
        return state == State.FILLING ? count : 0;
    }

    /** Whether the barrier is broken (aborted). */
    public boolean broken() {
        return state == State.BROKEN;
    }

    @Override
    public String toString() {
        return "<Barrier [" + state.name().toLowerCase() + (broken() ? "" : ", waiters:" + nWaiting() + "/" + parties) + "]>";
    }
}
