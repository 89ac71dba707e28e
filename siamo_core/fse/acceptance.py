"""The whole acceptance of a care sheet once its format is right: the exchange platform's
door (whose sheet it is, whether it retries an earlier submission, its signature), then the
IPM's own acceptance of its content (:func:`siamo_core.acceptance.acceptance_rejections`:
care date, beneficiary, agreement, items, duplicate content), from plain values.

The checks read what the caller gathered (the codes the referentials know, whether an
agreement is in force, the fingerprints already held, today's date in Dakar), so one function
serves the API intake and the form where the IPM's staff key a paper sheet. A paper sheet has
no calling provider, no idempotency key and no signature: leave those out and their checks
are skipped.

Order, as the intake has always answered: the provider (refused at once) → the idempotency
key (a retry gets its first answer again, other content under the same key is refused) → the
signature (alone) → the care date → the beneficiary (the rest needs him) → the agreement →
the items → the duplicate content (only for an otherwise acceptable sheet).
"""

from dataclasses import dataclass
from datetime import date, timezone
from zoneinfo import ZoneInfo

from ..acceptance import SheetFacts, acceptance_rejections, rejected_answer
from ..claims import content_digest, sheet_digest
from ..rejections import Rejection

DAKAR = ZoneInfo("Africa/Dakar")
ACCEPT, STORE, DROP = "accept", "store", "drop"
ACT = "act"


@dataclass(frozen=True)
class Line:
    """A line of a sheet as the checks read it: ``kind`` is "act" or "medicine"."""

    kind: str
    code: str
    quantity: int = 1
    amount: int = 0


@dataclass(frozen=True)
class SheetToAccept:
    """A care sheet as the checks read it.

    ``document_digest`` fingerprints the document received (:func:`sheet_digest`), for the
    idempotency check; ``content_digest`` the care it claims (:func:`content_digest`), once
    the beneficiary is known, for the duplicate check. None skips the check.
    """

    provider: str
    care_date: date
    lines: tuple = ()
    sheet_id: str = ""
    document_digest: str | None = None
    content_digest: str | None = None


@dataclass(frozen=True)
class Earlier:
    """The first submission under the same idempotency key: its fingerprint and answer."""

    digest: str
    answer: object

    @property
    def received(self):
        return isinstance(self.answer, dict) and self.answer.get("status") == "received"


@dataclass(frozen=True)
class AcceptanceContext:
    """What the checks of one sheet read besides the sheet.

    ``today`` is the date in Dakar (:func:`dakar_today`). ``known_acts`` and
    ``known_medicines`` are the codes the referentials hold (at least those the sheet cites);
    ``known_contents`` the content fingerprints already held (stored sheets and those
    accepted earlier in the same batch). The optional ones skip their check when None:
    ``caller``, the code of the provider that sends the sheet (``provider_known``: whether
    the sheet's provider code is a provider at all); ``earlier``, the first submission under
    the sheet's key; ``signature_valid``; ``agreement_in_force``, whether the provider has an
    agreement in force with the beneficiary's IPM (named ``ipm``) on the care date.
    ``beneficiary_rejection`` is why the beneficiary was not found, if he was not
    (:func:`beneficiary_in_ipm`).
    """

    today: date
    known_acts: frozenset
    known_medicines: frozenset
    known_contents: frozenset = frozenset()
    caller: str | None = None
    provider_known: bool = True
    earlier: Earlier | None = None
    signature_valid: bool | None = None
    beneficiary_rejection: Rejection | None = None
    agreement_in_force: bool | None = None
    ipm: str = ""


@dataclass(frozen=True)
class Verdict:
    """What becomes of a sheet: ``outcome`` ACCEPT (stored, routed), STORE (its refusal is
    kept with its ``rejections``) or DROP (nothing kept: refused at the door, or a retry
    whose earlier answer ``replay`` is given again)."""

    outcome: str
    rejections: tuple = ()
    replay: object = None

    @property
    def accepted(self):
        return self.outcome == ACCEPT


def dakar_today(moment):
    """The date in Dakar at ``moment``, a datetime (naive: UTC, as Odoo stores it)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(DAKAR).date()


def sheet_from_document(document, beneficiary_key=None):
    """The :class:`SheetToAccept` of a well-formed siamo-fse document (one that
    :func:`~siamo_core.fse.check_document` accepts); ``beneficiary_key`` is the id of the
    beneficiary found for it, None when he is not."""
    return SheetToAccept(
        provider=document["provider"]["code"],
        care_date=date.fromisoformat(document["care_date"]),
        lines=tuple(
            Line(line["kind"], line["code"], line["quantity"], line["amount"])
            for line in document["lines"]
        ),
        sheet_id=document["sheet_id"],
        document_digest=sheet_digest(document),
        content_digest=(
            None if beneficiary_key is None else content_digest(document, beneficiary_key)
        ),
    )


def paper_sheet(provider, care_date, lines, beneficiary_key):
    """The :class:`SheetToAccept` of a paper sheet keyed by the IPM's staff: no key, no
    signature, and the same content fingerprint as the same care sent through the API."""
    lines = tuple(lines)
    claimed = {
        "provider": {"code": provider},
        "care_date": care_date.isoformat(),
        "lines": [
            {"kind": line.kind, "code": line.code, "quantity": line.quantity, "amount": line.amount}
            for line in lines
        ],
    }
    return SheetToAccept(
        provider=provider,
        care_date=care_date,
        lines=lines,
        content_digest=content_digest(claimed, beneficiary_key),
    )


def beneficiary_in_ipm(candidates, ipm, named=""):
    """``(beneficiary, None)`` or ``(None, rejection)``: of ``candidates``, the active
    beneficiaries the sheet names as ``(beneficiary, IPM code)`` pairs, the first of the IPM
    ``ipm`` the sheet gives. ``named`` is the NIN or member number the sheet gave."""
    candidates = list(candidates)
    if not candidates:
        return None, Rejection("FSE-BENEFICIARY-UNKNOWN", named or "")
    for beneficiary, code in candidates:
        if code == ipm:
            return beneficiary, None
    return None, Rejection("FSE-WRONG-IPM", ipm)


def provider_rejection(sheet, caller, provider_known=True):
    """Why the calling provider may not send ``sheet``, or None: a provider sends only its
    own sheets. None as ``caller`` (a paper sheet) skips the check."""
    if caller is None or sheet.provider == caller:
        return None
    code = "FSE-PROVIDER-NOT-SELF" if provider_known else "FSE-PROVIDER-UNKNOWN"
    return Rejection(code, sheet.provider)


def retry_verdict(sheet, earlier):
    """The :class:`Verdict` of a sheet sent under the key of ``earlier``, or None when it is
    checked as a new sheet: the same document again is a retry and gets its first answer,
    another document under the same key is refused. Only a received sheet holds its key: a
    sheet refused (for its signature, its content…) is checked anew when it comes again,
    corrected or not, so a forged copy refused first never blocks the genuine sheet."""
    if earlier is None or not earlier.received:
        return None
    if sheet.document_digest is not None and sheet.document_digest == earlier.digest:
        return Verdict(DROP, replay=earlier.answer)
    return Verdict(DROP, (Rejection("FSE-KEY-REUSED", sheet.sheet_id),))


def unknown_codes(lines, known_acts, known_medicines):
    """``(index, code)`` of each line whose act or medicine code the referentials do not
    hold: an act's code among ``known_acts``, any other line's among ``known_medicines``."""
    return [
        (index, line.code)
        for index, line in enumerate(lines)
        if line.code not in (known_acts if line.kind == ACT else known_medicines)
    ]


def is_duplicate(sheet, known_contents):
    """Whether the same care (provider, beneficiary, date, lines) is already held."""
    return sheet.content_digest is not None and sheet.content_digest in known_contents


def check_acceptance(sheet, context):
    """The :class:`Verdict` of ``sheet`` under ``context`` (an :class:`AcceptanceContext`).

    An accepted sheet goes on to its authorization check; the caller adds its
    ``content_digest`` to the fingerprints the next sheets of the batch are checked against.
    """
    refused = provider_rejection(sheet, context.caller, context.provider_known)
    if refused:
        return Verdict(DROP, (refused,))
    retry = retry_verdict(sheet, context.earlier)
    if retry:
        return retry
    if context.signature_valid is False:
        return Verdict(STORE, (Rejection("FSE-SIGNATURE"),))
    rejections = acceptance_rejections(facts_of(sheet, context))
    return Verdict(STORE, tuple(rejections)) if rejections else Verdict(ACCEPT)


def facts_of(sheet, context):
    """The :class:`~siamo_core.acceptance.SheetFacts` the IPM's acceptance reads; an
    agreement not known (None) is not held against the sheet."""
    return SheetFacts(
        care_date=sheet.care_date,
        today=context.today,
        beneficiary_problem=context.beneficiary_rejection,
        agreement_in_force=context.agreement_in_force is not False,
        ipm_name=context.ipm,
        unknown_codes=unknown_codes(sheet.lines, context.known_acts, context.known_medicines),
        duplicate=is_duplicate(sheet, context.known_contents),
    )


# ---------------------------------------------------------------------------- answers


def verdict_answer(sheet_id, verdict):
    """The acknowledgement of ``verdict``: the earlier answer of a retry, the reasons of a
    refusal, else "received"."""
    if verdict.replay is not None:
        return verdict.replay
    if verdict.rejections:
        return rejected_answer(sheet_id, verdict.rejections)
    return {"sheet_id": sheet_id, "status": "received"}


def is_malformed(rejections):
    """Whether a single sheet's format rejections refuse the request as a whole (HTTP 400):
    its JSON does not follow the siamo-fse schema."""
    return bool(rejections) and rejections[0].code == "FSE-SCHEMA"


def http_status(answer):
    """The HTTP status of a single sheet's acknowledgement: 201 received, 403 another
    provider's sheet, 409 a key reused for other content, 422 any other refusal."""
    if answer["status"] == "received":
        return 201
    codes = {reason["code"] for reason in answer["reasons"]}
    if "FSE-PROVIDER-NOT-SELF" in codes:
        return 403
    if "FSE-KEY-REUSED" in codes:
        return 409
    return 422
