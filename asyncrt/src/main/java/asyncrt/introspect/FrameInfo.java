package asyncrt.introspect;

import asyncrt.internal.CodeNames;

/** Where one coroutine of a task's await chain stands: its name, and the file and line of its body. */
public record FrameInfo(String coroutine, String file, int line) {
    @Override
    public String toString() {
        return CodeNames.asCall(coroutine) + (file == null ? "" : " " + file + ":" + line);
    }
}
