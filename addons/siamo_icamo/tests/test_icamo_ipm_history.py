from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import IcamoCase


@tagged("post_install", "-at_install")
class TestIcamoIpmHistory(IcamoCase):
    def test_the_ipm_s_name_kind_and_accreditation_are_kept_with_their_history(self):
        with freeze_time("2026-01-10 08:00:00"):
            ipm = (
                self.env["siamo.icamo.ipm"]
                .with_user(self.admin)
                .create({"company_id": self.icamo.id, "code": "IPM-BTP", "name": "IPM du BTP"})
            )
        accreditation = self.env["siamo.accreditation"].create(
            {"company_id": self.icamo.id, "ipm_partner_id": self.ipm_company.partner_id.id}
        )
        with freeze_time("2026-03-01 08:00:00"):
            ipm.write(
                {"name": "IPM Bâtiment et Travaux Publics", "accreditation_id": accreditation.id}
            )
        with freeze_time("2026-04-01 08:00:00"):
            # the decision's own checks are tested in test_accreditation
            accreditation.write({"state": "granted"})
        self.assertEqual(ipm._attributes_on("2026-02-01").name, "IPM du BTP")
        self.assertFalse(ipm._attributes_on("2026-02-01").accreditation_number)
        march = ipm._attributes_on("2026-03-15")
        self.assertEqual(
            (march.name, march.accreditation_number, march.accreditation_state),
            ("IPM Bâtiment et Travaux Publics", accreditation.name, "requested"),
        )
        self.assertEqual(ipm._attributes_on("2026-04-02").accreditation_state, "granted")
        self.assertFalse(ipm._attributes_on("2025-12-31"))

    def test_only_the_administrator_changes_a_followed_ipm(self):
        with self.assertRaises(AccessError):
            self.ipm.with_user(self.analyst).write({"name": "Autre"})
        self.assertEqual(self.ipm.with_user(self.analyst).name, "IPM Sonatel")
        with self.assertRaises(AccessError):
            self.ipm.with_user(self.ipm_staff).read(["name"])

    def test_the_accredited_ipms_are_followed_once_under_their_reference(self):
        """What the 18.0.2.1.0 migration does for a database made before the warehouse."""
        partner = self.env["res.partner"].create(
            {"name": "IPM des Mines", "is_company": True, "ref": "IPM-MINES"}
        )
        accreditation = self.env["siamo.accreditation"].create(
            {"company_id": self.icamo.id, "ipm_partner_id": partner.id}
        )
        followed = self.env["siamo.icamo.ipm"]._accredited_partners_as_ipms()
        mines = followed.filtered(lambda ipm: ipm.partner_id == partner)
        self.assertEqual(
            (mines.code, mines.name, mines.accreditation_id, mines.company_id),
            ("IPM-MINES", "IPM des Mines", accreditation, self.icamo),
        )
        self.assertFalse(self.env["siamo.icamo.ipm"]._accredited_partners_as_ipms() & mines)
