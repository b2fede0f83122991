package asyncrt.coroutines;

import asyncrt.contextvars.Context;
import asyncrt.internal.ThreadState;
import java.lang.ref.Cleaner;
import java.util.ArrayList;

/**
 * Reports a coroutine that was created and then dropped without ever being awaited, started
 * or wrapped in a task — almost always a forgotten {@code await}. Python prints
 * {@code RuntimeWarning: coroutine 'f' was never awaited} when such a coroutine is garbage
 * collected; asyncrt does the same, from a {@link Cleaner}.
 *
 * <p>Registering with a Cleaner costs more than a task step, and nearly every coroutine is
 * awaited in the very callback that made it (think {@code await(sleep(0))}). So a coroutine
 * made while a loop runs is only noted; when the callback ends, the loop calls
 * {@link ThreadState#callbackEnded}, which calls {@link #reviewCreated}, and only those still
 * unstarted get a Cleaner.
 */
final class NeverAwaited implements Runnable {
    private static final Cleaner CLEANER = Cleaner.create(r -> {
        Thread t = new Thread(r, "asyncrt-never-awaited");
        t.setDaemon(true);
        return t;
    });

    static {
        ThreadState.reviewCreatedWith(NeverAwaited::reviewCreated);
    }

    /** The host's namer of sites, or null (see {@link UnawaitedSites}). */
    static volatile UnawaitedSites sites;

    private final Object body;
    /** The context of the callback that made the coroutine, so that a host routing output by context shows the warning there. */
    private final Context context;
    /** Where the coroutine was made, when the host said, else null. */
    private final String site;
    private final Cleaner.Cleanable cleanable;
    private volatile boolean started;

    private NeverAwaited(Coroutine<?> coroutine, Object body, Context context, String site) {
        this.body = body;
        this.context = context;
        this.site = site;
        this.cleanable = CLEANER.register(coroutine, this);
    }

    /** Called as {@code coroutine} is created. */
    static void created(Coroutine<?> coroutine) {
        ThreadState state = ThreadState.current();
        if (state.runningLoop == null) {
            coroutine.watch(new NeverAwaited(coroutine, coroutine.writtenBody(), null, null));
        } else {
            ArrayList<Coroutine<?>> created = state.createdCoroutines;
            if (created == null) {
                created = state.createdCoroutines = new ArrayList<>();
            }
            created.add(coroutine);
        }
    }

    /** At the end of a callback that ran in {@code context}: watches the coroutines it created that nobody has started or claimed. */
    static void reviewCreated(ThreadState state, Context context) {
        ArrayList<Coroutine<?>> created = state.createdCoroutines;
        UnawaitedSites namer = sites;
        for (Coroutine<?> coroutine : created) {
            if (coroutine.unclaimed()) {
                String site = namer == null ? null : namer.siteOf(context);
                coroutine.watch(new NeverAwaited(coroutine, coroutine.writtenBody(), context, site));
            }
        }
        created.clear();
    }

    /** The coroutine was started or handed to a task: nothing to report, ever. */
    void started() {
        started = true;
        cleanable.clean();
    }

    @Override
    public void run() {
        if (started) {
            return;
        }
        String warning = (site == null ? "" : site + ": ") + "RuntimeWarning: coroutine '" + BodyNames.of(body)
                + "' was never awaited";
        if (context == null) {
            System.err.println(warning);
        } else {
            context.copy().run(() -> System.err.println(warning));
        }
        UnawaitedSites namer = sites;
        if (namer != null) {
            namer.reported();
        }
    }
}
