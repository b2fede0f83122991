package asyncrt.kernel.execution;

import asyncrt.kernel.util.Log;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jshell.JShell;
import jdk.jshell.Snippet.Status;
import jdk.jshell.SnippetEvent;
import jdk.jshell.VarSnippet;

/**
 * The variables JShell makes for shown values ({@code $1}, {@code $2}, ...): the latest {@link #LIVE} stay
 * JShell variables; an older one leaves JShell, its value staying where it is, and comes back the moment a
 * snippet names it. A learner sees every {@code $N} as JShell has it.
 *
 * <p>Why: JShell makes each variable visible to every later snippet by an import of the class it lives in, and
 * javac reads each such class again for every compilation (JShell compiles a snippet three to five times). So
 * each shown value made every later cell slower: after 500 of them, {@code Math.max(1, 2)} took 27 ms of
 * compilation instead of 9. With at most {@link #LIVE} of them imported, a cell costs the same at any point of a
 * session.
 *
 * <p>How: a value's variable is a static field of its snippet's class, which outlives the snippet. Dropping the
 * snippet takes away only the import; {@code var $7 = REPL.$JShell$12.$7;} declares it again, with the same
 * type and value. Not thread-safe: the evaluating thread calls it.
 */
final class ShownValues {

    /** How many shown values stay JShell variables: the ones a learner is likely to use next, and few enough
     * that their imports cost little. */
    static final int LIVE = 20;

    private static final Pattern NAME = Pattern.compile("\\$\\d+");
    private static final Pattern NAMED_IN_CODE = Pattern.compile("(?<![\\w$])\\$\\d+(?![\\w$])");

    private final JShell shell;
    private final Map<String, Class<?>> variableWrappers;
    private final Supplier<Class<?>> lastWrapper;
    private final WrapTrimmer trimmer;
    private final Deque<VarSnippet> live = new ArrayDeque<>();
    private final Set<String> retired = new HashSet<>();

    /**
     * @param shell            the session
     * @param variableWrappers the class each variable's value lives in, by name, kept by the evaluator
     * @param lastWrapper      the class of the snippet that ran last
     * @param trimmer          what frees a compiled snippet's copy of the session's imports
     */
    ShownValues(JShell shell, Map<String, Class<?>> variableWrappers, Supplier<Class<?>> lastWrapper, WrapTrimmer trimmer) {
        this.shell = shell;
        this.variableWrappers = variableWrappers;
        this.lastWrapper = lastWrapper;
        this.trimmer = trimmer;
    }

    /** Declares again, before {@code source} is evaluated, each retired value it names. */
    void bringBackNamedIn(String source) {
        if (retired.isEmpty() || source.indexOf('$') < 0) {
            return;
        }
        Matcher names = NAMED_IN_CODE.matcher(source);
        while (names.find()) {
            String name = names.group();
            Class<?> wrapper = variableWrappers.get(name);
            if (retired.remove(name) && wrapper != null) {
                List<SnippetEvent> events = shell.eval("var " + name + " = " + wrapper.getName() + "." + name + ";");
                events.forEach(event -> trimmer.trim(event.snippet()));
                if (events.size() == 1 && events.getFirst().status() == Status.VALID) {
                    variableWrappers.put(name, lastWrapper.get());
                    noteDefined(events);
                } else {
                    Log.debug("could not declare " + name + " again: " + events);
                }
            }
        }
    }

    /**
     * Notes the shown values a snippet defined ({@code events}, after their wrappers are recorded), and retires
     * the oldest beyond {@link #LIVE}.
     */
    void noteDefined(List<SnippetEvent> events) {
        for (SnippetEvent event : events) {
            if (event.snippet() instanceof VarSnippet variable && NAME.matcher(variable.name()).matches()
                    && event.status().isActive()) {
                live.removeIf(v -> v.name().equals(variable.name()));
                live.addLast(variable);
            }
        }
        while (live.size() > LIVE) {
            VarSnippet oldest = live.removeFirst();
            if (shell.status(oldest).isActive()) {
                shell.drop(oldest).forEach(event -> trimmer.trim(event.snippet()));
                retired.add(oldest.name());
            }
        }
    }

    /** Forgets a retired value (the learner deleted it); whether there was one of that name. */
    boolean forget(String name) {
        return retired.remove(name);
    }
}
