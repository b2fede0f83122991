package asyncrt.kernel.display;

import java.util.ArrayList;
import java.util.List;

/**
 * A small HTML table for reports in a notebook: a header row, rows of text cells (escaped here; a cell may
 * hold several lines), everything left-aligned (the classic Notebook right-aligns table cells by default).
 */
public final class HtmlTable {

    private static final String CELL = " style=\"text-align:left;vertical-align:top\"";

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    /** @param header the column names */
    public HtmlTable(List<String> header) {
        this.header = List.copyOf(header);
    }

    /** Adds a row of plain-text cells, one per column; a newline in a cell becomes a line break. */
    public HtmlTable row(List<String> cells) {
        rows.add(List.copyOf(cells));
        return this;
    }

    /** The table as HTML. */
    public String html() {
        StringBuilder out = new StringBuilder("<table>\n<tr>");
        header.forEach(h -> out.append("<th").append(CELL).append('>').append(escape(h)).append("</th>"));
        out.append("</tr>\n");
        for (List<String> row : rows) {
            out.append("<tr>");
            row.forEach(c -> out.append("<td").append(CELL).append('>').append(escape(c).replace("\n", "<br>")).append("</td>"));
            out.append("</tr>\n");
        }
        return out.append("</table>\n").toString();
    }

    /**
     * HTML the front end must not typeset: MathJax (the classic Notebook's, and JupyterLab's) would read text
     * between two dollar signs as math, and names such as {@code $JShell$12} or prices would turn into italics.
     */
    public static String noMath(String html) {
        return "<div class=\"tex2jax_ignore mathjax_ignore\">" + html + "</div>";
    }

    /** Text made safe to put in HTML. */
    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
