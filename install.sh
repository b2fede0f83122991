#!/usr/bin/env bash
# Builds asyncrt and the Java kernel, installs the kernelspec "java-asyncrt" ("Java (asyncrt)") into a
# Jupyter with JupyterLab 4, and (with --test) runs every test.
#
#   ./install.sh                  build, then install the kernel (see "Which Jupyter" below)
#   ./install.sh --test           the same in the project's .venv, then run all tests (what CI runs)
#   ./install.sh --user           install the kernelspec for this user instead (every Jupyter of the user sees it)
#   ./install.sh --sys-prefix     install into the chosen Python environment's prefix (the default)
#   ./install.sh --prefix DIR     install under DIR/share/jupyter/kernels
#   ./install.sh --uninstall      remove the kernelspec (combine with --user / --prefix DIR as installed)
#   ./install.sh --env NAME=VALUE set a kernel option in the kernelspec (repeatable), e.g.
#                                 --env ASYNCRT_KERNEL_TIMEOUT=60 (see the README's Kernel section)
#   ./install.sh --java-home      print the JDK it would use, and nothing else
#   ./install.sh --python         print the Python of the Jupyter it uses (after an install), and nothing else
#
# Which Jupyter: a JupyterLab 4 you already run (an active virtualenv or conda environment, or jupyter-lab on
# the PATH, as on Binder) gets the kernel; otherwise the script makes the project's virtualenv .venv from
# requirements.txt (pinned JupyterLab, Notebook 7, nbconvert, papermill...). --test always uses .venv. The
# choice is written to .venv-python, which ./open-course and the test scripts read.
#
# It needs a JDK 21 or newer and Maven; it finds the JDK in JAVA_HOME, on the PATH, then under
# /usr/lib/jvm, and says exactly what to install when something is missing. Running it twice is
# harmless: the kernelspec is replaced.
set -euo pipefail
cd "$(dirname "$0")"

KERNEL_NAME=java-asyncrt
DISPLAY_NAME="Java (asyncrt)"

die() { echo "install.sh: $*" >&2; exit 1; }
say() { echo "install.sh: $*"; }

java_major() { # prints the major version of the java binary $1, or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'
}

find_jdk() { # prints a JAVA_HOME with javac and java >= 21
  local candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v javac >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
  fi
  local d
  for d in /usr/lib/jvm/*/; do candidates+=("${d%/}"); done
  for d in "${candidates[@]}"; do
    if [ -x "$d/bin/java" ] && [ -x "$d/bin/javac" ]; then
      local v; v=$(java_major "$d/bin/java")
      if [ -n "$v" ] && [ "$v" -ge 21 ]; then echo "$d"; return 0; fi
    fi
  done
  return 1
}

RUN_TESTS=false
PRINT_JAVA_HOME=false
PRINT_PYTHON=false
UNINSTALL=false
SCOPE=sys-prefix
PREFIX=""
KERNEL_ENV=()
while [ $# -gt 0 ]; do
  case "$1" in
    --test) RUN_TESTS=true ;;
    --user) SCOPE=user ;;
    --sys-prefix) SCOPE=sys-prefix ;;
    --prefix) [ $# -ge 2 ] || die "--prefix needs a directory"; SCOPE=prefix; PREFIX=$2; shift ;;
    --prefix=*) SCOPE=prefix; PREFIX=${1#--prefix=} ;;
    --uninstall) UNINSTALL=true ;;
    --java-home) PRINT_JAVA_HOME=true ;;
    --python) PRINT_PYTHON=true ;;
    --env) [ $# -ge 2 ] && [[ "$2" == *=* ]] || die "--env needs NAME=VALUE"; KERNEL_ENV+=("$2"); shift ;;
    --env=*) [[ "${1#--env=}" == *=* ]] || die "--env needs NAME=VALUE"; KERNEL_ENV+=("${1#--env=}") ;;
    -h|--help) sed -n '2,23p' "$0"; exit 0 ;;
    *) die "unknown option '$1' (known: --test --user --sys-prefix --prefix DIR --uninstall --env NAME=VALUE --java-home --python)" ;;
  esac
  shift
done
if [ "$SCOPE" = prefix ]; then
  mkdir -p "$PREFIX"
  PREFIX=$(cd "$PREFIX" && pwd)
fi

# --- Jupyter -------------------------------------------------------------------------------------

VENV=.venv
CHOICE=.venv-python   # the Python of the Jupyter this script installed into
if $PRINT_PYTHON; then
  [ -f "$CHOICE" ] && [ -x "$(cat "$CHOICE")" ] || die "no Jupyter chosen yet: run ./install.sh first"
  cat "$CHOICE"; exit 0
fi

lab_major() { # the major version of JupyterLab importable by the Python $1, or nothing
  "$1" -c 'import jupyterlab; print(jupyterlab.__version__.split(".")[0])' 2>/dev/null || true
}

users_lab_python() { # the Python of a JupyterLab >= 4 the user already runs, outside this project's .venv
  local candidates=() py lab
  [ -n "${VIRTUAL_ENV:-}" ] && candidates+=("$VIRTUAL_ENV/bin/python")
  [ -n "${CONDA_PREFIX:-}" ] && candidates+=("$CONDA_PREFIX/bin/python")
  if lab=$(command -v jupyter-lab 2>/dev/null); then
    py=$(sed -n '1s/^#! *//p' "$lab")
    [ -x "$py" ] && candidates+=("$py")
  fi
  command -v python3 >/dev/null 2>&1 && candidates+=("$(command -v python3)")
  for py in "${candidates[@]}"; do
    case "$(readlink -f "$py")" in "$(pwd -P)/$VENV/"*) continue ;; esac
    local major; major=$(lab_major "$py")
    if [ -n "$major" ] && [ "$major" -ge 4 ]; then echo "$py"; return 0; fi
  done
  return 1
}

make_venv() { # creates .venv with the first way that works here
  local base; base=$(command -v python3 || true)
  [ -n "$base" ] || die "no python3 on the PATH. Install Python 3.9 or newer (Debian/Ubuntu: apt-get install python3 python3-venv)."
  "$base" -c 'import sys; sys.exit(sys.version_info < (3, 9))' \
    || die "$base is Python $("$base" -c 'import platform; print(platform.python_version())'); JupyterLab 4 needs 3.9 or newer"
  rm -rf "$VENV"
  "$base" -m venv "$VENV" >/dev/null 2>&1 && return 0
  rm -rf "$VENV"
  # Debian and Ubuntu keep venv's pip bootstrap in a package of its own.
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    local minor; minor=$("$base" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
    say "installing Debian's python3-venv (python$minor-venv), which python3 -m venv needs"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-venv "python$minor-venv" >/dev/null 2>&1 \
      || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-venv >/dev/null
    "$base" -m venv "$VENV" && return 0
  fi
  # Without root: virtualenv from PyPI, for this user only.
  say "python3 -m venv does not work here; making $VENV with virtualenv (from PyPI with pip install --user if need be)"
  if "$base" -m virtualenv --version >/dev/null 2>&1 \
     || "$base" -m pip install -q --user virtualenv >/dev/null 2>&1 \
     || "$base" -m pip install -q --user --break-system-packages virtualenv >/dev/null 2>&1; then
    "$base" -m virtualenv -q "$VENV" && return 0
  fi
  rm -rf "$VENV"
  die "could not make a virtualenv with $base. Either
  install venv's support (Debian/Ubuntu, as root: apt-get install python3-venv), or
  install virtualenv for yourself ($base -m pip install --user virtualenv), or
  activate a Python environment that has JupyterLab 4 (pip install -r requirements.txt),
then run ./install.sh again."
}

project_venv() { # .venv with requirements.txt installed; prints its Python
  if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import sys' >/dev/null 2>&1; then
    say "making the project's virtualenv $VENV (JupyterLab, Notebook 7, nbconvert, papermill... from requirements.txt)" >&2
    make_venv >&2
  fi
  if ! cmp -s requirements.txt "$VENV/.requirements.txt"; then
    say "installing requirements.txt into $VENV" >&2
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check -r requirements.txt >&2 \
      || die "pip could not install requirements.txt into $VENV (see above)"
    cp requirements.txt "$VENV/.requirements.txt"
  fi
  echo "$(pwd -P)/$VENV/bin/python"
}

choose_jupyter() { # sets PY and JUPYTER
  if ! $RUN_TESTS && PY=$(users_lab_python); then
    say "using your JupyterLab $(lab_major "$PY") of $PY"
  else
    PY=$(project_venv)
    say "using the project's Jupyter in $VENV"
  fi
  JUPYTER="$(dirname "$PY")/jupyter"
  [ -x "$JUPYTER" ] || JUPYTER=$(command -v jupyter) || die "no 'jupyter' command next to $PY nor on the PATH"
  echo "$PY" > "$CHOICE"
}

kernelspec_dir() { # where jupyter kernelspec install puts our kernelspec for the chosen scope
  case "$SCOPE" in
    user) echo "$("$PY" -c 'from jupyter_core.paths import jupyter_data_dir; print(jupyter_data_dir())')/kernels/$KERNEL_NAME" ;;
    sys-prefix) echo "$("$PY" -c 'import sys; print(sys.prefix)')/share/jupyter/kernels/$KERNEL_NAME" ;;
    prefix) echo "$PREFIX/share/jupyter/kernels/$KERNEL_NAME" ;;
  esac
}

scope_flag() {
  case "$SCOPE" in
    user) echo --user ;;
    sys-prefix) echo --sys-prefix ;;
    prefix) echo "--prefix=$PREFIX" ;;
  esac
}

if $UNINSTALL; then
  if [ -f "$CHOICE" ] && [ -x "$(cat "$CHOICE")" ]; then PY=$(cat "$CHOICE")
  elif PY=$(users_lab_python); then :
  else say "no Jupyter was chosen by ./install.sh here, so no kernelspec to remove"; exit 0
  fi
  DEST=$(kernelspec_dir)
  if [ -f "$DEST/kernel.json" ]; then
    rm -rf "$DEST"
    say "removed the kernelspec $KERNEL_NAME from $DEST"
  else
    say "no kernelspec $KERNEL_NAME in $DEST; nothing to remove"
  fi
  exit 0
fi

ensure_fonts() { # the PNG timelines are drawn by Java2D, which needs fontconfig and a font
  if command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list 2>/dev/null | head -1)" ]; then return 0; fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing fontconfig and fonts-dejavu-core (the kernel draws timelines as PNG with them)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends fontconfig fonts-dejavu-core >/dev/null
  else
    say "note: no fonts found (fc-list); timelines will be SVG only, not PNG. Install fontconfig and a font (Debian: fonts-dejavu-core)."
  fi
}

# --- Build ---------------------------------------------------------------------------------------

JDK=$(find_jdk) || die "no JDK 21 or newer found (looked at JAVA_HOME, javac on the PATH, /usr/lib/jvm/*).
  Install one, e.g. on Debian/Ubuntu: apt-get install openjdk-21-jdk-headless (or Temurin 21+ from adoptium.net),
  or point JAVA_HOME at it. A JRE is not enough: the kernel compiles cells with javac."
export JAVA_HOME="$JDK"
if $PRINT_JAVA_HOME; then echo "$JDK"; exit 0; fi
command -v mvn >/dev/null 2>&1 || die "Maven (mvn) is not on the PATH. Install it: apt-get install maven (or maven.apache.org/download)."
say "using JDK $JDK ($(java_major "$JDK/bin/java"))"

choose_jupyter
ensure_fonts

if $RUN_TESTS; then
  mvn -B --no-transfer-progress verify
else
  mvn -B -q --no-transfer-progress -DskipTests package
fi

# --- Kernelspec ----------------------------------------------------------------------------------

write_kernelspec() { # builds the kernelspec for the directory $1 and installs it there with the flag $2
  local dest=$1 flag=$2 stage=kernel/target/kernelspec
  rm -rf "$stage"
  mkdir -p "$stage/lib"
  cp kernel/target/asyncrt-kernel-*.jar kernel/target/lib/*.jar "$stage/lib/"
  mkdir -p "$stage/lib/sources"   # asyncrt's sources, whose Javadoc inspection (Shift-Tab) shows
  cp kernel/target/lib/sources/*.jar "$stage/lib/sources/"
  cp kernel/src/main/kernelspec/logo-32x32.png kernel/src/main/kernelspec/logo-64x64.png "$stage/"
  "$PY" - "$stage/kernel.json" "$JDK/bin/java" "$(java_major "$JDK/bin/java")" "$dest" "$DISPLAY_NAME" \
      "${KERNEL_ENV[@]}" <<'PYTHON'
import json, sys
target, java, java_major, dest, display_name, *env = sys.argv[1:]
# The ahead-of-time cache that warm_up.py trains on a session of typical cells: classes loaded and linked, and
# method profiles, so that the JIT starts from where that session ended. warm_up.py trains it in one run, which
# needs JDK 25 (-XX:AOTCacheOutput); JDK 21 to 23 refuse to start with the option at all. Without the file (or
# after a JDK update) the JVM starts without it, quietly.
aot_cache = (["-XX:AOTCache=" + dest + "/kernel.aot", "-Xlog:aot=off", "-Xlog:cds=off"]
             if int(java_major) >= 25 else [])
spec = {
    "argv": [
        java,
        "--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED",
        # The kernel empties the imports JShell keeps in each compiled snippet's source (else each cell keeps more
        # memory than the last); JShell has no API for it.
        "--add-opens", "jdk.jshell/jdk.jshell=ALL-UNNAMED",
        # The kernel sets the Linux scheduling policy of some threads (one native call, see LinuxScheduling):
        # ZeroMQ's I/O thread never preempts the thread that wakes it, and the JIT's C2 compiler waits for idle
        # cores until the first cell is answered.
        "--enable-native-access=ALL-UNNAMED",
        # The serial collector with a young generation big enough for a cell's burst of tasks: a collection
        # that falls while 100 000 tasks are suspended copies them all, so the eden (320 MB of the 400) should
        # hold two or three such bursts. Only the pages in use count as resident, and the heap gives memory
        # back as it shrinks.
        "-XX:+UseSerialGC", "-Xms480m", "-Xmn400m", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=20",
        # The heap may grow to a quarter of the memory (the JVM's default share), counting at most 8 GB of it:
        # at most 2 GB, so that a cell that fills it fails within seconds instead of a minute of collections.
        "-XX:MaxRAM=8g",
        # The JIT compiles a method after three times the usual number of calls and loops. At start, on 2 cores,
        # its C1 compiler competes with JShell's first compilations, so compiling less then gives the first result
        # sooner; code compiled from fuller profiles is no slower in warm cells, and a cell's first burst of tasks
        # runs faster (the figures are in bench/where-the-time-goes.md).
        "-XX:CompileThresholdScaling=3",
        *aot_cache,
        "-cp", dest + "/lib/*",
        "asyncrt.kernel.KernelMain", "{connection_file}",
    ],
    "display_name": display_name,
    "language": "java",
    "interrupt_mode": "message",
    "env": dict(pair.split("=", 1) for pair in env),
    "metadata": {"debugger": False},
}
with open(target, "w") as f:
    json.dump(spec, f, indent=2)
PYTHON
  "$JUPYTER" kernelspec install --replace --name "$KERNEL_NAME" "$flag" "$stage" >/dev/null 2>&1 \
    || "$JUPYTER" kernelspec install --replace --name "$KERNEL_NAME" "$flag" "$stage"
  [ -f "$dest/kernel.json" ] || die "jupyter kernelspec install did not put the kernelspec where expected ($dest)"
}

resolved_kernelspec() { # the directory this Jupyter takes the kernelspec from, or nothing
  "$PY" -c 'import sys; from jupyter_client.kernelspec import KernelSpecManager
print(KernelSpecManager().find_kernel_specs().get(sys.argv[1], ""))' "$KERNEL_NAME"
}

DEST=$(kernelspec_dir)
write_kernelspec "$DEST" "$(scope_flag)"
say "installed the kernelspec $KERNEL_NAME (\"$DISPLAY_NAME\") in $DEST"
if [ "$SCOPE" = prefix ]; then export JUPYTER_PATH="$PREFIX/share/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"; fi

# Jupyter looks in JUPYTER_PATH, then the user's data directory, then the environment's prefix: a kernelspec
# of the same name from an earlier ./install.sh in the user's directory would hide this one.
SEEN=$(resolved_kernelspec)
if [ "$(readlink -f "$SEEN")" != "$(readlink -f "$DEST")" ]; then
  USER_DEST=$(SCOPE=user kernelspec_dir)
  if [ "$(readlink -f "$SEEN")" = "$(readlink -f "$USER_DEST")" ] && grep -q asyncrt.kernel.KernelMain "$SEEN/kernel.json"; then
    say "an older $KERNEL_NAME kernelspec in $SEEN hid this one from Jupyter; replacing it with this build"
    write_kernelspec "$SEEN" --user
  else
    die "Jupyter finds another kernelspec named $KERNEL_NAME first, in $SEEN: remove it (jupyter kernelspec remove $KERNEL_NAME) and run ./install.sh again"
  fi
fi

# One run of the kernel on typical cells trains its ahead-of-time cache (kernel.aot), so later starts are faster.
"$PY" kernel/src/main/python/warm_up.py "$KERNEL_NAME" || say "warning: the warm-up run failed; the kernel still works, only its start is slower"

# The course's stored outputs were made by the kernel: trusted, the front ends show them as they were made.
"$JUPYTER" trust notebooks/[0-9][0-9]-*.ipynb >/dev/null 2>&1 || say "note: could not mark the course notebooks trusted (jupyter trust)"

if $RUN_TESTS; then
  # The tests use the kernelspec just installed, whatever else this user has installed under the same name.
  JUPYTER_PATH="$(dirname "$(dirname "$DEST")")${JUPYTER_PATH:+:$JUPYTER_PATH}"
  export JUPYTER_PATH ASYNCRT_KERNEL_NAME=$KERNEL_NAME
  [ "$(readlink -f "$(resolved_kernelspec)")" = "$(readlink -f "$DEST")" ] || die "the tests would not use the kernelspec in $DEST"
  say "running the Jupyter conformance and front-end tests against the installed kernel"
  ASYNCRT_KERNEL_LOG_LEVEL=warn "$PY" -m unittest discover -s kernel/src/test/python -p 'test_*.py' -v
  say "running the course notebooks headless through the installed kernel, another process keeping one core busy"
  "$PY" notebooks/run_notebooks.py --busy-core
  say "running a course notebook with parameters through papermill"
  "$PY" notebooks/run_papermill.py
  say "running the course in a real browser (JupyterLab and Notebook 7 in headless Chromium)"
  JUPYTER=$JUPYTER e2e/run.sh
fi
if [ "$(id -u)" = 0 ]; then
  say "done. Open the course in JupyterLab with: ./open-course   (or: $JUPYTER lab --allow-root notebooks/00-index.ipynb)"
else
  say "done. Open the course in JupyterLab with: ./open-course   (or: $JUPYTER lab notebooks/00-index.ipynb)"
fi
