"""The label of each reason code, for people: "label (code)" wherever a code is shown.

The codes are siamo_core's (settlement ``LIQ-``, intake ``FSE-``, medical control ``CTRL-``);
a provider's software acts on them, a person reads the label in his own language. English
source strings, translated in ``i18n/fr.po`` like any other string of the addon.
"""

REASON_LABELS = {
    # settlement (siamo_core.settlement.REASONS)
    "LIQ-RIGHTS": "No rights on the day of care",
    "LIQ-NOT-COVERED": "Act or product outside the care package",
    "LIQ-AUTH": "Prior authorization required and missing",
    "LIQ-NO-TARIFF": "No tariff applies on the day of care",
    "LIQ-OVER-TARIFF": "Amount claimed above the tariff",
    "LIQ-CEILING-ACT": "Ceiling per act reached",
    "LIQ-CEILING-BENEFICIARY": "Beneficiary's yearly ceiling reached",
    "LIQ-CEILING-FAMILY": "Family's yearly ceiling reached",
    "LIQ-FREQUENCY": "Maximum frequency of the act exceeded",
    "LIQ-DUPLICATE": "Act already settled for this beneficiary, this day, at this provider",
    # intake (siamo_core.fse.reasons.REASONS)
    "FSE-SCHEMA": "Sheet not in the siamo-fse/1.0 format",
    "FSE-TOTAL": "The total is not the sum of the lines",
    "FSE-SIGNATURE": "Signature missing or invalid",
    "FSE-PROVIDER-UNKNOWN": "Unknown care provider",
    "FSE-PROVIDER-NOT-SELF": "A provider sends only its own sheets",
    "FSE-NO-AGREEMENT": "Provider without an agreement in force with the IPM",
    "FSE-BENEFICIARY-UNKNOWN": "Unknown beneficiary",
    "FSE-WRONG-IPM": "The beneficiary is not covered by the IPM given",
    "FSE-ITEM-UNKNOWN": "Act or medicine unknown to the referentials",
    "FSE-CARE-DATE": "Date of care in the future",
    "FSE-DUPLICATE": "Sheet already received under another id",
    "FSE-KEY-REUSED": "Sheet id already used for another sheet",
    "FSE-AUTH-MISSING": "Prior authorization required and missing",
    "FSE-AUTH-UNKNOWN": "Unknown prior authorization",
    "FSE-AUTH-MISMATCH": "Prior authorization issued to another beneficiary or provider",
    "FSE-AUTH-EXPIRED": "Prior authorization outside its period of validity",
    "FSE-AUTH-ITEM": "Act or medicine not covered by the prior authorization",
    "FSE-AUTH-AMOUNT": "Amount of the prior authorization exceeded",
    # medical control (siamo_core.medical_control.REASONS)
    "CTRL-RANDOM": "Random draw",
    "CTRL-AMOUNT": "High amount",
    "CTRL-PEER": "Cost per sheet far above the other providers'",
    "CTRL-OVER-TARIFF": "Line above the tariff",
    "CTRL-FREQUENCY": "Maximum frequency exceeded",
    "CTRL-OUTSIDE": "Care outside the package",
    "CTRL-MANY-PROVIDERS": "Beneficiary seen by several providers the same day",
}


def reason_label(env, code):
    """``label (code)`` in the user's language; a code without a label shows as it is."""
    label = REASON_LABELS.get(code)
    if not label:
        return code
    # the English source strings above are the fr.po entries of this file
    return f"{env._(label)} ({code})"


def reason_labels(env, codes):
    """The labels of space-separated ``codes`` (as the models store them), joined by "; "."""
    return "; ".join(reason_label(env, code) for code in (codes or "").split())
