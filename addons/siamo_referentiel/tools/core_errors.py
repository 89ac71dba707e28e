"""What siamo_core says, in the language of the person who reads it.

The core raises errors (and returns reasons) that carry a stable code, an English template
and named parameters (:mod:`siamo_core.exceptions`). This table gives each code its English
source string, marked for translation (French in ``siamo_referentiel/i18n/fr.po``), and
:func:`core_error_message` writes an error or a reason in the user's language:

    except InvalidIdentifier as error:
        raise ValidationError(core_error_message(self.env, error)) from error

A tier-1 test keeps this table and the raise sites of siamo_core in step: every code raised
has its entry here, with the same English sentence.
"""

# The table holds module-level lazy terms, as Odoo 18 does (``_lt = LazyTranslate(__name__)``):
# the .pot extraction finds them by the ``_lt`` keyword; they are translated at use time,
# through ``env._(term)``, in the language of the environment that shows them.
# pylint: disable=prefer-env-translation

import datetime
from decimal import Decimal

from odoo.tools import format_date
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)

CORE_MESSAGES = {
    "AMOUNT_AMBIGUOUS_DOT": _lt(
        "“%(value)s”: a dot may only separate groups of three digits, such as 250.000; "
        "an amount in FCFA has no decimals."
    ),
    "AMOUNT_BAD_GROUPING": _lt(
        "“%(value)s”: the digits of an amount are grouped by three, such as 1 250 000."
    ),
    "AMOUNT_EMPTY": _lt("No amount was given."),
    "AMOUNT_HAS_COMMA": _lt(
        "“%(value)s” has a comma: an amount in FCFA is a whole number of francs, "
        "written 250000, 250 000 or 250.000."
    ),
    "AMOUNT_MIXED_SEPARATORS": _lt(
        "“%(value)s” mixes dots and spaces: group the digits by three with one of them, "
        "such as 250 000 or 250.000."
    ),
    "AMOUNT_NEGATIVE": _lt("“%(value)s” is negative: an amount is 0 or more."),
    "AMOUNT_NOT_TEXT": _lt("%(value)r is not a typed amount."),
    "AMOUNT_TOO_LARGE": _lt("“%(value)s” is more than %(maximum)s FCFA."),
    "AMOUNT_BAD_REDUCTION": _lt(
        "A reduction can neither raise the IPM's share nor make it negative."
    ),
    "AMOUNT_FLOAT_REFUSED": _lt(
        "The value %(value)r must be given as an integer, a Decimal or a text, not as a "
        "floating-point number."
    ),
    "AMOUNT_NEGATIVE_WEIGHT": _lt("The weights of an allocation cannot be negative."),
    "AMOUNT_NOT_A_NUMBER": _lt("“%(value)s” is not a number."),
    "AMOUNT_NOT_FINITE": _lt("“%(value)s” is not a finite number."),
    "AMOUNT_NO_WEIGHT": _lt("An allocation needs at least one weight that is not zero."),
    "CARD_ANSWER_TOO_SHORT": _lt("The card's answer has fewer than 2 bytes."),
    "CARD_APDU_BAD_PARAMETER": _lt(
        "The APDU parameter %(name)s = %(value)s is outside %(low)s to %(high)s."
    ),
    "CARD_BAD_DATE": _lt(
        "The card's date “%(value)s” (field %(tag)s) is not a date written YYYYMMDD."
    ),
    "CARD_BAD_TEMPLATE": _lt(
        "The card's file does not hold the template %(tag)s its profile expects."
    ),
    "CARD_BAD_VALUE": _lt("The card's field %(tag)s holds “%(value)s”, not one of %(allowed)s."),
    "CARD_FIELD_MISSING": _lt("The card's identity file has no field %(tag)s."),
    "CARD_FIELD_NOT_TEXT": _lt("The card's field %(tag)s is not UTF-8 text."),
    "CARD_FILE_NOT_FOUND": _lt("The card has no such file or data (status %(sw)s)."),
    "CARD_FILE_SHORT": _lt(
        "The card's file %(file)s ends at byte %(offset)s, before the %(length)s bytes "
        "it announces."
    ),
    "CARD_FILE_TOO_LARGE": _lt(
        "The card's file %(file)s announces %(length)s bytes, more than %(maximum)s."
    ),
    "CARD_FINGERPRINT_BLOCKED": _lt(
        "The card's fingerprint verification is blocked: too many failed attempts."
    ),
    "CARD_FINGERPRINT_MISMATCH": _lt(
        "The fingerprint does not match the card's: %(attempts)s attempt(s) left."
    ),
    "CARD_NOT_SUPPORTED": _lt("The card does not support this command (status %(sw)s)."),
    "CARD_NO_APPLICATION": _lt("This card holds no SIAMO identity application."),
    "CARD_NO_FINGERPRINT": _lt("This card does not verify fingerprints."),
    "CARD_PIN_BAD_FORM": _lt("A PIN has %(minimum)s to %(maximum)s digits."),
    "CARD_PIN_BLOCKED": _lt("The card's PIN is blocked: too many wrong attempts."),
    "CARD_PIN_WRONG": _lt(
        "The PIN is wrong: %(attempts)s attempt(s) left before the card is blocked."
    ),
    "CARD_SECURITY_NOT_SATISFIED": _lt("The card refuses: the cardholder must be verified first."),
    "CARD_STATUS": _lt("The card answered %(sw)s to %(operation)s."),
    "TLV_BAD_LENGTH": _lt(
        "The TLV length at byte %(offset)s is not a definite length of at most %(maximum)s bytes."
    ),
    "TLV_BAD_TAG": _lt("The TLV tag at byte %(offset)s is longer than %(maximum)s bytes."),
    "TLV_TOO_DEEP": _lt("The TLV data nests deeper than %(maximum)s levels."),
    "TLV_TRUNCATED_LENGTH": _lt("The TLV data ends inside a length at byte %(offset)s."),
    "TLV_TRUNCATED_TAG": _lt("The TLV data ends inside a tag at byte %(offset)s."),
    "TLV_TRUNCATED_VALUE": _lt(
        "The TLV object %(tag)s at byte %(offset)s announces %(length)s bytes; only "
        "%(available)s remain."
    ),
    "FHIR_INVALID_CLAIM": _lt("The FHIR Claim is not valid: %(details)s"),
    "FILE_BAD_EXTENSION": _lt(
        "“%(filename)s” is not an .xlsx, .xls or .csv file: it cannot be read."
    ),
    "FILE_BAD_XLS": _lt("The .xls file cannot be read (%(detail)s)."),
    "FILE_BAD_XLSX": _lt("The .xlsx file cannot be read (%(detail)s)."),
    "FILE_EMPTY": _lt("The file is empty: its first row must name the columns."),
    "FILE_NOT_A_WORKBOOK": _lt(
        "“%(filename)s” is not an .xlsx or .xls workbook: this file has several sheets, "
        "send it as the template is."
    ),
    "IDC_BAD_CHANNEL": _lt("“%(value)s” is not a channel of identity checks."),
    "IDC_BAD_CHOICE": _lt("%(path)s: “%(value)s” is not one of %(choices)s."),
    "IDC_BAD_DATE": _lt("%(path)s: “%(value)s” is not a date written YYYY-MM-DD."),
    "IDC_BAD_PHOTO": _lt("card/photo must be a JPEG in base64 of at most %(limit)s kB, or null."),
    "IDC_BAD_TIME": _lt(
        "checked_at: “%(value)s” is not a time with its zone in ISO 8601, such as "
        "2026-12-03T10:15:00Z."
    ),
    "IDC_BENEFICIARY_AMBIGUOUS": _lt(
        "Several beneficiaries have the NIN “%(value)s”: name him by his member number."
    ),
    "IDC_BENEFICIARY_UNKNOWN": _lt(
        "No beneficiary of an IPM you have an agreement in force with has the NIN or member "
        "number “%(value)s”."
    ),
    "IDC_CARD_OTHER_HOLDER": _lt(
        "The card read belongs to the NIN %(card_nin)s, not to the beneficiary's."
    ),
    "IDC_CARD_REQUIRED": _lt("A check confirmed by the card gives what the card read (card)."),
    "IDC_FAILURE_CONFIRMED": _lt("A confirmed check has no failure: failure is null."),
    "IDC_FAILURE_METHOD": _lt(
        "The failure “%(failure)s” cannot happen in a check of method “%(method)s”."
    ),
    "IDC_KEY_BUSY": _lt("A check with this key is being recorded: send it again in a moment."),
    "IDC_MISSING": _lt("%(path)s is missing."),
    "IDC_NOT_AN_OBJECT": _lt("%(path)s must be a JSON object."),
    "IDC_NOT_A_PROVIDER": _lt("Only a care provider records identity checks."),
    "IDC_NOT_TEXT": _lt("%(path)s must be a text of 1 to %(limit)s characters."),
    "IDC_NO_BENEFICIARY": _lt("Name the beneficiary by his NIN or his member number."),
    "IDC_REASON_REQUIRED": _lt("A visual check gives its reason (why no card was read)."),
    "IDC_TIME_FUTURE": _lt(
        "The check is dated %(checked_at)s UTC, after the server's clock (%(received_at)s "
        "UTC): set the agent's clock."
    ),
    "IDC_TIME_STALE": _lt(
        "The check is dated %(checked_at)s UTC, more than 24 hours before the server received it."
    ),
    "IDC_UNKNOWN_FIELD": _lt("%(path)s is not a field of an identity check."),
    "IDENTITY_BAD_BIRTH_DATE": _lt("The birth date %(value)s is not a past date."),
    "IDENTITY_BAD_KIND": _lt("The card kind “%(value)s” is neither a CEDEAO card nor a CMU card."),
    "IDENTITY_BAD_SEX": _lt("The sex “%(value)s” is neither F nor M."),
    "IDENTITY_NOT_A_RECORD": _lt("An identity must be a set of fields."),
    "IDENTITY_NOT_TEXT": _lt("The identity's “%(field)s” must be a text."),
    "IDENTITY_NO_CMU_NUMBER": _lt("A CMU card identity needs its number."),
    "IDENTITY_NO_NIN": _lt("A CEDEAO card identity needs its NIN."),
    "IDENTITY_NO_SURNAME": _lt("An identity needs a surname."),
    "IDENTITY_SEX_NOT_NIN": _lt(
        "The sex %(sex)s does not match the NIN %(nin)s, which is that of a %(nin_sex)s."
    ),
    "IDENTIFIER_NOT_TEXT": _lt("An identifier must be a text."),
    "KEY_NOT_ED25519": _lt("The public key must be a 32-byte Ed25519 key in base64."),
    "NINEA_BAD_CHECKSUM": _lt("The NINEA “%(value)s” is not valid: its check character is wrong."),
    "NINEA_BAD_FORM": _lt("The NINEA “%(value)s” is not valid: its form is wrong."),
    "NINEA_BAD_LENGTH": _lt(
        "The NINEA “%(value)s” is not valid: it has 7 digits, then maybe its 3-character tax code."
    ),
    "NINEA_LEGACY_FORM": _lt(
        "The NINEA “%(value)s” has the old 10-digit form: check it with the ANSD."
    ),
    "NIN_BAD_FORM": _lt(
        "The NIN “%(value)s” does not have the expected form: a sex digit (1 or 2), a "
        "3-character civil registry centre code, a 4-digit year and a 5-digit serial number."
    ),
    "NIN_BAD_LENGTH": _lt("A NIN has 13 characters; “%(value)s” has %(length)s."),
    "NIN_BAD_YEAR": _lt(
        "The year %(year)s of the NIN “%(value)s” is not between %(first)s and %(last)s."
    ),
    "PACKAGE_BAD_RATE": _lt(
        "The coverage rate %(rate)s %% of the benefit “%(benefit)s” must be between 0 and 100 %%."
    ),
    "PACKAGE_EXCLUDED": _lt("The act or product is excluded from the care package."),
    "PACKAGE_MISSING_BENEFITS": _lt(
        "The care package does not cover these compulsory AMO benefits: %(benefits)s."
    ),
    "PACKAGE_NOT_IN_PACKAGE": _lt("The act or product is not in the care package."),
    "PACKAGE_NOT_REIMBURSABLE": _lt("The product is not reimbursable."),
    "RCCM_BAD_FORM": _lt(
        "The RCCM “%(value)s” does not have the expected form, for example SN-DKR-2015-B-14769."
    ),
    "RCCM_BAD_YEAR": _lt("The year %(year)s of the RCCM “%(value)s” is not plausible."),
    "RIGHTS_APPRENTICE_TOO_OLD": _lt("child aged %(age)s: over %(limit)s, even as an apprentice"),
    "RIGHTS_CHILD_NO_CERTIFICATE": _lt("child aged %(age)s without a valid school certificate"),
    "RIGHTS_LEFT": _lt("left the IPM on %(date)s"),
    "RIGHTS_NOT_BORN": _lt("not yet born on the care date"),
    "RIGHTS_NO_BIRTHDATE": _lt("birth date unknown"),
    "RIGHTS_NO_CONTRIBUTION": _lt("no contribution received: the waiting period has not started"),
    "RIGHTS_STUDENT_TOO_OLD": _lt("child aged %(age)s: over %(limit)s, even as a student"),
    "RIGHTS_SUSPENDED": _lt("rights suspended for unpaid contributions since %(date)s"),
    "RIGHTS_TOO_MANY_SPOUSES": _lt("spouse beyond the %(limit)s covered spouses"),
    "RIGHTS_WAITING": _lt("in the waiting period until %(date)s"),
    "ROW_AMOUNT_NOT_WHOLE": _lt("The amount %(value)s must be a whole number of FCFA."),
    "ROW_DUPLICATE_COLUMN": _lt("Column given twice."),
    "ROW_DUPLICATE_KEY": _lt("“%(key)s” is already on row %(row)s."),
    "ROW_MISSING_COLUMN": _lt("A required column is missing."),
    "ROW_NEGATIVE": _lt("“%(value)s” is negative."),
    "ROW_NEGATIVE_AMOUNT": _lt("The amount %(value)s is negative."),
    "ROW_NOT_AN_AMOUNT": _lt("“%(value)s” is not an amount."),
    "ROW_NOT_AN_INTEGER": _lt("“%(value)s” is not a whole number."),
    "ROW_NOT_A_CHOICE": _lt("“%(value)s” is not an allowed value (%(accepted)s)."),
    "ROW_NOT_A_DATE": _lt("“%(value)s” is not a date in the DD/MM/YYYY form."),
    "ROW_NOT_A_NUMBER": _lt("“%(value)s” is not a number."),
    "ROW_NOT_YES_OR_NO": _lt("“%(value)s” is neither yes nor no."),
    "ROW_REQUIRED_VALUE": _lt("A value is required."),
    "ROW_UNKNOWN_COLUMN": _lt("Unknown column “%(title)s”; expected columns: %(expected)s."),
    "ROW_UNKNOWN_REFERENCE": _lt("“%(value)s” is not a known value of the column %(column)s."),
    "RULES_BAD_CONTRIBUTION_RATE": _lt(
        "The contribution rate %(rate)s %% is not allowed: it must be positive and at most "
        "%(limit)s %% of the salary (decree 2012-832)."
    ),
    "RULES_BAD_EMPLOYER_SHARE": _lt(
        "The employer share %(share)s %% is not allowed: the employer pays at least %(limit)s %% "
        "of the contribution."
    ),
    "RULES_BAD_LATE_SURCHARGE": _lt("The late surcharge is between 0 and 100 %."),
    "RULES_BAD_SALARY_CEILING": _lt(
        "The salary ceiling %(ceiling)s FCFA is not allowed: it is at most %(limit)s FCFA a month."
    ),
    "RULES_BAD_WAITING_MONTHS": _lt(
        "A waiting period of %(months)s months is not allowed: it is at most %(limit)s months of "
        "contributions."
    ),
    "RULES_NEGATIVE_COUNT": _lt("%(rule)s cannot be negative."),
    "RULES_UNKNOWN_PERIOD": _lt("The period “%(period)s” is unknown (monthly or quarterly)."),
    "TARIFF_NONE": _lt(
        "No tariff for “%(item)s” on %(date)s: no agreement price, no key-letter value in force, "
        "no public price."
    ),
    "ALERT_NORM_ABOVE": _lt("%(scope)s: %(indicator)s is %(value)s, above the norm of %(norm)s."),
    "ALERT_NORM_BELOW": _lt("%(scope)s: %(indicator)s is %(value)s, below the norm of %(norm)s."),
    "ALERT_RETURN_LATE": _lt("The return of %(ipm)s for %(period)s is %(days)s day(s) late."),
    "RECO_BENEFIT_RATIO": _lt(
        "Benefits are low against contributions: check that the members use their cover and "
        "that the package gives what the rules promise."
    ),
    "RECO_CASH_MONTHS": _lt(
        "Cash covers too few months of benefits: plan the treasury and collect the arrears."
    ),
    "RECO_COLLECTION_RATE": _lt(
        "Collect the contributions still due: remind the member companies on schedule and "
        "suspend rights as the rules provide."
    ),
    "RECO_MANAGEMENT_COST_RATIO": _lt(
        "Bring the management costs back under the norm: review staff, premises and service "
        "contracts."
    ),
    "RECO_PAYMENT_DELAY_DAYS": _lt(
        "Pay the care providers sooner: settle and pay the bills every month."
    ),
    "RECO_REFUSAL_RATE": _lt(
        "Many care lines are refused: explain the package and the agreements to the providers "
        "and check the refusals' reasons."
    ),
    "RECO_RESERVE_RATIO": _lt(
        "Rebuild the reserves: set part of the surplus aside until the norm is reached."
    ),
    "RETURN_BAD_CHOICE": _lt("%(path)s: “%(value)s” is not one of %(choices)s."),
    "RETURN_BAD_CODE": _lt(
        "%(path)s: “%(value)s” is not a code (letters, digits, dot, dash; 32 at most)."
    ),
    "RETURN_BAD_PERIOD": _lt("%(path)s: “%(value)s” is not a month written YYYY-MM."),
    "RETURN_BAD_REGION": _lt("%(path)s: “%(value)s” is not a region code such as SN-DK."),
    "RETURN_DUPLICATE_ROW": _lt("%(path)s repeats row %(first)s."),
    "RETURN_FIELD_MISSING": _lt("%(path)s is missing."),
    "RETURN_FIELD_UNKNOWN": _lt("%(path)s is not a field of the return."),
    "RETURN_INVALID": _lt("The return has %(count)s problem(s)."),
    "RETURN_MORE_REFUSED_THAN_LINES": _lt("%(path)s: %(refused)s lines refused out of %(lines)s."),
    "RETURN_NOT_AN_AMOUNT": _lt(
        "%(path)s: “%(value)s” is not an amount in whole FCFA of 0 or more."
    ),
    "RETURN_NOT_AN_OBJECT": _lt("%(path)s is not an object."),
    "RETURN_NOT_A_COUNT": _lt("%(path)s: “%(value)s” is not a number of 0 or more."),
    "RETURN_NOT_A_LIST": _lt("%(path)s is not a list of rows."),
    "RETURN_SHEET_BAD_PERIOD": _lt(
        "“%(value)s” is not a month: write it as year-month, such as 2026-10."
    ),
    "RETURN_SHEET_EXTRA_ROW": _lt(
        "This sheet has one row of figures, row 2: this row is one too many."
    ),
    "RETURN_SHEET_MISSING": _lt("The sheet “%(sheet)s” is missing: start again from the template."),
    "RETURN_SHEET_NO_ROW": _lt("This sheet's figures are to be written on its row 2."),
    "RETURN_SETTLED_OVER_CLAIMED": _lt(
        "%(path)s: %(settled)s FCFA settled for %(claimed)s FCFA claimed."
    ),
    "RETURN_UNKNOWN_FORMAT": _lt(
        "%(path)s: this is not a %(format)s return of version %(version)s."
    ),
}


def _decimal_text(env, value):
    """A Decimal written with the decimal separator of the user's language."""
    text = format(value.normalize(), "f")
    point = env["res.lang"]._get_data(code=env.lang or "en_US").decimal_point or "."
    return text.replace(".", point)


def _param_text(env, value):
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return format_date(env, value)
    if isinstance(value, Decimal):
        return _decimal_text(env, value)
    if isinstance(value, tuple | list | frozenset | set):
        return ", ".join(str(_param_text(env, item)) for item in value)
    return value


def core_value_text(env, value):
    """A value a core error is about (a cell of a file...), written as the user's language
    writes it; empty for no value."""
    return "" if value is None else str(_param_text(env, value))


def core_error_message(env, error, **params):
    """The sentence of a core ``error`` (a :class:`~siamo_core.exceptions.SiamoError` or a
    :class:`~siamo_core.exceptions.Message`) in the language of ``env``, its parameters
    written in (dates and decimal numbers the way that language writes them).

    ``params`` replace some of the error's parameters with what only the addon knows (the
    translated label of a field, the names of records). An unknown code, or a plain text,
    comes back as ``str(error)``.
    """
    source = CORE_MESSAGES.get(getattr(error, "code", None))
    if source is None:
        return str(error)
    values = {
        name: _param_text(env, value)
        for name, value in {**(getattr(error, "params", None) or {}), **params}.items()
    }
    translated = env._(source)
    if not values:
        return translated
    try:
        return translated % values
    except (KeyError, TypeError, ValueError):  # a translation that lost its placeholders
        english = env(context={**env.context, "lang": "en_US"})._(source)
        return english % values
