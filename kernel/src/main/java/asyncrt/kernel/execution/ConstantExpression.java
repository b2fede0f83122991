package asyncrt.kernel.execution;

import java.util.Optional;

/**
 * Works out a cell that is a single constant expression of literals and operators ({@code 1 + 1},
 * {@code 2.5 * 4}, {@code "a" + 1}, {@code 7 % 3 == 1}) without JShell, which spends milliseconds compiling
 * such a cell. The result is what Java computes for the same expression; anything this class does not cover
 * exactly (names, casts, calls, division by zero, comments, a trailing semicolon...) is declined, and the cell
 * goes to JShell as usual. Such a cell defines no {@code $N} variable.
 */
public final class ConstantExpression {

    private final String text;
    private int at;

    private ConstantExpression(String text) {
        this.text = text;
    }

    /** The expression's value, or empty when the code is not a constant expression this class handles. */
    public static Optional<Object> evaluate(String code) {
        if (code.length() > 200) {
            return Optional.empty();
        }
        try {
            ConstantExpression parser = new ConstantExpression(code);
            Object value = parser.conditional();
            parser.skipSpace();
            return parser.at == code.length() ? Optional.of(value) : Optional.empty();
        } catch (Decline e) {
            return Optional.empty();
        }
    }

    private Object conditional() {
        Object condition = binary(0);
        if (!accept("?")) {
            return condition;
        }
        Object yes = conditional();
        expect(":");
        Object no = conditional();
        if (!(condition instanceof Boolean test) || yes.getClass() != no.getClass()) {
            throw new Decline();
        }
        return test ? yes : no;
    }

    /** Binary operators by precedence level, loosest first. */
    private static final String[][] LEVELS = {
        {"||"}, {"&&"}, {"|"}, {"^"}, {"&"}, {"==", "!="}, {"<=", ">=", "<", ">"},
        {">>>", "<<", ">>"}, {"+", "-"}, {"*", "/", "%"},
    };

    private Object binary(int level) {
        if (level == LEVELS.length) {
            return unary();
        }
        Object left = binary(level + 1);
        while (true) {
            String operator = operatorAt(LEVELS[level]);
            if (operator == null) {
                return left;
            }
            left = Operators.apply(operator, left, binary(level + 1));
        }
    }

    private Object unary() {
        skipSpace();
        for (String operator : new String[] {"-", "+", "~", "!"}) {
            if (text.startsWith(operator, at) && !text.startsWith(operator + operator, at)) {
                at++;
                return Operators.unary(operator, unary());
            }
        }
        return primary();
    }

    private Object primary() {
        skipSpace();
        if (accept("(")) {
            Object value = conditional();
            expect(")");
            return value;
        }
        if (at >= text.length()) {
            throw new Decline();
        }
        char c = text.charAt(at);
        if (c == '"') {
            return Literals.string(this);
        }
        if (c == '\'') {
            return Literals.character(this);
        }
        if (Character.isDigit(c)) {
            return Literals.number(this);
        }
        for (String word : new String[] {"true", "false"}) {
            if (text.startsWith(word, at) && !isIdentifierPart(at + word.length())) {
                at += word.length();
                return Boolean.valueOf(word);
            }
        }
        throw new Decline();
    }

    private String operatorAt(String[] operators) {
        skipSpace();
        for (String operator : operators) {
            if (text.startsWith(operator, at)) {
                String longer = text.substring(at, Math.min(text.length(), at + operator.length() + 1));
                if (longer.length() > operator.length() && isOperatorContinuation(operator, longer.charAt(operator.length()))) {
                    continue;
                }
                at += operator.length();
                return operator;
            }
        }
        return null;
    }

    /** Whether {@code next} makes {@code operator} part of a longer one ({@code |} of {@code ||}, {@code <} of {@code <=}). */
    private static boolean isOperatorContinuation(String operator, char next) {
        return next == '=' || "|&<>+-".indexOf(next) >= 0 && operator.charAt(operator.length() - 1) == next
                || operator.equals(">>") && next == '>';
    }

    private boolean accept(String token) {
        skipSpace();
        if (text.startsWith(token, at)) {
            at += token.length();
            return true;
        }
        return false;
    }

    private void expect(String token) {
        if (!accept(token)) {
            throw new Decline();
        }
    }

    private void skipSpace() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private boolean isIdentifierPart(int index) {
        return index < text.length() && Character.isJavaIdentifierPart(text.charAt(index));
    }

    /** Reading literals. */
    private static final class Literals {

        static Object number(ConstantExpression p) {
            int start = p.at;
            String t = p.text;
            if (t.startsWith("0x", start) || t.startsWith("0X", start) || t.startsWith("0b", start) || t.startsWith("0B", start)) {
                throw new Decline();
            }
            while (p.at < t.length() && Character.isDigit(t.charAt(p.at))) {
                p.at++;
            }
            boolean floating = false;
            if (p.at < t.length() && t.charAt(p.at) == '.' && p.at + 1 < t.length() && Character.isDigit(t.charAt(p.at + 1))) {
                floating = true;
                p.at++;
                while (p.at < t.length() && Character.isDigit(t.charAt(p.at))) {
                    p.at++;
                }
            }
            if (p.at < t.length() && (t.charAt(p.at) == 'e' || t.charAt(p.at) == 'E')) {
                floating = true;
                p.at++;
                if (p.at < t.length() && (t.charAt(p.at) == '+' || t.charAt(p.at) == '-')) {
                    p.at++;
                }
                int digits = p.at;
                while (p.at < t.length() && Character.isDigit(t.charAt(p.at))) {
                    p.at++;
                }
                if (digits == p.at) {
                    throw new Decline();
                }
            }
            String digits = t.substring(start, p.at);
            char suffix = p.at < t.length() ? Character.toLowerCase(t.charAt(p.at)) : ' ';
            if (p.isIdentifierPart(p.at) && "lfd".indexOf(suffix) < 0 || p.isIdentifierPart(p.at + 1) && "lfd".indexOf(suffix) >= 0) {
                throw new Decline();
            }
            if (!floating && digits.length() > 1 && digits.charAt(0) == '0') {
                throw new Decline(); // octal
            }
            try {
                switch (suffix) {
                    case 'l' -> {
                        p.at++;
                        if (floating) {
                            throw new Decline();
                        }
                        return Long.parseLong(digits);
                    }
                    case 'f' -> {
                        p.at++;
                        return Float.parseFloat(digits);
                    }
                    case 'd' -> {
                        p.at++;
                        return Double.parseDouble(digits);
                    }
                    default -> {
                        return floating ? (Object) Double.parseDouble(digits) : (Object) Integer.parseInt(digits);
                    }
                }
            } catch (NumberFormatException e) {
                throw new Decline();
            }
        }

        static String string(ConstantExpression p) {
            StringBuilder value = new StringBuilder();
            p.at++;
            while (p.at < p.text.length()) {
                char c = p.text.charAt(p.at++);
                if (c == '"') {
                    return value.toString();
                }
                value.append(c == '\\' ? escape(p) : c);
                if (c == '\n') {
                    throw new Decline();
                }
            }
            throw new Decline();
        }

        static Character character(ConstantExpression p) {
            p.at++;
            if (p.at >= p.text.length()) {
                throw new Decline();
            }
            char c = p.text.charAt(p.at++);
            char value = c == '\\' ? escape(p) : c;
            if (c == '\'' || p.at >= p.text.length() || p.text.charAt(p.at++) != '\'') {
                throw new Decline();
            }
            return value;
        }

        private static char escape(ConstantExpression p) {
            if (p.at >= p.text.length()) {
                throw new Decline();
            }
            return switch (p.text.charAt(p.at++)) {
                case 'n' -> '\n';
                case 't' -> '\t';
                case 'r' -> '\r';
                case 'b' -> '\b';
                case 'f' -> '\f';
                case 's' -> ' ';
                case '"' -> '"';
                case '\'' -> '\'';
                case '\\' -> '\\';
                default -> throw new Decline();
            };
        }
    }

    /** Java's operators on boxed constants, with Java's promotions; anything else declines. */
    private static final class Operators {

        static Object unary(String operator, Object operand) {
            if (operator.equals("!")) {
                if (operand instanceof Boolean b) {
                    return !b;
                }
                throw new Decline();
            }
            Object value = promote(operand);
            return switch (operator) {
                case "-" -> switch (value) {
                    case Integer i -> -i;
                    case Long l -> -l;
                    case Float f -> -f;
                    case Double d -> -d;
                    default -> throw new Decline();
                };
                case "+" -> value;
                default -> switch (value) { // ~
                    case Integer i -> ~i;
                    case Long l -> ~l;
                    default -> throw new Decline();
                };
            };
        }

        static Object apply(String operator, Object left, Object right) {
            if (operator.equals("+") && (left instanceof String || right instanceof String)) {
                return String.valueOf(left) + right;
            }
            if (left instanceof Boolean a && right instanceof Boolean b) {
                return switch (operator) {
                    case "&&", "&" -> a & b;
                    case "||", "|" -> a | b;
                    case "^", "!=" -> a ^ b;
                    case "==" -> a.equals(b);
                    default -> throw new Decline();
                };
            }
            Object a = promote(left);
            Object b = promote(right);
            if (operator.equals("<<") || operator.equals(">>") || operator.equals(">>>")) {
                return shift(operator, a, b);
            }
            if (a instanceof Double || b instanceof Double) {
                return doubles(operator, ((Number) a).doubleValue(), ((Number) b).doubleValue());
            }
            if (a instanceof Float || b instanceof Float) {
                return floats(operator, ((Number) a).floatValue(), ((Number) b).floatValue());
            }
            if (a instanceof Long || b instanceof Long) {
                return longs(operator, ((Number) a).longValue(), ((Number) b).longValue());
            }
            return ints(operator, (Integer) a, (Integer) b);
        }

        /** Unary numeric promotion: char to int; non-numbers decline. */
        private static Object promote(Object value) {
            return switch (value) {
                case Character c -> (int) c;
                case Integer i -> i;
                case Long l -> l;
                case Float f -> f;
                case Double d -> d;
                default -> throw new Decline();
            };
        }

        private static Object shift(String operator, Object a, Object b) {
            if (!(b instanceof Integer || b instanceof Long)) {
                throw new Decline();
            }
            long distance = ((Number) b).longValue();
            return switch (a) {
                case Integer i -> switch (operator) {
                    case "<<" -> i << distance;
                    case ">>" -> i >> distance;
                    default -> i >>> distance;
                };
                case Long l -> switch (operator) {
                    case "<<" -> l << distance;
                    case ">>" -> l >> distance;
                    default -> l >>> distance;
                };
                default -> throw new Decline();
            };
        }

        /** Java's int operations are its long operations cut back to 32 bits (overflow wraps the same way). */
        private static Object ints(String operator, int a, int b) {
            Object result = longs(operator, a, b);
            return result instanceof Long l ? (Object) (int) l.longValue() : result;
        }

        private static Object longs(String operator, long a, long b) {
            return switch (operator) {
                case "+" -> a + b;
                case "-" -> a - b;
                case "*" -> a * b;
                case "/" -> b == 0 ? decline() : a / b;
                case "%" -> b == 0 ? decline() : a % b;
                case "&" -> a & b;
                case "|" -> a | b;
                case "^" -> a ^ b;
                default -> compare(operator, Long.compare(a, b), a == b);
            };
        }

        /**
         * Java's float operations are its double operations rounded to float: double carries more than twice
         * float's precision, so rounding twice gives the correctly rounded float result.
         */
        private static Object floats(String operator, float a, float b) {
            Object result = doubles(operator, a, b);
            return result instanceof Double d ? (Object) (float) d.doubleValue() : result;
        }

        private static Object doubles(String operator, double a, double b) {
            return switch (operator) {
                case "+" -> a + b;
                case "-" -> a - b;
                case "*" -> a * b;
                case "/" -> a / b;
                case "%" -> a % b;
                default -> floatingCompare(operator, a, b);
            };
        }

        /** Comparisons with Java's IEEE rules (NaN compares false, -0.0 equals 0.0). */
        private static Object floatingCompare(String operator, double a, double b) {
            return switch (operator) {
                case "<" -> a < b;
                case ">" -> a > b;
                case "<=" -> a <= b;
                case ">=" -> a >= b;
                case "==" -> a == b;
                case "!=" -> a != b;
                default -> throw new Decline();
            };
        }

        private static Object compare(String operator, int order, boolean equal) {
            return switch (operator) {
                case "<" -> order < 0;
                case ">" -> order > 0;
                case "<=" -> order <= 0;
                case ">=" -> order >= 0;
                case "==" -> equal;
                case "!=" -> !equal;
                default -> throw new Decline();
            };
        }

        private static Object decline() {
            throw new Decline();
        }
    }

    /** This expression is not one the fast path handles. */
    private static final class Decline extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Decline() {
            super(null, null, false, false);
        }
    }
}
