package asyncrt.events;

/** The POSIX signals an asyncrt program can handle: the two that ask a program to stop. */
public enum Signal {
    /** Interrupt: Ctrl-C in a terminal, the Stop button in a notebook. */
    SIGINT("INT"),
    /** Terminate: what {@code kill} sends by default, and what service managers send to stop a server. */
    SIGTERM("TERM");

    private final String osName;

    Signal(String osName) {
        this.osName = osName;
    }

    /** The name the JVM knows the signal by ({@code INT}, {@code TERM}). */
    public String osName() {
        return osName;
    }
}
