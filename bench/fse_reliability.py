#!/usr/bin/env python3
"""Care sheets while things break: every sheet sent ends received exactly once.

Concurrent clients send signed siamo-fse/1.0 sheets one per request to
``POST /siamo/api/v1/fse`` of an Odoo with workers (production's set-up: ``siamo_referentiel``
loaded server-wide), and retry as the API documentation says (``503``, ``409``, no answer,
a timeout: the same sheet again after a pause). Meanwhile an Odoo worker is killed
(``kill -9``) and PostgreSQL restarted, and a share of the sheets is sent by two requests
at the same moment (a client sending a sheet again while its first request still runs).
Afterwards the database is read: each sheet sent is stored once, never twice, never lost,
and the two requests of a sheet sent twice got the same answer. The script prints the
counts and fails when one is lost, stored twice or answered twice differently.

    python3 bench/fse_reliability.py [--sheets 3000] [--clients 8] [--workers 2]
                                     [--kills 2] [--postgresql-restarts 1] [--twice 0.1]

PostgreSQL is restarted with ``pg_ctlcluster`` (root): the local cluster this machine's
tests use. The sheets of the run are deleted at the end.
"""

import argparse
import collections
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psutil
import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchlib import DATABASE, start_server, stop_server
from fse_intake import PRIVATE_KEY, clean, make_sheets, prepare_run

TIMEOUT = 30
# when the faults strike: the share of the sheets answered by then
KILL_AT = (0.15, 0.45)
RESTART_AT = (0.70,)


def _send_again(response):
    """Whether the API documentation (siamo_fse's README) says to send the request again:
    503, or 409 "conflict" (the same sheet arriving at the same moment; a 409 refusal of a
    sheet id used for another sheet is final)."""
    if response.status_code == 503:
        return True
    if response.status_code == 409:
        try:
            return response.json().get("error") == "conflict"
        except ValueError:
            return False
    return False


class Client:
    """Sends each sheet until it gets a final answer, as a provider's software should; keeps
    what it saw."""

    def __init__(self, url, api_key):
        self.url = f"{url}/siamo/api/v1/fse"
        self.headers = {"Authorization": f"Bearer {api_key}", "Content-Type": "application/json"}
        self.seen = collections.Counter()  # transient answers: "503", "409", "no answer"…
        self.final = {}  # sheet_id → (status, body)
        self.answered = 0
        self.both_answered = 0  # sheets sent twice at once whose two requests were answered
        self.answered_otherwise = 0  # … and whose second answer differs from the first
        self._lock = threading.Lock()
        self._local = threading.local()

    def _session(self):
        if not hasattr(self._local, "session"):
            self._local.session = requests.Session()
        return self._local.session

    def send(self, sheet):
        body, pause = json.dumps(sheet), 0.2
        while True:
            try:
                response = self._session().post(
                    self.url, data=body, headers=self.headers, timeout=TIMEOUT
                )
            except requests.RequestException as error:
                self._saw("timeout" if isinstance(error, requests.Timeout) else "no answer")
                self._local.session = requests.Session()
            else:
                if not _send_again(response):
                    return self._done(sheet["sheet_id"], response)
                self._saw(str(response.status_code))
                if response.status_code == 503:
                    pause = max(pause, float(response.headers.get("Retry-After", 1)))
            time.sleep(pause)
            pause = min(pause * 2, 30)

    def _saw(self, what):
        with self._lock:
            self.seen[what] += 1

    def _done(self, sheet_id, response):
        try:
            body = response.json()
        except ValueError:
            body = {"text": response.text[:200]}
        with self._lock:
            if sheet_id in self.final:  # the second request of a sheet sent twice at once
                self.both_answered += 1
                self.answered_otherwise += self.final[sheet_id] != (response.status_code, body)
                return
            self.final[sheet_id] = (response.status_code, body)
            self.answered += 1

    def send_twice(self, sheet):
        """The sheet sent by two requests at the same moment."""
        start = threading.Barrier(2)

        def one():
            start.wait()
            self.send(sheet)

        requests_ = [threading.Thread(target=one) for _request in range(2)]
        for request in requests_:
            request.start()
        for request in requests_:
            request.join()


class Faults:
    """Kills an Odoo worker and restarts PostgreSQL as the clients get their answers."""

    def __init__(self, server, client, total, kills, restarts):
        self.server, self.client, self.total = server, client, total
        plan = [("kill", at) for at in KILL_AT[:kills]]
        plan += [("restart", at) for at in RESTART_AT[:restarts]]
        self.plan = sorted(plan, key=lambda step: step[1])
        self.done = []
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self):
        self._thread.start()
        return self

    def join(self):
        self._thread.join(timeout=300)

    def _run(self):
        for fault, at in self.plan:
            while self.client.answered < at * self.total:
                time.sleep(0.05)
            self.done.append(self._kill_a_worker() if fault == "kill" else _restart_postgresql())

    def _kill_a_worker(self):
        workers = [
            child
            for child in psutil.Process(self.server.pid).children()
            if "gevent" not in " ".join(child.cmdline())
        ]
        worker = random.choice(workers)
        os.kill(worker.pid, signal.SIGKILL)
        return f"kill -9 of worker {worker.pid}"


def _restart_postgresql():
    clusters = sorted(os.listdir("/etc/postgresql"))
    started = time.perf_counter()
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", clusters[-1], "main", "restart"],
        check=True,
        capture_output=True,
    )
    return f"PostgreSQL {clusters[-1]} restarted ({time.perf_counter() - started:.1f} s)"


def stored_counts(registry, run):
    """``{sheet_id: number of care sheets stored}`` of the run."""
    with registry.cursor() as cr:
        cr.execute(
            "SELECT provider_sheet_id, count(*) FROM siamo_fse "
            "WHERE provider_sheet_id LIKE %s GROUP BY provider_sheet_id",
            (f"{run}-%",),
        )
        return dict(cr.fetchall())


def _refusal(status, body):
    """The reason of an API refusal (a 4xx answer in the API's JSON: its first reason code,
    or its error code); None for any other answer (an HTML "Not Found" is no refusal)."""
    if not 400 <= status < 500:
        return None
    reasons = body.get("reasons") or []
    if reasons and isinstance(reasons[0], dict):
        return reasons[0].get("code")
    return body.get("error") if isinstance(body.get("error"), str) else None


def report(sheets, client, stored, faults):
    """Prints the counts; whether every sheet sent ended stored once or refused."""
    sent = [sheet["sheet_id"] for sheet in sheets]
    final = {sid: client.final.get(sid, (0, {})) for sid in sent}
    refused = {sid: _refusal(*final[sid]) for sid in sent if _refusal(*final[sid])}
    other = collections.Counter(
        final[sid][0] for sid in sent if final[sid][0] != 201 and sid not in refused
    )
    acknowledged = [sid for sid in sent if final[sid][0] == 201]
    lost = [sid for sid in sent if not stored.get(sid) and sid not in refused]
    twice = [sid for sid in sent if stored.get(sid, 0) > 1]
    acknowledged_not_stored = [sid for sid in acknowledged if not stored.get(sid)]
    print("faults: " + ("; ".join(faults.done) or "none"))
    print(f"sent: {len(sent)} sheets")
    print(f"acknowledged (201): {len(acknowledged)}")
    print(f"stored: {sum(1 for sid in sent if stored.get(sid))}")
    print(f"refused by reason: {dict(collections.Counter(refused.values())) or 'none'}")
    print(f"other final answers (status: sheets): {dict(other) or 'none'}")
    print(f"answers the clients sent again after: {dict(client.seen) or 'none'}")
    print(f"lost: {len(lost)}")
    print(f"stored twice: {len(twice)}")
    print(f"acknowledged but not stored: {len(acknowledged_not_stored)}")
    print(
        f"sent twice at the same moment: {client.both_answered} sheets, "
        f"answered differently: {client.answered_otherwise}"
    )
    return not (lost or twice or acknowledged_not_stored or other or client.answered_otherwise)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sheets", type=int, default=3_000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--kills", type=int, default=2)
    parser.add_argument("--postgresql-restarts", type=int, default=1)
    parser.add_argument("--twice", type=float, default=0.1, help="share of sheets sent twice")
    args = parser.parse_args()
    registry, api_key, numbers, run, sheets = prepare_run("F", args.sheets)
    server, url = start_server(DATABASE, args.workers)
    try:
        client = Client(url, api_key)
        for sheet in make_sheets(10, numbers, PRIVATE_KEY, f"{run}W"):
            client.send(sheet)
        client = Client(url, api_key)
        faults = Faults(server, client, len(sheets), args.kills, args.postgresql_restarts)
        faults.start()
        started = time.perf_counter()
        twice = set(random.Random(17).sample(range(len(sheets)), int(args.twice * len(sheets))))

        def deliver(index):
            (client.send_twice if index in twice else client.send)(sheets[index])

        with ThreadPoolExecutor(args.clients) as pool:
            list(pool.map(deliver, range(len(sheets))))
        elapsed = time.perf_counter() - started
        faults.join()
    finally:
        stop_server(server)
    stored = stored_counts(registry, run)
    print(
        f"{args.sheets} signed sheets sent one per request by {args.clients} clients to Odoo "
        f"with {args.workers} workers, in {elapsed:.1f} s"
    )
    sound = report(sheets, client, stored, faults)
    clean(registry, run)
    clean(registry, f"{run}W")
    if not sound:
        raise SystemExit("a sheet was lost, stored twice, or answered otherwise than documented")


if __name__ == "__main__":
    main()
