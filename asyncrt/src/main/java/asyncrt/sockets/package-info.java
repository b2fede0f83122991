/**
 * The socket layer on top of the event loop's selector: Python's {@code loop.sock_*} coroutines
 * ({@link asyncrt.sockets.SocketOperations}, reached as {@code loop.sockRecv(...)} and friends)
 * and Python's {@code OSError} family, unchecked so that they can be caught around an
 * {@code await}. {@link asyncrt.streams} builds on it.
 */
package asyncrt.sockets;
