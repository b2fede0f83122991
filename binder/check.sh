#!/usr/bin/env bash
# Checks the Binder set-up on this machine, as far as that goes without Docker: a fresh clone of HEAD, a
# clean HOME (empty Maven cache, no kernelspec), no JAVA_HOME; then binder/postBuild as repo2docker runs it
# (apt.txt's JDK >= 21 and Maven must already be installed here); then the index notebook is executed with
# the kernelspec it names, which must be the one postBuild installed. Removes that kernelspec at the end.
#
#   binder/check.sh
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'cd "$work/clone" 2>/dev/null && HOME="$work/home" ./install.sh --sys-prefix --uninstall >/dev/null 2>&1; rm -rf "$work"' EXIT
mkdir -p "$work/home"
git clone -q "$repo" "$work/clone"
cd "$work/clone"
export HOME="$work/home"
unset JAVA_HOME
start=$(date +%s)
binder/postBuild
echo "binder/check.sh: postBuild took $(( $(date +%s) - start )) s"
PY=/usr/bin/python3
[ -x "$PY" ] && "$PY" -c 'import nbclient' 2>/dev/null || PY=python3
"$PY" - <<'PYTHON'
import time
import nbformat
from jupyter_client.kernelspec import KernelSpecManager
from nbclient import NotebookClient

nb = nbformat.read("notebooks/00-index.ipynb", as_version=4)
name = nb.metadata.kernelspec.name
print("binder/check.sh: the index asks for the kernel %s, installed at %s" % (name, KernelSpecManager().get_kernel_spec(name).resource_dir))
start = time.monotonic()
NotebookClient(nb, kernel_name=name, timeout=120, resources={"metadata": {"path": "notebooks"}}).execute()
out = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs)
print(out.strip())
assert out.count("\u2714") == 2, "the index notebook's two checks did not pass"
print("binder/check.sh: the index notebook ran in %.1f s; Binder set-up OK" % (time.monotonic() - start))
PYTHON
