package asyncrt.kernel.history;

import asyncrt.kernel.util.Log;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The input history across kernel sessions, kept in a file of JSON lines ({@code session}, {@code line},
 * {@code input}, {@code output}) so that {@code history_request} answers with earlier sessions too. Each kernel
 * start is a new session, numbered after the highest in the file. If the file cannot be written the history
 * is kept in memory and the reason logged: the kernel works on.
 *
 * <p>Starting reads only the end of the file, for the session number: the file grows with every cell ever
 * run, and reading all of it would delay the kernel's first answer (a few megabytes take half a second). The
 * earlier sessions are read at the first request that asks for them.
 */
public final class HistoryStore {

    /**
     * How much of the file's end is read for the highest session number. Sessions are appended in order, so
     * the newest lines hold the highest; this is enough for many lines, and if a single line is longer the
     * whole file is read instead.
     */
    private static final int TAIL_BYTES = 64 * 1024;

    /**
     * The start of a line as {@link #add} writes it, session first. The session numbers of the file's end are read
     * with this, and a line of another layout is parsed as JSON: at start the JIT has not compiled the JSON parser
     * yet, and parsing every line of the tail takes tens of milliseconds of a core that JShell's first compilation
     * wants.
     */
    private static final Pattern SESSION_FIRST = Pattern.compile("\\{\"session\":(\\d{1,9}),");

    /**
     * One executed cell.
     *
     * @param session the kernel session it ran in
     * @param line    its execution count in that session
     * @param input   its code
     * @param output  the text of its result, or null
     */
    public record Entry(int session, int line, String input, String output) {
    }

    private final Path file;
    private final List<Entry> entries = new ArrayList<>();
    private final int session;
    private boolean earlierLoaded;
    private BufferedWriter writer;

    /** Finds the session number after the file's highest (if any) and starts that session. */
    public HistoryStore(Path file) {
        this.file = file;
        session = highestSession() + 1;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            Log.warn("history will not be kept across sessions: cannot write " + file + ": " + e);
        }
    }

    private int highestSession() {
        if (!Files.isRegularFile(file)) {
            return 0;
        }
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            long size = channel.size();
            ByteBuffer tail = ByteBuffer.allocate((int) Math.min(size, TAIL_BYTES));
            channel.position(size - tail.capacity());
            while (tail.hasRemaining() && channel.read(tail) >= 0) {
                // read until the buffer is full
            }
            List<String> lines = new ArrayList<>(List.of(new String(tail.array(), StandardCharsets.UTF_8).split("\n")));
            if (size > tail.capacity()) {
                lines.removeFirst(); // it may have been cut
            }
            OptionalInt highest = lines.stream().map(HistoryStore::sessionOf).flatMap(Optional::stream)
                    .mapToInt(Integer::intValue).max();
            return highest.isPresent() ? highest.getAsInt() : readEntries().stream().mapToInt(Entry::session).max().orElse(0);
        } catch (IOException e) {
            Log.warn("cannot read the history in " + file + ": " + e);
            return 0;
        }
    }

    /** Puts the earlier sessions' entries before this session's, the first time a request needs them. */
    private void loadEarlier() {
        if (earlierLoaded) {
            return;
        }
        earlierLoaded = true;
        List<Entry> earlier = readEntries().stream().filter(e -> e.session() < session).toList();
        entries.addAll(0, earlier);
    }

    private List<Entry> readEntries() {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.map(HistoryStore::parse).flatMap(Optional::stream).toList();
        } catch (IOException | UncheckedIOException e) {
            Log.warn("cannot read the history in " + file + ": " + e);
            return List.of();
        }
    }

    private static Optional<Integer> sessionOf(String line) {
        Matcher session = SESSION_FIRST.matcher(line);
        return session.lookingAt() ? Optional.of(Integer.parseInt(session.group(1))) : parse(line).map(Entry::session);
    }

    private static Optional<Entry> parse(String line) {
        try {
            JsonObject json = JsonParser.parseString(line).getAsJsonObject();
            return Optional.of(new Entry(json.get("session").getAsInt(), json.get("line").getAsInt(),
                    json.get("input").getAsString(),
                    json.has("output") && !json.get("output").isJsonNull() ? json.get("output").getAsString() : null));
        } catch (RuntimeException e) {
            Log.debug("skipping a bad history line: " + e);
            return Optional.empty();
        }
    }

    /** This kernel's session number. */
    public int session() {
        return session;
    }

    /** Records a cell of this session. */
    public synchronized void add(int line, String input, String output) {
        Entry entry = new Entry(session, line, input, output);
        entries.add(entry);
        if (writer == null) {
            return;
        }
        JsonObject json = new JsonObject();
        json.addProperty("session", session);
        json.addProperty("line", line);
        json.addProperty("input", input);
        json.addProperty("output", output);
        try {
            writer.write(json.toString());
            writer.newLine();
            writer.flush();
        } catch (IOException e) {
            Log.warn("cannot append to the history in " + file + ": " + e);
        }
    }

    /** The last {@code n} entries, oldest first. */
    public synchronized List<Entry> tail(int n) {
        loadEarlier();
        return List.copyOf(entries.subList(Math.max(0, entries.size() - n), entries.size()));
    }

    /**
     * Entries of one session with {@code start <= line < stop}.
     *
     * @param sessionNumber a session number, or 0 for this one and negative numbers for earlier ones relative
     *                      to it ({@code -1} the one before)
     * @param stop          exclusive; 0 or less for no upper bound
     */
    public synchronized List<Entry> range(int sessionNumber, int start, int stop) {
        loadEarlier();
        int wanted = sessionNumber <= 0 ? session + sessionNumber : sessionNumber;
        return entries.stream()
                .filter(e -> e.session() == wanted && e.line() >= start && (stop <= 0 || e.line() < stop))
                .toList();
    }

    /**
     * The last {@code n} entries (all if {@code n <= 0}) whose input matches a glob ({@code *} any text,
     * {@code ?} one character), oldest first; with {@code unique}, each input once, at its latest place.
     */
    public synchronized List<Entry> search(String glob, int n, boolean unique) {
        loadEarlier();
        Pattern pattern = Pattern.compile(globToRegex(glob), Pattern.DOTALL);
        List<Entry> matches = entries.stream().filter(e -> pattern.matcher(e.input()).matches()).toList();
        if (unique) {
            Map<String, Entry> latest = new LinkedHashMap<>();
            for (Entry entry : matches) {
                latest.remove(entry.input());
                latest.put(entry.input(), entry);
            }
            matches = List.copyOf(latest.values());
        }
        return n <= 0 ? matches : matches.subList(Math.max(0, matches.size() - n), matches.size());
    }

    private static String globToRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }

    /** Closes the file. */
    public synchronized void close() {
        try {
            if (writer != null) {
                writer.close();
            }
        } catch (IOException e) {
            Log.warn("closing the history file: " + e);
        }
    }
}
