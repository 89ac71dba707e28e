"""The access matrix (tests/access_matrix.csv) against what Odoo really lets each role do.

Home: siamo_biometrie, post_install. No SIAMO addon depends on all the others (siamo_icamo
needs only siamo_referentiel, siamo_fse and siamo_biometrie only siamo_ipm), so the test runs
after everything is installed and checks the models of all five addons; it is skipped, saying
why, when one of them or the demo data is missing. The table has one row per role and model,
with, for create, read, write and unlink, the records the role may act on:

    all           every record (a referential, a wizard, every IPM's records)
    own IPM       the records of the IPM the user works for (its res.company)
    own company   a member company's own workers and records
    own family    a participant's own records and his family's
    own provider  a care provider's own records
    none          no record

For every role, model and operation the test takes the real users (the demo ones, a new one
for the referential manager alone), an "own" and a "foreign" record per owner (see
access_matrix_probes), and asks Odoo itself: the ACL (``has_access`` on the model), the record
rules (``search`` for read, ``_filtered_access`` for create, write and unlink; for create the
rules are those Odoo applies to the new record). It collects every difference, then fails once
with the list. A model SIAMO defines or extends without its rows fails, a row naming a model
or a role that does not exist too. Abstract models (mixins, the intake service) hold no records
and have no rows.

To see the real matrix: ``SIAMO_ACCESS_MATRIX_DUMP=/tmp/matrix.csv`` when the test runs.
"""

import csv
import os

from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools.misc import file_path

from .access_matrix_probes import OWNER_PATHS, create_probes, owners, probe_partners

TABLE = "siamo_biometrie/tests/access_matrix.csv"
OPERATIONS = ("create", "read", "write", "unlink")
SCOPES = ("all", "own IPM", "own company", "own family", "own provider", "none")
OWNER_OF_SCOPE = {"own IPM": 0, "own company": 1, "own family": 2, "own provider": 3}
ADDONS = ("siamo_referentiel", "siamo_ipm", "siamo_fse", "siamo_icamo", "siamo_biometrie")
EXTENDED = ("account.move", "account.payment", "res.partner")
ROLES = {
    "IPM user": "agent@ipm-dakar.example.sn",
    "IPM medical officer": "medecin@ipm-dakar.example.sn",
    "IPM accountant": "comptable@ipm-dakar.example.sn",
    "IPM A manager": "gestionnaire@ipm-dakar.example.sn",
    "IPM B manager": "gestionnaire@ipm-ciments.example.sn",
    "ICAMO analyst": "analyste@icamo.example.sn",
    "ICAMO administrator": "admin@icamo.example.sn",
    "referential manager": None,
    "portal member company": "rh@sahel-logistique.example.sn",
    "portal participant": "moussa.diop@example.sn",
    "portal provider": "accueil@clinique-filaos.example.sn",
    "public": None,
}


def read_table():
    with open(file_path(TABLE), newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@tagged("post_install", "-at_install", "siamo_access_matrix")
class TestAccessMatrix(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        installed = cls.env["ir.module.module"].search(
            [("name", "in", ADDONS), ("state", "=", "installed")]
        )
        cls.owners = None
        if len(installed) == len(ADDONS):
            cls.owners = owners(cls.env)
        if not cls.owners:
            return
        cls.probes = create_probes(cls.env, cls.owners)
        cls.probes["res.partner"] = probe_partners(cls.owners)
        o = cls.owners
        cls.probes["res.company"] = o["ipm_a"] | o["ipm_b"] | o["icamo"]
        users = cls.env["res.users"]
        cls.users = {role: users.search([("login", "=", login)]) for role, login in ROLES.items()}
        cls.users["public"] = cls.env.ref("base.public_user")
        cls.users["referential manager"] = new_test_user(
            cls.env,
            login="matrix.referentials",
            groups="siamo_referentiel.group_referential_manager",
            company_id=cls.owners["icamo"].id,
            company_ids=[cls.owners["icamo"].id],
        )
        cls.env.flush_all()

    def setUp(self):
        super().setUp()
        if not self.owners:
            self.skipTest("the access matrix needs the five SIAMO addons and their demo data")

    # the models and their probes

    def _models(self):
        """Every concrete model a SIAMO addon defines or extends, and the three extended."""
        names = set(EXTENDED)
        for model in self.env["ir.model"].search([]):
            if model.model in self.env and not self.env[model.model]._abstract:
                modules = {name.strip() for name in (model.modules or "").split(",")}
                if modules & set(ADDONS):
                    names.add(model.model)
        return names

    def _paths(self, model):
        """The owner paths of ``model``; a model not listed belongs to its company if any."""
        if model in OWNER_PATHS:
            return OWNER_PATHS[model]
        company = "company_id" if "company_id" in self.env[model]._fields else None
        return (company, None, None, None)

    def _owner_domains(self, model, index, user):
        """(own, foreign) domains of the owner ``index`` of ``model`` as ``user`` sees it."""
        path = self._paths(model)[index]
        if path is None:
            return None
        o = self.owners
        if index == 0:
            return [(path, "=", user.company_id.id)], [(path, "not in", [user.company_id.id])]
        if index == 1:
            own = o["employer"].id
        elif index == 3:
            own = o["provider"].id
        elif path.startswith("partner:"):
            family = o["participant"] | o["participant"].dependent_ids
            own = family.partner_id.ids
            path = path.removeprefix("partner:")
            return [(path, "in", own)], [(path, "not in", own), (path, "!=", False)]
        else:
            partner = o["participant_partner"].id
            own = [
                "|",
                (f"{path}partner_id", "=", partner),
                (f"{path}participant_id.partner_id", "=", partner),
            ]
            return own, ["!", *own, (f"{path}id", "!=", False)]
        return [(path, "=", own)], [(path, "not in", [own, False])]

    def _all_probes(self, model):
        """The records set-up made for ``model``, or those of the demo data."""
        if model in self.probes:
            return self.probes[model]
        return self.env[model].with_context(active_test=False).search([], limit=200)

    # what Odoo lets the user do

    def _allowed(self, user, records, operation):
        Model = records.with_user(user)
        if not Model.browse().has_access(operation):
            return records.browse()
        if operation == "read":
            try:
                found = Model.with_context(active_test=False).search([("id", "in", records.ids)])
            except AccessError:
                return records.browse()
            return records.browse(found.ids)
        return records.browse(Model._filtered_access(operation).ids)

    def _check(self, user, model, operation, scope):
        """None when ``scope`` is what Odoo does, else the reason it is not: the role must be
        allowed on exactly the probe records the scope names."""
        everything = self._all_probes(model)
        if not everything:
            return "no record to probe"
        allowed = self._allowed(user, everything, operation)
        if scope == "none":
            expected = everything.browse()
        elif scope == "all":
            expected = everything
        else:
            domains = self._owner_domains(model, OWNER_OF_SCOPE[scope], user)
            if domains is None:
                return f"“{scope}” does not apply to this model"
            expected = everything.filtered_domain(domains[0])
            if not expected or expected == everything:
                return f"the probes cannot tell “{scope}” ({everything})"
        if allowed == expected:
            return None
        refused, leaked = expected - allowed, allowed - expected
        return ", ".join(
            text
            for text in (
                refused and f"refused on {refused}",
                leaked and f"allowed on {leaked}",
            )
            if text
        )

    def _actual(self, user, model, operation):
        for scope in ("none", "all", *OWNER_OF_SCOPE):
            if self._check(user, model, operation, scope) is None:
                return scope
        return "other"

    # the test

    def _table_rows(self, table, models):
        """The rows of ``table`` by (role, model), and what is wrong with it."""
        rows, problems = {}, []
        for number, row in enumerate(table, start=2):
            key = (row["role"], row["model"])
            if row["role"] not in ROLES:
                problems.append(f"line {number}: unknown role “{row['role']}”")
            elif row["model"] not in models:
                problems.append(f"line {number}: “{row['model']}” is not a SIAMO model")
            elif key in rows:
                problems.append(f"line {number}: a second row for {key}")
            elif any(row.get(op) not in SCOPES for op in OPERATIONS):
                problems.append(f"line {number}: a scope is not one of {SCOPES}")
            else:
                rows[key] = row
        for model in sorted(models):
            for role in ROLES:
                if (role, model) not in rows:
                    problems.append(f"{role} / {model}: no row in the access matrix")
        return rows, problems

    def test_a_missing_or_unknown_model_fails(self):
        table = [row for row in read_table() if row["model"] != "siamo.fse.submission"]
        table.append(
            {"role": "public", "model": "siamo.nothing", **dict.fromkeys(OPERATIONS, "none")}
        )
        _rows, problems = self._table_rows(table, self._models())
        self.assertIn(
            "portal provider / siamo.fse.submission: no row in the access matrix", problems
        )
        self.assertIn(f"line {len(table) + 1}: “siamo.nothing” is not a SIAMO model", problems)
        self.assertEqual(len(problems), len(ROLES) + 1, problems)

    def test_a_wrong_cell_fails(self):
        participant, manager_b = self.users["portal participant"], self.users["IPM B manager"]
        self.assertIsNone(self._check(participant, "siamo.fse", "read", "own family"))
        self.assertIn("refused on", self._check(participant, "siamo.fse", "read", "own IPM"))
        self.assertIn("allowed on", self._check(participant, "siamo.fse", "read", "none"))
        self.assertIsNone(self._check(manager_b, "siamo.fse", "unlink", "own IPM"))
        self.assertIn("refused on", self._check(manager_b, "siamo.fse", "unlink", "all"))
        self.assertEqual(self._actual(manager_b, "siamo.fse", "unlink"), "own IPM")

    def test_access_matrix(self):
        models = self._models()
        rows, problems = self._table_rows(read_table(), models)
        dump = []
        for model in sorted(models):
            for role, user in self.users.items():
                row = rows.get((role, model))
                for operation in OPERATIONS:
                    if os.environ.get("SIAMO_ACCESS_MATRIX_DUMP"):
                        dump.append((role, model, operation, self._actual(user, model, operation)))
                    if row is None:
                        continue
                    reason = self._check(user, model, operation, row[operation])
                    if reason:
                        actual = self._actual(user, model, operation)
                        problems.append(
                            f"{role} / {model} / {operation}: the matrix says "
                            f"“{row[operation]}”, Odoo does “{actual}” ({reason})"
                        )
        if dump:
            self._write_dump(dump)
        self.assertFalse(problems, "\n".join(["access matrix differences:", *problems]))

    def test_medical_fields_hidden_from_portal(self):
        """A participant reads his family's care sheets, a provider its own: never their
        diagnosis, the medical officer's note or why the sheet is reviewed, even by RPC."""
        medical = ["diagnosis", "control_note", "control_reasons"]
        family = self.owners["participant"] | self.owners["participant"].dependent_ids
        sheets = self.probes["siamo.fse"].filtered(
            lambda sheet: (
                sheet.beneficiary_id in family and sheet.provider_id == self.owners["provider"]
            )
        )
        self.assertTrue(sheets)
        for role in ("portal participant", "portal provider"):
            mine = sheets.with_user(self.users[role])
            self.assertEqual(mine.read(["name"])[0]["name"], sheets.name, role)
            for name in medical:
                with self.assertRaises(AccessError, msg=f"{role} reads {name}"):
                    mine.read([name])
            self.assertFalse(set(medical) & set(mine.fields_get()), role)
        officer = sheets.with_user(self.users["IPM medical officer"])
        self.assertEqual(officer.read(["diagnosis"])[0]["diagnosis"], "J06.9")
        self.assertEqual(officer.control_note, "Probe note")

    def _write_dump(self, dump):
        table = {}
        for role, model, operation, scope in dump:
            table.setdefault((model, role), {})[operation] = scope
        with open(os.environ["SIAMO_ACCESS_MATRIX_DUMP"], "w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(["role", "model", *OPERATIONS])
            for (model, role), scopes in table.items():
                writer.writerow([role, model, *(scopes[op] for op in OPERATIONS)])
