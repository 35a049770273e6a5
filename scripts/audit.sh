#!/usr/bin/env bash
# Audit the locked dependencies (uv.lock) for known vulnerabilities with pip-audit.
#   scripts/audit.sh            exit 1 if a locked package has a known vulnerability
# pip-audit asks PyPI's advisory data over the network: when PyPI cannot be reached the
# script says so and exits 0 with a warning, so an offline CI run is not failed by it.
set -uo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
[ -x "$PY" ] || PY=python3

if ! "$PY" - <<'PYEOF' 2>/dev/null
import json, urllib.request
# pip-audit reads the per-release JSON, which carries a "vulnerabilities" list.
data = json.load(urllib.request.urlopen("https://pypi.org/pypi/pip/24.0/json", timeout=15))
assert "vulnerabilities" in data
PYEOF
then
  echo "WARNING: pip-audit skipped: PyPI's advisory data (per-release JSON with" \
       "'vulnerabilities') cannot be reached from this machine, so nothing could be" \
       "audited. Run scripts/audit.sh on a machine with access to pypi.org." >&2
  exit 0
fi

requirements=$(mktemp)
trap 'rm -f "$requirements"' EXIT
# Every locked package, extras included, without this project itself.
uv export --frozen --format requirements-txt --no-hashes --all-extras --all-groups \
  --no-emit-project --quiet > "$requirements" || { echo "uv export failed" >&2; exit 2; }
echo "Auditing $(grep -c '==' "$requirements") locked packages with pip-audit (PyPI advisories)"
if [ -x .venv/bin/pip-audit ]; then AUDIT=(.venv/bin/pip-audit); else AUDIT=(uv run --frozen pip-audit); fi
report=$(mktemp)
"${AUDIT[@]}" --requirement "$requirements" --no-deps --disable-pip --vulnerability-service pypi \
  --progress-spinner off --desc off 2>&1 | tee "$report"
status=${PIPESTATUS[0]}
skipped=$(grep -c "could not be audited" "$report" || true)
rm -f "$report"
if [ "$skipped" -gt 0 ]; then
  echo "WARNING: $skipped package(s) could not be audited (no advisory data for them)." >&2
fi
if [ $status -eq 0 ]; then
  echo "pip-audit: no known vulnerability in the locked dependencies."
elif [ $status -eq 1 ]; then
  echo "pip-audit: known vulnerabilities above; upgrade with 'uv lock --upgrade-package NAME'." >&2
fi
exit $status
