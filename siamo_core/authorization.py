"""Care authorizations (prises en charge): their short number, the check of a care sheet that
cites one, and the PDF with a QR code the beneficiary carries."""

import io
import secrets
from dataclasses import dataclass, field
from datetime import date

from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from .cards import ascii_text, draw_qr
from .fse.reasons import Rejection
from .money import format_fcfa

# Crockford's base 32 without I, L, O, U: read aloud over the phone without a mistake
NUMBER_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
NUMBER_LENGTH = 8
PAYLOAD_VERSION = "SIAMOPEC1"


def new_authorization_number(prefix="PEC"):
    return prefix + "".join(secrets.choice(NUMBER_ALPHABET) for _ in range(NUMBER_LENGTH))


@dataclass(frozen=True)
class Authorization:
    """What an authorization allows, as the check of a sheet needs it."""

    number: str
    beneficiary: str
    provider: str
    valid_from: date
    valid_until: date
    items: frozenset = field(default_factory=frozenset)
    act_classes: frozenset = field(default_factory=frozenset)
    amount_cap: int | None = None
    amount_used: int = 0

    @property
    def amount_left(self):
        return None if self.amount_cap is None else max(self.amount_cap - self.amount_used, 0)

    def allows(self, code, act_class):
        if not self.items and not self.act_classes:
            return True
        return code in self.items or act_class in self.act_classes


@dataclass(frozen=True)
class ClaimedLine:
    code: str
    act_class: str | None
    amount: int


def check_authorization(authorization, beneficiary, provider, care_date, lines):
    """The :class:`~siamo_core.fse.Rejection` list of a sheet against the authorization it
    cites (``beneficiary`` and ``provider`` are the keys the authorization was issued for)."""
    if authorization is None:
        return [Rejection("FSE-AUTH-UNKNOWN")]
    rejections = []
    if authorization.beneficiary != beneficiary or authorization.provider != provider:
        rejections.append(Rejection("FSE-AUTH-MISMATCH", authorization.number))
    if not authorization.valid_from <= care_date <= authorization.valid_until:
        rejections.append(
            Rejection(
                "FSE-AUTH-EXPIRED",
                f"{authorization.valid_from:%d/%m/%Y} – {authorization.valid_until:%d/%m/%Y}",
            )
        )
    rejections.extend(
        Rejection("FSE-AUTH-ITEM", line.code)
        for line in lines
        if not authorization.allows(line.code, line.act_class)
    )
    claimed = sum(line.amount for line in lines)
    if authorization.amount_left is not None and claimed > authorization.amount_left:
        rejections.append(Rejection("FSE-AUTH-AMOUNT", f"{claimed} > {authorization.amount_left}"))
    return rejections


@dataclass(frozen=True)
class AuthorizationSheet:
    """What the printed authorization shows."""

    number: str
    ipm_name: str
    beneficiary_name: str
    member_number: str
    provider_name: str
    valid_from: date
    valid_until: date
    items: tuple = ()
    amount_cap: int | None = None


def authorization_payload(sheet):
    return "|".join(
        [
            PAYLOAD_VERSION,
            ascii_text(sheet.number),
            ascii_text(sheet.member_number),
            sheet.valid_from.strftime("%Y%m%d"),
            sheet.valid_until.strftime("%Y%m%d"),
        ]
    )


def render_authorization(sheet):
    """The A5 PDF of an authorization, with its QR code."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A5)
    pdf.setTitle(f"Prise en charge {sheet.number}")
    width, height = A5
    pdf.setFont("Helvetica-Bold", 14)
    pdf.drawString(15 * mm, height - 20 * mm, "PRISE EN CHARGE")
    pdf.setFont("Helvetica", 10)
    pdf.drawString(15 * mm, height - 27 * mm, sheet.ipm_name)
    pdf.setFont("Helvetica-Bold", 18)
    pdf.drawString(15 * mm, height - 40 * mm, sheet.number)
    rows = [
        ("Bénéficiaire", f"{sheet.beneficiary_name} ({sheet.member_number})"),
        ("Prestataire", sheet.provider_name),
        ("Valable du", f"{sheet.valid_from:%d/%m/%Y} au {sheet.valid_until:%d/%m/%Y}"),
        (
            "Plafond",
            format_fcfa(sheet.amount_cap, "\u00a0")
            if sheet.amount_cap is not None
            else "sans plafond",
        ),
        ("Actes", ", ".join(sheet.items) or "selon le panier de soins"),
    ]
    y = height - 52 * mm
    for label, value in rows:
        pdf.setFont("Helvetica-Bold", 9)
        pdf.drawString(15 * mm, y, label)
        pdf.setFont("Helvetica", 9)
        pdf.drawString(45 * mm, y, value[:70])
        y -= 7 * mm
    draw_qr(pdf, authorization_payload(sheet), width - 40 * mm, 15 * mm)
    pdf.setFont("Helvetica-Oblique", 7)
    pdf.drawString(
        15 * mm, 12 * mm, "A présenter au prestataire avec la carte d'adhérent ou la CNI."
    )
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
