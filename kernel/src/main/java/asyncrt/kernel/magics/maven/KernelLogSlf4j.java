package asyncrt.kernel.magics.maven;

import asyncrt.kernel.util.Log;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J binding of the kernel's own libraries (Maven Resolver and the HTTP client under it, for
 * {@code %maven}): their log goes to the kernel's log ({@link Log}, the server's log, at its level), never into a
 * cell. Found by SLF4J's service loader ({@code META-INF/services/org.slf4j.spi.SLF4JServiceProvider}), so SLF4J
 * says nothing about bindings; without one it printed an error and a ClassNotFoundException stack into the first
 * cell that ran {@code %maven}.
 */
public final class KernelLogSlf4j implements SLF4JServiceProvider {

    private final ILoggerFactory loggers = KernelLogger::new;
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggers;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
    }

    /** A logger writing warnings and errors to the kernel's log at WARN, the rest at DEBUG. */
    private static final class KernelLogger extends LegacyAbstractLogger {

        private static final long serialVersionUID = 1L;

        KernelLogger(String name) {
            this.name = name;
        }

        // Trace never; debug and info at the kernel's DEBUG; warnings and errors at its WARN.
        @Override public boolean isTraceEnabled() { return false; }
        @Override public boolean isDebugEnabled() { return Log.isEnabled(Log.Level.DEBUG); }
        @Override public boolean isInfoEnabled() { return Log.isEnabled(Log.Level.DEBUG); }
        @Override public boolean isWarnEnabled() { return Log.isEnabled(Log.Level.WARN); }
        @Override public boolean isErrorEnabled() { return Log.isEnabled(Log.Level.WARN); }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                                                   Throwable thrown) {
            String message = name + ": " + MessageFormatter.basicArrayFormat(pattern, arguments)
                    + (thrown != null ? " (" + thrown + ")" : "");
            if (level == Level.WARN || level == Level.ERROR) {
                Log.warn(message);
            } else {
                Log.debug(message);
            }
        }
    }
}
