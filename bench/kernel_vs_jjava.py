"""This project's Java kernel beside JJava, on the same machine and in the same run, check by check.

Each check sends the same Jupyter messages to both kernels through jupyter_client and reports what came back:
completion of a name the cell itself declares, inspection, toHtml() on a plain class, JJava's display API,
java.class.path after %classpath, %timeit, %maven (a first and a repeated one), is_complete for a cell magic
without a body, LocalDate with no import, %time, Stop on a busy loop, the traceback of an exception, the round
trip of a trivial cell and the time from start to a first result; and whether the JJava fixture notebook
(kernel/src/test/python/fixtures/jjava_display.ipynb) runs unchanged. Prints a Markdown table (and writes it
to target/bench/kernel-vs-jjava.md); asserts nothing.

JJava comes from PyPI (`jjava`, pinned below), installed into a throwaway virtualenv that this script makes
(not into the project's environment, where its kernelspec would put a second Java kernel in every learner's
launcher). Both kernels run on the same JDK: the `java` first on the PATH, or --java.

Usage: .venv/bin/python bench/kernel_vs_jjava.py [--kernel java-asyncrt] [--jjava-venv /tmp/jjava-venv]
       [--java /path/to/bin/java]
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import venv

import nbformat
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient

JJAVA = "jjava==1.0a8"  # the latest JJava release on PyPI (its GitHub head has no release notes past it)
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
FIXTURE = os.path.join(ROOT, "kernel", "src", "test", "python", "fixtures", "jjava_display.ipynb")
ANSI = re.compile(r"\x1b\[[0-9;]*m")
TIMEOUT = 180


def jjava_kernelspec(venv_dir, java):
    """A kernelspec directory for JJava from PyPI, in a virtualenv of its own, run with the given java."""
    python = os.path.join(venv_dir, "bin", "python")
    if not os.path.exists(python):
        venv.create(venv_dir, with_pip=True)
    subprocess.run([python, "-m", "pip", "install", "-q", JJAVA], check=True)
    source = os.path.join(venv_dir, "share", "jupyter", "kernels", "java")
    spec_root = tempfile.mkdtemp(prefix="jjava-spec-")
    target = os.path.join(spec_root, "kernels", "jjava-bench")
    shutil.copytree(source, target)
    with open(os.path.join(target, "kernel.json")) as f:
        spec = json.load(f)
    spec["argv"][0] = java
    # JJava's launcher starts the kernel's own JVM with the `java` on the PATH: make that the same JDK.
    spec.setdefault("env", {})["PATH"] = os.path.dirname(java) + os.pathsep + os.environ.get("PATH", "")
    with open(os.path.join(target, "kernel.json"), "w") as f:
        json.dump(spec, f)
    return spec_root, "jjava-bench"


class Kernel:
    """One kernel, started for the checks; every check runs in it, in order."""

    def __init__(self, name):
        self.name = name
        started = time.perf_counter()
        self.km = KernelManager(kernel_name=name)
        self.km.start_kernel(env={**os.environ, "ASYNCRT_KERNEL_LOG_LEVEL": "warn"})
        self.kc = self.km.client()
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=TIMEOUT)
        first = self.run("1 + 1")
        self.start_to_result = time.perf_counter() - started
        self.first_result = first["result"]

    def run(self, code, timeout=TIMEOUT):
        """Runs a cell: status, text/plain of its result, stdout, stderr, displays, updates, traceback, seconds."""
        got = {"result": None, "data": {}, "stdout": "", "stderr": "", "displays": [], "updates": [],
               "traceback": "", "ename": None}

        def hook(msg):
            kind, content = msg["msg_type"], msg["content"]
            if kind == "stream":
                got[content["name"]] += content["text"]
            elif kind == "execute_result":
                got["data"] = content["data"]
                got["result"] = content["data"].get("text/plain")
            elif kind == "display_data":
                got["displays"].append((content["data"], content.get("transient", {}).get("display_id")))
            elif kind == "update_display_data":
                got["updates"].append((content["data"], content.get("transient", {}).get("display_id")))
            elif kind == "error":
                got["traceback"] = ANSI.sub("", "\n".join(content["traceback"]))
                got["ename"] = content["ename"]

        started = time.perf_counter()
        reply = self.kc.execute_interactive(code, output_hook=hook, timeout=timeout)
        got["seconds"] = time.perf_counter() - started
        got["status"] = reply["content"]["status"]
        return got

    def request(self, kind, **content):
        msg = self.kc.session.msg(kind + "_request", content)
        self.kc.shell_channel.send(msg)
        while True:
            reply = self.kc.get_shell_msg(timeout=TIMEOUT)
            if reply["parent_header"].get("msg_id") == msg["header"]["msg_id"]:
                return reply["content"]

    def close(self):
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=True)


def ms(seconds):
    return f"{seconds * 1000:.0f} ms"


def one_line(text, limit=90):
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def check_completion(k):
    cases = [("String s = \"x\";\ns.toUpperC", "toUpperCase"),
             ("var names = new ArrayList<String>(); names.ad", "add"),
             ("int[] arr = {1, 2}; arr.le", "length")]
    found = []
    for code, want in cases:
        matches = k.request("complete", code=code, cursor_pos=len(code)).get("matches", [])
        found.append(any(m.startswith(want) for m in matches))
    return f"{sum(found)} of {len(cases)} (`s.toUpperC`, `names.ad`, `arr.le` declared in the same cell)"


def check_inspect(k):
    reply = k.request("inspect", code="Math.max(1, 2)", cursor_pos=len("Math.max"), detail_level=0)
    if not reply.get("found"):
        return "not found"
    data = reply.get("data", {})
    kinds = ", ".join(sorted(data))
    plain = data.get("text/plain", "")
    raw = "raw Javadoc tags" if re.search(r"\{@(code|link)|<p>|@param", plain + data.get("text/markdown", "")) else "no raw tags"
    return f"{kinds}; {raw}"


def check_to_html(k):
    k.run('class H { public String toHtml() { return "<b>h</b>"; } }')
    got = k.run("new H()")
    return "HTML shown" if "text/html" in got["data"] else f"text only: `{got['result']}`"


def check_display_api(k):
    parts = []
    shown = k.run('String id = display("<b>x</b>", "text/html");')
    html = shown["displays"] and "text/html" in shown["displays"][0][0]
    parts.append("`display(x, \"text/html\")` → id, HTML" if shown["status"] == "ok" and html
                 else f"`display(x, mime)`: {shown['status']} {one_line(shown['traceback'], 60)}")
    updated = k.run('updateDisplay(id, "<b>y</b>", "text/html");')
    parts.append("`updateDisplay` ✓" if updated["updates"] else f"`updateDisplay`: {updated['status']}")
    rendered = k.run('render("*x*", "text/markdown")')
    parts.append("`render` ✓" if "text/markdown" in rendered["data"] else f"`render`: {rendered['status']}")
    return "; ".join(parts)


def check_classpath(k, directory):
    k.run(f"%classpath {directory}")
    k.run(f"%classpath {directory}")
    value = k.run('System.getProperty("java.class.path")')["result"] or ""
    return f"listed {value.count(directory)}× after `%classpath` twice"


def check_timeit(k):
    got = k.run("%timeit Math.max(1, 2)")
    if got["status"] != "ok":
        return f"{got['ename'] or got['status']}: {one_line(got['traceback'] or got['stderr'], 60)}"
    return one_line(got["stdout"], 100)


def check_maven(k):
    first = k.run("%maven com.google.code.gson:gson:2.13.2", timeout=600)
    again = k.run("%maven com.google.code.gson:gson:2.13.2", timeout=600)
    works = k.run('new com.google.gson.Gson().toJson(List.of(1, 2))')
    noise = len(first["stderr"].splitlines())
    return (f"first: {ms(first['seconds'])}, {noise} stderr lines; repeat: "
            f"`{one_line(again['stdout'], 50) or '(nothing)'}`; gson {'works' if works['status'] == 'ok' else 'fails'}")


def check_is_complete(k):
    answers = [k.request("is_complete", code=code).get("status") for code in ("%%timeline", "%%time")]
    return f"`%%timeline`: {answers[0]}, `%%time`: {answers[1]}"


def check_local_date(k):
    got = k.run("LocalDate.of(2024, 2, 29).plusYears(1)")
    return f"`{got['result']}`" if got["status"] == "ok" else f"{got['ename']}: {one_line(got['traceback'], 50)}"


def check_time(k):
    got = k.run("%time Thread.sleep(200)")
    shown = got["stdout"] + " ".join(data.get("text/plain", "") for data, _ in got["displays"])
    return one_line(shown or got["traceback"], 100)


def check_redefinition(k):
    k.run("class Box { int v = 1; }")
    k.run("Box box = new Box();")
    got = k.run("class Box { int v = 2; int w; }")
    note = (got["stdout"] + got["stderr"]).strip()
    return f"`{one_line(note, 80)}`" if note else "silent (box is null afterwards)"


def check_interrupt(k):
    msg_id = k.kc.execute("long n = 0; while (true) { n++; }")
    time.sleep(2)
    stopped = time.perf_counter()
    k.km.interrupt_kernel()
    while True:
        try:
            reply = k.kc.get_shell_msg(timeout=30)
        except Exception:
            return "no reply 30 s after Stop"
        if reply["parent_header"].get("msg_id") == msg_id:
            break
    took = time.perf_counter() - stopped
    after = k.run("1 + 1", timeout=60)
    return f"{reply['content']['status']} {ms(took)} after Stop; next cell {'runs' if after['result'] == '2' else 'fails'}"


def check_traceback(k):
    k.run("int half(int x) {\n    return 10 / (x - x);\n}")
    got = k.run("int y = 3;\nhalf(y)")
    lines = [line for line in got["traceback"].splitlines() if line.strip()]
    return one_line(" ⏎ ".join(lines[:3]), 110)


def check_round_trip(k, trips=20):
    times = [k.run("1 + 1")["seconds"] for _ in range(trips)]
    return f"{statistics.median(times) * 1000:.1f} ms (median of {trips})"


def check_fixture(name):
    notebook = nbformat.read(FIXTURE, as_version=4)
    try:
        NotebookClient(notebook, kernel_name=name, timeout=TIMEOUT, allow_errors=False).execute()
        return "runs, no errors"
    except Exception as e:  # nbclient raises CellExecutionError with the cell and its error
        text = str(e)
        error = [line for line in text.splitlines() if "Error" in line or "error" in line]
        return "fails: " + one_line(ANSI.sub("", error[-1] if error else text), 70)


CHECKS = [
    ("Completion of names the cell itself declares", check_completion),
    ("Inspect (Shift-Tab) on `Math.max`", check_inspect),
    ("`toHtml()` on a plain class", check_to_html),
    ("JJava's display API", check_display_api),
    ("`java.class.path` after `%classpath`", None),
    ("`%timeit Math.max(1, 2)`", check_timeit),
    ("`%maven` (first, then the same again)", check_maven),
    ("`is_complete` for a cell magic with no body", check_is_complete),
    ("`LocalDate` with no import", check_local_date),
    ("`%time Thread.sleep(200)`", check_time),
    ("Redefining a class a variable holds", check_redefinition),
    ("Stop on a busy loop", check_interrupt),
    ("Traceback of `10 / 0` in a method", check_traceback),
    ("Round trip of `1 + 1`", check_round_trip),
]


def measure(name, directory):
    kernel = Kernel(name)
    rows = {"Start → first result": f"{kernel.start_to_result:.1f} s"}
    try:
        for title, check in CHECKS:
            try:
                rows[title] = check(kernel) if check else check_classpath(kernel, directory)
            except Exception as e:
                rows[title] = f"check failed: {one_line(str(e), 60)}"
    finally:
        kernel.close()
    rows["The JJava fixture notebook, unchanged"] = check_fixture(name)
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kernel", default=os.environ.get("ASYNCRT_KERNEL_NAME", "java-asyncrt"))
    parser.add_argument("--jjava-venv", default=os.path.join(tempfile.gettempdir(), "jjava-venv"))
    parser.add_argument("--java", default=shutil.which("java"))
    args = parser.parse_args()
    spec_root, jjava = jjava_kernelspec(args.jjava_venv, args.java)
    os.environ["JUPYTER_PATH"] = spec_root + os.pathsep + os.environ.get("JUPYTER_PATH", "")
    directory = tempfile.mkdtemp(prefix="cp-")
    java_version = subprocess.run([args.java, "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    ours = measure(args.kernel, directory)
    theirs = measure(jjava, directory)
    load = os.getloadavg()
    lines = [f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {os.cpu_count()} cores "
             f"(load average {load[0]:.1f}), both kernels on {java_version}; JJava {JJAVA.split('==')[1]} from PyPI.",
             "", f"| check | this kernel (`{args.kernel}`) | JJava |", "|---|---|---|"]
    for title in ours:
        lines.append(f"| {title} | {ours[title].replace('|', '/')} | {theirs[title].replace('|', '/')} |")
    table = "\n".join(lines)
    print(table)
    out = os.path.join(ROOT, "target", "bench")
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "kernel-vs-jjava.md"), "w") as f:
        f.write(table + "\n")


if __name__ == "__main__":
    sys.exit(main())
