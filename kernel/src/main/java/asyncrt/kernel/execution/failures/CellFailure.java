package asyncrt.kernel.execution.failures;

import java.util.List;

/**
 * Why a cell failed, in the shape of a Jupyter {@code error} message: the error's name, its message, and a
 * readable traceback whose line numbers are those of the cells.
 */
public final class CellFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final String ename;
    private final String evalue;
    private final List<String> traceback;

    /**
     * @param ename     the error's name, e.g. {@code java.lang.ArithmeticException} or {@code CompilationError}
     * @param evalue    its message
     * @param traceback lines to show, first the error, then where it happened
     */
    public CellFailure(String ename, String evalue, List<String> traceback) {
        super(ename + ": " + evalue, null, false, false);
        this.ename = ename;
        this.evalue = evalue;
        this.traceback = List.copyOf(traceback);
    }

    /** The error's name. */
    public String ename() {
        return ename;
    }

    /** The error's message. */
    public String evalue() {
        return evalue;
    }

    /** The traceback lines. */
    public List<String> traceback() {
        return traceback;
    }
}
