package asyncrt.kernel.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CodeSpanTest {

    @Test
    void commentsAroundTheCodeAreLeftOut() {
        String text = "// a note\n/* more */ f(); // after\n/* last */";
        CodeSpan span = CodeSpan.of(text);
        assertEquals("f();", text.substring(span.start(), span.end()));
    }

    @Test
    void commentMarkersInLiteralsAreCode() {
        assertTrue(CodeSpan.endsWith("s = \"// not a comment\";", ';'));
        assertTrue(CodeSpan.endsWith("c = '/'; // slash", ';'));
        assertFalse(CodeSpan.endsWith("\"a;\" // ends in a string", ';'));
        assertTrue(CodeSpan.endsWith("t = \"\"\"\n  /* text */ \\\"\"\" ;\n  \"\"\"; // block", ';'));
        assertTrue(CodeSpan.endsWith("e = \"\\\"//\"; /* escaped quote */", ';'));
    }

    @Test
    void textWithoutCodeHasAnEmptySpan() {
        CodeSpan span = CodeSpan.of("  // only a comment\n");
        assertTrue(span.start() >= span.end());
        assertFalse(CodeSpan.endsWith("// ;", ';'));
        assertFalse(CodeSpan.endsWith("/* unclosed ;", ';'));
    }
}
