#!/usr/bin/env python3
"""Import a generated 50 000-row medicines file two ways and print both times and their ratio.

1. SIAMO's import wizard (siamo.referential.import): read and check every row, then write
   (were the write expected to be long, a queue job would do it: the benchmark runs it).
2. Odoo's standard import (base_import.import.execute_import, the "Import records" screen).
3. The wizard through its queue job, whatever the file's length: checked and enqueued, then
   the job run in the same transaction as the job runner would (it checks the file again).

Each runs in its own transaction on a fresh copy of the data, rolled back afterwards, in the
database `siamo_bench` (`SIAMO_BENCH_DB` to choose another; siamo_referentiel installed or
updated first, no demo data).

    python3 bench/import_medicines.py [--rows 50000] [--runs 3]
"""

import argparse
import base64
import csv
import io
import random
import statistics
import sys
from pathlib import Path
from unittest.mock import patch

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchlib import open_registry, timed

COLUMNS = [  # (header of SIAMO's file, field of siamo.medicine for the standard import)
    ("code", "code"),
    ("nom_commercial", "name"),
    ("dci", "inn"),
    ("forme", "form"),
    ("dosage", "strength"),
    ("prix_public", "public_price"),
    ("generique", "generic"),
    ("classe_therapeutique", "therapeutic_class"),
    ("remboursable", "reimbursable"),
    ("type", "kind"),
]


def generate_rows(count):
    rng = random.Random(221)
    inns = ["Paracétamol", "Amoxicilline", "Métformine", "Amlodipine", "Artéméther", "Ibuprofène"]
    forms = ["Comprimé", "Gélule", "Sirop", "Injectable", "Crème"]
    classes = ["Antalgiques", "Antibiotiques", "Antidiabétiques", "Antipaludiques", "Dermatologie"]
    for index in range(1, count + 1):
        inn = rng.choice(inns)
        yield [
            f"BENCH-{index:06d}",
            f"{inn} {rng.choice(['Denk', 'Biogaran', 'Mylan', 'Sandoz'])} {index}",
            inn,
            rng.choice(forms),
            f"{rng.choice([5, 10, 250, 500, 850, 1000])} mg",
            str(rng.randrange(150, 60000, 5)),
            rng.choice(["1", "0"]),
            rng.choice(classes),
            rng.choice(["1", "1", "1", "0"]),
            rng.choice(["medicine"] * 9 + ["device"]),
        ]


def csv_bytes(header, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode()


def wizard_import(content, through_job=False):
    def run(cr):
        from odoo import SUPERUSER_ID, api

        env = api.Environment(cr, SUPERUSER_ID, {})
        wizards = env["siamo.referential.import"]
        wizard = wizards.create(
            {
                "referential": "medicines",
                "file": base64.b64encode(content),
                "filename": "medicaments.csv",
                "mode": "all",
            }
        )
        if through_job:
            with patch.object(type(wizards), "_background_seconds", lambda wizard: 0):
                wizard.action_import()
        else:
            wizard.action_import()
        if wizard.state == "running":  # a file long to write is written by a queue job
            perform_enqueued_job(env, wizard)
        assert wizard.state == "done", wizard.state
        env.flush_all()
        return env["siamo.medicine"].search_count([("code", "=like", "BENCH-%")])

    return run


def perform_enqueued_job(env, wizard):
    """Run the import job of ``wizard`` as the job runner would, in this transaction."""
    from odoo.addons.queue_job.job import Job

    job = env["queue.job"].search(
        [("model_name", "=", wizard._name), ("method_name", "=", "_import_job")],
        order="id desc",
        limit=1,
    )
    Job.load(env, job.uuid).perform()
    wizard.invalidate_recordset()


def standard_import(content):
    def run(cr):
        from odoo import SUPERUSER_ID, api

        env = api.Environment(cr, SUPERUSER_ID, {})
        importer = env["base_import.import"].create(
            {
                "res_model": "siamo.medicine",
                "file": content,
                "file_name": "medicaments.csv",
                "file_type": "text/csv",
            }
        )
        fields = [field for _header, field in COLUMNS]
        options = {
            "has_headers": True,
            "separator": ";",
            "quoting": '"',
            "encoding": "utf-8",
            "float_thousand_separator": "",
            "float_decimal_separator": ".",
        }
        result = importer.execute_import(fields, fields, options)
        errors = [message for message in result["messages"] if message.get("type") == "error"]
        if errors:
            raise SystemExit(f"the standard import failed: {errors[:3]}")
        env.flush_all()
        return env["siamo.medicine"].search_count([("code", "=like", "BENCH-%")])

    return run


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    registry = open_registry(["siamo_referentiel"])
    rows = list(generate_rows(args.rows))
    ours = csv_bytes([header for header, _field in COLUMNS], rows)
    theirs = csv_bytes([field for _header, field in COLUMNS], rows)

    warm_up = list(generate_rows(200))
    timed(registry, wizard_import(csv_bytes([h for h, _f in COLUMNS], warm_up)))
    timed(registry, standard_import(csv_bytes([f for _h, f in COLUMNS], warm_up)))
    wizard_runs = [timed(registry, wizard_import(ours)) for _run in range(args.runs)]
    standard_runs = [timed(registry, standard_import(theirs)) for _run in range(args.runs)]
    job_runs = [timed(registry, wizard_import(ours, through_job=True)) for _run in range(args.runs)]
    for _seconds, count in wizard_runs + standard_runs + job_runs:
        assert count == args.rows, count
    wizard_seconds = statistics.median(seconds for seconds, _count in wizard_runs)
    standard_seconds = statistics.median(seconds for seconds, _count in standard_runs)
    job_seconds = statistics.median(seconds for seconds, _count in job_runs)
    print(f"rows: {args.rows}, median of {args.runs} runs each, after a warm-up")
    print(
        f"SIAMO import wizard (check + write): {wizard_seconds:.1f} s "
        f"({args.rows / wizard_seconds:,.0f} rows/s)"
    )
    print(
        f"Odoo standard import (base_import): {standard_seconds:.1f} s "
        f"({args.rows / standard_seconds:,.0f} rows/s)"
    )
    print(f"ratio standard / wizard: {standard_seconds / wizard_seconds:.1f}x")
    print(
        f"SIAMO import wizard through its queue job (check, enqueue, job: check + write): "
        f"{job_seconds:.1f} s ({args.rows / job_seconds:,.0f} rows/s)"
    )


if __name__ == "__main__":
    main()
