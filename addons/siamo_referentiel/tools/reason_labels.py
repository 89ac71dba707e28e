"""The labels of the reason codes a sheet, a settled line or a control carries, in the
user's language."""

# module-level lazy terms, as in core_errors.py: translated at use time through env._(term)
# pylint: disable=prefer-env-translation

from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)

# The labels of the reason codes of the intake (FSE-*), the settlement (LIQ-*) and the medical
# control (CTRL-*): siamo_core keeps its French labels (the API and the documents show them);
# the addons show a code's label in the user's language with reason_label(env, code), and
# "label (code)" of stored codes with reason_labels(env, codes).
REASON_LABELS = {
    "FSE-SCHEMA": _lt("Sheet not in the siamo-fse/1.0 format"),
    "FSE-TOTAL": _lt("The total does not match the sum of the lines"),
    "FSE-SIGNATURE": _lt("Signature missing or invalid"),
    "FSE-PROVIDER-UNKNOWN": _lt("Unknown provider"),
    "FSE-PROVIDER-NOT-SELF": _lt("A provider sends only its own sheets"),
    "FSE-NO-AGREEMENT": _lt("Provider without an agreement in force with the IPM"),
    "FSE-BENEFICIARY-UNKNOWN": _lt("Unknown beneficiary"),
    "FSE-WRONG-IPM": _lt("The beneficiary is not covered by the IPM given"),
    "FSE-ITEM-UNKNOWN": _lt("Act or medicine unknown to the referentials"),
    "FSE-CARE-DATE": _lt("Care date in the future"),
    "FSE-DUPLICATE": _lt("Sheet already received under another id"),
    "FSE-KEY-REUSED": _lt("Sheet id already used for another sheet"),
    "FSE-AUTH-MISSING": _lt("Care authorization required and missing"),
    "FSE-AUTH-UNKNOWN": _lt("Unknown care authorization"),
    "FSE-AUTH-MISMATCH": _lt("Care authorization issued to another beneficiary or provider"),
    "FSE-AUTH-EXPIRED": _lt("Care authorization outside its validity period"),
    "FSE-AUTH-ITEM": _lt("Act or medicine not covered by the care authorization"),
    "FSE-AUTH-AMOUNT": _lt("Care authorization amount exceeded"),
    "FSE-PRESENCE-UNKNOWN": _lt("Unknown proof of presence"),
    "FSE-PRESENCE-MISMATCH": _lt("Proof of presence of another beneficiary or provider"),
    "FSE-PRESENCE-REFUSED": _lt("Identity check refused: it does not prove presence"),
    "FSE-PRESENCE-EXPIRED": _lt("Identity check outside the 24 hours before the care"),
    "LIQ-RIGHTS": _lt("No rights on the care date"),
    "LIQ-NOT-COVERED": _lt("Act or product outside the care package"),
    "LIQ-AUTH": _lt("Care authorization required and missing"),
    "LIQ-PRESENCE": _lt("Proof of presence required and missing"),
    "LIQ-NO-TARIFF": _lt("No tariff applies on the care date"),
    "LIQ-OVER-TARIFF": _lt("Amount claimed above the tariff"),
    "LIQ-CEILING-ACT": _lt("Ceiling per act reached"),
    "LIQ-CEILING-BENEFICIARY": _lt("Yearly ceiling of the beneficiary reached"),
    "LIQ-CEILING-FAMILY": _lt("Yearly ceiling of the family reached"),
    "LIQ-FREQUENCY": _lt("Maximum frequency of the act exceeded"),
    "LIQ-DUPLICATE": _lt("Act already settled for this beneficiary, this day, at this provider"),
    "CTRL-RANDOM": _lt("Random draw"),
    "CTRL-AMOUNT": _lt("High amount"),
    "CTRL-PEER": _lt("Cost per sheet far above the other providers'"),
    "CTRL-OVER-TARIFF": _lt("Line above the tariff"),
    "CTRL-FREQUENCY": _lt("Maximum frequency exceeded"),
    "CTRL-OUTSIDE": _lt("Care outside the package"),
    "CTRL-MANY-PROVIDERS": _lt("Beneficiary seen by several providers on the same day"),
}


def reason_label(env, code):
    """The label of a reason code (``LIQ-OVER-TARIFF``...) in the language of ``env``; an
    unknown code comes back as it is."""
    label = REASON_LABELS.get(code)
    return env._(label) if label is not None else code


def reason_labels(env, codes):
    """``label (code)`` of each of the space-separated ``codes`` (as the models store them),
    joined by "; ": a person reads the label, a provider's software acts on the code."""
    return "; ".join(
        f"{reason_label(env, code)} ({code})" if code in REASON_LABELS else code
        for code in (codes or "").split()
    )
