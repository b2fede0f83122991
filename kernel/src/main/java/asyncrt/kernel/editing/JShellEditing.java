package asyncrt.kernel.editing;

import asyncrt.kernel.execution.JShellEvaluator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Documentation;
import jdk.jshell.SourceCodeAnalysis.Suggestion;

/**
 * Completion and documentation from JShell's own analysis, on the code {@link CellContext} builds: the cell's
 * earlier declarations are in scope without having run. Used on the shell thread only, as JShell is.
 */
final class JShellEditing {

    /** How long classifying matches may take beyond the completion itself, as IPython bounds Jedi's types. */
    private static final long TYPES_BUDGET_NANOS = 150_000_000L;

    static final Set<String> KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case", "catch",
            "char", "class", "continue", "default", "do", "double", "else", "enum", "extends", "false", "final",
            "finally", "float", "for", "if", "implements", "import", "instanceof", "int", "interface", "long", "new",
            "null", "package", "private", "protected", "public", "record", "return", "short", "static", "super",
            "switch", "synchronized", "this", "throw", "throws", "true", "try", "var", "void", "volatile", "while",
            "yield", "sealed", "permits", "non-sealed");

    private final JShellEvaluator evaluator;
    private final CellContext context;

    JShellEditing(JShellEvaluator evaluator) {
        this.evaluator = evaluator;
        this.context = new CellContext(evaluator.analysis());
    }

    JShellEvaluator evaluator() {
        return evaluator;
    }

    /** Completions at a cursor (chars) of a cell's Java ({@link CellJava#of}). */
    Completions complete(String java, int cursor) {
        CellContext.Code code = context.at(java, cursor);
        SourceCodeAnalysis analysis = evaluator.analysis();
        int[] anchor = new int[1];
        List<Suggestion> suggestions = analysis.completionSuggestions(code.code(), code.code().length(), anchor);
        // The ones of the expected type first (as the jshell tool's first Tab shows), then the others.
        List<String> matches = new ArrayList<>();
        suggestions.stream().filter(Suggestion::matchesType).map(Suggestion::continuation).forEach(matches::add);
        suggestions.stream().filter(s -> !s.matchesType()).map(Suggestion::continuation).forEach(matches::add);
        matches = matches.stream().distinct().toList();
        int start = code.toCell(anchor[0]);
        String typed = code.code().substring(0, anchor[0]);
        return new Completions(matches, start, cursor, types(typed, matches));
    }

    /** A declaration's signature (a cell's own declarations without the class they are analysed in) and Javadoc. */
    record Doc(String signature, String javadoc) {
    }

    /** Documentation of what ends at a cursor (chars) of a cell's Java: a name, or a call's open parenthesis. */
    List<Doc> documentation(String java, int cursor) {
        CellContext.Code code = context.at(java, cursor);
        SourceCodeAnalysis analysis = evaluator.analysis();
        List<Documentation> docs = analysis.documentation(code.code(), code.code().length(), true);
        if (docs.isEmpty() && !code.code().endsWith("(")) {
            // JShell documents a method from inside its call's parentheses; a bare name gets them added.
            docs = analysis.documentation(code.code() + "(", code.code().length() + 1, true);
        }
        return docs.stream().map(d -> new Doc(readable(d.signature()), d.javadoc())).toList();
    }

    /** A signature as the learner reads it: outside JShell's wrapper, with imported types by their simple names. */
    private String readable(String signature) {
        return evaluator.withImportedNamesShort(CellContext.unwrapped(signature));
    }

    /** The signature JShell gives the type or name {@code name} in the scope of the cursor, or null. */
    String resolve(String java, int cursor, String name) {
        CellContext.Code code = context.at(java, cursor);
        String at = code.with(name);
        try {
            List<Documentation> docs = evaluator.analysis().documentation(at, at.length(), false);
            return docs.isEmpty() ? null : docs.getFirst().signature();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * The kind of each match: from its text first (a call is a method, a capitalised name a type), then, while
     * time allows, from JShell's signature of it (which tells a field from a package, and gives signatures).
     */
    private List<Completions.Match> types(String typed, List<String> matches) {
        boolean afterDot = typed.stripTrailing().endsWith(".");
        boolean afterNew = typed.stripTrailing().matches("(?s).*\\bnew");
        Map<String, Completions.Match> byText = new LinkedHashMap<>();
        for (String match : matches) {
            byText.put(match, new Completions.Match(match, guess(match, afterDot, afterNew), ""));
        }
        long deadline = System.nanoTime() + TYPES_BUDGET_NANOS;
        List<String> order = new ArrayList<>(matches.stream().filter(m -> !m.endsWith("(") && !m.endsWith(")") && !m.endsWith(".")).toList());
        matches.stream().filter(m -> m.endsWith("(") || m.endsWith(")")).forEach(order::add);
        for (String match : order) {
            if (System.nanoTime() > deadline || KEYWORDS.contains(match)) {
                continue;
            }
            String name = match.endsWith("()") ? match.substring(0, match.length() - 1) : match;
            try {
                List<Documentation> docs = evaluator.analysis().documentation(typed + name, typed.length() + name.length(), false);
                if (!docs.isEmpty()) {
                    byText.put(match, new Completions.Match(match, kindOf(docs.getFirst().signature(), byText.get(match).type()),
                            String.join("\n", docs.stream().map(d -> readable(d.signature())).toList())));
                }
            } catch (RuntimeException e) {
                // keep the guess
            }
        }
        return List.copyOf(byText.values());
    }

    static String guess(String match, boolean afterDot, boolean afterNew) {
        if (match.endsWith(".")) {
            return "package";  // JShell completes a package with its dot
        }
        if (match.endsWith("(") || match.endsWith(")")) {
            return afterNew ? "class" : "method";
        }
        if (KEYWORDS.contains(match)) {
            return "keyword";
        }
        if (!match.isEmpty() && Character.isUpperCase(match.charAt(0))) {
            return "class";
        }
        return afterDot ? "field" : "variable";
    }

    /** The kind a JShell signature tells: {@code T name(...)}, {@code name:T}, {@code Owner.name:T} or a type. */
    private String kindOf(String signature, String guessed) {
        int colon = signature.lastIndexOf(':');
        if (colon > 0 && colon > signature.lastIndexOf(')')) {  // name:T or Owner.name:T (the owner may be Point(int x))
            return signature.substring(0, colon).contains(".") ? "field" : "variable";
        }
        if (signature.contains("(")) {
            return guessed.equals("class") ? "class" : "method";
        }
        String name = signature.replaceAll("<.*", "");
        try {
            Class<?> type = Class.forName(name, false, evaluator.cellLoader());
            return type.isAnnotation() ? "annotation" : type.isInterface() ? "interface" : type.isEnum() ? "enum"
                    : type.isRecord() ? "record" : "class";
        } catch (ClassNotFoundException | LinkageError e) {
            String last = name.substring(name.lastIndexOf('.') + 1);
            return !last.isEmpty() && Character.isLowerCase(last.charAt(0)) ? "package" : "class";
        }
    }
}
