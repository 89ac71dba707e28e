#!/usr/bin/env python3
"""`make test`: tier 1 everywhere, tier 2 wherever python3 can import odoo.

Tier 1: pytest over siamo_core and tests/ (coverage of siamo_core), ruff, pylint-odoo.
Tier 2: the five addons installed on a fresh database with their Odoo tests; the run fails on
any failing test, any ERROR/CRITICAL line or traceback, any warning of ours, any addon not
installed. Each tier prints one summary line; the last line totals the tests.
"""

import argparse
import collections
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import siamo_dev

REPO = siamo_dev.REPO
LOG_LINE = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (?P<level>[A-Z]+) \S+ (?P<logger>[\w.]+): "
)
PYTEST_COUNTS = re.compile(r"(\d+) (passed|failed|error|errors|skipped)")
ODOO_STARTED = re.compile(r"odoo\.addons\.(siamo_\w+)\.tests\.\S+: Starting \w+\.test")
ODOO_SKIPPED = re.compile(r" INFO \S+ odoo\.addons\.(siamo_\w+)\.tests\.\S+: skipped (.*)")
ODOO_RESULT = re.compile(r"odoo\.tests\.result: (\d+) failed, (\d+) error\(s\) of (\d+) tests")


def _run(command, **kwargs):
    return subprocess.run(command, cwd=REPO, text=True, capture_output=True, check=False, **kwargs)


def _show_tail(text, lines=60):
    print("\n".join(text.rstrip().splitlines()[-lines:]))


def tier1():
    started = time.monotonic()
    problems = []
    pytest = _run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "--cov=siamo_core",
            "--cov-report=term",
            "siamo_core",
            "tests",
        ]
    )
    print(pytest.stdout.rstrip())
    if pytest.returncode != 0:
        problems.append("pytest")
        print(pytest.stderr.rstrip())
    counts = {kind: int(n) for n, kind in PYTEST_COUNTS.findall(pytest.stdout.splitlines()[-1])}
    coverage = re.search(r"^TOTAL.*?(\d+)%", pytest.stdout, re.MULTILINE)

    ruff = _run([sys.executable, "-m", "ruff", "check", "--no-cache", "."])
    ruff_format = _run([sys.executable, "-m", "ruff", "format", "--no-cache", "--check", "."])
    for name, result in (("ruff", ruff), ("ruff format", ruff_format)):
        if result.returncode != 0:
            problems.append(name)
            _show_tail(result.stdout + result.stderr)

    pylint = _run(
        [
            sys.executable,
            "-m",
            "pylint",
            "--rcfile=.pylintrc",
            *sorted(
                str(path)
                for path in (REPO / "addons").iterdir()
                if (path / "__manifest__.py").exists()
            ),
        ]
    )
    if pylint.returncode != 0:
        problems.append("pylint-odoo")
        _show_tail(pylint.stdout + pylint.stderr)

    passed = counts.get("passed", 0)
    failed = counts.get("failed", 0) + counts.get("error", 0) + counts.get("errors", 0)
    seconds = time.monotonic() - started
    status = "FAILED (" + ", ".join(problems) + ")" if problems else "passed"
    print(
        f"tier 1: {status} — {passed} pytest tests passed, {failed} failed, "
        f"siamo_core coverage {coverage.group(1) if coverage else '?'}%, "
        f"ruff {'clean' if 'ruff' not in problems else 'dirty'}, "
        f"pylint-odoo {'clean' if 'pylint-odoo' not in problems else 'dirty'} ({seconds:.0f} s)",
        flush=True,
    )
    # a lint failure counts as a failure in the closing line, not only in the exit code
    return not problems, passed, failed + len([p for p in problems if p != "pytest"])


def _is_problem(line):
    """An ERROR or CRITICAL line, a traceback, or a warning that names SIAMO."""
    match = LOG_LINE.match(line)
    if match and match["level"] in {"ERROR", "CRITICAL"}:
        return True
    if match and match["level"] == "WARNING":
        return "siamo" in line.lower()
    return line.startswith("Traceback")


def _problems_in_log(log_text):
    return [line for line in log_text.splitlines() if _is_problem(line)]


def _installed_addons(dbname):
    with siamo_dev.connect(dbname) as conn, conn.cursor() as cr:
        cr.execute(
            "SELECT name FROM ir_module_module WHERE state = 'installed' AND name = ANY(%s)",
            (siamo_dev.addons(),),
        )
        return {name for (name,) in cr.fetchall()}


def _warm_up_chromium():
    """Start the headless browser once before the tests: its first start on a machine builds
    its caches and can take longer than the 10 s Odoo waits for it, which skips a tour."""
    browser = next(
        (
            shutil.which(name)
            for name in ("chromium", "chromium-browser", "google-chrome")
            if shutil.which(name)
        ),
        None,
    )
    if browser:
        with tempfile.TemporaryDirectory() as profile:
            try:
                _run(
                    [
                        browser,
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        f"--user-data-dir={profile}",
                        "--dump-dom",
                        "about:blank",
                    ],
                    timeout=120,
                )
            except subprocess.TimeoutExpired:
                print("tier 2: Chromium did not start within 120 s", flush=True)


def _stop_leftover_test_browsers():
    """Odoo leaves a Chromium running when it gave up waiting for it; left over from one run,
    such browsers slow the next one's start past Odoo's wait. Only test profiles are touched."""
    if shutil.which("pkill"):
        subprocess.run(["pkill", "-9", "-f", "_chrome_odoo"], check=False, capture_output=True)


def _odoo_tests(dbname, install, tags):
    """Install ``install`` in a new database and run the Odoo tests ``tags``: the log."""
    log_path = Path(tempfile.gettempdir()) / f"{dbname}.log"
    command = siamo_dev.odoo_command(
        "-d",
        dbname,
        "-i",
        ",".join(install),
        "--test-enable",
        "--test-tags",
        tags,
        "--load-language=fr_FR",
        "--stop-after-init",
        "--log-level=info",
        f"--http-port={siamo_dev.free_port()}",
        "--http-interface=127.0.0.1",
        "--max-cron-threads=0",
    )
    _stop_leftover_test_browsers()
    with log_path.open("w") as log:
        returncode = subprocess.run(
            command, cwd=REPO, stdout=log, stderr=subprocess.STDOUT, check=False
        ).returncode
    _stop_leftover_test_browsers()
    return returncode, log_path


def _ipm_alone(stamp):
    """siamo_ipm installed without the exchange platform keys and settles paper sheets: its
    tests tagged ``siamo_ipm_alone`` run in a database holding siamo_ipm alone."""
    dbname = f"siamo_ipm_alone_{stamp}"
    print(f"tier 2: siamo_ipm alone (no siamo_fse) in {dbname}…", flush=True)
    returncode, log_path = _odoo_tests(dbname, ["siamo_ipm"], "siamo_ipm_alone")
    log_text = log_path.read_text(errors="replace")
    problems = _problems_in_log(log_text)
    installed = _installed_addons(dbname) if siamo_dev.database_exists(dbname) else set()
    ran = len(ODOO_STARTED.findall(log_text))
    ok = not returncode and not problems and installed == {"siamo_referentiel", "siamo_ipm"} and ran
    if ok:
        siamo_dev.drop_database(dbname)
        log_path.unlink()
    else:
        print("\n".join(problems[:40]))
        print(f"installed: {sorted(installed)}; full log: {log_path} (database {dbname} kept)")
    print(
        f"tier 2: siamo_ipm alone {'passed' if ok else 'FAILED'} — {ran} Odoo tests ran "
        f"without siamo_fse; odoo exit {returncode}",
        flush=True,
    )
    return ok, ran


def tier2():
    version = siamo_dev.odoo_importable()
    if not version:
        print(
            f"tier 2: skipped — {sys.executable} cannot import odoo (Odoo 18 is not installed "
            "on this machine); only tier 1 ran",
            flush=True,
        )
        return True, 0, 0
    started = time.monotonic()
    siamo_dev.ensure_postgres()
    siamo_dev.ensure_role()
    _warm_up_chromium()
    addons = siamo_dev.addons()
    stamp = f"{os.getpid()}_{int(time.time())}"
    dbname = f"siamo_test_{stamp}"
    print(f"tier 2: Odoo {version}, installing {', '.join(addons)} in {dbname}…", flush=True)
    returncode, log_path = _odoo_tests(dbname, addons, ",".join(f"/{addon}" for addon in addons))
    log_text = log_path.read_text(errors="replace")
    problems = _problems_in_log(log_text)
    installed = _installed_addons(dbname) if siamo_dev.database_exists(dbname) else set()
    missing = [addon for addon in addons if addon not in installed]
    per_addon = collections.Counter(ODOO_STARTED.findall(log_text))
    skipped = [f"{addon}: {reason}" for addon, reason in ODOO_SKIPPED.findall(log_text)]
    result = ODOO_RESULT.search(log_text)
    total = int(result.group(3)) if result else sum(per_addon.values())
    failed = int(result.group(1)) + int(result.group(2)) if result else 0
    no_tests = [addon for addon in addons if not per_addon[addon]]
    alone_ok, alone_ran = _ipm_alone(stamp)
    ok = not (returncode or problems or missing or no_tests or skipped or failed) and alone_ok
    if ok:
        siamo_dev.drop_database(dbname)
        log_path.unlink()
    else:
        print("\n".join(problems[:40]))
        if missing:
            print(f"not installed: {', '.join(missing)}")
        if no_tests:
            print(f"ran no test: {', '.join(no_tests)}")
        if skipped:
            print("skipped (tier 2 loads demo data, French and Chromium: nothing may skip):")
            print("\n".join(skipped))
        print(f"full log: {log_path} (database {dbname} kept)")
    seconds = time.monotonic() - started
    detail = ", ".join(f"{addon} {per_addon[addon]}" for addon in addons)
    print(
        f"tier 2: {'passed' if ok else 'FAILED'} — "
        f"{len(installed)}/{len(addons)} addons installed, "
        f"{total - failed} Odoo tests passed, {failed} failed, {len(skipped)} skipped ({detail}); "
        f"{len(problems)} error or warning lines; odoo exit {returncode} ({seconds:.0f} s)",
        flush=True,
    )
    return ok, total - failed + alone_ran, failed if ok else max(failed, 1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tier", choices=["1", "2"], help="run only this tier")
    args = parser.parse_args()
    started = time.monotonic()
    results = []
    if args.tier in (None, "1"):
        results.append(tier1())
    if args.tier in (None, "2"):
        results.append(tier2())
    passed = sum(result[1] for result in results)
    failed = sum(result[2] for result in results)
    print(f"make test took {time.monotonic() - started:.0f} s")
    print(f"total: {passed} passed, {failed} failed")
    return 0 if all(result[0] for result in results) else 1


if __name__ == "__main__":
    sys.exit(main())
