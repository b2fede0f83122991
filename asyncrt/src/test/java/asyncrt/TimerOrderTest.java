package asyncrt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import asyncrt.events.EventLoop;
import asyncrt.events.TimerHandle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Timers run in the order of their due times, and timers due at the same time in the order they
 * were scheduled, however many there are and whatever was cancelled and purged meanwhile (the
 * order of CPython's heap of TimerHandles).
 */
class TimerOrderTest {
    private final EventLoop loop = EventLoop.newEventLoop();

    @AfterEach
    void close() {
        loop.close();
    }

    /** Schedules {@code count} timers due at one of a few past moments (so all are due), in random order. */
    private List<Integer> schedule(int count, List<TimerHandle> handles, List<Integer> ran) {
        Random random = new Random(7);
        double now = loop.time();
        List<double[]> expected = new ArrayList<>();  // {when, n}
        for (int n = 0; n < count; n++) {
            double when = now - 1 + random.nextInt(50) * 0.01;
            int id = n;
            handles.add(loop.callAt(when, () -> ran.add(id)));
            expected.add(new double[] {when, n});
        }
        expected.sort(Comparator.<double[]>comparingDouble(e -> e[0]).thenComparingDouble(e -> e[1]));
        return expected.stream().map(e -> (int) e[1]).toList();
    }

    private void runOneTurn() {
        loop.callSoon(loop::stop);
        loop.runForever();
    }

    @Test
    void dueTimersRunByDueTimeThenBySchedulingOrder() {
        List<TimerHandle> handles = new ArrayList<>();
        List<Integer> ran = new ArrayList<>();
        List<Integer> expected = schedule(5_000, handles, ran);
        assertEquals(expected, loop.scheduledTimers().stream().map(handles::indexOf).toList());
        runOneTurn();
        assertEquals(expected, ran);
    }

    @Test
    void cancelledTimersArePurgedAndTheRestKeepTheirOrder() {
        List<TimerHandle> handles = new ArrayList<>();
        List<Integer> ran = new ArrayList<>();
        List<Integer> expected = new ArrayList<>(schedule(5_000, handles, ran));
        Random random = new Random(11);
        IntStream.range(0, handles.size()).filter(n -> random.nextInt(3) > 0).forEach(n -> {
            handles.get(n).cancel();  // two thirds: more than half, so the next turn purges them all at once
            expected.remove(Integer.valueOf(n));
        });
        runOneTurn();
        assertEquals(expected, ran);
        assertEquals(List.of(), loop.scheduledTimers());
    }
}
