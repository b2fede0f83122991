/**
 * Python's asyncio streams: {@code startServer} and {@code openConnection} give each TCP
 * connection a {@link asyncrt.streams.StreamReader} and a {@link asyncrt.streams.StreamWriter},
 * joined to the socket by a {@link asyncrt.streams.SocketTransport} that the loop drives through
 * its selector ({@code addReader}/{@code addWriter}). Layers, bottom up: the event loop's
 * selector, {@link asyncrt.sockets}, this package.
 */
package asyncrt.streams;
