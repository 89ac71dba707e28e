import logging

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError

from siamo_core.staff import STAFF, staff_changes

_logger = logging.getLogger(__name__)

BACKGROUND_CHANGES = 500  # default: a list changing more workers is applied by a queue job
HIRES_PER_CHUNK = 500


class SiamoStaffImport(models.TransientModel):
    """A member company's staff and salary list: checked, its changes shown, then applied
    all or nothing — at once, or by a queue job when it changes many workers. The wizard
    stays while its job is queued or running (the vacuum spares it): the company's button
    opens it again to see where it stands."""

    _name = "siamo.staff.import"
    _inherit = ["siamo.spreadsheet.import.mixin", "siamo.job.mixin"]
    _description = "Import of a Staff and Salary List"

    membership_id = fields.Many2one("siamo.membership", required=True, ondelete="cascade")
    company_id = fields.Many2one(related="membership_id.company_id")
    state = fields.Selection(
        [("upload", "Upload"), ("preview", "Preview"), ("running", "Running"), ("done", "Done")],
        default="upload",
    )
    hire_count = fields.Integer(string="New Hires", readonly=True)
    departure_count = fields.Integer(string="Departures", readonly=True)
    salary_change_count = fields.Integer(string="Salary Changes", readonly=True)
    changes_html = fields.Html(string="Changes", readonly=True, sanitize=False)

    def _transient_clean_rows_older_than(self, seconds):
        if not self._siamo_job_vacuum(seconds):
            return super()._transient_clean_rows_older_than(seconds)
        return None

    @api.model
    def _action_open(self, membership):
        """The list of ``membership`` being applied if there is one, else a new one."""
        running = self.search(
            [("membership_id", "=", membership.id), ("state", "=", "running")], order="id desc"
        ).filtered(lambda wizard: wizard._siamo_job_busy())
        if running:
            return running[0]._reopen()
        return {
            "type": "ir.actions.act_window",
            "name": self._reopen_name(),
            "res_model": self._name,
            "view_mode": "form",
            "target": "new",
            "context": {"default_membership_id": membership.id},
        }

    def action_preview(self):
        self.ensure_one()
        self._check_not_under_way()
        checked, changes = self._check_staff()
        self.write(self._preview_values(checked, changes))
        return self._reopen()

    def action_apply(self):
        self.ensure_one()
        self._check_not_under_way()
        checked, changes = self._check_staff()
        self._refuse_errors(checked)
        values = self._preview_values(checked, changes)
        if self._change_count(changes) > self._background_changes():
            self.write({**values, "state": "running"})
            self._enqueue_apply()
            return self._reopen()
        self._apply(changes)
        self.write({**values, "state": "done"})
        return self._reopen()

    def action_refresh(self):
        return self._reopen()

    def _apply_list(self):
        """Check the list again and apply it at once, all or nothing (a request accepted)."""
        checked, changes = self._check_staff()
        self._refuse_errors(checked)
        self._apply(changes)
        self.write({**self._preview_values(checked, changes), "state": "done"})

    def _refuse_errors(self, checked):
        if checked.errors:
            raise UserError(
                self.env._(
                    "%(errors)s row(s) of the list have errors: nothing was changed. Correct the "
                    "file with the error report and send it again.",
                    errors=len(checked.rows_with_errors) or len(checked.errors),
                )
            )

    def _check_not_under_way(self):
        if self._siamo_job_busy():
            raise UserError(self.env._("This list is already being applied: wait for its end."))

    @staticmethod
    def _change_count(changes):
        return len(changes.hires) + len(changes.departures) + len(changes.salary_changes)

    def _background_changes(self):
        """A list changing more workers than this is applied by a queue job."""
        parameters = self.env["ir.config_parameter"].sudo()
        return int(
            parameters.get_param("siamo_ipm.staff_import_background_changes", BACKGROUND_CHANGES)
        )

    # ------------------------------------------------------------ the job

    def _enqueue_apply(self):
        self._siamo_job_queued(self.env._("Waiting for the job runner."))
        self.with_delay(
            description=self.env._(
                "Staff list of %(company)s", company=self.membership_id.partner_id.name
            )
        )._apply_job()

    def _apply_job(self):
        """The queue job: the list checked again against the register and applied in the
        job's one transaction. On failure nothing changes; the wizard and a notification
        say why."""
        try:
            return self._siamo_job_run("_apply_in_job", done_message=self.env._("List applied."))
        except Exception as error:
            _logger.warning("Staff list %s of %s failed: %s", self.id, self.filename, error)
            self._siamo_job_notify(
                "danger",
                self.env._("Staff list not applied, nothing was changed"),
                f"{self.filename}: {self._siamo_job_reason(error)}",
                apart=True,
            )
            raise

    def _apply_in_job(self):
        self._siamo_job_step(0, 1, self.env._("Checking the list again."))
        checked, changes = self._check_staff()
        self._refuse_errors(checked)
        self._apply(changes, progress=self._report_progress)
        self.write({**self._preview_values(checked, changes), "state": "done"})
        summary = self.env._(
            "%(hires)s hire(s), %(departures)s departure(s), %(raises)s salary change(s)",
            hires=self.hire_count,
            departures=self.departure_count,
            raises=self.salary_change_count,
        )
        self._siamo_job_notify(
            "success", self.env._("Staff list applied"), f"{self.filename}: {summary}"
        )
        return summary

    def _report_progress(self, done, total):
        self._siamo_job_step(
            done,
            total,
            self.env._("%(done)s of %(total)s changes applied.", done=done, total=total),
        )

    def _reopen_name(self):
        return self.env._("Staff and Salary List")

    @api.model
    def _current_workers(self, membership):
        return self.env["siamo.beneficiary"].search(
            [
                ("membership_id", "=", membership.id),
                ("relationship", "=", "participant"),
                ("left_on", "=", False),
                ("payroll_number", "!=", False),
            ]
        )

    def _check_staff(self):
        checked = self._check_table(STAFF)
        workers = self._current_workers(self.membership_id)
        current = {worker.payroll_number: worker.salary for worker in workers}
        return checked, staff_changes(current, [record for _row, record in checked.records])

    def _preview_values(self, checked, changes):
        return {
            **self._checked_values(checked, "erreurs_liste_du_personnel.xlsx"),
            "state": "preview",
            "hire_count": len(changes.hires),
            "departure_count": len(changes.departures),
            "salary_change_count": len(changes.salary_changes),
            "changes_html": self._changes_html(changes),
        }

    def _changes_html(self, changes):
        items = (
            [
                self.env._(
                    "Hire: %(name)s (%(number)s), %(salary)s FCFA",
                    name=hire["name"],
                    number=hire["payroll_number"],
                    salary=hire["salary"],
                )
                for hire in changes.hires
            ]
            + [
                self.env._(
                    "Departure: %(number)s on %(date)s",
                    number=number,
                    date=(left_on or fields.Date.context_today(self)).strftime("%d/%m/%Y"),
                )
                for number, left_on in changes.departures
            ]
            + [
                self.env._(
                    "Salary of %(number)s: %(old)s → %(new)s FCFA", number=number, old=old, new=new
                )
                for number, old, new in changes.salary_changes
            ]
        )
        if not items:
            return Markup("<p>%s</p>") % self.env._("The list changes nothing.")
        return Markup("<ul>%s</ul>") % Markup("").join(
            Markup("<li>%s</li>") % item for item in items
        )

    def _apply(self, changes, progress=None):
        """Hires, departures and salary changes, in that order; ``progress(done, total)``
        after each chunk of hires and each group of departures or salaries."""
        membership = self.membership_id
        workers = {w.payroll_number: w for w in self._current_workers(membership)}
        today = fields.Date.context_today(self)
        total, done = self._change_count(changes), 0
        beneficiaries = self.env["siamo.beneficiary"]
        for start in range(0, len(changes.hires), HIRES_PER_CHUNK):
            chunk = changes.hires[start : start + HIRES_PER_CHUNK]
            beneficiaries.create([self._hire_values(hire) for hire in chunk])
            done += len(chunk)
            if progress:
                progress(done, total)
        leaving = {}
        for number, left_on in changes.departures:
            leaving.setdefault(left_on or today, []).append(workers[number].id)
        for left_on, ids in leaving.items():
            beneficiaries.browse(ids)._siamo_protected().write(
                {"left_on": left_on, "state": "left"}
            )
            done += len(ids)
            if progress:
                progress(done, total)
        raises = {}
        for number, _old, new in changes.salary_changes:
            raises.setdefault(new, []).append(workers[number].id)
        for salary, ids in raises.items():
            beneficiaries.browse(ids).write({"salary": salary})
            done += len(ids)
            if progress:
                progress(done, total)

    def _hire_values(self, hire):
        membership = self.membership_id
        return {
            **hire,
            "relationship": "participant",
            "company_id": membership.company_id.id,
            "membership_id": membership.id,
        }
