import logging

import psycopg2
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from siamo_core.referentials import SCHEMAS
from siamo_core.rows import normalize

from .siamo_referential_import_adapters import ADAPTERS

_logger = logging.getLogger(__name__)

BACKGROUND_SECONDS = 10  # default: imports expected to write longer go on in the background
PREVIEW_ERRORS = 200


class SiamoReferentialImport(models.TransientModel):
    _name = "siamo.referential.import"
    _inherit = ["siamo.spreadsheet.import.mixin"]
    _description = "Import of a Referential File"

    referential = fields.Selection(
        [
            ("communes", "Communes"),
            ("companies", "Companies"),
            ("providers", "Care Providers"),
            ("acts", "Medical Acts"),
            ("key_letters", "Key Letters and Values"),
            ("medicines", "Medicines and Devices"),
        ],
        required=True,
        default="medicines",
    )
    mode = fields.Selection(
        [("all", "All rows or none"), ("valid", "Only the valid rows")],
        required=True,
        default="all",
        help="With errors in the file, import nothing, or import the rows without error.",
    )
    state = fields.Selection(
        [("upload", "Upload"), ("preview", "Preview"), ("running", "Running"), ("done", "Done")],
        default="upload",
    )
    progress = fields.Integer(readonly=True)
    create_count = fields.Integer(string="To Create", readonly=True)
    update_count = fields.Integer(string="To Update", readonly=True)
    unchanged_count = fields.Integer(string="Unchanged", readonly=True)

    # ------------------------------------------------------------------ steps

    def action_preview(self):
        self.ensure_one()
        checked, plan = self._check_file()
        self.write(self._preview_values(checked, plan))
        return self._reopen()

    def action_import(self):
        self.ensure_one()
        checked, plan = self._check_file()
        if checked.errors and self.mode == "all":
            raise UserError(
                self.env._(
                    "%(errors)s row(s) of the file have errors: nothing was imported. Correct "
                    "the file with the error report, or choose to import only the valid rows.",
                    errors=len(checked.rows_with_errors) or len(checked.errors),
                )
            )
        values = self._preview_values(checked, plan)
        if self._adapter().seconds_to_write(plan) > self._background_seconds():
            values.update(state="running", progress=0)
            self.write(values)
            self.env.ref("siamo_referentiel.ir_cron_referential_import")._trigger()
            return self._reopen()
        self._apply(plan)
        values.update(state="done", progress=100)
        self.write(values)
        return self._reopen()

    def action_refresh(self):
        return self._reopen()

    def _reopen_name(self):
        return self.env._("Import a Referential")

    def _background_seconds(self):
        """An import expected to write longer than this goes on in the background."""
        parameters = self.env["ir.config_parameter"].sudo()
        return float(
            parameters.get_param("siamo_referentiel.import_background_seconds", BACKGROUND_SECONDS)
        )

    @api.model
    def _cron_run_imports(self):
        """Write the imports left running, each all or nothing, as the user who asked."""
        for wizard in self.search([("state", "=", "running")], order="id"):
            try:
                with self.env.cr.savepoint():
                    wizard.with_user(wizard.create_uid)._run_in_background()
            except (UserError, ValidationError, psycopg2.Error) as error:
                wizard._fail_in_background(error)

    def _run_in_background(self):
        checked, plan = self._check_file()
        if checked.errors and self.mode == "all":
            raise UserError(self.env._("The file now has errors: check it again."))
        self._apply(plan, progress=self._report_progress)
        self.write({"state": "done", "progress": 100})
        self.create_uid._bus_send(
            "simple_notification",
            {
                "type": "success",
                "title": self.env._("Import done"),
                "message": self.env._(
                    "%(file)s: %(created)s created, %(updated)s updated.",
                    file=self.filename,
                    created=self.create_count,
                    updated=self.update_count,
                ),
            },
        )

    def _fail_in_background(self, error):
        """Nothing was written: say why, and let the user check the file again."""
        _logger.warning("Import %s of %s failed: %s", self.id, self.filename, error)
        message = str(error.args[0] if error.args else error)
        self.write(
            {
                "state": "preview",
                "progress": 0,
                "report_html": Markup("<p class='text-danger'>%s</p>") % message,
            }
        )
        self.create_uid._bus_send(
            "simple_notification",
            {
                "type": "danger",
                "sticky": True,
                "title": self.env._("Import failed, nothing was written"),
                "message": f"{self.filename}: {message}",
            },
        )

    def _report_progress(self, done, total):
        """Show the progress now, in a transaction of its own: the import commits at the end."""
        with self.env.registry.cursor() as cr:
            cr.execute("SET LOCAL lock_timeout = '2s'")
            beside = self.with_env(self.env(cr=cr))
            try:
                beside.write({"progress": int(100 * done / total)})
                beside.flush_recordset(["progress"])
            except psycopg2.errors.LockNotAvailable:
                cr.rollback()  # the form shows the previous value; the import goes on

    # ------------------------------------------------------------ checking

    def _check_file(self):
        """Read and validate the file, then plan what each valid row does. Writes nothing."""
        if not self.file:
            raise UserError(self.env._("Choose a file to import."))
        checked = self._check_table(SCHEMAS[self.referential], self._references())
        plan = self._adapter()._plan(self, checked)
        return checked, plan

    def _preview_values(self, checked, plan):
        return {
            **self._checked_values(checked, f"erreurs_{self.referential}.xlsx"),
            "state": "preview",
            "create_count": len(plan["create"]),
            "update_count": len(plan["update"]),
            "unchanged_count": plan["unchanged"],
        }

    # ------------------------------------------------------------ references

    def _references(self):
        return {
            "departments": self._lookup("siamo.department", ("code", "name")),
            "communes": self._lookup("siamo.commune", ("code", "name")),
            "key_letters": self._lookup("siamo.key.letter", ("code",)),
            "act_classes": self._lookup("siamo.act.class", ("code", "name")),
            "schedules": self._lookup("siamo.tariff.schedule", ("code", "name")),
            "sectors": self._lookup("res.partner.industry", ("name", "full_name")),
        }

    def _lookup(self, model, keys):
        """Map each normalized code or name, in every installed language, to its record id.

        A name shared by two records is ambiguous and left out: the file must use the code.
        """
        mapping, ambiguous = {}, set()
        for lang, _name in self.env["res.lang"].get_installed():
            records = self.env[model].with_context(active_test=False, lang=lang)
            # referential tables are small (communes, key letters, act classes, schedules)
            for row in records.search_read([], list(keys)):  # pylint: disable=no-search-all
                for key in keys:
                    word = normalize(row[key] or "")
                    if word in mapping and mapping[word] != row["id"]:
                        ambiguous.add(word)
                    elif word:
                        mapping[word] = row["id"]
        for word in ambiguous:
            del mapping[word]
        return mapping

    # ------------------------------------------------------------ writing

    def _adapter(self):
        return ADAPTERS[self.referential](self.env)

    def _apply(self, plan, progress=None):
        self._adapter()._apply(plan, self.referential, progress)
