package asyncrt.combinators;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Several exceptions raised together: Python 3.11's {@code ExceptionGroup}, which a
 * {@link TaskGroup} raises with the failures of its tasks. {@link #exceptions()} lists them;
 * each is also attached as a suppressed exception, so stack traces show them all.
 */
public class ExceptionGroup extends RuntimeException {
    private final String baseMessage;
    private final List<Throwable> exceptions = new ArrayList<>();

    public ExceptionGroup(String message, List<? extends Throwable> exceptions) {
        super(message, null, true, true);
        this.baseMessage = message;
        exceptions.forEach(this::add);
    }

    /** The exceptions of the group, in the order they happened. */
    public List<Throwable> exceptions() {
        return Collections.unmodifiableList(exceptions);
    }

    private void add(Throwable exception) {
        exceptions.add(exception);
        addSuppressed(exception);
    }

    @Override
    public String getMessage() {
        int n = exceptions.size();
        return baseMessage + " (" + n + " sub-exception" + (n == 1 ? "" : "s") + ")";
    }
}
