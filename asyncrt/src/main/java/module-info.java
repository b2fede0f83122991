/**
 * asyncrt: Python's asyncio re-created in Java. Its packages follow CPython's modules (see the project's
 * {@code docs/architecture.md}); every one is API except {@code asyncrt.internal}, which holds what the
 * packages share among themselves: the per-thread state ({@code ThreadState}), reprs and trace folding.
 *
 * <p>This declaration says what is API when asyncrt runs as a module. On the class path, where the Jupyter
 * kernel runs it, the JVM ignores it and {@code asyncrt.internal} is reachable like any package: code outside
 * asyncrt should still not use it, except {@code FoldedTrace}, which the kernel uses to show tracebacks.
 * Run as a module, asyncrt takes the fast path when started with
 * {@code --add-exports java.base/jdk.internal.vm=asyncrt}.
 */
module asyncrt {
    requires java.desktop;     // the PNG timelines draw with Java2D
    requires java.management;  // debug mode's check for a monitor held across an await
    requires jdk.unsupported;  // sun.misc.Signal: the loop's signal handlers

    exports asyncrt;
    exports asyncrt.combinators;
    exports asyncrt.contextvars;
    exports asyncrt.coroutines;
    exports asyncrt.events;
    exports asyncrt.executors;
    exports asyncrt.introspect;
    exports asyncrt.locks;
    exports asyncrt.queues;
    exports asyncrt.sockets;
    exports asyncrt.streams;
    exports asyncrt.tasks;
}
