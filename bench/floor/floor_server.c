/*
 * The least any server can do for one request of the section-15 server's protocol: accept the connection,
 * read the request, write the same response, close. One thread, epoll, no output, no per-request objects.
 * It is not a peer to beat but a measuring stick: under wrk on a small machine, it shows how many requests
 * per second the load generator can drive at all, and how a server's speed changes wrk's own cost.
 *
 *   gcc -O2 -o /tmp/floor_server bench/floor/floor_server.c
 *   bench/python/server.py -- /tmp/floor_server        (server.py appends the port)
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

static const char RESPONSE[] = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nHello from asyncio server!";

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s PORT\n", argv[0]);
        return 2;
    }
    int listener = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    int one = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons(atoi(argv[1]))};
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(listener, (struct sockaddr *)&address, sizeof address) != 0 || listen(listener, 100) != 0) {
        perror("bind/listen");
        return 1;
    }
    int poller = epoll_create1(0);
    struct epoll_event watch = {.events = EPOLLIN, .data.fd = listener};
    epoll_ctl(poller, EPOLL_CTL_ADD, listener, &watch);
    struct epoll_event ready[256];
    char request[4096];
    for (;;) {
        int count = epoll_wait(poller, ready, 256, -1);
        for (int i = 0; i < count; i++) {
            int fd = ready[i].data.fd;
            if (fd == listener) {
                for (int accepted = 0; accepted < 100; accepted++) {  /* the backlog, as asyncio accepts */
                    int connection = accept4(listener, NULL, NULL, SOCK_NONBLOCK);
                    if (connection < 0) {
                        break;
                    }
                    setsockopt(connection, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                    struct epoll_event readable = {.events = EPOLLIN, .data.fd = connection};
                    epoll_ctl(poller, EPOLL_CTL_ADD, connection, &readable);
                }
                continue;
            }
            ssize_t got = read(fd, request, sizeof request);
            if (got < 0) {
                continue;
            }
            /* as the seed's handler: answer once the request's blank line (or the end of input) is read */
            if (got == 0 || memmem(request, got, "\r\n\r\n", 4) != NULL) {
                if (write(fd, RESPONSE, sizeof RESPONSE - 1) < 0) {
                    /* the client left first (wrk's extra connections): nothing to answer */
                }
                close(fd);
            }
        }
    }
}
