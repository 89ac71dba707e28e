import base64
import json

from odoo import fields, models
from odoo.exceptions import UserError

SPREADSHEETS = (".xlsx", ".xls")


class SiamoIcamoReturnImport(models.TransientModel):
    """An ICAMO administrator takes a return an IPM sent as a file (by mail, on a key): JSON,
    or the filled spreadsheet template."""

    _name = "siamo.icamo.return.import"
    _description = "Import an IPM Return"

    file = fields.Binary(required=True)
    filename = fields.Char()

    def action_import(self):
        self.ensure_one()
        received = self.env["siamo.icamo.return"]._receive(self._document(), "file")
        return {
            "type": "ir.actions.act_window",
            "res_model": "siamo.icamo.return",
            "res_id": received.id,
            "view_mode": "form",
        }

    def _document(self):
        if (self.filename or "").lower().endswith(SPREADSHEETS):
            return self._spreadsheet_document()
        try:
            document = json.loads(base64.b64decode(self.file))
        except (ValueError, UnicodeDecodeError) as error:
            raise UserError(
                self.env._("“%(name)s” is not a JSON file.", name=self.filename or "")
            ) from error
        return document

    def _spreadsheet_document(self):
        """The return of a filled template; every problem of the file, one per line, and
        nothing written when it has any."""
        document, problems = self.env["siamo.icamo.return"]._spreadsheet_document(
            self.filename, base64.b64decode(self.file)
        )
        if problems:
            lines = [self._problem_line(problem) for problem in problems]
            raise UserError(
                "\n".join(
                    [self.env._("The file has %(count)s problem(s):", count=len(lines)), *lines]
                )
            )
        return document

    def _problem_line(self, problem):
        if not problem["sheet"]:
            return problem["reason"]
        return self.env._(
            "%(sheet)s, row %(row)s, %(column)s: %(reason)s",
            sheet=problem["sheet"],
            row=problem["row"] or "-",
            column=problem["column"] or "-",
            reason=problem["reason"],
        )
