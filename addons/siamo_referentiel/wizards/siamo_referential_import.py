import logging

import psycopg2

from odoo import api, fields, models
from odoo.exceptions import UserError

from siamo_core.referentials import SCHEMAS
from siamo_core.rows import normalize

from .siamo_referential_import_adapters import ADAPTERS

_logger = logging.getLogger(__name__)

BACKGROUND_SECONDS = 10  # default: imports expected to write longer run as a queue job
PREVIEW_ERRORS = 200


class SiamoReferentialImport(models.TransientModel):
    """A referential file checked row by row, then written all or nothing: at once, or as a
    queue job when it is long to write. The wizard stays while its job is queued or
    running (the vacuum spares it), so that the user can close it and open it again from
    the menu to see where the import stands."""

    _name = "siamo.referential.import"
    _inherit = ["siamo.spreadsheet.import.mixin", "siamo.job.mixin"]
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
    create_count = fields.Integer(string="To Create", readonly=True)
    update_count = fields.Integer(string="To Update", readonly=True)
    unchanged_count = fields.Integer(string="Unchanged", readonly=True)

    def _transient_clean_rows_older_than(self, seconds):
        if not self._siamo_job_vacuum(seconds):
            return super()._transient_clean_rows_older_than(seconds)
        return None

    # ------------------------------------------------------------------ steps

    @api.model
    def action_open(self):
        """The menu: the user's import still under way if there is one, else a new one."""
        running = self.search(
            [("create_uid", "=", self.env.uid), ("state", "=", "running")], order="id desc"
        ).filtered(lambda wizard: wizard._siamo_job_busy())
        if running:
            return running[0]._reopen()
        return self.env["ir.actions.act_window"]._for_xml_id(
            "siamo_referentiel.siamo_referential_import_action"
        )

    def action_preview(self):
        self.ensure_one()
        self._check_not_under_way()
        checked, plan = self._check_file()
        self.write(self._preview_values(checked, plan))
        return self._reopen()

    def action_import(self):
        self.ensure_one()
        self._check_not_under_way()
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
            self.write({**values, "state": "running"})
            self._enqueue_import()
            return self._reopen()
        self._apply(plan)
        self.write({**values, "state": "done"})
        return self._reopen()

    def action_refresh(self):
        return self._reopen()

    def _reopen_name(self):
        return self.env._("Import a Referential")

    def _check_not_under_way(self):
        if self._siamo_job_busy():
            raise UserError(self.env._("This import is already under way: wait for its end."))

    def _background_seconds(self):
        """An import expected to write longer than this runs as a queue job."""
        parameters = self.env["ir.config_parameter"].sudo()
        return float(
            parameters.get_param("siamo_referentiel.import_background_seconds", BACKGROUND_SECONDS)
        )

    # ------------------------------------------------------------ the job

    def _enqueue_import(self):
        self._siamo_job_queued(self.env._("Waiting for the job runner."))
        self.with_delay(
            description=self.env._("Import of %(file)s", file=self.filename or self.referential)
        )._import_job()

    def _import_job(self):
        """The queue job: the file checked again and written in the job's one transaction.
        On failure nothing is written; the wizard and a notification say why."""
        try:
            return self._siamo_job_run("_import_in_job", done_message=self.env._("Import done."))
        except Exception as error:
            _logger.warning("Import %s of %s failed: %s", self.id, self.filename, error)
            self._siamo_job_notify(
                "danger",
                self.env._("Import failed, nothing was written"),
                f"{self.filename}: {self._siamo_job_reason(error)}",
                apart=True,
            )
            raise

    def _import_in_job(self):
        self._siamo_job_step(0, 1, self.env._("Checking the file again."))
        checked, plan = self._check_file()
        if checked.errors and self.mode == "all":
            raise UserError(self.env._("The file now has errors: check it again."))
        try:
            self._apply(plan, progress=self._report_progress)
        except psycopg2.IntegrityError as error:
            raise UserError(
                self.env._(
                    "Records of the file were written meanwhile by someone else: check the "
                    "file again and import it."
                )
            ) from error
        self.write({**self._preview_values(checked, plan), "state": "done"})
        self._siamo_job_notify(
            "success",
            self.env._("Import done"),
            self.env._(
                "%(file)s: %(created)s created, %(updated)s updated.",
                file=self.filename,
                created=self.create_count,
                updated=self.update_count,
            ),
        )
        return self.env._(
            "%(created)s created, %(updated)s updated",
            created=self.create_count,
            updated=self.update_count,
        )

    def _report_progress(self, done, total):
        """Shown at once on the wizard: the job's transaction commits at the end only."""
        self._siamo_job_step(
            done,
            total,
            self.env._("%(done)s of %(total)s rows written.", done=done, total=total),
        )

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
