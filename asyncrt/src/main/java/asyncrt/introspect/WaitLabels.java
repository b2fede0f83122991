package asyncrt.introspect;

import asyncrt.coroutines.Coroutine;
import asyncrt.internal.Repr;
import asyncrt.tasks.Future;
import asyncrt.tasks.Task;
import java.util.List;

/**
 * Short names for what a suspended task waits on: another task ({@code Task-3}), a gather
 * ({@code gather(Task-2, Task-3)}), asyncrt's own coroutine that holds the future ({@code sleep()},
 * {@code get()}, …), else the future itself.
 */
final class WaitLabels {
    private WaitLabels() {}

    static String of(Task<?> task) {
        Coroutine<?> root = task.getCoro();
        Object last = root.awaitedLast();
        if (last instanceof Task<?> other) {
            return other.getName();
        }
        if (last instanceof Future<?> future && !future.children().isEmpty()) {
            return "gather(" + String.join(", ", future.children().stream()
                    .map(f -> f instanceof Task<?> t ? t.getName() : "future").toList()) + ")";
        }
        if (last == null) {
            return "sleep(0)";
        }
        List<Coroutine<?>> chain = root.awaitChain();
        Coroutine<?> innermost = chain.get(chain.size() - 1);
        String place = innermost.bodyClassName();
        return place != null && place.startsWith("asyncrt.") ? innermost.getName() + "()" : Repr.of(last);
    }
}
