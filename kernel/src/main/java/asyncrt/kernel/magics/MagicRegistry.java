package asyncrt.kernel.magics;

import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The kernel's magics by name, line ({@code %name}) and cell ({@code %%name}) apart, each with its help text
 * (shown by {@code %name?}). Built-in magics, the loop-state magics and extensions all register here.
 * Registering a name again replaces the earlier magic.
 */
public final class MagicRegistry {

    /** A registered magic and its help. */
    public record Entry<M>(String name, String help, M magic) {
    }

    private final SortedMap<String, Entry<LineMagic>> lines = new TreeMap<>();
    private final SortedMap<String, Entry<CellMagic>> cells = new TreeMap<>();

    /** Registers {@code %name}. */
    public synchronized void line(String name, String help, LineMagic magic) {
        lines.put(name, new Entry<>(name, help, magic));
    }

    /** Registers {@code %%name}. */
    public synchronized void cell(String name, String help, CellMagic magic) {
        cells.put(name, new Entry<>(name, help, magic));
    }

    /** The line magic of that name. */
    public synchronized Optional<Entry<LineMagic>> line(String name) {
        return Optional.ofNullable(lines.get(name));
    }

    /** The cell magic of that name. */
    public synchronized Optional<Entry<CellMagic>> cell(String name) {
        return Optional.ofNullable(cells.get(name));
    }

    /** Line magic names, sorted. */
    public synchronized List<String> lineNames() {
        return List.copyOf(lines.keySet());
    }

    /** Cell magic names, sorted. */
    public synchronized List<String> cellNames() {
        return List.copyOf(cells.keySet());
    }

    /** The help of a line magic and, or else, of the cell magic of that name. */
    public synchronized Optional<String> help(String name) {
        StringBuilder text = new StringBuilder();
        Entry<LineMagic> line = lines.get(name);
        Entry<CellMagic> cell = cells.get(name);
        if (line != null) {
            text.append(line.help().strip());
        }
        if (cell != null && (line == null || !cell.help().equals(line.help()))) {
            text.append(text.isEmpty() ? "" : "\n\n").append(cell.help().strip());
        }
        return text.isEmpty() ? Optional.empty() : Optional.of(text.toString());
    }
}
