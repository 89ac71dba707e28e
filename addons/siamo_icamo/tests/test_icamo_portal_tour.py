import base64

from odoo.tests import tagged

from .common_portal import IcamoPortalCase, filled_template, with_errors


@tagged("post_install", "-at_install")
class TestIcamoPortalTour(IcamoPortalCase):
    """The correspondent, in a real browser: the template, then a file with mistakes, whose
    report he reads on the page."""

    def test_the_correspondent_downloads_uploads_and_reads_the_report(self):
        attachment = self.env["ir.attachment"].create(
            {
                "name": "etat-2026-10.xlsx",
                "datas": base64.b64encode(filled_template(with_errors)),
                "public": True,
            }
        )
        self.env["ir.model.data"].create(
            {
                "module": "siamo_icamo_tour",
                "name": "filled_with_errors",
                "model": "ir.attachment",
                "res_id": attachment.id,
            }
        )
        self.start_tour("/my", "siamo_icamo_portal_upload", login="correspondant_a")
        self.assertFalse(self._returns())
