package asyncrt.bench;

import static asyncrt.Asyncio.async;
import static asyncrt.Asyncio.await;
import static asyncrt.Asyncio.createTask;

import asyncrt.Asyncio;
import asyncrt.coroutines.Backend;
import asyncrt.coroutines.Coroutine;
import asyncrt.queues.Queue;

/**
 * Benchmark (not a test): two tasks ping-pong {@code n} items through two {@code Queue(1)}s;
 * prints nanoseconds per round trip. The same program in Python is bench/python/pingpong.py;
 * bench/run-io.sh runs both. Usage: {@code QueuePingPong [roundTrips] [repeats]}.
 */
public final class QueuePingPong {
    private QueuePingPong() {}

    static Coroutine<Void> ping(Queue<Integer> there, Queue<Integer> back, int n) {
        return async(() -> {
            for (int i = 0; i < n; i++) {
                await(there.put(i));
                await(back.get());
            }
        });
    }

    static Coroutine<Void> pong(Queue<Integer> there, Queue<Integer> back, int n) {
        return async(() -> {
            for (int i = 0; i < n; i++) {
                Integer item = await(there.get());
                await(back.put(item));
            }
        });
    }

    static Coroutine<Long> run(int n) {
        return async(() -> {
            Queue<Integer> there = new Queue<>(1);
            Queue<Integer> back = new Queue<>(1);
            long start = System.nanoTime();
            var a = createTask(ping(there, back, n));
            var b = createTask(pong(there, back, n));
            await(a);
            await(b);
            return System.nanoTime() - start;
        });
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        double best = Double.MAX_VALUE;
        for (int r = 0; r < repeats; r++) {
            double ns = (double) Asyncio.run(run(n)) / n;
            best = Math.min(best, ns);
            System.err.printf("run %d: %.0f ns per round trip%n", r + 1, ns);
        }
        System.out.printf("pingpong backend=%s round_trips=%d best_ns=%.0f%n", Backend.active().id(), n, best);
    }
}
