package asyncrt.queues;

import asyncrt.coroutines.Coroutine;
import asyncrt.internal.LoopBinding;
import asyncrt.locks.Event;
import asyncrt.tasks.Future;
import java.util.ArrayDeque;

/**
 * A first-in, first-out queue between tasks: Python's {@code asyncio.Queue}, the usual way to
 * hand work from producers to consumers. With a {@code maxsize}, {@link #put} waits while the
 * queue is full — back-pressure for free.
 *
 * <pre>{@code
 * Queue<String> queue = new Queue<>(10);
 * await(queue.put("job"));          // producer
 * String job = await(queue.get());  // consumer
 * queue.taskDone();
 * await(queue.join());              // until every item put has been marked done
 * }</pre>
 *
 * <p>Waiting getters and putters are served in arrival order, and a task cancelled while
 * waiting takes nothing and loses nothing: if it had just been handed a turn, the turn passes on
 * to the next waiter. {@link #shutdown()} (Python 3.13) stops the queue: puts fail with
 * {@link QueueShutDown} at once, gets once the queue is empty.
 *
 * <p>Not thread-safe: use it from one event loop's tasks. (From another thread, go through
 * {@code loop.callSoonThreadsafe}.)
 *
 * @param <T> the type of the items
 */
public class Queue<T> {
    private final LoopBinding binding = new LoopBinding(this);
    private final int maxsize;
    private final java.util.Queue<T> items;
    private final ArrayDeque<Future<Void>> getters = new ArrayDeque<>();
    private final ArrayDeque<Future<Void>> putters = new ArrayDeque<>();
    private final Event finished = new Event();
    private int unfinishedTasks;
    private boolean isShutdown;

    /** An unbounded queue. */
    public Queue() {
        this(0);
    }

    /** A queue holding at most {@code maxsize} items; zero or less means unbounded. */
    public Queue(int maxsize) {
        this(maxsize, new ArrayDeque<>());
    }

    /** For subclasses: a queue whose order is that of {@code items}' {@code add} and {@code poll} (Python's {@code _init}). */
    protected Queue(int maxsize, java.util.Queue<T> items) {
        this.maxsize = maxsize;
        this.items = items;
        finished.set();
    }

    /** The number of items in the queue. */
    public int qsize() {
        return items.size();
    }

    /** The most items the queue holds (zero or less: no limit). */
    public int maxsize() {
        return maxsize;
    }

    public boolean empty() {
        return items.isEmpty();
    }

    /** Whether there are {@code maxsize} items in the queue; never for an unbounded queue. */
    public boolean full() {
        return maxsize > 0 && items.size() >= maxsize;
    }

    /** Puts {@code item} in the queue, first waiting for a free slot if it is full. */
    public Coroutine<Void> put(T item) {
        return Coroutine.of(() -> {
            while (full()) {
                if (isShutdown) {
                    throw shutDown("put() on");
                }
                Future<Void> putter = binding.loop().createFuture();
                putters.add(putter);
                try {
                    Coroutine.await(putter, this);
                } catch (Throwable t) {
                    putter.cancel();  // in case it is not done yet
                    putters.remove(putter);
                    if (!full() && !putter.cancelled()) {
                        wakeUpNext(putters);  // we were given a free slot we will not use: pass it on
                    }
                    throw t;
                }
            }
            putNowait(item);
        });
    }

    /** Puts {@code item} in the queue now; throws {@link QueueFull} when there is no free slot. */
    public void putNowait(T item) {
        if (isShutdown) {
            throw shutDown("putNowait() on");
        }
        if (full()) {
            throw new QueueFull("putNowait() on a full queue (maxsize " + maxsize + "): await put(item) to wait for a free slot");
        }
        items.add(item);
        unfinishedTasks++;
        finished.clear();
        wakeUpNext(getters);
    }

    /** Removes and returns the next item, first waiting for one if the queue is empty. */
    public Coroutine<T> get() {
        return Coroutine.of(() -> {
            while (empty()) {
                if (isShutdown) {
                    throw shutDown("get() from");
                }
                Future<Void> getter = binding.loop().createFuture();
                getters.add(getter);
                try {
                    Coroutine.await(getter, this);
                } catch (Throwable t) {
                    getter.cancel();
                    getters.remove(getter);
                    if (!empty() && !getter.cancelled()) {
                        wakeUpNext(getters);  // we were woken for an item we will not take: pass it on
                    }
                    throw t;
                }
            }
            return getNowait();
        });
    }

    /** Removes and returns the next item now; throws {@link QueueEmpty} when there is none. */
    public T getNowait() {
        if (empty()) {
            if (isShutdown) {
                throw shutDown("getNowait() from");
            }
            throw new QueueEmpty("getNowait() from an empty queue: await get() to wait for an item");
        }
        T item = items.poll();
        wakeUpNext(putters);
        return item;
    }

    /**
     * Tells the queue that an item taken with {@code get} has been dealt with; {@link #join()}
     * returns once every item put has been marked so.
     */
    public void taskDone() {
        if (unfinishedTasks <= 0) {
            throw new IllegalArgumentException("taskDone() called too many times: call it once per item taken from the queue");
        }
        unfinishedTasks--;
        if (unfinishedTasks == 0) {
            finished.set();
        }
    }

    /** Waits until every item put in the queue has been taken and marked with {@link #taskDone()}. */
    public Coroutine<Void> join() {
        return Coroutine.of(() -> {
            if (unfinishedTasks > 0) {
                Coroutine.await(finished.wait_());
            }
        });
    }

    /** {@code shutdown(false)}: puts fail from now on; gets fail once the queue is empty. */
    public void shutdown() {
        shutdown(false);
    }

    /**
     * Shuts the queue down (Python 3.13): {@code put}s fail with {@link QueueShutDown} from now
     * on, and the tasks waiting to put wake up to that error. With {@code immediate}, the items
     * left are dropped (each counts as done for {@link #join()}), so waiting getters fail at
     * once; otherwise gets go on until the queue is empty.
     */
    public void shutdown(boolean immediate) {
        isShutdown = true;
        if (immediate) {
            while (!empty()) {
                items.poll();
                if (unfinishedTasks > 0) {
                    unfinishedTasks--;
                }
            }
            if (unfinishedTasks == 0) {
                finished.set();
            }
        }
        wakeUpAll(getters);  // each re-checks, and fails if the queue is empty
        wakeUpAll(putters);
    }

    private static void wakeUpNext(ArrayDeque<Future<Void>> waiters) {
        Future<Void> waiter;
        while ((waiter = waiters.poll()) != null) {
            if (!waiter.done()) {
                waiter.setResult(null);
                return;
            }
        }
    }

    private static void wakeUpAll(ArrayDeque<Future<Void>> waiters) {
        Future<Void> waiter;
        while ((waiter = waiters.poll()) != null) {
            if (!waiter.done()) {
                waiter.setResult(null);
            }
        }
    }

    private QueueShutDown shutDown(String operation) {
        return new QueueShutDown(operation + " a queue that was shut down");
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("<").append(getClass().getSimpleName()).append(" maxsize=").append(maxsize);
        if (!items.isEmpty()) {
            s.append(" _queue=").append(asyncrt.internal.Repr.of(items));
        }
        if (!getters.isEmpty()) {
            s.append(" _getters[").append(getters.size()).append(']');
        }
        if (!putters.isEmpty()) {
            s.append(" _putters[").append(putters.size()).append(']');
        }
        if (unfinishedTasks > 0) {
            s.append(" tasks=").append(unfinishedTasks);
        }
        if (isShutdown) {
            s.append(" shutdown");
        }
        return s.append('>').toString();
    }
}
