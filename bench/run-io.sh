#!/usr/bin/env bash
# The I/O workloads beside CPython asyncio and uvloop: ping-pong through two Queue(1)s
# and the section-15 server under wrk. Same harness and table as bench/run (see bench/run.py).
exec "$(dirname "$0")/run" --only pingpong,server "$@"
