package asyncrt.kernel.editing;

import java.util.ArrayList;
import java.util.List;

/**
 * What a JShell documentation signature names: {@code R Owner.name(P p, ...)} (a method),
 * {@code Owner(P p)} (a constructor), {@code Owner.name:T} (a field), {@code name:T} (a variable),
 * {@code pkg.Type<T>} (a type). Owners are written as in scope, so simple names are common.
 *
 * @param owner      the declaring type as written, without type arguments, or "" for a cell's own method or variable
 * @param name       the member's name, {@code <init>} for a constructor, or "" for a type
 * @param parameters the parameter types, erased and without package (for a method or constructor), else null
 */
record Signature(String owner, String name, List<String> parameters) {

    static final String CONSTRUCTOR = "<init>";

    /** Reads a signature; for anything else, a signature with no owner. */
    static Signature parse(String signature) {
        String text = signature.strip();
        int open = topLevel(text, '(');
        if (open >= 0) {
            int close = text.lastIndexOf(')');
            List<String> parameters = new ArrayList<>();
            String inside = close > open ? text.substring(open + 1, close) : "";
            for (String parameter : splitTopLevel(inside)) {
                if (!parameter.isBlank()) {
                    String declared = parameter.strip();
                    int space = lastTopLevel(declared, ' ');
                    parameters.add(simpleType(space < 0 ? declared : declared.substring(0, space)));
                }
            }
            String head = text.substring(0, open).strip();
            int nameStart = head.length();
            while (nameStart > 0 && Character.isJavaIdentifierPart(head.charAt(nameStart - 1))) {
                nameStart--;
            }
            String name = head.substring(nameStart);
            String before = head.substring(0, nameStart);
            if (before.endsWith(">")) {  // a generic method's type parameters: Owner.<T>name
                before = before.substring(0, matchingOpen(before, before.length() - 1));
            }
            if (topLevel(head, ' ') < 0) {  // no return type: a constructor
                return new Signature(eraseType(head), CONSTRUCTOR, parameters);
            }
            if (!before.endsWith(".")) {
                return new Signature("", name, parameters);
            }
            String ownerPart = before.substring(0, before.length() - 1);
            int ownerStart = lastTopLevel(ownerPart, ' ') + 1;
            return new Signature(eraseType(ownerPart.substring(ownerStart)), name, parameters);
        }
        int colon = text.indexOf(':');
        if (colon >= 0) {
            String declared = text.substring(0, colon);
            int dot = declared.lastIndexOf('.');
            return dot < 0 ? new Signature("", declared, null)
                    : new Signature(eraseType(declared.substring(0, dot)), declared.substring(dot + 1), null);
        }
        return new Signature(eraseType(text), "", null);
    }

    /** A type: a signature that names neither a member nor a variable. */
    boolean isType() {
        return name.isEmpty();
    }

    /** {@code java.util.List<? extends T>} as {@code List}; {@code T...} as {@code T[]}. */
    static String simpleType(String type) {
        String erased = eraseType(type.strip()).replace("...", "[]").replaceAll("\\s+", "");
        if (erased.startsWith("final")) {
            erased = erased.substring(5);
        }
        int bracket = erased.indexOf('[');
        String base = bracket < 0 ? erased : erased.substring(0, bracket);
        String dims = bracket < 0 ? "" : erased.substring(bracket);
        return base.substring(base.lastIndexOf('.') + 1) + dims;
    }

    /** A type without its type arguments: {@code Map.Entry<K, V>} as {@code Map.Entry}. */
    static String eraseType(String type) {
        StringBuilder erased = new StringBuilder();
        int depth = 0;
        for (char c : type.toCharArray()) {
            if (c == '<') {
                depth++;
            } else if (c == '>') {
                depth--;
            } else if (depth == 0) {
                erased.append(c);
            }
        }
        return erased.toString().strip();
    }

    private static int topLevel(String text, char wanted) {
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '<') {
                depth++;
            } else if (c == '>') {
                depth--;
            } else if (c == wanted && depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static int lastTopLevel(String text, char wanted) {
        int depth = 0;
        for (int i = text.length() - 1; i >= 0; i--) {
            char c = text.charAt(i);
            if (c == '>') {
                depth++;
            } else if (c == '<') {
                depth--;
            } else if (c == wanted && depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static int matchingOpen(String text, int close) {
        int depth = 0;
        for (int i = close; i >= 0; i--) {
            if (text.charAt(i) == '>') {
                depth++;
            } else if (text.charAt(i) == '<' && --depth == 0) {
                return i;
            }
        }
        return 0;
    }

    private static List<String> splitTopLevel(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '<' || c == '(') {
                depth++;
            } else if (c == '>' || c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }
}
