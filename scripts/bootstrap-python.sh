#!/usr/bin/env bash
# Creates .venv and installs the pinned Python packages, skipping the install when the
# requirements have not changed since the last run.
set -euo pipefail
cd "$(dirname "$0")/.."
requirements=${1:-requirements/test.txt}

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
if [ ! -x .venv/bin/uv ]; then
  .venv/bin/pip install --quiet --disable-pip-version-check uv==0.13.8
fi
stamp=.venv/.firstperson-requirements-hash
want=$(cat requirements/*.txt | sha256sum | cut -d' ' -f1)-$requirements
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  .venv/bin/uv pip install --quiet --python .venv/bin/python -r "$requirements"
  echo "$want" > "$stamp"
fi
