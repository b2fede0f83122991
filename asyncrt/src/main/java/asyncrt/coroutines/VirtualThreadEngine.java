package asyncrt.coroutines;

import asyncrt.internal.ThreadState;
import java.util.concurrent.locks.LockSupport;

/**
 * The fallback: the body runs on a virtual thread of its own, and a baton passes between it and
 * the driving thread so that exactly one of them runs at any moment. Same semantics as the
 * continuation engine.
 *
 * @implNote Some microseconds per hand-over, against a hundred nanoseconds for the continuation engine.
 */
final class VirtualThreadEngine implements Engine {
    private Thread bodyThread;
    private volatile Thread driver;
    /** The baton: true while the body may run, false while the driver may. */
    private volatile boolean bodyTurn;
    private volatile boolean done;
    private ThreadState driverState;

    @Override
    public void resume() {
        driver = Thread.currentThread();
        driverState = ThreadState.current();
        bodyTurn = true;
        if (bodyThread == null) {
            bodyThread = Thread.ofVirtual().name("asyncrt-coroutine").start(this::runBody);
        } else {
            LockSupport.unpark(bodyThread);
        }
        boolean interrupted = false;
        while (bodyTurn) {
            LockSupport.park(this);
            if (Thread.interrupted()) {
                interrupted = true;
            }
        }
        if (interrupted) {
            driver.interrupt();
        }
    }

    private void runBody() {
        ThreadState.adopt(driverState);
        try {
            Coroutine.runResumedBody();
        } finally {
            done = true;
            bodyTurn = false;
            LockSupport.unpark(driver);
        }
    }

    @Override
    public void suspend() {
        Thread waker = driver;
        bodyTurn = false;
        LockSupport.unpark(waker);
        while (!bodyTurn) {
            LockSupport.park(this);
        }
        ThreadState.adopt(driverState);
    }

    @Override
    public boolean isDone() {
        return done;
    }

    @Override
    public StackTraceElement[] stackTrace() {
        return bodyThread == null || done ? new StackTraceElement[0] : bodyThread.getStackTrace();
    }
}
