import io

import openpyxl
from lxml import html

from odoo.tests import new_test_user, tagged

from .common_portal import ERRORS_REPORT, IcamoPortalCase, filled_template, with_errors


def _report(page):
    """The lines of the problems table of a page: sheet, row, column, value, problem."""
    tree = html.fromstring(page.text)
    return [
        [cell.text_content().strip() for cell in row.xpath("td")]
        for row in tree.xpath("//tr[hasclass('o_siamo_icamo_problem')]")
    ]


@tagged("post_install", "-at_install")
class TestIcamoPortal(IcamoPortalCase):
    """An IPM's correspondent downloads the template, uploads it filled, reads the problems
    line by line, then his acknowledged returns; another IPM's correspondent sees none of it
    and sends nothing in its name; a visitor is asked to log in."""

    def test_a_visitor_is_asked_to_log_in(self):
        for url in ("/my/icamo", "/my/icamo/template", f"/my/icamo/returns/{self.ipm_a.id}"):
            response = self.url_open(url)
            self.assertIn("/web/login", response.url, url)

    def test_the_home_shows_the_entry_to_correspondents_only(self):
        self.authenticate("correspondant_a", "correspondant_a")
        self.assertIn('href="/my/icamo"', self.url_open("/my/home").text)
        new_test_user(self.env, login="portail_simple", groups="base.group_portal")
        self.authenticate("portail_simple", "portail_simple")
        self.assertNotIn('href="/my/icamo"', self.url_open("/my/home").text)
        self.assertTrue(self.url_open("/my/icamo").url.endswith("/my"))

    def test_the_template_of_a_month_is_the_ipm_s_own(self):
        self.authenticate("correspondant_a", "correspondant_a")
        response = self.url_open(f"/my/icamo/template?ipm_id={self.ipm_a.id}&period=2026-10")
        self.assertEqual(
            response.headers["Content-Type"].split(";")[0],
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        self.assertIn("etat-IPM-SONATEL-2026-10.xlsx", response.headers["Content-Disposition"])
        book = openpyxl.load_workbook(io.BytesIO(response.content))
        self.assertEqual(book.sheetnames[0], "Instructions")
        self.assertEqual(book["Instructions"]["A1"].value, "État mensuel de IPM Sonatel à l'ICAMO")
        identification = book["Identification"]
        self.assertEqual(
            [cell.value for cell in identification[2]], ["IPM-SONATEL", "IPM Sonatel", "2026-10"]
        )
        # another IPM's template is not his to take
        other = self.url_open(f"/my/icamo/template?ipm_id={self.ipm_b.id}&period=2026-10")
        self.assertTrue(other.url.endswith("/my"))

    def test_a_file_with_errors_is_reported_line_by_line_and_nothing_is_taken(self):
        self.authenticate("correspondant_a", "correspondant_a")
        page = self._upload(filled_template(with_errors))
        self.assertEqual(page.status_code, 200)
        self.assertEqual(_report(page), ERRORS_REPORT)
        self.assertIn("Rien de ce fichier n'a été enregistré", page.text.replace("&#39;", "'"))
        self.assertFalse(self._returns())

    def test_a_file_that_is_no_workbook_is_refused(self):
        self.authenticate("correspondant_a", "correspondant_a")
        page = self._upload(b"Code;Periode\nIPM-SONATEL;2026-10\n", filename="etat.csv")
        self.assertEqual(len(_report(page)), 1)
        self.assertIn("n'est pas un classeur .xlsx ou .xls", _report(page)[0][4])
        self.assertEqual(len(_report(self._upload(b""))), 1)
        self.assertFalse(self._returns())

    def test_a_valid_file_is_acknowledged_and_its_correction_supersedes_it(self):
        self.authenticate("correspondant_a", "correspondant_a")
        page = self._upload(filled_template())
        first = self._returns()
        self.assertEqual(len(first), 1)
        self.assertEqual((first.channel, first.version, first.state), ("file", 1, "current"))
        self.assertEqual(first.fact_count, 35)
        self.assertTrue(page.url.endswith(f"/my/icamo/returns/{first.id}?received=1"))
        self.assertIn(f"accusé sous le numéro {first.name}.", page.text)

        def corrected(book):
            book["Adhérents"]["C2"] = 310

        page = self._upload(filled_template(corrected))
        second = self._returns() - first
        self.assertEqual((second.version, second.state), (2, "current"))
        self.assertEqual((first.state, first.superseded_by_id), ("superseded", second))
        self.assertEqual(first.fact_count, 35, "the corrected return's figures are kept")
        self.assertIn(f"il remplace {first.name}", page.text)
        listing = self.url_open("/my/icamo").text
        self.assertIn(first.name, listing)
        self.assertIn(f"Remplacé par {second.name}", listing)
        # the superseded return downloads as the template, to be corrected again
        sheet = self.url_open(f"/my/icamo/returns/{first.id}/spreadsheet")
        book = openpyxl.load_workbook(io.BytesIO(sheet.content))
        self.assertEqual(book["Adhérents"]["C2"].value, 300)

    def test_another_ipm_s_correspondent_sees_nothing_and_sends_nothing_in_its_name(self):
        self.authenticate("correspondant_a", "correspondant_a")
        self._upload(filled_template())
        own = self._returns()
        self.authenticate("correspondant_b", "correspondant_b")
        self.assertNotIn(own.name, self.url_open("/my/icamo").text)
        for url in (f"/my/icamo/returns/{own.id}", f"/my/icamo/returns/{own.id}/spreadsheet"):
            response = self.url_open(url)
            self.assertTrue(response.url.endswith("/my"), url)
            self.assertNotIn(own.name, response.text)
        # for A, chosen in the form: refused; A's file under his own IPM: reported
        self.assertTrue(self._upload(filled_template(), ipm=self.ipm_a).url.endswith("/my"))
        page = self._upload(filled_template(), ipm=self.ipm_b)
        ((sheet, row, column, value, reason),) = _report(page)
        self.assertEqual(
            (sheet, row, column, value), ("Identification", "2", "Code IPM", "IPM-SONATEL")
        )
        self.assertIn("pas de IPM Senelec", reason)
        self.assertEqual(self._returns(), own)
        self.assertFalse(self._returns(self.ipm_b))
        as_b = self.env["siamo.icamo.return"].with_user(self.corr_b)
        self.assertFalse(as_b.search([]))
        self.assertEqual(self.env["siamo.icamo.return"].with_user(self.corr_a).search([]), own)

    def test_the_late_months_are_shown_as_the_ipm_s_problems(self):
        self.authenticate("correspondant_a", "correspondant_a")
        page = self.url_open("/my/icamo").text.replace("&#39;", "'")
        self.assertIn("L'état de IPM Sonatel pour 2026-08 a", page)
