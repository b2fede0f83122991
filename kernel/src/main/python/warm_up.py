"""Runs the installed kernel once, so that the JVM records the classes it loads in the kernel's CDS archive
(kernel.jsa, written when the kernel exits; the kernelspec names it with -XX:SharedArchiveFile and
-XX:+AutoCreateSharedArchive). Later starts map those classes instead of loading them: a faster start.

Usage: python3 warm_up.py KERNEL_NAME
"""
import os
import sys
import tempfile
import time

from jupyter_client.manager import start_new_kernel

CELLS = [
    "1 + 1",
    "int square(int x) { return x * x; }",
    "square(7)",
    'System.out.println("warm " + List.of(1, 2, 3));',
    "%lsmagic",
]


def main(kernel_name):
    # Keep the warm-up's cells out of the user's history.
    os.environ["ASYNCRT_KERNEL_HISTORY_FILE"] = os.path.join(tempfile.mkdtemp(), "history.jsonl")
    os.environ.setdefault("ASYNCRT_KERNEL_LOG_LEVEL", "warn")
    km, kc = start_new_kernel(kernel_name=kernel_name, startup_timeout=120)
    try:
        for code in CELLS:
            kc.execute_interactive(code, timeout=120, output_hook=lambda msg: None)
        kc.complete("System.out.pr", 13)
        kc.get_shell_msg(timeout=60)
        kc.shutdown()
        deadline = time.monotonic() + 120  # the archive is written as the JVM exits
        while km.is_alive() and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        kc.stop_channels()
        if km.is_alive():
            km.shutdown_kernel(now=True)
    archive = os.path.join(km.kernel_spec.resource_dir, "kernel.jsa")
    print("warm_up: CDS archive %s" % ("written: " + archive if os.path.exists(archive) else "not written"))


if __name__ == "__main__":
    main(sys.argv[1])
