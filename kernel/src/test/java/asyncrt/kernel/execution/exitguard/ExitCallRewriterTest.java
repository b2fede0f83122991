package asyncrt.kernel.execution.exitguard;

import asyncrt.kernel.execution.exitguard.ExitRefusedException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Exit calls in compiled classes are redirected to the guard; other classes come back untouched. */
class ExitCallRewriterTest {

    @Test
    void everyWayOfExitingIsRefused() throws Exception {
        byte[] original = compile("Exits", """
                public class Exits {
                    public static void system() { System.exit(0); }
                    public static void runtime() { Runtime.getRuntime().exit(1); }
                    public static void halt() { Runtime.getRuntime().halt(2); }
                    public static void reference() { java.util.function.IntConsumer c = System::exit; c.accept(3); }
                    public static void bound() { java.util.function.IntConsumer c = Runtime.getRuntime()::halt; c.accept(4); }
                    public static int branchy(int n) {
                        switch (n) { case 1: return 10; case 1000: return 20; default: break; }
                        for (int i = 0; i < n; i++) { if (i == 5) System.exit(i); }
                        return n;
                    }
                }
                """);
        Class<?> type = load("Exits", ExitCallRewriter.rewrite(original));
        for (String method : List.of("system", "runtime", "halt", "reference", "bound")) {
            InvocationTargetException e = assertThrows(InvocationTargetException.class,
                    () -> type.getMethod(method).invoke(null), method);
            assertEquals(ExitRefusedException.class, e.getCause().getClass(), method);
        }
        assertEquals(3, type.getMethod("branchy", int.class).invoke(null, 3), "code around the calls still runs");
        assertThrows(InvocationTargetException.class, () -> type.getMethod("branchy", int.class).invoke(null, 9));
    }

    @Test
    void classesWithoutExitAreUnchanged() throws Exception {
        byte[] original = compile("Calm", "public class Calm { public static int f() { return Runtime.getRuntime().availableProcessors(); } }");
        assertSame(original, ExitCallRewriter.rewrite(original));
    }

    @Test
    void garbageIsLeftAlone() {
        byte[] junk = {1, 2, 3};
        assertSame(junk, ExitCallRewriter.rewrite(junk));
    }

    private static byte[] compile(String name, String source) throws Exception {
        Path dir = Files.createTempDirectory("rewrite");
        Path file = dir.resolve(name + ".java");
        Files.writeString(file, source);
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", dir.toString(), file.toString()));
        return Files.readAllBytes(dir.resolve(name + ".class"));
    }

    private static Class<?> load(String name, byte[] bytes) throws Exception {
        return new ClassLoader(ExitCallRewriterTest.class.getClassLoader()) {
            Class<?> define() {
                return defineClass(name, bytes, 0, bytes.length);
            }
        }.define();
    }
}
