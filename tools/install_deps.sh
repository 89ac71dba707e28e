#!/usr/bin/env bash
# Installs what SIAMO needs on a Debian machine: system packages, then Python requirements
# and siamo_core itself (editable). Quiet and quick when everything is already there.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}

missing=()
while read -r package; do
    [[ -z "$package" || "$package" == \#* ]] && continue
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
        || missing+=("$package")
done < tools/debian-packages.txt
if ((${#missing[@]})); then
    echo "deps: installing Debian packages: ${missing[*]}"
    if [[ $(id -u) -ne 0 ]]; then SUDO=sudo; else SUDO=; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! PIP_ROOT_USER_ACTION=ignore "$PYTHON" -m pip install -q \
        --disable-pip-version-check -r requirements-test.txt -e '.[exchange]' >"$log" 2>&1; then
    cat "$log"
    echo "deps: pip could not install the requirements"
    exit 1
fi
"$PYTHON" -c "import siamo_core, stdnum.sn.ninea" || { echo "deps: siamo_core did not install"; exit 1; }

# The OCA addons (queue_job) only where Odoo is importable: their wheels require the `odoo`
# distribution, so they go in with --no-deps; a Python without Odoo (tier 1) skips them.
if "$PYTHON" -c "import odoo.release" >/dev/null 2>&1; then
    if ! PIP_ROOT_USER_ACTION=ignore "$PYTHON" -m pip install -q --disable-pip-version-check \
            --no-deps -r requirements-odoo.txt >"$log" 2>&1; then
        cat "$log"
        echo "deps: pip could not install requirements-odoo.txt"
        exit 1
    fi
    "$PYTHON" - <<'PY' || { echo "deps: Odoo does not see the queue_job addon"; exit 1; }
import os
import sys

import odoo.addons

found = [p for p in odoo.addons.__path__ if os.path.isfile(os.path.join(p, "queue_job", "__manifest__.py"))]
sys.exit(0 if found else 1)
PY
fi
