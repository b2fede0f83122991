package asyncrt.kernel.editing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Javadoc rendered as Markdown and as plain text; JShell signatures read; the magic lines of a cell blanked. */
class JavadocTest {

    private static final String MAX = """
             Returns the greater of two {@code int} values. That is, the
             result is the argument closer to the value of
             {@link Integer#MAX_VALUE}. If the arguments have the same value,
             the result is that same value.
             <p>
             See <a href="https://example.org/max">the spec</a> and {@linkplain java.util.List lists}.

             @param   a   an argument.
             @param   b   another argument.
             @return  the larger of {@code a} and {@code b}.
             @throws IllegalStateException when {@literal a < b} never
             @since 1.0
            """;

    @Test
    void markdownHasCodeLinksAndSections() {
        String markdown = Javadoc.parse(MAX).markdown(false);
        assertTrue(markdown.startsWith("Returns the greater of two `int` values. That is, the result is the argument closer"
                + " to the value of `Integer.MAX_VALUE`."), markdown);
        assertTrue(markdown.contains("\n\nSee [the spec](https://example.org/max) and lists."), markdown);
        assertTrue(markdown.contains("**Parameters**\n- `a` — an argument.\n- `b` — another argument."), markdown);
        assertTrue(markdown.contains("**Returns**  \nthe larger of `a` and `b`."), markdown);
        assertTrue(markdown.contains("**Throws**\n- `IllegalStateException` — when a &lt; b never"), markdown);
        assertTrue(markdown.contains("**Since**  \n1.0"), markdown);
        assertFalse(markdown.contains("{@") || markdown.contains("<p>"), markdown);
    }

    @Test
    void plainTextHasNoMarkup() {
        String plain = Javadoc.parse(MAX).plain(false);
        assertTrue(plain.startsWith("Returns the greater of two int values. That is, the result is the argument\ncloser"), plain);
        assertTrue(plain.contains("See the spec (https://example.org/max) and lists."), plain);
        assertTrue(plain.contains("Parameters:\n    a - an argument.\n    b - another argument."), plain);
        assertTrue(plain.contains("Returns:\n    the larger of a and b."), plain);
        assertTrue(plain.contains("when a < b never"), plain);
        for (String markup : List.of("{@", "<p>", "`", "**", "<a ")) {
            assertFalse(plain.contains(markup), markup + " in:\n" + plain);
        }
        for (String line : plain.split("\n")) {
            assertTrue(line.length() <= 80, "a line longer than 80: " + line);
        }
    }

    @Test
    void preListsAndTables() {
        String doc = """
                 Runs it:
                 <pre>{@code
                 var x = List.of(1, 2);
                 if (a < b) { x.get(0); }
                 }</pre>
                 <ul>
                 <li>one <em>thing</em>
                 <li>two &amp; more
                 </ul>
                 <table class="plain">
                 <caption style="display:none">hidden</caption>
                 <tr><th>Code</th><th>Meaning</th></tr>
                 <tr><td>{@code a|b}</td><td>either</td></tr>
                 </table>
                """;
        String markdown = Javadoc.parse(doc).markdown(false);
        assertTrue(markdown.contains("```java\nvar x = List.of(1, 2);\nif (a < b) { x.get(0); }\n```"), markdown);
        assertTrue(markdown.contains("- one *thing*\n- two & more"), markdown);
        assertTrue(markdown.contains("| Code | Meaning |\n| --- | --- |\n| `a\\|b` | either |"), markdown);
        assertFalse(markdown.contains("hidden"), markdown);
        String plain = Javadoc.parse(doc).plain(false);
        assertTrue(plain.contains("        var x = List.of(1, 2);\n        if (a < b) { x.get(0); }"), plain);
        assertTrue(plain.contains("    Code | Meaning\n    a|b | either"), plain);
    }

    @Test
    void signatures() {
        assertEquals(new Signature("Math", "max", List.of("int", "int")), Signature.parse("int Math.max(int a, int b)"));
        assertEquals(new Signature("Asyncio", "sleep", List.of("double", "T")),
                Signature.parse("asyncrt.coroutines.Coroutine<T> Asyncio.<T>sleep(double delay, T result)"));
        assertEquals(new Signature("Map.Entry", "getKey", List.of()), Signature.parse("K Map.Entry<K, V>.getKey()"));
        assertEquals(new Signature("java.io.PrintStream", "println", List.of("String")),
                Signature.parse("void java.io.PrintStream.println(String x)"));
        assertEquals(new Signature("Foo", Signature.CONSTRUCTOR, List.of("int")), Signature.parse("Foo(int b)"));
        assertEquals(new Signature("", "greet", List.of("String")), Signature.parse("String greet(String who)"));
        assertEquals(new Signature("System", "out", null), Signature.parse("System.out:java.io.PrintStream"));
        assertEquals(new Signature("", "counter", null), Signature.parse("counter:int"));
        assertEquals(new Signature("java.util.Map.Entry", "", null), Signature.parse("java.util.Map.Entry<K, V>"));
        assertEquals(new Signature("Collections", "sort", List.of("List", "Comparator")),
                Signature.parse("void Collections.<T>sort(java.util.List<T> list, java.util.Comparator<? super T> c)"));
        assertEquals(List.of("String[]"), Signature.parse("String String.join(String... parts)").parameters());
    }

    @Test
    void magicLinesAreBlankedKeepingOffsets() {
        String cell = "%maven a:b:1\nString s = \"x\";\n%time s.length()";
        String java = CellJava.of(cell);
        assertEquals(cell.length(), java.length());
        assertEquals(" ".repeat(12) + "\nString s = \"x\";\n      s.length()", java);
        assertEquals("      \nint x = 1;", CellJava.of("%%time\nint x = 1;"));
        assertEquals(" ".repeat(19) + "Math.max(1, 2)", CellJava.of("%timeit -n 10 -r 3 Math.max(1, 2)"));
        assertEquals(null, CellJava.of("%%loadFromPOM\n<dependency/>"));
    }
}
