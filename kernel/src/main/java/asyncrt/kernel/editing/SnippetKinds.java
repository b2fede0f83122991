package asyncrt.kernel.editing;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.JavacTask;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * What a snippet of a cell declares, from javac's parser alone (nothing is compiled, nothing touches JShell's
 * state: JShell's own {@code sourceToSnippets} registers a type declaration it is shown, which spoils its later
 * analyses). A snippet is a member (a method or a type), a variable, or anything else.
 */
final class SnippetKinds {

    /** What a snippet is. */
    enum Kind { MEMBER, VARIABLE, OTHER }

    private static final int CACHE = 500;

    private final Map<String, Kind> known = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Kind> eldest) {
            return size() > CACHE;
        }
    };

    /** The kind of a complete snippet. */
    synchronized Kind of(String source) {
        Kind kind = known.get(source);
        if (kind == null) {
            kind = classify(source);
            known.put(source, kind);
        }
        return kind;
    }

    private static Kind classify(String source) {
        // As a statement first: a local variable (var included) or a local type...
        String statement = source.endsWith(";") || source.endsWith("}") ? source : source + ";";
        List<? extends Tree> statements = parse("class $K { void $m() {\n" + statement + "\n} }", true);
        if (statements != null && !statements.isEmpty()) {
            Tree first = statements.getFirst();
            return first instanceof VariableTree ? Kind.VARIABLE : first instanceof ClassTree ? Kind.MEMBER : Kind.OTHER;
        }
        // ...else as a member: a method (which no method body may hold).
        List<? extends Tree> members = parse("class $K {\n" + source + "\n}", false);
        if (members != null && !members.isEmpty()) {
            Tree first = members.getFirst();
            return first instanceof MethodTree || first instanceof ClassTree ? Kind.MEMBER
                    : first instanceof VariableTree ? Kind.VARIABLE : Kind.OTHER;
        }
        return Kind.OTHER;
    }

    /** The statements of {@code $m} or the members of {@code $K}, or null when the code does not parse. */
    private static List<? extends Tree> parse(String code, boolean statements) {
        boolean[] errors = new boolean[1];
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///K.java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return code;
            }
        };
        try {
            JavacTask task = (JavacTask) ToolProvider.getSystemJavaCompiler().getTask(null, null, diagnostic -> {
                if (diagnostic.getKind() == Diagnostic.Kind.ERROR) {
                    errors[0] = true;
                }
            }, List.of("-proc:none"), null, List.of(file));
            CompilationUnitTree unit = task.parse().iterator().next();
            if (errors[0] || unit.getTypeDecls().isEmpty() || !(unit.getTypeDecls().getFirst() instanceof ClassTree type)) {
                return null;
            }
            if (!statements) {
                return type.getMembers().stream().filter(m -> !(m instanceof MethodTree method && method.getName().contentEquals("<init>"))).toList();
            }
            for (Tree member : type.getMembers()) {
                if (member instanceof MethodTree method && method.getName().contentEquals("$m") && method.getBody() != null) {
                    List<? extends StatementTree> body = method.getBody().getStatements();
                    return body;
                }
            }
            return null;
        } catch (Exception | LinkageError e) {
            return null;
        }
    }
}
