#!/usr/bin/env bash
# Builds asyncrt and the Java kernel, installs the kernelspec "java-asyncrt" ("Java (asyncrt)"), and
# (with --test) runs every test.
#
#   ./install.sh                  build, then install the kernel for this user
#   ./install.sh --test           the same, then run all tests (what CI runs)
#   ./install.sh --sys-prefix     install into the Python environment's prefix (virtualenvs, conda, Binder)
#   ./install.sh --prefix DIR     install under DIR/share/jupyter/kernels
#   ./install.sh --uninstall      remove the kernelspec (combine with --sys-prefix / --prefix DIR as installed)
#   ./install.sh --env NAME=VALUE set a kernel option in the kernelspec (repeatable), e.g.
#                                 --env ASYNCRT_KERNEL_TIMEOUT=60 (see the README's Kernel section)
#   ./install.sh --java-home      print the JDK it would use, and nothing else
#
# It needs a JDK 21 or newer and Maven; it finds the JDK in JAVA_HOME, on the PATH, then under
# /usr/lib/jvm, and says exactly what to install when something is missing. It needs Jupyter for
# Python 3; as root on Debian/Ubuntu it installs Debian's Jupyter packages itself. Running it twice is
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
UNINSTALL=false
SCOPE=user
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
    --env) [ $# -ge 2 ] && [[ "$2" == *=* ]] || die "--env needs NAME=VALUE"; KERNEL_ENV+=("$2"); shift ;;
    --env=*) [[ "${1#--env=}" == *=* ]] || die "--env needs NAME=VALUE"; KERNEL_ENV+=("${1#--env=}") ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    *) die "unknown option '$1' (known: --test --user --sys-prefix --prefix DIR --uninstall --env NAME=VALUE --java-home)" ;;
  esac
  shift
done
if [ "$SCOPE" = prefix ]; then
  mkdir -p "$PREFIX"
  PREFIX=$(cd "$PREFIX" && pwd)
fi

# --- Jupyter -------------------------------------------------------------------------------------

find_python() { # a Python 3 with jupyter_client: Debian's first, then the one on the PATH
  local py
  for py in /usr/bin/python3 "$(command -v python3 || true)"; do
    if [ -n "$py" ] && [ -x "$py" ] && "$py" -c 'import jupyter_client' >/dev/null 2>&1; then
      echo "$py"; return 0
    fi
  done
  return 1
}

jupyter_command() { # the jupyter launcher next to $PY, else on the PATH, that has the subcommand $1
  local dir; dir=$(dirname "$PY")
  if [ -x "$dir/jupyter-$1" ]; then echo "$dir/jupyter"; return 0; fi
  if command -v "jupyter-$1" >/dev/null 2>&1; then command -v jupyter; return 0; fi
  return 1
}

missing_jupyter_packages() { # prints the Debian packages that provide what is missing, one a line
  local py=/usr/bin/python3
  [ -x "$py" ] || py=python3
  has_module() { "$py" -c "import $1" >/dev/null 2>&1; }
  has_module jupyter_client || echo python3-jupyter-client
  command -v jupyter-kernelspec >/dev/null 2>&1 || echo jupyter-client
  command -v jupyter-notebook >/dev/null 2>&1 || echo jupyter-notebook
  command -v jupyter-nbconvert >/dev/null 2>&1 || echo jupyter-nbconvert
  command -v jupyter-console >/dev/null 2>&1 || echo jupyter-console
  has_module nbclient || echo python3-nbclient
  if $RUN_TESTS; then
    has_module jupyter_kernel_test || echo python3-jupyter-kernel-test
    has_module ipykernel || echo python3-ipykernel
  fi
}

ensure_jupyter() {
  local missing
  missing=$(missing_jupyter_packages | sort -u | tr '\n' ' ' | sed 's/ *$//')
  if [ -n "$missing" ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      say "installing Debian's Jupyter packages: $missing"
      apt-get update -qq
      # shellcheck disable=SC2086
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
    elif ! find_python >/dev/null 2>&1 || $RUN_TESTS; then
      die "Jupyter (or a part of it the tests use) is missing. Install it:
  on Debian/Ubuntu: sudo apt-get install $missing
  elsewhere:        python3 -m pip install jupyter_client notebook nbconvert nbclient jupyter_console$($RUN_TESTS && echo ' jupyter_kernel_test ipykernel')
then run ./install.sh again."
    else
      say "note: some Jupyter front ends are missing ($missing); install them with: sudo apt-get install $missing"
    fi
  fi
  PY=$(find_python) || die "no Python 3 with jupyter_client found even after installing it; check /usr/bin/python3"
  JUPYTER=$(jupyter_command kernelspec) || die "the 'jupyter kernelspec' command is missing.
  on Debian/Ubuntu: sudo apt-get install jupyter-client
  elsewhere:        $PY -m pip install jupyter_client"
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
  PY=$(find_python) || { say "Jupyter is not installed, so no kernelspec to remove"; exit 0; }
  DEST=$(kernelspec_dir)
  if [ -f "$DEST/kernel.json" ]; then
    rm -rf "$DEST"
    say "removed the kernelspec $KERNEL_NAME from $DEST"
  else
    say "no kernelspec $KERNEL_NAME in $DEST; nothing to remove"
  fi
  exit 0
fi

# --- Build ---------------------------------------------------------------------------------------

JDK=$(find_jdk) || die "no JDK 21 or newer found (looked at JAVA_HOME, javac on the PATH, /usr/lib/jvm/*).
  Install one, e.g. on Debian/Ubuntu: apt-get install openjdk-21-jdk-headless (or Temurin 21+ from adoptium.net),
  or point JAVA_HOME at it. A JRE is not enough: the kernel compiles cells with javac."
export JAVA_HOME="$JDK"
if $PRINT_JAVA_HOME; then echo "$JDK"; exit 0; fi
command -v mvn >/dev/null 2>&1 || die "Maven (mvn) is not on the PATH. Install it: apt-get install maven (or maven.apache.org/download)."
say "using JDK $JDK ($(java_major "$JDK/bin/java"))"

ensure_jupyter
say "using Jupyter of $PY"

if $RUN_TESTS; then
  mvn -B --no-transfer-progress verify
else
  mvn -B -q --no-transfer-progress -DskipTests package
fi

# --- Kernelspec ----------------------------------------------------------------------------------

DEST=$(kernelspec_dir)
STAGE=kernel/target/kernelspec
rm -rf "$STAGE"
mkdir -p "$STAGE/lib"
cp kernel/target/asyncrt-kernel-*.jar kernel/target/lib/*.jar "$STAGE/lib/"
cp kernel/src/main/kernelspec/logo-32x32.png kernel/src/main/kernelspec/logo-64x64.png "$STAGE/"
"$PY" - "$STAGE/kernel.json" "$JDK/bin/java" "$DEST" "$DISPLAY_NAME" "${KERNEL_ENV[@]}" <<'PYTHON'
import json, sys
target, java, dest, display_name, *env = sys.argv[1:]
spec = {
    "argv": [
        java,
        "--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED",
        # A small young generation and a heap that grows only as needed keep the resident memory low.
        "-XX:+UseSerialGC", "-Xms48m", "-Xmn24m", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=20",
        "-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + dest + "/kernel.jsa",
        "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
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
# shellcheck disable=SC2046
"$JUPYTER" kernelspec install --replace --name "$KERNEL_NAME" $(scope_flag) "$STAGE" >/dev/null 2>&1 \
  || "$JUPYTER" kernelspec install --replace --name "$KERNEL_NAME" $(scope_flag) "$STAGE"
[ -f "$DEST/kernel.json" ] || die "jupyter kernelspec install did not put the kernelspec where expected ($DEST)"
say "installed the kernelspec $KERNEL_NAME (\"$DISPLAY_NAME\") in $DEST"

# One run of the kernel records the classes it loads in a CDS archive (kernel.jsa), so later starts are faster.
if [ "$SCOPE" = prefix ]; then export JUPYTER_PATH="$PREFIX/share/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"; fi
"$PY" kernel/src/main/python/warm_up.py "$KERNEL_NAME" || say "warning: the warm-up run failed; the kernel still works, only its start is slower"

if $RUN_TESTS; then
  say "running the Jupyter conformance and front-end tests against the installed kernel"
  ASYNCRT_KERNEL_NAME=$KERNEL_NAME ASYNCRT_KERNEL_LOG_LEVEL=warn "$PY" -m unittest discover -s kernel/src/test/python -p 'test_*.py' -v
  say "running the course notebooks headless through the installed kernel"
  ASYNCRT_KERNEL_NAME=$KERNEL_NAME "$PY" notebooks/run_notebooks.py
  say "running a course notebook in a real browser (classic Notebook, headless Chromium)"
  ASYNCRT_KERNEL_NAME=$KERNEL_NAME JUPYTER=$JUPYTER e2e/run.sh
fi
say "done. Start Jupyter with: jupyter notebook   (and pick the kernel \"$DISPLAY_NAME\")"
