#!/usr/bin/env bash
# The browser tests of the course (JupyterLab, Notebook 7): installs what they need, then runs them with
# node's test runner. Debian's chromium, nodejs and npm are installed with apt-get when missing (as root;
# otherwise it says what to install), playwright-core comes from the committed package-lock.json (npm ci).
# No browser is downloaded: playwright-core drives the system's Chromium. Needs the kernel installed
# (./install.sh); uses the Jupyter it was installed into unless JUPYTER names another jupyter command.
set -euo pipefail
cd "$(dirname "$0")"
if [ -z "${JUPYTER:-}" ]; then
  py=$(../install.sh --python) || { echo "e2e: run ./install.sh first" >&2; exit 1; }
  JUPYTER="$(dirname "$py")/jupyter"
fi
export JUPYTER

need=()
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v node >/dev/null 2>&1 || need+=(nodejs)
command -v npm >/dev/null 2>&1 || need+=(npm)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "e2e: installing ${need[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  else
    echo "e2e: missing ${need[*]}; install them (on Debian/Ubuntu: sudo apt-get install ${need[*]}) and run again" >&2
    exit 1
  fi
fi
if [ -z "${CHROMIUM:-}" ]; then
  if [ -x /usr/bin/chromium ]; then CHROMIUM=/usr/bin/chromium; else CHROMIUM=$(command -v chromium); fi
fi
export CHROMIUM

npm ci --no-audit --no-fund --loglevel=error
# One file at a time: each starts a Jupyter server, a kernel and a browser, and the checks time sleeps.
node --test --test-concurrency=1
