package asyncrt.kernel.editing;

import asyncrt.kernel.execution.SnippetSplitter;
import java.util.List;
import java.util.regex.Pattern;
import jdk.jshell.SourceCodeAnalysis;

/**
 * The code JShell's analysis is given for a cursor in a cell, so that it sees the cell's earlier declarations as
 * if they had run, without running them. JShell analyses one snippet against what was evaluated before; the
 * cell's earlier snippets were not. So the snippet holding the cursor is put, verbatim and last, into a class
 * that declares them:
 *
 * <pre>
 * class $Cell {                          // the cell's methods and types, as members
 *     int twice(int x) { return 2 * x; }
 *     void $cell() throws Throwable {    // its variables, as locals (so that var works)
 *         String s = "x";
 *         s.toUpperC                     // the snippet holding the cursor, up to the cursor
 * </pre>
 *
 * Statements and expressions declare nothing later code sees, so they are left out; so are imports, which a
 * class body cannot hold (a cell's own imports are seen once it has run). When the snippet holding the cursor is
 * itself a method or type declaration, it becomes a member, and the variables fields. When the cell has no earlier
 * declaration, the snippet is given as it is. As the snippet ends the code, a position counted from the end is
 * the same in the cell and in the code.
 */
final class CellContext {

    /** A declaration of a method, after modifiers, annotations and type parameters: {@code Type name(}. */
    private static final Pattern METHOD_HEADER = Pattern.compile(
            "^\\s*(?:@[\\w.]+(?:\\([^)]*\\))?\\s*)*(?:(?:public|protected|private|static|final|abstract|synchronized"
                    + "|native|strictfp|default)\\s+)*(?:<[^>]*>\\s*)?([\\w$.]+)(?:<[^()]*>)?(?:\\[\\])*\\s+[\\w$]+\\s*\\(");
    private static final Pattern TYPE_HEADER = Pattern.compile(
            "^\\s*(?:@[\\w.]+(?:\\([^)]*\\))?\\s*)*(?:(?:public|protected|private|static|final|abstract|sealed"
                    + "|non-sealed|strictfp)\\s+)*(?:class|interface|enum|record|@interface)\\s");
    private static final java.util.Set<String> STATEMENT_WORDS = java.util.Set.of("return", "new", "throw", "else",
            "case", "yield", "assert", "do", "try", "if", "while", "for", "switch", "synchronized");
    /** The class the cell's declarations are analysed in. */
    static final String CLASS = "$Cell";

    /**
     * The code to analyse.
     *
     * @param code    ends at the cursor with the snippet holding it
     * @param cursor  the cursor in the cell (chars)
     * @param current how many chars at the end of the code are the snippet holding the cursor
     */
    record Code(String code, int cursor, int current) {

        /** The code with something else in place of the snippet holding the cursor. */
        String with(String snippet) {
            return code.substring(0, code.length() - current) + snippet;
        }

        /** The cell offset of a position in the code that lies in the snippet holding the cursor. */
        int toCell(int position) {
            return cursor - (code.length() - position);
        }
    }

    private final SnippetSplitter splitter;
    private final SnippetKinds kinds = new SnippetKinds();

    CellContext(SourceCodeAnalysis analysis) {
        this.splitter = new SnippetSplitter(analysis);
    }

    /**
     * The code to analyse for a cursor.
     *
     * @param java   the cell's Java ({@link CellJava#of})
     * @param cursor where the cursor is (chars)
     */
    Code at(String java, int cursor) {
        String before = java.substring(0, cursor);
        List<SnippetSplitter.Piece> pieces = splitter.split(before);
        int currentStart = cursor;
        if (!pieces.isEmpty()) {
            SnippetSplitter.Piece last = pieces.getLast();
            String raw = last.raw().strip();
            if (!raw.endsWith(";") && !raw.endsWith("}")) {
                currentStart = last.start();
                pieces = pieces.subList(0, pieces.size() - 1);
            }
        }
        String current = before.substring(currentStart);
        StringBuilder members = new StringBuilder();
        StringBuilder locals = new StringBuilder();
        StringBuilder fields = new StringBuilder();
        for (SnippetSplitter.Piece piece : pieces) {
            String source = piece.raw().strip();
            switch (kinds.of(source)) {
                case MEMBER -> members.append(source).append('\n');
                case VARIABLE -> {
                    String statement = source.endsWith(";") ? source : source + ";";
                    locals.append(statement).append('\n');
                    if (!statement.startsWith("var ")) {
                        fields.append(statement).append('\n');
                    }
                }
                case OTHER -> {
                    // statements, expressions and imports declare nothing the class body could hold
                }
            }
        }
        if (members.isEmpty() && locals.isEmpty()) {
            return new Code(current, cursor, current.length());
        }
        StringBuilder code = new StringBuilder("class " + CLASS + " {\n").append(members);
        if (isMemberDeclaration(current)) {
            code.append(fields);
        } else {
            code.append("void $cell() throws Throwable {\n").append(locals);
        }
        return new Code(code.append(current).toString(), cursor, current.length());
    }

    /** A signature with the analysis's wrapper class taken out: {@code int $Cell.twice(int x)} as {@code int twice(int x)}. */
    static String unwrapped(String signature) {
        return signature.replace(CLASS + ".", "").replace(CLASS, "");
    }

    /** Whether code is the start of a method or type declaration (which goes into a class body, not a method). */
    static boolean isMemberDeclaration(String code) {
        if (TYPE_HEADER.matcher(code).find()) {
            return true;
        }
        var method = METHOD_HEADER.matcher(code);
        return method.find() && !STATEMENT_WORDS.contains(method.group(1));
    }
}
