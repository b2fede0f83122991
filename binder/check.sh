#!/usr/bin/env bash
# Checks the Binder set-up on this machine, as far as that goes without Docker and repo2docker's image.
#
# Binder builds an Ubuntu image with repo2docker: apt.txt's packages, then a Python environment with
# JupyterLab 4 and Notebook 7 (repo2docker's default environment) on the PATH, then binder/postBuild as
# the notebook user. This script stands in for the last two: a fresh clone of HEAD, a clean HOME (empty
# Maven cache, no kernelspec), no JAVA_HOME, a fresh virtualenv with the JupyterLab and Notebook of
# requirements.txt first on the PATH (not activated: repo2docker's environment is only on the PATH); then
# binder/postBuild; then the kernel must be in that environment, and the index notebook must run with the
# kernelspec it names. apt.txt is not checked: its JDK 21 is Ubuntu's, and a JDK >= 21 and Maven must
# already be here. It also checks that the README's Binder link names this repository's GitHub remote,
# when it has one.
#
#   binder/check.sh
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
say() { echo "binder/check.sh: $*"; }

if remote=$(git -C "$repo" remote get-url origin 2>/dev/null) && [[ "$remote" == *github.com* ]]; then
  "$repo/binder/badge.sh" --check
else
  say "no GitHub remote, so the README's Binder link is not checked (binder/badge.sh writes it)"
fi

mkdir -p "$work/home"
git clone -q "$repo" "$work/clone"
cd "$work/clone"
export HOME="$work/home"
# Maven takes its cache and settings from the JVM's user.home, which comes from the password file, not HOME.
export MAVEN_OPTS="-Duser.home=$HOME"
unset JAVA_HOME VIRTUAL_ENV CONDA_PREFIX JUPYTER_PATH JUPYTER_DATA_DIR JUPYTER_CONFIG_DIR

python3 -m venv "$work/env"
"$work/env/bin/pip" install -q --disable-pip-version-check $(grep -E '^(jupyterlab|notebook)==' requirements.txt)
export PATH="$work/env/bin:$PATH"

start=$(date +%s)
binder/postBuild
say "postBuild took $(( $(date +%s) - start )) s"
[ ! -e .venv ] || { say "FAIL: postBuild made .venv instead of using the environment's JupyterLab"; exit 1; }

"$work/env/bin/python" - "$work/env" <<'PYTHON'
import os
import sys
import time

import nbformat
from jupyter_client.kernelspec import KernelSpecManager
from nbclient import NotebookClient

env = os.path.realpath(sys.argv[1])
nb = nbformat.read("notebooks/00-index.ipynb", as_version=4)
name = nb.metadata.kernelspec.name
where = os.path.realpath(KernelSpecManager().get_kernel_spec(name).resource_dir)
print("binder/check.sh: the index asks for the kernel %s, found at %s" % (name, where))
assert where.startswith(env + os.sep), "the kernelspec is not in the environment's prefix"
start = time.monotonic()
NotebookClient(nb, kernel_name=name, timeout=120, resources={"metadata": {"path": "notebooks"}}).execute()
out = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs)
print(out.strip())
assert out.count("\u2714") == 2, "the index notebook's two checks did not pass"
print("binder/check.sh: the index notebook ran in %.1f s; Binder set-up OK" % (time.monotonic() - start))
PYTHON
