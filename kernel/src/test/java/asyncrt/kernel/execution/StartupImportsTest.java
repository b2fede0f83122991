package asyncrt.kernel.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import jdk.jshell.JShell;
import org.junit.jupiter.api.Test;

/** The start-up imports as one snippet: all take effect, and signatures name their types as JShell would. */
class StartupImportsTest {

    @Test
    void everyImportTakesEffectAndImportedTypesAreWrittenShort() {
        try (JShell shell = JShell.builder().executionEngine("local").build()) {
            StartupImports imports = new StartupImports(shell, List.of("import static java.lang.Math.max;",
                    "import java.util.*;", "import java.util.concurrent.*;", "import java.util.concurrent.Future;"));
            assertEquals("VALID", shell.eval("List<Future<Integer>> xs = new ArrayList<>(); max(1, 2)").getFirst().status().name());

            assertEquals("List<String> Collections.nCopies(int, String)",
                    imports.shorten("java.util.List<java.lang.String> java.util.Collections.nCopies(int, java.lang.String)", Set.of()));
            assertEquals("Future<?> java.net.URI", imports.shorten("java.util.concurrent.Future<?> java.net.URI", Set.of()));
            assertEquals("java.util.List", imports.shorten("java.util.List", Set.of("List")),
                    "a type of the session with the same simple name keeps the import's qualified");
        }
    }
}
