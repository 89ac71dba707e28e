from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError

from siamo_core.staff import STAFF, staff_changes


class SiamoStaffImport(models.TransientModel):
    """A member company's staff and salary list: checked, its changes shown, then applied
    all or nothing."""

    _name = "siamo.staff.import"
    _inherit = ["siamo.spreadsheet.import.mixin"]
    _description = "Import of a Staff and Salary List"

    membership_id = fields.Many2one("siamo.membership", required=True, ondelete="cascade")
    state = fields.Selection(
        [("upload", "Upload"), ("preview", "Preview"), ("done", "Done")], default="upload"
    )
    hire_count = fields.Integer(string="New Hires", readonly=True)
    departure_count = fields.Integer(string="Departures", readonly=True)
    salary_change_count = fields.Integer(string="Salary Changes", readonly=True)
    changes_html = fields.Html(string="Changes", readonly=True, sanitize=False)

    def action_preview(self):
        self.ensure_one()
        checked, changes = self._check_staff()
        self.write(self._preview_values(checked, changes))
        return self._reopen()

    def action_apply(self):
        self.ensure_one()
        checked, changes = self._check_staff()
        if checked.errors:
            raise UserError(
                self.env._(
                    "%(errors)s row(s) of the list have errors: nothing was changed. Correct the "
                    "file with the error report and send it again.",
                    errors=len(checked.rows_with_errors) or len(checked.errors),
                )
            )
        self._apply(changes)
        self.write({**self._preview_values(checked, changes), "state": "done"})
        return self._reopen()

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

    def _apply(self, changes):
        membership = self.membership_id
        workers = {w.payroll_number: w for w in self._current_workers(membership)}
        today = fields.Date.context_today(self)
        self.env["siamo.beneficiary"].create(
            [
                {
                    **hire,
                    "relationship": "participant",
                    "company_id": membership.company_id.id,
                    "membership_id": membership.id,
                }
                for hire in changes.hires
            ]
        )
        beneficiaries = self.env["siamo.beneficiary"]
        leaving = {}
        for number, left_on in changes.departures:
            leaving.setdefault(left_on or today, []).append(workers[number].id)
        for left_on, ids in leaving.items():
            beneficiaries.browse(ids)._siamo_protected().write(
                {"left_on": left_on, "state": "left"}
            )
        raises = {}
        for number, _old, new in changes.salary_changes:
            raises.setdefault(new, []).append(workers[number].id)
        for salary, ids in raises.items():
            beneficiaries.browse(ids).write({"salary": salary})
