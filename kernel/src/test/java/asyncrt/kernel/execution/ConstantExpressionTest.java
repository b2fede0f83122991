package asyncrt.kernel.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import jdk.jshell.JShell;
import jdk.jshell.SnippetEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The fast path agrees with JShell (that is, with Java) on every expression it takes, and declines the rest. */
class ConstantExpressionTest {

    private static JShell jshell;

    @BeforeAll
    static void start() {
        jshell = JShell.builder().executionEngine("local").build();
    }

    @AfterAll
    static void stop() {
        jshell.close();
    }

    @Test
    void agreesWithJava() {
        List<String> expressions = List.of(
                "1+1", "1 + 2 * 3", "(1 + 2) * 3", "7 / 2", "-7 / 2", "-7 % 3", "7 % -3", "2147483647 + 1",
                "1L << 40", "1 << 33", "-16 >> 2", "-16 >>> 28", "-16L >>> 60", "5 & 3", "5 | 3", "5 ^ 3", "~5",
                "10 / 4.0", "1.0 / 0", "0.0 / 0 == 0.0 / 0", "0.1 + 0.2", "1e3", "2.5f * 2", "1f / 3", "3d",
                "1 < 2", "2 <= 2", "3 > 4", "1 == 1.0", "1 != 2", "true && false", "true || false", "!true",
                "true ^ true", "true & false", "false | true", "true == false", "1 < 2 ? 10 : 20",
                "\"a\" + 1", "1 + 2 + \"x\"", "\"x\" + 1 + 2", "\"a\" + 'b'", "'a' + 1", "'a'", "\"tab\\there\"",
                "\"\" + 1.0f", "\"\" + 1e10", "\"q\\\"uote\"", "- -1", "+5", "100000 * 100000", "9223372036854775807L + 1");
        for (String expression : expressions) {
            Optional<Object> fast = ConstantExpression.evaluate(expression);
            assertTrue(fast.isPresent(), "the fast path takes " + expression);
            assertEquals(jshellValue(expression), Value.of(fast.get()).text(), expression);
        }
    }

    @Test
    void declinesWhatItDoesNotCover() {
        for (String code : List.of("1 / 0", "1 % 0", "x + 1", "Math.max(1, 2)", "(int) 2.5", "1++2", "1 = 2",
                "010", "0x10", "1_000", "1;", "// c\n1", "\"a\" == \"a\"", "true ? 1 : 2.0", "2147483648",
                "1 +", "", "int x = 1", "\"\\u0041\"", "'ab'", "null")) {
            assertEquals(Optional.empty(), ConstantExpression.evaluate(code), code);
        }
    }

    private static String jshellValue(String expression) {
        List<SnippetEvent> events = jshell.eval(expression);
        return events.getFirst().value();
    }
}
