"""fan-out: gathers 10 000 HTTP/1.1 GET requests against a local server, at most 64 at a time.

    python3 fanout.py [--uvloop] PORT

Each request opens a connection with asyncio.open_connection, writes the request, reads the
response to the end of the stream (the server closes after one response) and closes: the same
client as asyncrt.bench.FanOut, on the same server (bench/run.py starts one for all peers).
"""
import asyncio
import sys
import time

from common import event_loop_policy, median, report

REQUESTS = 10_000
CONCURRENCY = 64
REQUEST = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"


async def fetch(host, port):
    reader, writer = await asyncio.open_connection(host, port)
    writer.write(REQUEST)
    await writer.drain()
    response = await reader.read()
    writer.close()
    await writer.wait_closed()
    if not response.startswith(b"HTTP/1.1 200"):
        raise RuntimeError(f"unexpected response: {response[:12]!r}")
    return len(response)


async def main(port):
    limit = asyncio.Semaphore(CONCURRENCY)

    async def limited():
        async with limit:
            return await fetch("127.0.0.1", port)

    await asyncio.gather(*(limited() for _ in range(REQUESTS)))


def once(port):
    start = time.perf_counter()
    asyncio.run(main(port))
    return time.perf_counter() - start


if __name__ == "__main__":
    event_loop_policy()
    port = int(next(arg for arg in sys.argv[1:] if arg.isdigit()))
    seconds = median(1, 3, lambda: once(port))
    report("fanout", seconds=seconds, req_per_s=round(REQUESTS / seconds))
