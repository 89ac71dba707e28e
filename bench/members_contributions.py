#!/usr/bin/env python3
"""Members and contributions at the scale of a large inter-company IPM.

Generates an IPM (on SYSCOHADA), its member companies and their staff lists, imports every
list through the staff import wizard, registers the workers' spouses and children (about 1.5
dependents a worker), then runs one contribution period (computation, invoices, PDF and
spreadsheet annexes). Prints the time of each step. Everything happens
in one transaction rolled back at the end, in the database `siamo_bench`.

    python3 bench/members_contributions.py [--companies 500] [--participants 100000]
"""

import argparse
import base64
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchlib import create_ipm, open_registry

HEADER = "matricule;nom;nin;date_naissance;sexe;date_embauche;salaire;date_sortie"
FIRST = ["Moussa", "Awa", "Mamadou", "Fatou", "Ibrahima", "Khady", "Cheikh", "Mariama"]
LAST = ["Diop", "Ndiaye", "Fall", "Sow", "Ba", "Gueye", "Sarr", "Diallo", "Faye", "Cissé"]


def staff_file(company_index, size, rng):
    lines = [HEADER]
    for worker in range(size):
        serial = company_index * 100_000 + worker
        sex = rng.choice("12")
        year = rng.randint(1965, 2004)
        lines.append(
            f"MAT-{serial:07d};{rng.choice(FIRST)} {rng.choice(LAST)};"
            f"{sex}{company_index % 1000:03d}{year}{worker:05d};01/01/{year};"
            f"{'M' if sex == '1' else 'F'};"
            f"01/01/2015;{rng.randrange(60_000, 900_000, 500)};"
        )
    return base64.b64encode("\n".join(lines).encode())


def dependents_of(participants, rng):
    """A spouse for six workers in ten (a second one for one in twenty), zero to three
    children each."""
    family = []
    for participant in participants:
        spouses = 0 if rng.random() < 0.4 else (2 if rng.random() < 0.05 else 1)
        for rank in range(spouses):
            family.append(
                {
                    "name": f"Conjoint {rank + 1} de {participant.name}",
                    "relationship": "spouse",
                    "participant_id": participant.id,
                    "company_id": participant.company_id.id,
                }
            )
        for child in range(rng.randint(0, 3)):
            family.append(
                {
                    "name": f"Enfant {child + 1} de {participant.name}",
                    "relationship": "child",
                    "participant_id": participant.id,
                    "company_id": participant.company_id.id,
                    "birthdate": f"{rng.randint(2005, 2026)}-0{rng.randint(1, 9)}-15",
                }
            )
    return family


def register_dependents(env, ipm, rng, batch=10_000):
    workers = env["siamo.beneficiary"].search(
        [("company_id", "=", ipm.id), ("relationship", "=", "participant")]
    )
    family = dependents_of(workers, rng)
    for start in range(0, len(family), batch):
        env["siamo.beneficiary"].create(family[start : start + batch])
    env.flush_all()
    return len(family)


def run(cr, companies, participants):
    from odoo import SUPERUSER_ID, api

    env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
    rng = random.Random(221)
    env, ipm = create_ipm(env, "IPM Bench")
    employers = env["res.partner"].create(
        [{"name": f"Entreprise {index:04d}", "is_company": True} for index in range(companies)]
    )
    memberships = env["siamo.membership"].create(
        [{"company_id": ipm.id, "partner_id": e.id, "state": "active"} for e in employers]
    )
    per_company = participants // companies
    files = [staff_file(index, per_company, rng) for index in range(companies)]
    env.flush_all()

    started = time.perf_counter()
    for membership, content in zip(memberships, files, strict=True):
        wizard = env["siamo.staff.import"].create(
            {"membership_id": membership.id, "file": content, "filename": "personnel.csv"}
        )
        wizard.action_apply()
    env.flush_all()
    imported = time.perf_counter() - started
    count = env["siamo.beneficiary"].search_count([("company_id", "=", ipm.id)])
    started = time.perf_counter()
    dependents = register_dependents(env, ipm, rng)
    registered = time.perf_counter() - started

    period = env["siamo.contribution.period"].create(
        {
            "company_id": ipm.id,
            "date_start": "2026-10-01",
            "date_end": "2026-10-31",
            "date_due": "2026-11-15",
        }
    )
    started = time.perf_counter()
    period.action_compute()
    env.flush_all()
    computed = time.perf_counter() - started
    started = time.perf_counter()
    period.action_invoice()
    env.flush_all()
    invoiced = time.perf_counter() - started
    return {
        "participants": count,
        "imported": imported,
        "dependents": dependents,
        "registered": registered,
        "computed": computed,
        "invoiced": invoiced,
        "invoices": len(period.move_ids),
        "total": period.amount_total,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--companies", type=int, default=500)
    parser.add_argument("--participants", type=int, default=100_000)
    args = parser.parse_args()
    registry = open_registry(["siamo_ipm"])
    with registry.cursor() as cr:
        figures = run(cr, args.companies, args.participants)
        cr.rollback()
    participants, imported = figures["participants"], figures["imported"]
    print(f"companies: {args.companies}, participants imported: {participants}")
    print(
        f"staff lists through the import wizard: {imported:.1f} s "
        f"({participants / imported:,.0f} rows/s)"
    )
    print(f"dependents registered: {figures['dependents']} in {figures['registered']:.1f} s")
    computed, invoiced = figures["computed"], figures["invoiced"]
    print(f"contribution period, computation: {computed:.1f} s")
    print(f"contribution period, {figures['invoices']} invoices with annexes: {invoiced:.1f} s")
    print(f"contribution period, total: {computed + invoiced:.1f} s for {figures['total']:,} FCFA")


if __name__ == "__main__":
    main()
