#!/usr/bin/env bash
# Builds asyncrt and the Java kernel, installs the kernelspec, and (with --test) runs every test.
#
#   ./install.sh            build, then install the kernel for this user
#   ./install.sh --test     the same, then run all tests (what CI runs)
#   ./install.sh --java-home   print the JDK it would use, and nothing else
#
# It needs a JDK 21 or newer and Maven; it finds the JDK in JAVA_HOME, on the PATH, then
# under /usr/lib/jvm, and says exactly what to install when something is missing.
set -euo pipefail
cd "$(dirname "$0")"

die() { echo "install.sh: $*" >&2; exit 1; }

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

JDK=$(find_jdk) || die "no JDK 21 or newer found (looked at JAVA_HOME, javac on the PATH, /usr/lib/jvm/*).
  Install one, e.g. on Debian/Ubuntu: apt-get install openjdk-21-jdk-headless (or Temurin 21+ from adoptium.net),
  or point JAVA_HOME at it."
export JAVA_HOME="$JDK"
if [ "${1:-}" = "--java-home" ]; then echo "$JDK"; exit 0; fi
command -v mvn >/dev/null 2>&1 || die "Maven (mvn) is not on the PATH. Install it: apt-get install maven (or maven.apache.org/download)."
echo "install.sh: using JDK $JDK ($(java_major "$JDK/bin/java"))"

RUN_TESTS=false
for arg in "$@"; do
  case "$arg" in
    --test) RUN_TESTS=true ;;
    *) die "unknown option '$arg' (known: --test)" ;;
  esac
done

if $RUN_TESTS; then
  mvn -B -q verify
else
  mvn -B -q -DskipTests package
fi
echo "install.sh: done"
