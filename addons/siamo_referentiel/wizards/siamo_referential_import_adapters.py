"""How the valid rows of each referential become records: the adapters of the import
wizard, one a referential."""

import logging
from decimal import Decimal

from odoo import fields
from odoo.tools import format_date

from siamo_core.referentials import SCHEMAS
from siamo_core.rows import RowError

from ..tools.bulk import bulk_create

_logger = logging.getLogger(__name__)

BATCH_SIZE = 2000  # records per ORM create
BULK_BATCH_SIZE = 10000  # rows per COPY


class _Adapter:
    """How the valid rows of one referential become records: found by key, created or updated.

    ``bulk`` adapters insert new rows with one multi-row INSERT per batch instead of the
    ORM's record-by-record create: national referentials are imported in tens of thousands
    of rows, and their models (no chatter, no Python constraint) are the same either way.
    """

    model = None
    key = None
    extra = {}
    search_domain = []
    bulk = False
    rows_per_second = 300  # measured order of magnitude, to tell a long import

    def seconds_to_write(self, plan):
        speed = self.rows_per_second * (50 if self.bulk else 1)
        return (len(plan["create"]) + len(plan["update"])) / speed

    def __init__(self, env):
        self.env = env

    def _vals(self, record):
        return {
            field: float(value) if isinstance(value, Decimal) else value
            for field, value in record.items()
        } | self.extra

    def _existing(self, keys):
        model = self.env[self.model].with_context(active_test=False)
        return {
            row[self.key]: row
            for row in model.search_read(
                [(self.key, "in", list(keys)), *self.search_domain], [self.key]
            )
        }

    def _plan(self, wizard, checked):
        schema = SCHEMAS[wizard.referential]
        if self.extra or any(column.kind == "decimal" for column in schema.columns):
            rows = [(number, self._vals(record)) for number, record in checked.records]
        else:
            rows = checked.records
        existing = self._existing({vals[self.key] for _number, vals in rows})
        return self._split(rows, existing)

    def _split(self, rows, existing):
        plan = {"model": self.model, "create": [], "update": [], "unchanged": 0}
        if not rows:
            return plan
        fields_read = sorted({field for _number, vals in rows for field in vals})
        current = {
            row["id"]: row
            for row in self.env[self.model]
            .with_context(active_test=False)
            .browse([row["id"] for row in existing.values()])
            .read(fields_read, load=False)
        }
        for _number, vals in rows:
            found = existing.get(self._key_of(vals))
            if not found:
                plan["create"].append(vals)
                continue
            changed = {
                field: value
                for field, value in vals.items()
                if not _same(current[found["id"]].get(field), value)
            }
            if changed:
                plan["update"].append((found["id"], changed))
            else:
                plan["unchanged"] += 1
        return plan

    def _key_of(self, vals):
        return vals[self.key]

    def _apply(self, plan, label, progress=None):
        model = self.env[self.model].with_context(
            tracking_disable=True, mail_create_nolog=True, mail_notrack=True
        )
        to_create = plan["create"]
        create = (lambda vals_list: bulk_create(model, vals_list)) if self.bulk else model.create
        batch_size = BULK_BATCH_SIZE if self.bulk else BATCH_SIZE
        total = len(to_create) + len(plan["update"])
        for start in range(0, len(to_create), batch_size):
            create(to_create[start : start + batch_size])
            done = min(start + batch_size, len(to_create))
            _logger.info("Import %s: %s/%s rows created", label, done, len(to_create))
            if progress:
                progress(done, total)
        for index, (record_id, vals) in enumerate(plan["update"], start=1):
            model.browse(record_id).write(vals)
            if progress and (index % BATCH_SIZE == 0 or index == len(plan["update"])):
                progress(len(to_create) + index, total)


def _same(stored, value):
    if isinstance(value, float) or isinstance(stored, float):
        return stored is not None and value is not None and abs(stored - float(value)) < 1e-9
    return (stored or False) == (value or False)


class _Communes(_Adapter):
    model = "siamo.commune"
    key = "code"
    bulk = True


class _Companies(_Adapter):
    model = "res.partner"
    key = "siamo_ninea"
    extra = {"is_company": True}
    search_domain = [("is_company", "=", True)]


class _Providers(_Adapter):
    model = "res.partner"
    key = "siamo_provider_code"
    extra = {"is_company": True, "siamo_is_provider": True}

    def _vals(self, record):
        vals = super()._vals(record)
        if vals.get("siamo_accreditation_number"):
            vals["siamo_accreditation_state"] = "accredited"
        return vals


class _Acts(_Adapter):
    model = "siamo.act"
    key = "code"
    bulk = True


class _Medicines(_Adapter):
    model = "siamo.medicine"
    key = "code"
    bulk = True


class _KeyLetters(_Adapter):
    """Key letters are created on the fly; their values are keyed by letter, schedule, date."""

    model = "siamo.key.letter.value"
    bulk = True

    def _plan(self, wizard, checked):
        letters = self.env["siamo.key.letter"].with_context(active_test=False)
        known = {row["code"].upper(): row["id"] for row in letters.search_read([], ["code"])}
        new_letters = {}
        for _number, record in checked.records:
            code = record["key_letter"].upper()
            if code not in known:
                new_letters.setdefault(code, record.get("key_letter_name") or code)
                known[code] = code  # a placeholder until the letter is created
        rows = [
            (
                number,
                {
                    "key_letter_id": known[record["key_letter"].upper()],
                    "schedule_id": record["schedule_id"],
                    "value": record["value"],
                    "date_from": record["date_from"],
                },
            )
            for number, record in checked.records
        ]
        existing = {
            (row["key_letter_id"][0], row["schedule_id"][0], row["date_from"]): row
            for row in self.env[self.model].search_read(
                [("key_letter_id", "in", [v for v in known.values() if isinstance(v, int)])],
                ["key_letter_id", "schedule_id", "date_from", "value"],
            )
        }
        plan = self._split(rows, existing)
        plan["new_letters"] = new_letters
        self._refuse_rewriting_history(checked, rows, existing, plan)
        return plan

    def _apply(self, plan, label, progress=None):
        if plan["new_letters"]:
            letters = self.env["siamo.key.letter"].create(
                [{"code": code, "name": name} for code, name in plan["new_letters"].items()]
            )
            ids = {letter.code: letter.id for letter in letters}
            for vals in plan["create"]:
                vals["key_letter_id"] = ids.get(vals["key_letter_id"], vals["key_letter_id"])
        return super()._apply(plan, label, progress)

    def _key_of(self, vals):
        return (vals["key_letter_id"], vals["schedule_id"], vals["date_from"])

    def _refuse_rewriting_history(self, checked, rows, existing, plan):
        today = fields.Date.context_today(self.env["siamo.key.letter.value"])
        rewritten = {
            record_id
            for record_id, _vals in plan["update"]
            if self.env[self.model].browse(record_id).date_from <= today
        }
        for number, vals in rows:
            found = existing.get(self._key_of(vals))
            if found and found["id"] in rewritten:
                checked.errors.append(
                    RowError(
                        number,
                        "valeur",
                        vals["value"],
                        self.env._(
                            "The value in force since %(date)s is %(value)s FCFA: it cannot be "
                            "rewritten; add a new value with its effective date.",
                            date=format_date(self.env, vals["date_from"]),
                            value=found["value"],
                        ),
                    )
                )
        plan["update"] = [item for item in plan["update"] if item[0] not in rewritten]
        checked.records = [
            (number, record)
            for number, record in checked.records
            if number not in set(checked.rows_with_errors)
        ]


ADAPTERS = {
    "communes": _Communes,
    "companies": _Companies,
    "providers": _Providers,
    "acts": _Acts,
    "key_letters": _KeyLetters,
    "medicines": _Medicines,
}
