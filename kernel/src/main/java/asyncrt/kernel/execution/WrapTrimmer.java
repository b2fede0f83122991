package asyncrt.kernel.execution;

import asyncrt.kernel.util.Log;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import jdk.jshell.Snippet;

/**
 * Lets go of the imports JShell keeps in the wrapper source of each snippet it has compiled. JShell compiles a
 * snippet inside a class whose source starts with an import of every name defined so far, all on one line
 * ({@code import static REPL.$JShell$12.x;   import static ...}), and keeps that source, twice, for as long as
 * it keeps the snippet, which is for ever: the n-th cell keeps n imports, so each cell kept more memory than the
 * one before (35 KB per simple cell, on average, over 500 cells).
 *
 * <p>Once a snippet is compiled, nothing reads those imports again. A snippet compiled again (when a definition
 * it uses changes) gets a new wrapper with fresh imports, and what reads an old wrapper, the line of a stack
 * frame in it ({@link WrapperLines}), needs its lines only. Those are kept: the import line is emptied, not
 * removed, so every later line keeps its number, and positions stay consistent within the trimmed source.
 *
 * <p>JShell has no API for this, so the trimmer reaches into its wrapper objects by reflection, which needs
 * {@code --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED} (the kernelspec passes it). Without it, or on a JDK
 * whose JShell is built differently, it says so once in the kernel's log and leaves the snippets as they are.
 */
final class WrapTrimmer {

    private static final String PACKAGE_LINE = "package REPL;\n";

    private Field outer;     // Snippet.outer: the snippet's top-level wrapper
    private Field wrap;      // OuterWrap.w: its wrapped source, in parts
    private Field parts;     // CompoundWrap.os: the parts, the first a string of the package, imports and class line
    private Field wrapped;   // CompoundWrap.wrapped: the parts joined
    private Method partText; // GeneralWrap.wrapped(): the text of a part that is itself a wrap
    private Class<?> compoundWrap;
    private boolean enabled;

    WrapTrimmer() {
        try {
            outer = accessible(Snippet.class.getDeclaredField("outer"));
            wrap = accessible(Class.forName("jdk.jshell.OuterWrap").getDeclaredField("w"));
            compoundWrap = Class.forName("jdk.jshell.Wrap$CompoundWrap");
            parts = accessible(compoundWrap.getDeclaredField("os"));
            wrapped = accessible(compoundWrap.getDeclaredField("wrapped"));
            partText = Class.forName("jdk.jshell.GeneralWrap").getDeclaredMethod("wrapped");
            partText.setAccessible(true);
            enabled = true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            Log.info("JShell's snippet wrappers are kept whole, so each cell keeps more memory than the last"
                    + " (run the kernel with --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED to trim them): " + e);
        }
    }

    /** Whether trimming works on this JVM. */
    boolean enabled() {
        return enabled;
    }

    /** Empties the import line of a compiled snippet's wrapper source; does nothing to one already trimmed. */
    void trim(Snippet snippet) {
        if (!enabled || snippet == null) {
            return;
        }
        try {
            Object outerWrap = outer.get(snippet);
            Object source = outerWrap == null ? null : wrap.get(outerWrap);
            if (!compoundWrap.isInstance(source)) {
                return; // an import, or a snippet that failed to compile
            }
            Object[] pieces = (Object[]) parts.get(source);
            if (pieces.length == 0 || !(pieces[0] instanceof String head) || !head.startsWith(PACKAGE_LINE)) {
                return;
            }
            String slim = slim(head);
            if (slim.length() == head.length()) {
                return;
            }
            pieces[0] = slim;
            StringBuilder joined = new StringBuilder();
            for (Object piece : pieces) {
                joined.append(piece instanceof String text ? text : (String) partText.invoke(piece));
            }
            wrapped.set(source, joined.toString());
        } catch (ReflectiveOperationException | RuntimeException e) {
            enabled = false;
            Log.warn("stopped trimming JShell's snippet wrappers: " + e);
        }
    }

    /**
     * The head of a wrapper ({@code package REPL;}, the imports, the class line) with every line between the
     * first and the last emptied.
     */
    static String slim(String head) {
        int classLine = head.lastIndexOf('\n', head.length() - 2) + 1;
        if (classLine <= PACKAGE_LINE.length()) {
            return head;
        }
        String between = head.substring(PACKAGE_LINE.length(), classLine);
        return PACKAGE_LINE + between.replaceAll("[^\n]", "") + head.substring(classLine);
    }

    private static Field accessible(Field field) {
        field.setAccessible(true);
        return field;
    }
}
