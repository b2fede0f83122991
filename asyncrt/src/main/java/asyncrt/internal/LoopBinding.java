package asyncrt.internal;

import asyncrt.events.EventLoop;
import asyncrt.events.Events;

/**
 * Ties a synchronization primitive to the first event loop that uses it, as CPython's
 * {@code mixins._LoopBoundMixin} does: a Lock or Queue can be created anywhere (even outside a
 * loop), binds to the running loop the first time it has to wait, and refuses any other loop
 * afterwards, because its waiters are futures of that loop.
 */
public final class LoopBinding {
    private final Object owner;
    private EventLoop loop;

    /** A binding for {@code owner}, named in the error message. */
    public LoopBinding(Object owner) {
        this.owner = owner;
    }

    /** The loop running now, bound on first use; fails if {@code owner} is bound to another. */
    public EventLoop loop() {
        EventLoop running = Events.getRunningLoop();
        if (loop == null) {
            loop = running;
        } else if (loop != running) {
            throw new IllegalStateException(owner + " is bound to a different event loop: create it again inside"
                    + " the loop that uses it (each Asyncio.run(...) makes a new loop)");
        }
        return running;
    }
}
