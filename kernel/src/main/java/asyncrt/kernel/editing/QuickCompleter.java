package asyncrt.kernel.editing;

import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Completion while JShell warms up (seconds after the kernel starts), without it: keywords, the types the session
 * starts with (the default imports, asyncrt's types, the static imports), the cell's own variables, methods and
 * types found by their declarations, and the members of a type, a variable of a known type, a string or a package
 * found by reflection. Less than JShell knows, but immediate; once JShell is ready it answers instead.
 *
 * <p>The starting scope is read at the first completion, not as the kernel starts: at start the cores are busy
 * with JShell's first compilations and the JIT, and most sessions ask for no completion before JShell is ready.
 * Read eagerly, on a thread of its own, it delayed the first result (bench/where-the-time-goes.md). Called from
 * the shell thread only.
 */
final class QuickCompleter {

    /** A name a cell may use unqualified, with its kind and signature. */
    private record Name(String text, String type, String signature) {
    }


    private static final Pattern IDENTIFIER_END = Pattern.compile("[\\p{javaJavaIdentifierPart}]*$");
    private static final Pattern VARIABLE = Pattern.compile(
            "(?:^|[;{}(,]|\\n)\\s*(?:final\\s+)?([A-Za-z_$][\\w$.]*(?:<[^;=(){}]*>)?(?:\\[\\s*\\])*)\\s+([A-Za-z_$][\\w$]*)\\s*(?=[=;:,)])");
    private static final Pattern VAR = Pattern.compile(
            "\\bvar\\s+([A-Za-z_$][\\w$]*)\\s*=\\s*(?:new\\s+([A-Za-z_$][\\w$.]*)|(\")|(\\d+[lL]?)\\b|(\\d*\\.\\d+)|(true|false)\\b)");
    private static final Pattern METHOD = Pattern.compile(
            "(?:^|[;{}]|\\n)\\s*(?:(?:public|private|static|final)\\s+)*(?:<[^>]*>\\s*)?[\\w$.]+(?:<[^;=(){}]*>)?(?:\\[\\])*\\s+([A-Za-z_$][\\w$]*)\\s*\\([^;{}]*\\)\\s*(?:throws[^{;]*)?\\{");
    private static final Pattern TYPE_DECLARATION = Pattern.compile("\\b(?:class|record|interface|enum)\\s+([A-Za-z_$][\\w$]*)");

    /** The kind of a type not looked at yet: its class is loaded only when it matches. */
    private static final String TYPE = "type";
    private static final Map<String, String> KINDS = new java.util.concurrent.ConcurrentHashMap<>();

    private StartingScope startingScope;

    /** Completions at a cursor (chars) of a cell's Java. */
    Completions complete(String java, int cursor) {
        if (startingScope == null) {
            startingScope = StartingScope.read();
        }
        StartingScope known = startingScope;
        String before = java.substring(0, cursor);
        Matcher end = IDENTIFIER_END.matcher(before);
        end.find();
        String prefix = end.group();
        int start = cursor - prefix.length();
        String rest = before.substring(0, start).stripTrailing();
        List<Name> names = new ArrayList<>();
        if (rest.endsWith(".")) {
            Target target = target(rest.substring(0, rest.length() - 1).stripTrailing(), before, known);
            if (target != null) {
                names.addAll(target.members());
            }
        } else {
            JShellEditing.KEYWORDS.stream().sorted().forEach(k -> names.add(new Name(k, "keyword", "")));
            names.addAll(cellNames(before, known));
            known.types().forEach((simple, type) -> names.add(new Name(simple, TYPE, type)));
            names.addAll(members(known.statics()));
        }
        Map<String, Name> matches = new LinkedHashMap<>();
        names.stream().filter(n -> n.text().startsWith(prefix)).map(QuickCompleter::typed).filter(n -> n != null)
                .forEach(n -> matches.putIfAbsent(n.text(), n));
        List<Completions.Match> types = matches.values().stream()
                .map(n -> new Completions.Match(n.text(), n.type(), n.signature())).toList();
        return new Completions(List.copyOf(matches.keySet()), start, cursor, types);
    }

    /** Signatures (no documentation: that needs JShell) of the member or type before a cursor. */
    Inspection inspect(String java, int cursor) {
        Completions completions = complete(java, cursor);
        String typed = java.substring(completions.cursorStart(), cursor);
        List<String> signatures = completions.types().stream()
                .filter(m -> m.text().equals(typed) || m.text().equals(typed + "(") || m.text().equals(typed + "()"))
                .map(Completions.Match::signature).filter(s -> !s.isEmpty()).toList();
        if (signatures.isEmpty()) {
            return Inspection.none();
        }
        String text = String.join("\n", signatures);
        String note = "The documentation is shown once the kernel has started (a few seconds).";
        return new Inspection(true, "```java\n" + text + "\n```\n\n*" + note + "*", text + "\n\n" + note);
    }

    /** What a qualifier before a dot stands for. */
    private record Target(Class<?> type, boolean instance, String packageName, Map<String, String> classes) {

        List<Name> members() {
            if (packageName != null) {
                List<Name> names = new ArrayList<>();
                classes.forEach((simple, fqn) -> names.add(fqn.startsWith("package ")
                        ? new Name(simple + ".", "package", fqn.substring(8)) : new Name(simple, TYPE, fqn)));
                return names;
            }
            List<Member> members = new ArrayList<>();
            if (type.isArray()) {
                return List.of(new Name("length", "field", "int length"), new Name("clone()", "method", type.getSimpleName() + " clone()"));
            }
            for (Method method : type.getMethods()) {
                if (Modifier.isStatic(method.getModifiers()) != instance) {
                    members.add(method);
                }
            }
            for (Field field : type.getFields()) {
                if (Modifier.isStatic(field.getModifiers()) != instance) {
                    members.add(field);
                }
            }
            List<Name> names = new ArrayList<>(QuickCompleter.members(members));
            if (!instance) {
                for (Class<?> nested : type.getClasses()) {
                    names.add(new Name(nested.getSimpleName(), kindOf(nested), nested.getName()));
                }
                names.add(new Name("class", "keyword", ""));
            }
            return names;
        }
    }

    private Target target(String qualifier, String cell, StartingScope known) {
        if (qualifier.endsWith("\"")) {
            return new Target(String.class, true, null, null);
        }
        Matcher chain = Pattern.compile("([A-Za-z_$][\\w$]*(?:\\s*\\.\\s*[A-Za-z_$][\\w$]*)*)$").matcher(qualifier);
        if (!chain.find()) {
            return null;
        }
        String[] parts = chain.group(1).split("\\s*\\.\\s*");
        Target target = first(parts[0], cell, known);
        for (int i = 1; i < parts.length && target != null; i++) {
            target = next(target, parts[i]);
        }
        return target;
    }

    private Target first(String name, String cell, StartingScope known) {
        String declared = variableType(name, cell);
        if (declared != null) {
            Class<?> type = load(declared, known);
            return type == null ? null : new Target(type, true, null, null);
        }
        Class<?> type = Character.isUpperCase(name.charAt(0)) ? load(name, known) : null;
        return type != null ? new Target(type, false, null, null) : packageTarget(name);
    }

    private Target next(Target target, String part) {
        if (target.packageName() != null) {
            String qualified = target.packageName() + "." + part;
            try {
                return new Target(Class.forName(qualified, false, getClass().getClassLoader()), false, null, null);
            } catch (ClassNotFoundException | LinkageError e) {
                return packageTarget(qualified);
            }
        }
        try {
            Field field = target.type().getField(part);
            return new Target(field.getType(), true, null, null);
        } catch (NoSuchFieldException e) {
            for (Class<?> nested : target.type().getClasses()) {
                if (nested.getSimpleName().equals(part) && !target.instance()) {
                    return new Target(nested, false, null, null);
                }
            }
            return null;
        }
    }

    /** The packages and public types directly in a package of the JDK, or null when there is no such package. */
    private static Target packageTarget(String name) {
        Map<String, String> classes = new TreeMap<>();
        try {
            FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
            Path packages = jrt.getPath("/packages");
            try (Stream<Path> all = Files.list(packages)) {
                all.map(p -> p.getFileName().toString().replace("/", ""))
                        .filter(p -> p.startsWith(name + ".") && p.indexOf('.', name.length() + 1) < 0)
                        .forEach(p -> classes.put(p.substring(name.length() + 1), p));
            }
            classes.replaceAll((simple, fqn) -> "package " + fqn);
            StartingScope.typesIn(name).forEach(t -> classes.put(t.substring(t.lastIndexOf('.') + 1), t));
        } catch (Exception e) {
            return null;
        }
        return classes.isEmpty() ? null : new Target(null, false, name, classes);
    }

    /** The type a cell declares a variable with, or null. */
    private static String variableType(String name, String cell) {
        String found = null;
        Matcher variable = VARIABLE.matcher(cell);
        while (variable.find()) {
            if (variable.group(2).equals(name) && !JShellEditing.KEYWORDS.contains(variable.group(1))
                    || variable.group(2).equals(name) && isPrimitive(variable.group(1))) {
                found = variable.group(1);
            }
        }
        Matcher var = VAR.matcher(cell);
        while (var.find()) {
            if (var.group(1).equals(name)) {
                found = var.group(2) != null ? var.group(2) : var.group(3) != null ? "String" : var.group(4) != null
                        ? (var.group(4).toLowerCase().endsWith("l") ? "long" : "int") : var.group(5) != null ? "double" : "boolean";
            }
        }
        return found;
    }

    private static boolean isPrimitive(String type) {
        return Set.of("int", "long", "double", "float", "boolean", "char", "byte", "short").contains(type);
    }

    private static Class<?> load(String declared, StartingScope known) {
        String erased = Signature.eraseType(declared).replaceAll("\\s+", "");
        int dims = 0;
        while (erased.endsWith("[]")) {
            dims++;
            erased = erased.substring(0, erased.length() - 2);
        }
        Class<?> type = switch (erased) {
            case "int" -> int.class;
            case "long" -> long.class;
            case "double" -> double.class;
            case "float" -> float.class;
            case "boolean" -> boolean.class;
            case "char" -> char.class;
            case "byte" -> byte.class;
            case "short" -> short.class;
            default -> {
                String qualified = known.types().getOrDefault(erased, erased);
                Class<?> found = null;
                for (String name : List.of(qualified, "java.lang." + erased)) {
                    try {
                        found = Class.forName(name, false, QuickCompleter.class.getClassLoader());
                        break;
                    } catch (ClassNotFoundException | LinkageError e) {
                        // not this one
                    }
                }
                yield found;
            }
        };
        if (type == null || dims == 0 && type.isPrimitive()) {
            return dims == 0 ? null : type;
        }
        for (int i = 0; i < dims; i++) {
            type = type.arrayType();
        }
        return type;
    }

    private static List<Name> cellNames(String cell, StartingScope known) {
        List<Name> names = new ArrayList<>();
        Matcher variable = VARIABLE.matcher(cell);
        while (variable.find()) {
            if (!JShellEditing.KEYWORDS.contains(variable.group(1)) || isPrimitive(variable.group(1))) {
                names.add(new Name(variable.group(2), "variable", variable.group(2) + ":" + variable.group(1)));
            }
        }
        Matcher var = VAR.matcher(cell);
        while (var.find()) {
            names.add(new Name(var.group(1), "variable", ""));
        }
        Matcher method = METHOD.matcher(cell);
        while (method.find()) {
            names.add(new Name(method.group(1) + "(", "method", ""));
        }
        Matcher type = TYPE_DECLARATION.matcher(cell);
        while (type.find()) {
            names.add(new Name(type.group(1), "class", ""));
        }
        return names;
    }

    /** One name per method (as JShell: {@code name(} when an overload takes arguments, else {@code name()}), and per field. */
    private static List<Name> members(List<? extends Member> members) {
        Map<String, List<Member>> byName = new TreeMap<>();
        members.forEach(m -> byName.computeIfAbsent(m.getName(), n -> new ArrayList<>()).add(m));
        List<Name> names = new ArrayList<>();
        byName.forEach((name, overloads) -> {
            List<Method> methods = overloads.stream().filter(m -> m instanceof Method).map(m -> (Method) m)
                    .filter(m -> !m.isBridge() && !m.isSynthetic()).toList();
            if (!methods.isEmpty()) {
                boolean arguments = methods.stream().anyMatch(m -> m.getParameterCount() > 0);
                String signatures = String.join("\n", methods.stream().map(QuickCompleter::signature).distinct().toList());
                names.add(new Name(name + (arguments ? "(" : "()"), "method", signatures));
            }
            overloads.stream().filter(m -> m instanceof Field).map(m -> (Field) m).findFirst().ifPresent(field ->
                    names.add(new Name(name, "field", field.getDeclaringClass().getSimpleName() + "." + name + ":"
                            + field.getType().getSimpleName())));
        });
        return names;
    }

    private static String signature(Method method) {
        String parameters = String.join(", ", Arrays.stream(method.getParameters())
                .map(p -> p.getType().getSimpleName() + " " + p.getName()).toList());
        return method.getReturnType().getSimpleName() + " " + method.getDeclaringClass().getSimpleName() + "."
                + method.getName() + "(" + parameters + ")";
    }

    /** A name with its type's kind found (loading the class), or null for a type that is not public. */
    private static Name typed(Name name) {
        if (!name.type().equals(TYPE)) {
            return name;
        }
        String kind = KINDS.computeIfAbsent(name.signature(), type -> {
            try {
                Class<?> loaded = Class.forName(type, false, QuickCompleter.class.getClassLoader());
                return Modifier.isPublic(loaded.getModifiers()) ? kindOf(loaded) : "";
            } catch (ClassNotFoundException | LinkageError e) {
                return "";
            }
        });
        return kind.isEmpty() ? null : new Name(name.text(), kind, name.signature());
    }

    private static String kindOf(Class<?> type) {
        return type.isAnnotation() ? "annotation" : type.isInterface() ? "interface" : type.isEnum() ? "enum"
                : type.isRecord() ? "record" : "class";
    }
}
