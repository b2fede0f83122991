package asyncrt.kernel.magics.loop;

import asyncrt.introspect.LoopSnapshot;
import asyncrt.introspect.TextReports;
import asyncrt.kernel.display.HtmlTable;
import asyncrt.kernel.display.MimeBundle;
import java.util.List;

/**
 * What {@code %tasks} shows of one loop's tasks, like {@code python -m asyncio ps}: a table with each task's
 * id, name, state, coroutine stack and what it awaits and is awaited by; or, with {@code --tree}, who awaits
 * whom, like {@code pstree}. HTML for notebooks, aligned text for consoles.
 */
final class TasksView {

    private TasksView() {
    }

    static MimeBundle table(String title, LoopSnapshot s) {
        if (s.tasks().isEmpty()) {
            return none(title);
        }
        List<List<String>> rows = TextReports.taskRows(s, "\n");
        HtmlTable table = new HtmlTable(rows.getFirst());
        rows.subList(1, rows.size()).forEach(table::row);
        return MimeBundle.text(title + "\n" + TextReports.tasks(s))
                .with("text/html", HtmlTable.noMath(heading(title) + table.html()));
    }

    static MimeBundle tree(String title, LoopSnapshot s) {
        if (s.tasks().isEmpty()) {
            return none(title);
        }
        String tree = TextReports.tree(s);
        return MimeBundle.text(title + "\n" + tree)
                .with("text/html", HtmlTable.noMath(heading(title) + "<pre>" + HtmlTable.escape(tree) + "</pre>"));
    }

    private static MimeBundle none(String title) {
        String text = title + ": no pending tasks";
        return MimeBundle.text(text).with("text/html", HtmlTable.noMath("<p>" + HtmlTable.escape(text) + "</p>"));
    }

    private static String heading(String title) {
        return "<p><b>" + HtmlTable.escape(title) + "</b></p>\n";
    }
}
