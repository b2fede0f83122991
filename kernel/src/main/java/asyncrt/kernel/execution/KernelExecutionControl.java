package asyncrt.kernel.execution;

import asyncrt.kernel.util.Log;
import asyncrt.kernel.execution.exitguard.ExitCallRewriter;
import asyncrt.kernel.execution.exitguard.ExitGuard;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * JShell's local execution (cells run in the kernel's JVM, and JShell can stop them) with four additions: a
 * {@link SnippetRunner} runs each snippet (a cell's go to the kernel's event loop, whose thread is virtual),
 * else it runs on a virtual thread of its own ({@link SnippetThreads}), so that stopping it interrupts blocked
 * socket calls too; calls that would end the JVM are redirected to {@link ExitGuard}; the class of the last
 * snippet run is remembered so that the kernel can read the value object behind JShell's value string; and
 * JShell's stop flag is cleared as soon as a stopped snippet has ended (see {@link #clearStop()}).
 */
final class KernelExecutionControl extends LocalExecutionControl {

    private final SnippetThreads threads = new SnippetThreads();
    private volatile Class<?> lastWrapper;
    private volatile SnippetRunner runner;

    KernelExecutionControl(SnippetLoaderDelegate delegate) {
        super(delegate);
    }

    @Override
    public void load(ClassBytecodes[] classes)
            throws ClassInstallException, NotImplementedException, EngineTerminationException {
        super.load(Arrays.stream(classes)
                .map(c -> new ClassBytecodes(c.name(), ExitCallRewriter.rewrite(c.bytecodes())))
                .toArray(ClassBytecodes[]::new));
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        lastWrapper = doitMethod.getDeclaringClass();
        SnippetRunner current = runner;
        SnippetTrampoline.load(() -> threads.run(() -> call(doitMethod), current));
        try {
            return super.invoke(SnippetTrampoline.METHOD);
        } finally {
            SnippetTrampoline.unload();
            clearStop();
        }
    }

    /**
     * JShell's stop sets a flag that every stop check in cell code obeys, on any thread, and clears it only when
     * the next snippet starts. Code of earlier cells runs between snippets too (tasks on the kernel's loop), so
     * the flag is cleared as soon as the stopped snippet has ended.
     */
    private void clearStop() {
        try {
            java.lang.reflect.Field allStop = findClass("REPL.$Cancel$").getDeclaredField("allStop");
            allStop.setAccessible(true);
            allStop.setBoolean(null, false);
        } catch (ReflectiveOperationException | RuntimeException e) {
            Log.debug("cannot clear JShell's stop flag: " + e);
        }
    }

    @Override
    public void stop() throws EngineTerminationException, InternalException {
        super.stop();
        threads.interrupt();
    }

    /** Runs the snippets invoked from now on with {@code snippetRunner}; null for JShell's own way. */
    void runWith(SnippetRunner snippetRunner) {
        runner = snippetRunner;
    }

    /** Calls a snippet's method and throws what it threw, unwrapped. */
    private static Object call(Method doitMethod) throws Exception {
        try {
            return doitMethod.invoke(null);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception thrown) {
                throw thrown;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** The wrapper class of the snippet most recently run. */
    Class<?> lastWrapper() {
        return lastWrapper;
    }

    /** JShell's text for a value, to check a value read back against what JShell reported. */
    static String textOf(Object value) {
        return valueString(value);
    }

    /** Hands this one instance to JShell's builder. */
    ExecutionControlProvider provider() {
        KernelExecutionControl control = this;
        return new ExecutionControlProvider() {
            @Override
            public String name() {
                return "asyncrt-kernel";
            }

            @Override
            public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
                return control;
            }
        };
    }
}
