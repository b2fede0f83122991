package asyncrt.internal;

import asyncrt.coroutines.CodeNamer;

/** The host's {@link CodeNamer}, if one is installed (see {@code Coroutine.nameCodeWith}). */
public final class CodeNames {
    private static volatile CodeNamer namer;

    private CodeNames() {}

    public static void install(CodeNamer codeNamer) {
        namer = codeNamer;
    }

    /** The host's description of a stack frame, or null when there is no namer or it has no opinion. */
    public static String ofFrame(StackTraceElement frame) {
        CodeNamer installed = namer;
        return installed == null ? null : installed.describeFrame(frame);
    }

    /** The host's name for the code, or null when there is no namer or it has no opinion. */
    public static String of(String className, String methodName) {
        CodeNamer installed = namer;
        return installed == null ? null : installed.nameOf(className, methodName);
    }

    /**
     * A coroutine's name as a call, the way Python's reprs write {@code task1()}; a name that already says where
     * its code was written, {@code <lambda> (In [4], line 3)}, is shown as it is.
     */
    public static String asCall(String name) {
        return name.endsWith(")") ? name : name + "()";
    }
}
