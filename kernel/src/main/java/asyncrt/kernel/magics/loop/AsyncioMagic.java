package asyncrt.kernel.magics.loop;

import asyncrt.kernel.execution.Value;
import asyncrt.kernel.magics.MagicException;
import asyncrt.kernel.magics.MagicRegistry;
import java.util.Locale;
import java.util.Optional;

/** {@code %asyncio debug on|off} and {@code %asyncio slow SECONDS}: asyncio's debug mode for the session's loops ({@link DebugSettings}). */
final class AsyncioMagic {

    private final DebugSettings settings = new DebugSettings();

    void register(MagicRegistry registry) {
        registry.line("asyncio", """
                %asyncio debug on|off      asyncio's debug mode for every event loop, open now or made later
                %asyncio slow SECONDS      report callbacks and task steps that take longer than this (default 0.1)
                %asyncio                   show the settings
                In debug mode, as with Python's PYTHONASYNCIODEBUG=1: a callback or task step that blocks the loop
                longer than the threshold is reported ("Executing <Task pending name='Task-1' ...> took 0.250
                seconds"), the report of a failed callback says where it was scheduled, a loop used from another
                thread fails, and an await inside a synchronized block fails at once. (Coroutines never awaited and
                task exceptions never retrieved are reported in any mode.) Reports go to standard error, so they show
                under the cell that ran the loop. Asyncio.run(main(), true) sets debug mode for one run instead.""", (args, context) -> asyncio(args));
    }

    private Optional<Value> asyncio(String args) throws MagicException {
        String[] words = args.strip().split("\\s+");
        switch (words[0]) {
            case "debug" -> {
                if (words.length != 2 || !(words[1].equals("on") || words[1].equals("off"))) {
                    throw new MagicException("%asyncio debug takes on or off, e.g. %asyncio debug on");
                }
                settings.debug(words[1].equals("on"));
            }
            case "slow" -> settings.slowCallbackSeconds(seconds(words));
            case "" -> { }
            default -> throw new MagicException("%asyncio: unknown setting '" + words[0]
                    + "'; use %asyncio debug on|off or %asyncio slow SECONDS (%asyncio? explains)");
        }
        Boolean debug = settings.debug();
        System.out.println("asyncio debug mode: " + (debug == null ? "each loop's default (off unless -Dasyncrt.debug=true)"
                : debug ? "on for every loop" : "off for every loop")
                + String.format(Locale.ROOT, "; slow-callback threshold: %.3f s", settings.slowCallbackSeconds())
                + (Boolean.TRUE.equals(debug) ? "" : " (reported in debug mode only)"));
        return Optional.empty();
    }

    private static double seconds(String[] words) throws MagicException {
        try {
            double seconds = Double.parseDouble(words.length == 2 ? words[1] : "");
            if (seconds >= 0 && Double.isFinite(seconds)) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new MagicException("%asyncio slow takes a number of seconds (0 or more), e.g. %asyncio slow 0.05");
    }
}
