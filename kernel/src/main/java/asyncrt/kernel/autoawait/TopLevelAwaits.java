package asyncrt.kernel.autoawait;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreeScanner;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Finds {@code await(...)} calls in a cell's own statements: in a statement, an expression, or the initializer
 * of a variable the cell declares, however deeply nested in blocks, loops and try statements; not inside a
 * lambda (an {@code async(() -> ...)} body), a method or a class, which run later and elsewhere. Each snippet is
 * parsed with javac's parser (not compiled): as statements if it parses so, else as class members.
 */
final class TopLevelAwaits {

    private static final JavaCompiler JAVAC = ToolProvider.getSystemJavaCompiler();
    private static final StandardJavaFileManager FILES = JAVAC.getStandardFileManager(null, null, null);

    private TopLevelAwaits() {
    }

    /** Whether any of a cell's snippets awaits at top level. */
    static boolean anyIn(List<String> snippets) {
        return snippets.stream().anyMatch(TopLevelAwaits::in);
    }

    /** Whether one snippet (a statement, expression or declaration) awaits at top level. */
    static boolean in(String snippet) {
        if (!snippet.contains("await")) {
            return false;
        }
        // A statement (JShell leaves out the semicolon of a last one), else an expression such as 1 + await(x).
        for (String body : List.of(snippet + "\n;", "Object $value = (" + snippet + "\n);")) {
            Optional<CompilationUnitTree> statements = parse("class $Cell { void $run() throws Throwable {\n" + body + "\n} }");
            if (statements.isPresent()) {
                MethodTree run = (MethodTree) onlyClass(statements.get()).getMembers().getFirst();
                return Boolean.TRUE.equals(new Finder().scan(run.getBody(), null));
            }
        }
        return parse("class $Cell {\n" + snippet + "\n}")
                .map(unit -> onlyClass(unit).getMembers().stream()
                        .anyMatch(member -> member instanceof VariableTree field
                                && Boolean.TRUE.equals(new Finder().scan(field.getInitializer(), null))))
                .orElse(false);
    }

    private static ClassTree onlyClass(CompilationUnitTree unit) {
        return (ClassTree) unit.getTypeDecls().getFirst();
    }

    private static Optional<CompilationUnitTree> parse(String source) {
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///Cell.java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        try {
            JavacTask task = (JavacTask) JAVAC.getTask(null, FILES, diagnostics, List.of("-proc:none"), null, List.of(file));
            CompilationUnitTree unit = task.parse().iterator().next();
            boolean clean = diagnostics.getDiagnostics().stream().noneMatch(d -> d.getKind() == Diagnostic.Kind.ERROR);
            return clean && unit.getTypeDecls().size() == 1 ? Optional.of(unit) : Optional.empty();
        } catch (java.io.IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** True when it meets an {@code await(...)} call outside lambdas, methods and classes. */
    private static final class Finder extends TreeScanner<Boolean, Void> {

        @Override
        public Boolean reduce(Boolean first, Boolean second) {
            return Boolean.TRUE.equals(first) || Boolean.TRUE.equals(second);
        }

        @Override
        public Boolean visitMethodInvocation(MethodInvocationTree call, Void unused) {
            Tree method = call.getMethodSelect();
            String name = method instanceof IdentifierTree id ? id.getName().toString()
                    : method instanceof MemberSelectTree select ? select.getIdentifier().toString() : "";
            return name.equals("await") || super.visitMethodInvocation(call, unused);
        }

        @Override
        public Boolean visitLambdaExpression(LambdaExpressionTree lambda, Void unused) {
            return false;
        }

        @Override
        public Boolean visitClass(ClassTree type, Void unused) {
            return false;
        }

        @Override
        public Boolean visitMethod(MethodTree method, Void unused) {
            return false;
        }
    }
}
