package asyncrt.introspect;

/** Where one coroutine of a task's await chain stands: its name, and the file and line of its body. */
public record FrameInfo(String coroutine, String file, int line) {
    @Override
    public String toString() {
        return coroutine + "()" + (file == null ? "" : " " + file + ":" + line);
    }
}
