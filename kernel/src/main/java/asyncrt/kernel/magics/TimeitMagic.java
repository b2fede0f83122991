package asyncrt.kernel.magics;

import asyncrt.kernel.execution.failures.CellFailure;
import asyncrt.kernel.execution.Value;
import java.util.Optional;

/** {@code %timeit} and {@code %%timeit}: generates a timing call around the code and runs it as cell code. */
final class TimeitMagic {

    private static final int DEFAULT_RUNS = 7;

    private TimeitMagic() {
    }

    /**
     * @param args the options, and for the line form the code after them
     * @param body the cell form's statements, or null for the line form
     */
    static Optional<Value> run(String args, String body, MagicContext context) throws MagicException, CellFailure {
        int loops = 0;
        int runs = DEFAULT_RUNS;
        String rest = args.strip();
        while (rest.startsWith("-n ") || rest.startsWith("-r ")) {
            String[] parts = rest.split("\\s+", 3);
            int value;
            try {
                value = Integer.parseInt(parts.length > 1 ? parts[1] : "");
            } catch (NumberFormatException e) {
                throw new MagicException("%timeit: " + parts[0] + " needs a positive whole number");
            }
            if (value <= 0) {
                throw new MagicException("%timeit: " + parts[0] + " needs a positive whole number");
            }
            if (parts[0].equals("-n")) {
                loops = value;
            } else {
                runs = value;
            }
            rest = parts.length > 2 ? parts[2] : "";
        }
        String code = body == null ? rest : body;
        if (code.isBlank()) {
            throw new MagicException("%timeit needs code to time, e.g. %timeit Math.sqrt(2.0)");
        }
        String timing = Timing.class.getName();
        if (body == null) {
            try {
                print(context.runCode(timing + ".timeExpression(() -> (" + code.strip() + "), " + loops + ", " + runs + ")"));
                return Optional.empty();
            } catch (CellFailure e) {
                if (!e.ename().equals("CompilationError")) {
                    throw e;
                }
            }
        }
        print(context.runCode(timing + ".timeStatements(() -> {" + code + "\n;}, " + loops + ", " + runs + ")"));
        return Optional.empty();
    }

    private static void print(Optional<Value> report) {
        report.ifPresent(r -> System.out.println(r.known() ? r.object() : r.text()));
    }
}
