package asyncrt.kernel.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tail, range, search (glob, unique, n) and sessions that follow each other in one file. */
class HistoryStoreTest {

    @Test
    void sessionsAccessAndSearch() throws Exception {
        Path file = Files.createTempDirectory("history").resolve("sub/history.jsonl");
        HistoryStore first = new HistoryStore(file);
        assertEquals(1, first.session());
        first.add(1, "int a = 1;", null);
        first.add(2, "a + 1", "2");
        first.close();
        Files.writeString(file, "not json\n", java.nio.file.StandardOpenOption.APPEND);

        HistoryStore second = new HistoryStore(file);
        assertEquals(2, second.session());
        second.add(1, "a + 1", "2");
        second.add(2, "a * 3", "3");
        assertEquals(List.of("a + 1", "a * 3"), inputs(second.tail(2)));
        assertEquals(List.of("int a = 1;"), inputs(second.range(-1, 1, 2)));
        assertEquals(List.of("a + 1", "a * 3"), inputs(second.range(0, 1, 0)));
        assertEquals(List.of("a + 1", "a + 1", "a * 3"), inputs(second.search("a ?*", 0, false)));
        assertEquals(List.of("a + 1", "a * 3"), inputs(second.search("a ?*", 0, true)));
        assertEquals(List.of("a * 3"), inputs(second.search("a*", 1, false)));
        assertEquals("2", second.tail(2).getFirst().output());
        second.close();
    }

    @Test
    void theSessionNumberFollowsTheHighestEvenBehindALongLastCell() throws Exception {
        Path file = Files.createTempDirectory("history").resolve("history.jsonl");
        for (int session = 1; session <= 3; session++) {
            HistoryStore store = new HistoryStore(file);
            assertEquals(session, store.session());
            for (int line = 1; line <= 400; line++) {
                store.add(line, "int x" + line + " = " + line + ";", null);
            }
            store.add(401, "String s = \"" + "y".repeat(100_000) + "\";", null);
            store.close();
        }
        HistoryStore fourth = new HistoryStore(file);
        assertEquals(4, fourth.session());
        assertEquals(401, fourth.range(-1, 1, 0).size());
        assertEquals(List.of("int x400 = 400;"), inputs(fourth.range(1, 400, 401)));
        fourth.close();
    }

    @Test
    void theSessionNumberIsReadFromALineInAnyLayoutButNotFromACellsText() throws Exception {
        Path file = Files.createTempDirectory("history").resolve("history.jsonl");
        Files.writeString(file, """
                {"line": 1, "session": 7, "input": "1"}
                {"session":3,"line":1,"input":"{\\"session\\":99,\\"line\\":1}"}
                """);
        HistoryStore store = new HistoryStore(file);
        assertEquals(8, store.session());
        store.close();
    }

    private static List<String> inputs(List<HistoryStore.Entry> entries) {
        return entries.stream().map(HistoryStore.Entry::input).toList();
    }
}
