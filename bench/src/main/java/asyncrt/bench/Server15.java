package asyncrt.bench;

import asyncrt.examples.WebServer;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;

/**
 * server: the seed's section-15 server ({@link WebServer}, from asyncrt's test sources) for
 * bench/python/server.py to measure under wrk. Usage: {@code Server15 PORT}.
 *
 * <p>The server prints four lines per request. CPython block-buffers a standard output that is
 * not a terminal, while Java's {@code System.out} flushes every line (one write system call each):
 * so that both do the same work, this gives the server a block-buffered {@code System.out}, as
 * the driver gives the Python servers their default buffering.
 */
public final class Server15 {
    private Server15() {}

    public static void main(String[] args) {
        PrintStream buffered = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 8192), false);
        System.setOut(buffered);
        try {
            WebServer.main(args);
        } finally {
            buffered.flush();
        }
    }
}
