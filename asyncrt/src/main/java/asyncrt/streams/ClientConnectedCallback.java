package asyncrt.streams;

import asyncrt.coroutines.Coroutine;

/**
 * What a server does with each new connection: Python's {@code client_connected_cb}, usually a
 * coroutine function {@code handleClient(reader, writer)}. The coroutine it returns runs as a
 * task of its own; if it fails, the loop's exception handler hears of it and the connection is
 * closed. Returning null instead makes it a plain callback.
 */
@FunctionalInterface
public interface ClientConnectedCallback {
    Coroutine<?> call(StreamReader reader, StreamWriter writer);
}
