from odoo.tests import new_test_user

from .common import IcamoCase

APPLICATION = {
    "ipm_kind": "company",
    "statutes": "Statuts types du décret 2012-832, adoptés le 12 mars 2025.",
    "internal_rules": "Règlement intérieur adopté par l'assemblée générale.",
    "board_members": "Awa Ndiaye, présidente\nIbrahima Fall, trésorier",
    "worker_count": 1200,
    "member_company_count": 1,
}
STATUTES = ("statutes", "statuts.pdf", b"%PDF-1.4 statuts")


def applicant(env, login, ipm_company, regulator):
    """A contact of ``ipm_company`` whom ``regulator`` gave a portal access to apply."""
    user = new_test_user(
        env,
        login=login,
        groups="siamo_icamo.group_accreditation_applicant",
        company_id=regulator.id,
        company_ids=[regulator.id],
        email=f"{login}@example.sn",
    )
    user.partner_id.parent_id = ipm_company.partner_id
    return user


class AccreditationCase(IcamoCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.applicant = applicant(cls.env, "demandeur_sonatel", cls.ipm_company, cls.icamo)
        cls.other_ipm = cls.env["res.company"].create(
            {"name": "IPM Ciments", "siamo_role": "ipm", "siamo_ipm_kind": "company"}
        )
        cls.other_applicant = applicant(cls.env, "demandeur_ciments", cls.other_ipm, cls.icamo)
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.icamo.partner_id.lang = "fr_FR"
        cls.env["ir.config_parameter"].set_param(
            "siamo_icamo.accreditation_company_id", str(cls.icamo.id)
        )

    def _apply(self, documents=(STATUTES,)):
        """The applicant's application, filled and sent to ICAMO."""
        Accreditation = self.env["siamo.accreditation"].with_user(self.applicant)
        application = Accreditation._portal_apply({})
        application._portal_update(APPLICATION, documents)
        application.action_submit()
        return application

    def _reviewed(self, application):
        """The analyst ticks the checklist and records the visit."""
        reviewed = application.with_user(self.analyst)
        reviewed.write(
            {
                "check_statutes": True,
                "check_internal_rules": True,
                "check_board": True,
                "check_headcount": True,
                "check_documents": True,
                "visit_date": "2026-03-02",
                "visit_report": "Siège visité, registres tenus, bureau présent.",
            }
        )
        reviewed.action_record_visit()
        return reviewed
