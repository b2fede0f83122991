package asyncrt.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import asyncrt.contextvars.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The loop's four-way timer heap against the JDK's {@link PriorityQueue} of the same handles:
 * adds, polls and purges interleaved at random, with many timers due at the same moment, always
 * give the soonest timer, and among equals the one scheduled first.
 */
class TimerHeapTest {
    private final EventLoop loop = EventLoop.newEventLoop();

    @AfterEach
    void close() {
        loop.close();
    }

    @Test
    void interleavedAddsPollsAndPurgesAlwaysGiveTheSoonestTimer() {
        Random random = new Random(5);
        TimerHeap heap = new TimerHeap();
        PriorityQueue<TimerHandle> reference = new PriorityQueue<>();
        Context context = Context.copyContext();
        long sequence = 0;
        for (int op = 0; op < 200_000; op++) {
            int choice = random.nextInt(100);
            if (choice < 55) {
                TimerHandle timer = new TimerHandle(random.nextInt(500) * 0.001, sequence++, () -> { }, context, loop);
                heap.add(timer);
                reference.add(timer);
            } else if (choice < 99) {
                assertSame(reference.poll(), heap.poll(), "poll " + op);
            } else {
                int remainder = random.nextInt(3);
                heap.removeIf(timer -> Math.round(timer.when() * 1000) % 3 == remainder);
                reference.removeIf(timer -> Math.round(timer.when() * 1000) % 3 == remainder);
            }
            assertEquals(reference.size(), heap.size());
            assertSame(reference.peek(), heap.peek());
        }
        List<TimerHandle> sorted = new ArrayList<>(reference);
        sorted.sort(null);
        assertEquals(sorted, heap.sorted());
    }
}
