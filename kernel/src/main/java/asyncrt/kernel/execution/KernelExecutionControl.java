package asyncrt.kernel.execution;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * JShell's local execution (cells run in the kernel's JVM, on a thread JShell can stop) with two additions:
 * calls that would end the JVM are redirected to {@link ExitGuard}, and the class of the last snippet run is
 * remembered so that the kernel can read the value object behind JShell's value string.
 */
final class KernelExecutionControl extends LocalExecutionControl {

    private volatile Class<?> lastWrapper;

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
        return super.invoke(doitMethod);
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
