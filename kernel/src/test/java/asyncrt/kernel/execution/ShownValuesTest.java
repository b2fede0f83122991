package asyncrt.kernel.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Older shown values leave JShell, keep their type and value, and come back when a snippet names them. */
class ShownValuesTest {

    private String classpath;
    private ClassLoader contextLoader;
    private JShellEvaluator jshell;

    @BeforeEach
    void start() {
        classpath = System.getProperty("java.class.path");
        contextLoader = Thread.currentThread().getContextClassLoader();
        jshell = new JShellEvaluator(List.of(), List.of(), List.of());
    }

    @AfterEach
    void stop() {
        jshell.close();
        System.setProperty("java.class.path", classpath);
        Thread.currentThread().setContextClassLoader(contextLoader);
        asyncrt.coroutines.Coroutine.nameCodeWith(null);
    }

    @Test
    void onlyTheLatestStayInJShellAndAnOlderOneComesBackWithItsTypeAndValue() throws Exception {
        assertEquals("[a]", text("new java.util.ArrayList<>(java.util.List.of(\"a\"))"));
        for (int i = 0; i < 2 * ShownValues.LIVE; i++) {
            text("\"v\" + " + i);
        }
        List<String> held = jshell.variableNames();
        assertEquals(ShownValues.LIVE, held.size(), "JShell holds only the latest shown values: " + held);
        assertFalse(held.contains("$1"), held.toString());

        assertEquals("1", text("$1.size()"), "$1 is back, still an ArrayList<String>");
        assertEquals("2", text("$1.add(\"b\"); $1.size()"));
        assertEquals("\"v0\"", text("$2"));
        assertEquals("2", text("$2.length()"));
        assertTrue(jshell.variableNames().containsAll(List.of("$1", "$2")), jshell.variableNames().toString());
        assertEquals("\"costs $3\"", text("\"costs $3\""), "a name inside a string brings the value back, harmlessly");
        assertTrue(jshell.delete("$5"), "a retired value can be deleted");
    }

    private String text(String code) throws Exception {
        return jshell.eval(code, "In [1]").map(Value::text).orElse("");
    }
}
