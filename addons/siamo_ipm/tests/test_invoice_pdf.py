import io
import logging

import pypdf

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .test_contributions import ContributionsCase

# What Debian's wkhtmltopdf (built on an unpatched Qt) always says on stderr, which Odoo logs
# as a warning: it ignores the header and footer switches, and has no XDG runtime directory.
KNOWN_NOTICES = (
    "The switch --header-spacing, is not support using unpatched qt, and will be ignored.",
    "The switch --header-html, is not support using unpatched qt, and will be ignored.",
    "The switch --footer-html, is not support using unpatched qt, and will be ignored.",
    "QStandardPaths: XDG_RUNTIME_DIR not set, defaulting to '/tmp/runtime-root'",
    "Exit with code 1 due to network error: ConnectionRefusedError",
)
# the styles' server, on purpose unreachable: see test_the_accountant_prints_...
NO_STYLES = "http://127.0.0.1:9"


class _WkhtmltopdfNotices(logging.Filter):
    """Holds back the known notices of wkhtmltopdf and keeps whatever else it said."""

    def __init__(self):
        super().__init__()
        self.unexpected = []

    def filter(self, record):
        message = record.getMessage()
        if not message.startswith("wkhtmltopdf: "):
            return True
        rest = message.removeprefix("wkhtmltopdf: ")
        for notice in KNOWN_NOTICES:
            rest = rest.replace(notice, "")
        if rest.strip():
            self.unexpected.append(message)
        return False


@tagged("post_install", "-at_install")
class TestInvoicePdf(ContributionsCase):
    """The IPM's accountant prints a member company's contribution invoice: a real PDF, made
    by wkhtmltopdf (``make deps`` installs Debian's), that carries the invoice number."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.period.action_compute()
        cls.period.action_invoice()
        cls.invoice = cls.period.move_ids.filtered(lambda move: move.partner_id == cls.employer)
        cls.accountant = new_test_user(
            cls.env,
            login="comptable_pdf",
            groups="siamo_ipm.group_ipm_accountant",
            company_id=cls.ipm.id,
            company_ids=[cls.ipm.id],
        )
        main_company = cls.env.ref("base.main_company")
        cls.outsider = new_test_user(
            cls.env,
            login="comptable_autre_ipm",
            groups="siamo_ipm.group_ipm_accountant",
            company_id=main_company.id,
            company_ids=[main_company.id],
        )
        cls.env["ir.config_parameter"].set_param("report.url", NO_STYLES)

    def _render(self, user):
        notices = _WkhtmltopdfNotices()
        logger = logging.getLogger("odoo.addons.base.models.ir_actions_report")
        logger.addFilter(notices)
        try:
            pdf, kind = (
                self.env["ir.actions.report"]
                .with_user(user)
                .with_company(user.company_id)
                .with_context(force_report_rendering=True)
                ._render_qweb_pdf("account.account_invoices", self.invoice.ids)
            )
        finally:
            logger.removeFilter(notices)
        self.assertFalse(notices.unexpected)
        return pdf, kind

    def test_the_accountant_prints_the_contribution_invoice(self):
        """Printed without the styles: Debian's wkhtmltopdf draws the report's web fonts as
        outlines, which leave no text to read back; the system fonts it falls back to do."""
        self.assertEqual(self.env["ir.actions.report"].get_wkhtmltopdf_state(), "ok")
        self.assertEqual((self.invoice.state, self.invoice.move_type), ("posted", "out_invoice"))
        pdf, kind = self._render(self.accountant)
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF-"), pdf[:40])
        reader = pypdf.PdfReader(io.BytesIO(pdf))
        text = " ".join(page.extract_text() for page in reader.pages)
        words = " ".join(text.split())  # wkhtmltopdf separates words with tabs
        self.assertIn(self.invoice.name, words)
        self.assertIn(self.employer.name, words)
        self.assertIn("36 000", words.replace("\u202f", " ").replace("\xa0", " "))

    def test_an_accountant_of_another_company_cannot_print_it(self):
        with self.assertRaises(AccessError):
            self._render(self.outsider)
