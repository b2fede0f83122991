package asyncrt.kernel.execution.failures;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Where each evaluated snippet came from (which cell, which line), to report positions against the cell. */
public final class SnippetOrigins {

    /**
     * @param label     the cell's name as shown to the user, e.g. {@code In [3]}
     * @param firstLine the zero-based line of the cell on which the snippet starts, its leading comments included
     * @param codeLine  the zero-based line of the cell on which the snippet's code starts, after those comments
     */
    public record Origin(String label, int firstLine, int codeLine) {

        /** The one-based cell line for a one-based line within the snippet. */
        public int cellLine(int snippetLine) {
            return firstLine + snippetLine;
        }

        /** The one-based cell line the snippet's code starts on: the line a report about the whole statement names. */
        public int statementLine() {
            return codeLine + 1;
        }
    }

    private final Map<String, Origin> bySnippetId = new ConcurrentHashMap<>();

    public void record(String snippetId, Origin origin) {
        bySnippetId.put(snippetId, origin);
    }

    /** The origin of a snippet id, or null for one the kernel did not record. */
    public Origin of(String snippetId) {
        return bySnippetId.get(snippetId);
    }

    /** The origin of the snippet whose code a stack frame's file name ({@code #id}) names, or null. */
    public Origin ofFile(String fileName) {
        return fileName != null && fileName.startsWith("#") ? of(fileName.substring(1)) : null;
    }
}
