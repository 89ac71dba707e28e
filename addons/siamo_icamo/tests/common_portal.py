import io

import openpyxl

from odoo import http
from odoo.tests import HttpCase, new_test_user

from siamo_core.icamo.return_template import template_workbook
from siamo_core.icamo.sample import sample_return

REGIONS = {"SN-DK": "Dakar", "SN-TH": "Thiès"}
ACTS = {"consultation": "Consultation", "medicine": "Médicaments"}


def sample_document(**fields):
    """The worked example, its pharmacy named by the act class of the referential."""
    document = sample_return(**fields)
    for row in document["care"]:
        if row["act_class"] == "pharmacy":
            row["act_class"] = "medicine"
    return document


def filled_template(change=None, **fields):
    """The worked example's return as a filled template, after ``change(book)``."""
    content = template_workbook(sample_document(**fields), REGIONS, ACTS, ["État mensuel"])
    if change is None:
        return content
    book = openpyxl.load_workbook(io.BytesIO(content))
    change(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def with_errors(book):
    """An unknown région, a negative amount, francs with decimals, no period."""
    book["Identification"]["C2"] = None
    book["Adhérents"]["A3"] = "SN-XX"
    book["Cotisations"]["B2"] = -5
    book["Cotisations"]["C3"] = 1500.5


# the report of ``with_errors``, as the correspondent reads it
ERRORS_REPORT = [
    ["Identification", "2", "Période (AAAA-MM)", "", "Valeur obligatoire."],
    [
        "Adhérents",
        "3",
        "Région",
        "SN-XX",
        "« SN-XX » n'est pas une valeur connue de la colonne Région.",
    ],
    ["Cotisations", "2", "Appelées (FCFA)", "-5", "Le montant -5 est négatif."],
    [
        "Cotisations",
        "3",
        "Encaissées (FCFA)",
        "1500,5",
        "Le montant 1500,5 doit être un nombre entier de FCFA.",
    ],
]


class IcamoPortalCase(HttpCase):
    """ICAMO's database with two followed IPMs, each with its correspondent, a portal user
    of ICAMO's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.env["res.company"]
        cls.icamo = company.create({"name": "ICAMO Portail", "siamo_role": "icamo"})
        ipms = cls.env["siamo.icamo.ipm"]
        cls.ipm_a = ipms.create(
            {
                "company_id": cls.icamo.id,
                "code": "IPM-SONATEL",
                "name": "IPM Sonatel",
                "kind": "company",
                "first_period": "2026-08-01",
            }
        )
        cls.ipm_b = ipms.create(
            {"company_id": cls.icamo.id, "code": "IPM-SENELEC", "name": "IPM Senelec"}
        )
        cls.corr_a = cls._correspondent("correspondant_a", "Awa Ndiaye", cls.ipm_a)
        cls.corr_b = cls._correspondent("correspondant_b", "Modou Fall", cls.ipm_b)

    @classmethod
    def _correspondent(cls, login, name, ipm):
        user = new_test_user(
            cls.env,
            login=login,
            name=name,
            groups="base.group_portal,siamo_icamo.group_icamo_correspondent",
            company_id=cls.icamo.id,
            company_ids=[cls.icamo.id],
            lang="fr_FR",
            tz="Africa/Dakar",
        )
        ipm.correspondent_ids = user
        return user

    def _upload(self, content, ipm=None, filename="etat.xlsx"):
        """Post ``content`` through the portal's upload form, as the logged-in user."""
        return self.url_open(
            "/my/icamo/upload",
            data={
                "csrf_token": http.Request.csrf_token(self),
                "ipm_id": (ipm or self.ipm_a).id,
            },
            files={"file": (filename, content)},
        )

    def _returns(self, ipm=None):
        return self.env["siamo.icamo.return"].search([("ipm_id", "=", (ipm or self.ipm_a).id)])
