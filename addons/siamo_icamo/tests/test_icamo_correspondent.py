from odoo.exceptions import AccessError
from odoo.tests import tagged

from siamo_core.icamo.sample import sample_return

from .common import IcamoCase


@tagged("post_install", "-at_install")
class TestIcamoCorrespondent(IcamoCase):
    """An IPM's correspondent reads its IPM's returns, their figures and its accreditation
    file, and nothing of another IPM's or of ICAMO's analysis."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.correspondent = cls._correspondent("correspondant_lecture")
        other_company = cls.env["res.company"].create(
            {"name": "IPM Senelec", "siamo_role": "ipm", "siamo_ipm_kind": "company"}
        )
        cls.other = cls.env["siamo.icamo.ipm"].create(
            {
                "company_id": cls.icamo.id,
                "code": "IPM-SENELEC",
                "name": "IPM Senelec",
                "partner_id": other_company.partner_id.id,
            }
        )
        accreditations = cls.env["siamo.accreditation"]
        cls.own_file = accreditations.create(
            {"company_id": cls.icamo.id, "ipm_partner_id": cls.ipm_company.partner_id.id}
        )
        cls.other_file = accreditations.create(
            {"company_id": cls.icamo.id, "ipm_partner_id": other_company.partner_id.id}
        )

    def test_the_correspondent_reads_his_ipm_s_returns_and_file_only(self):
        own = self._import(sample_return())
        self._import(sample_return(ipm="IPM-SENELEC"))
        as_correspondent = self.env["siamo.icamo.return"].with_user(self.correspondent)
        self.assertEqual(as_correspondent.search([]), own)
        self.assertEqual(own.with_user(self.correspondent).fact_count, 35)
        facts = self.env["siamo.icamo.fact"].with_user(self.correspondent).search([])
        self.assertEqual(facts.return_id, own)
        files = self.env["siamo.accreditation"].with_user(self.correspondent).search([])
        self.assertEqual(files, self.own_file)
        self.assertEqual(
            self.env["siamo.icamo.ipm"].with_user(self.correspondent).search([]), self.ipm
        )

    def test_the_correspondent_changes_nothing_and_reads_no_analysis(self):
        own = self._import(sample_return())
        with self.assertRaises(AccessError):
            own.with_user(self.correspondent).write({"state": "superseded"})
        with self.assertRaises(AccessError):
            self.own_file.with_user(self.correspondent).write({"state": "granted"})
        with self.assertRaises(AccessError):
            self.env["siamo.icamo.indicator"].with_user(self.correspondent).search([])
        with self.assertRaises(AccessError):
            self.env["siamo.icamo.alert"].with_user(self.correspondent).search([])
        with self.assertRaises(AccessError):
            self._import(sample_return(period="2026-09"), user=self.correspondent)
