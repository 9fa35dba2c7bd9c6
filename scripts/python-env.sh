#!/usr/bin/env bash
# Creates .venv with the pinned test servers and parsers (Tests/servers/requirements.txt).
# Idempotent: reinstalls only when the requirements file changed.
set -euo pipefail
cd "$(dirname "$0")/.."

requirements=Tests/servers/requirements.txt
stamp=.venv/.requirements.sha256
wanted=$(sha256sum "$requirements" | cut -d' ' -f1)
if [ -x .venv/bin/python ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then
  exit 0
fi
python3 -m venv .venv
.venv/bin/pip install --quiet --disable-pip-version-check -r "$requirements"
echo "$wanted" > "$stamp"
