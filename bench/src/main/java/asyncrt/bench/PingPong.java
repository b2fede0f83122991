package asyncrt.bench;

import static asyncrt.Asyncio.async;
import static asyncrt.Asyncio.await;
import static asyncrt.Asyncio.createTask;

import asyncrt.Asyncio;
import asyncrt.coroutines.Coroutine;
import asyncrt.queues.Queue;
import java.util.Map;

/** ping-pong: two tasks hand 1 000 000 items back and forth through two Queue(1)s; nanoseconds per round trip. */
public final class PingPong {
    static final int ROUND_TRIPS = 1_000_000;

    private PingPong() {}

    public static void main(String[] args) {
        double seconds = Workload.median(1, 3, PingPong::once);
        Workload.report("pingpong", Map.of("ns_per_round_trip", Math.round(seconds * 1e9 / ROUND_TRIPS), "seconds", seconds));
    }

    static Coroutine<Void> ping(Queue<Integer> there, Queue<Integer> back) {
        return async(() -> {
            for (int i = 0; i < ROUND_TRIPS; i++) {
                await(there.put(i));
                await(back.get());
            }
        });
    }

    static Coroutine<Void> pong(Queue<Integer> there, Queue<Integer> back) {
        return async(() -> {
            for (int i = 0; i < ROUND_TRIPS; i++) {
                Integer item = await(there.get());
                await(back.put(item));
            }
        });
    }

    static double once() {
        long start = System.nanoTime();
        Asyncio.run(async(() -> {
            Queue<Integer> there = new Queue<>(1);
            Queue<Integer> back = new Queue<>(1);
            var a = createTask(ping(there, back));
            var b = createTask(pong(there, back));
            await(a);
            await(b);
        }));
        return (System.nanoTime() - start) / 1e9;
    }
}
