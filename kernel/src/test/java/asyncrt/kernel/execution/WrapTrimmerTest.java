package asyncrt.kernel.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WrapTrimmerTest {

    private static final String HEAD = "package REPL;\n"
            + "import java.util.*;   import static REPL.$JShell$12.x;   import static REPL.$JShell$13.$2;   \n"
            + "class $JShell$14 {\n";

    @Test
    void theImportLineIsEmptiedAndEveryLineKept() {
        String slim = WrapTrimmer.slim(HEAD);
        assertEquals("package REPL;\n\nclass $JShell$14 {\n", slim);
        assertEquals(HEAD.lines().count(), slim.lines().count(), "later lines keep their numbers");
    }

    @Test
    void aTrimmedHeadOrOneWithoutImportsStaysAsItIs() {
        String slim = WrapTrimmer.slim(HEAD);
        assertEquals(slim, WrapTrimmer.slim(slim));
        assertEquals("package REPL;\nclass $JShell$1 {\n", WrapTrimmer.slim("package REPL;\nclass $JShell$1 {\n"));
    }
}
