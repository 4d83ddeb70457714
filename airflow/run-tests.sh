#!/usr/bin/env bash
# Runs the Airflow tests (pytest arguments pass through) in a virtual environment built from requirements.lock.
# The venv lives outside the repository, keyed by the lock file and the Python version, so a fresh clone reuses it
# and a changed lock builds a new one: ${XDG_CACHE_HOME:-$HOME/.cache}/clickstream-airflow/venv-<hash>.
# Needs python3 (3.10 or newer) with the venv module, PyPI, and the built application (bin/pipeline).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
python=${PYTHON:-python3}
lock="$here/requirements.lock"

if ! "$python" -c 'import sys, venv; sys.exit(sys.version_info < (3, 10))' 2>/dev/null; then
  echo "run-tests.sh: $python must be Python 3.10 or newer with the venv module (set PYTHON to another one)" >&2
  exit 1
fi

key=$({ cat "$lock"; "$python" -c 'import platform, sys; print(sys.version, platform.machine())'; } \
  | sha256sum | cut -c1-16)
cache="${XDG_CACHE_HOME:-$HOME/.cache}/clickstream-airflow"
venv="$cache/venv-$key"
mkdir -p "$cache"

# One build at a time per venv (parallel CI jobs share the cache); a half-built venv has no marker and is rebuilt.
exec 9>"$venv.lock"
flock 9
if [ ! -f "$venv/.complete" ]; then
  echo "run-tests.sh: building $venv from requirements.lock (first run only; takes a few minutes)" >&2
  rm -rf "$venv"
  "$python" -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-input -r "$lock"
  touch "$venv/.complete"
fi
flock -u 9

cd "$here"
# Test files (AIRFLOW_HOME, generated traffic, the server's lake) go under target/, removed by the next run.
exec "$venv/bin/python" -m pytest --basetemp="$here/target/pytest" "$@"
