#!/usr/bin/env python3
"""Identity checks at the point of care: the time from card insertion to SIAMO's answer, and
checks per second posted to the API by concurrent agents.

The card is the tests' virtual card (tests/services/virtual_card.py) in the real pcscd's vpcd
reader (pcscd is started when it does not run; root is needed for that). The agent is the
real one (agent/, siamo_card_agent): it waits for the card, reads the identity and photo,
verifies the PIN on the card and posts the check to ``POST /siamo/api/v1/identity-checks``.

- insertion → answer: the agent waits, the card goes in, the clock stops at the server's
  201; beside it, the same check with the card already in (the difference is pcscd noticing
  the card, which it polls for every 400 ms);
- checks per second: ``--agents`` agents (threads, 20 by default) post the payload of a real
  read, each check on a connection of its own, as agents on 20 computers would.

The server, one of:

    python3 bench/identity_check.py                  # SIAMO on Odoo, started by the bench on
                                                     # a database of its own (siamo_biometrie)
    python3 bench/identity_check.py --url URL --key KEY [--nin NIN]   # a running SIAMO: the
                                                     # provider's key, a beneficiary's NIN
    python3 bench/identity_check.py --stand-in       # the tests' stand-in server (no Odoo):
                                                     # the agent's and pcscd's share alone
    [--insertions 20] [--agents 20] [--posts 1000] [--workers 2]
"""

import argparse
import random
import statistics
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

from smartcard import scard

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests' services
sys.path.insert(0, str(Path(__file__).resolve().parent))

from siamo_card_agent.check import read_and_verify
from siamo_card_agent.client import beneficiary_of, post_check
from siamo_card_agent.config import Config
from siamo_card_agent.reader import card_present
from siamo_core.card import identity
from tests.card_fixtures import AWA, make_card
from tests.services import pcscd
from tests.services.siamo_stand_in import SiamoStandIn
from tests.services.virtual_card import CardInReader

DATABASE = "siamo_bench_identity"
PIN = "1234"
PROVIDER_CODE = "PS-BENCH-ID"
IPM_CODE = "IPM-BENCH-ID"


def _wait(condition, seconds=5):
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit("pcscd did not see the virtual card move")
        time.sleep(0.01)


def one_check(config):
    """What the agent does for one check: read, verify, post; the server's answer."""
    payload = read_and_verify(config, pin=PIN)
    payload["beneficiary"] = beneficiary_of(payload)
    status, answer = post_check(config, payload)
    if status != 201:
        raise SystemExit(f"the server answered {status}: {answer}")
    return answer


def _check_into(done, config):
    done["answer"] = one_check(config)


def _card(nin):
    return make_card(identity_file=identity.encode_identity(replace(AWA, nin=nin)))


def _watch_for_card(reader, seen):
    """Put in ``seen["at"]`` the moment pcscd reports a card in ``reader`` (PC/SC events)."""
    _hresult, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    try:
        _hresult, states = scard.SCardGetStatusChange(
            context, 0, [(reader, scard.SCARD_STATE_UNAWARE)]
        )
        while not states[0][1] & scard.SCARD_STATE_PRESENT:
            _hresult, states = scard.SCardGetStatusChange(context, 10_000, states)
        seen["at"] = time.perf_counter()
    finally:
        scard.SCardReleaseContext(context)


def insertion_to_answer(config, nin, count):
    """``(insertion → answer, insertion → card seen by pcscd)`` seconds, ``count`` times.
    The card goes in at a random moment of pcscd's 400 ms poll of the virtual reader, as a
    hand would."""
    rng = random.Random(15)
    totals, seen_times = [], []
    for _run in range(count):
        _wait(lambda: not card_present(config.reader))
        time.sleep(pcscd.STATUS_POLL)  # the reader's last state seen by pcscd: empty
        done, seen = {}, {}
        agent = threading.Thread(target=_check_into, args=(done, config))
        watcher = threading.Thread(target=_watch_for_card, args=(config.reader, seen))
        agent.start()
        watcher.start()
        time.sleep(0.05 + rng.uniform(0, pcscd.STATUS_POLL))  # the agent waits for the card
        started = time.perf_counter()
        with CardInReader(_card(nin), port=pcscd.VPCD_PORT):
            agent.join()
            totals.append(time.perf_counter() - started)
            watcher.join()
        if "answer" not in done:
            raise SystemExit("the agent gave no answer: see above")
        seen_times.append(seen["at"] - started)
    return totals, seen_times


def card_already_in(config, nin, count):
    """Seconds of the same check with the card already in the reader."""
    times = []
    with CardInReader(_card(nin), port=pcscd.VPCD_PORT):
        _wait(lambda: card_present(config.reader))
        for _run in range(count):
            started = time.perf_counter()
            one_check(config)
            times.append(time.perf_counter() - started)
    return times


def checks_per_second(config, nin, agents, posts):
    """Checks per second posted by ``agents`` concurrent agents (one real read's payload)."""
    with CardInReader(_card(nin), port=pcscd.VPCD_PORT):
        _wait(lambda: card_present(config.reader))
        payload = read_and_verify(config, pin=PIN)
    payload["beneficiary"] = beneficiary_of(payload)

    def post(_index):
        # each post a check of its own (its own key), as 20 agents' reads are
        status, _answer = post_check(config, {**payload, "key": str(uuid.uuid4())})
        return status

    started = time.perf_counter()
    with ThreadPoolExecutor(agents) as pool:
        statuses = list(pool.map(post, range(posts)))
    elapsed = time.perf_counter() - started
    refused = [status for status in statuses if status != 201]
    if refused:
        raise SystemExit(f"{len(refused)} of {posts} checks refused, e.g. {refused[0]}")
    return posts / elapsed, len(payload["card"]["photo"] or "")


def _prepare_odoo(registry, nin):
    """An IPM, a covered participant whose NIN is the card's, a provider with an agreement,
    its API user and key (kept from one run to the next but the key): the API key."""
    from benchlib import api_key_of, create_care_parties

    from odoo import SUPERUSER_ID, api

    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        provider = env["res.partner"].search([("siamo_provider_code", "=", PROVIDER_CODE)])
        if not provider:
            ipm, membership, provider = create_care_parties(
                env,
                "IPM Bench Identité",
                IPM_CODE,
                "Clinique Bench Identité",
                PROVIDER_CODE,
                "bench-agent-identite",
            )
            env["siamo.beneficiary"].create(
                {
                    "name": f"{AWA.given_names} {AWA.surname}",
                    "nin": nin,
                    "company_id": ipm.id,
                    "membership_id": membership.id,
                    "first_contribution_month": "2020-01-01",
                }
            )
        key = api_key_of(env, "bench-agent-identite")
        cr.commit()
    return key


def _quantiles(times):
    ordered = sorted(times)
    return (
        f"median {statistics.median(ordered) * 1000:.0f} ms, "
        f"p90 {ordered[int(len(ordered) * 0.9) - 1] * 1000:.0f} ms, "
        f"max {ordered[-1] * 1000:.0f} ms"
    )


def run(config, nin, args, server_name):
    print(f"server: {server_name}; reader: {config.reader}")
    in_reader = card_already_in(config, nin, args.insertions)
    inserted, seen = insertion_to_answer(config, nin, args.insertions)
    rate, photo = checks_per_second(config, nin, args.agents, args.posts)
    print(f"card already in → answer ({args.insertions} checks): {_quantiles(in_reader)}")
    print(f"card insertion → answer ({args.insertions} insertions): {_quantiles(inserted)}")
    print(f"  of which insertion → card seen by pcscd: {_quantiles(seen)}")
    after = [total - wait for total, wait in zip(inserted, seen, strict=True)]
    print(f"  and card seen → answer: {_quantiles(after)}")
    print(
        f"checks posted by {args.agents} concurrent agents: {rate:.0f} checks/s "
        f"({args.posts} checks, photo of {photo} base64 characters each)"
    )
    goal = statistics.median(inserted) < 0.300
    print(f"goal: insertion → answer under 300 ms: {'met' if goal else 'NOT met'} (median)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a running SIAMO server")
    parser.add_argument("--key", help="the provider's API key on that server")
    parser.add_argument("--nin", default=AWA.nin, help="a beneficiary's NIN on that server")
    parser.add_argument("--stand-in", action="store_true", help="the tests' stand-in server")
    parser.add_argument("--insertions", type=int, default=20)
    parser.add_argument("--agents", type=int, default=20)
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if args.url and not args.key:
        parser.error("--url needs --key (the provider's API key)")
    config = Config(reader=pcscd.VIRTUAL_READER, card_timeout=10, practitioner="Dr Bench")
    started = pcscd.start()
    try:
        if args.stand_in:
            with SiamoStandIn("bench-key") as siamo:
                config = replace(config, server_url=siamo.url, api_key="bench-key")
                run(config, args.nin, args, "the tests' stand-in on 127.0.0.1 (no Odoo)")
        elif args.url:
            config = replace(config, server_url=args.url.rstrip("/"), api_key=args.key)
            run(config, args.nin, args, args.url)
        else:
            _run_on_odoo(config, args)
    finally:
        pcscd.stop(started)


def _run_on_odoo(config, args):
    from benchlib import open_registry, start_server, stop_server

    registry = open_registry(["siamo_biometrie"], database=DATABASE)
    key = _prepare_odoo(registry, args.nin)
    server, url = start_server(DATABASE, workers=args.workers)
    try:
        config = replace(config, server_url=url, api_key=key)
        run(config, args.nin, args, f"SIAMO on Odoo ({url}, {args.workers} workers)")
    finally:
        stop_server(server)


if __name__ == "__main__":
    main()
