import base64

from markupsafe import Markup, escape

from odoo import fields, models
from odoo.exceptions import UserError

from siamo_core.exceptions import SiamoError
from siamo_core.rows import check_table, error_report_rows
from siamo_core.spreadsheet import read_table, write_xlsx

from ..tools.core_errors import core_error_message

PREVIEW_ERRORS = 200


class SiamoSpreadsheetImportMixin(models.AbstractModel):
    """A wizard that reads an .xlsx, .xls or .csv file, checks every row against a schema of
    siamo_core and shows the errors, row by row, on screen and as a spreadsheet."""

    _name = "siamo.spreadsheet.import.mixin"
    _description = "Import of a Spreadsheet"

    file = fields.Binary(required=True)
    filename = fields.Char()
    row_count = fields.Integer(string="Rows", readonly=True)
    valid_count = fields.Integer(string="Valid Rows", readonly=True)
    error_count = fields.Integer(string="Rows with Errors", readonly=True)
    warning_count = fields.Integer(string="Warnings", readonly=True)
    report_html = fields.Html(string="Report", readonly=True, sanitize=False)
    error_report = fields.Binary(readonly=True, attachment=False)
    error_report_name = fields.Char(readonly=True)

    def _check_table(self, schema, references=None):
        """The :class:`~siamo_core.rows.CheckedFile` of the uploaded file. Writes nothing."""
        if not self.file:
            raise UserError(self.env._("Choose a file to import."))
        try:
            table = read_table(self.filename or "", base64.b64decode(self.file))
        except SiamoError as error:
            raise UserError(core_error_message(self.env, error)) from error
        return check_table(schema, table, references)

    def _checked_values(self, checked, report_name):
        """Counts, on-screen report and downloadable error report of ``checked``."""
        report = error_report_rows(checked, self._reason_text)
        return {
            "row_count": len(checked.records) + len(checked.rows_with_errors),
            "valid_count": len(checked.records),
            "error_count": len(checked.rows_with_errors) or len(checked.errors),
            "warning_count": len(checked.warnings),
            "report_html": self._report_html(checked),
            "error_report": base64.b64encode(
                write_xlsx(self._report_header(), report, title=self.env._("Errors"))
            )
            if report
            else False,
            "error_report_name": report_name if report else False,
        }

    def _reason_text(self, reason):
        """A row's reason in the user's language (a core reason, or a text written here)."""
        return core_error_message(self.env, reason)

    def _report_header(self):
        return [self.env._("Row"), self.env._("Column"), self.env._("Value"), self.env._("Reason")]

    def _report_html(self, checked):
        problems = [(error, "text-danger") for error in checked.errors] + [
            (warning, "text-warning") for warning in checked.warnings
        ]
        if not problems:
            return Markup("<p class='text-success'>%s</p>") % self.env._("Every row is valid.")
        rows = Markup("").join(
            Markup("<tr class='%s'><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>")
            % (
                css,
                error.row,
                error.column,
                "" if error.value is None else error.value,
                self._reason_text(error.reason),
            )
            for error, css in sorted(problems, key=lambda item: item[0].row)[:PREVIEW_ERRORS]
        )
        more = len(problems) - PREVIEW_ERRORS
        footer = (
            Markup("<p>%s</p>") % self.env._("…and %(count)s more in the error report.", count=more)
            if more > 0
            else ""
        )
        head = Markup("").join(
            Markup("<th>%s</th>") % escape(title) for title in self._report_header()
        )
        return Markup(
            "<table class='table table-sm'><thead><tr>%s</tr></thead><tbody>%s</tbody></table>%s"
        ) % (head, rows, footer)

    def action_download_error_report(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self._name}/{self.id}/error_report/"
            f"{self.error_report_name}?download=true",
            "target": "self",
        }

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "name": self._reopen_name(),
        }

    def _reopen_name(self):
        return self._description
