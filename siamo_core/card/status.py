"""What a status word means for each command of the profile: nothing (it succeeded) or a
coded :class:`CardError`, whose code the agent and the addons show in French."""

from ..exceptions import CardError

VERIFY_OPERATIONS = ("verify_pin", "verify_fingerprint")


def _verification_failed(operation, tries):
    if operation == "verify_pin":
        return CardError(
            "CARD_PIN_WRONG",
            "The PIN is wrong: %(attempts)s attempt(s) left before the card is blocked.",
            attempts=tries,
        )
    return CardError(
        "CARD_FINGERPRINT_MISMATCH",
        "The fingerprint does not match the card's: %(attempts)s attempt(s) left.",
        attempts=tries,
    )


def _blocked(operation):
    if operation == "verify_fingerprint":
        return CardError(
            "CARD_FINGERPRINT_BLOCKED",
            "The card's fingerprint verification is blocked: too many failed attempts.",
        )
    return CardError("CARD_PIN_BLOCKED", "The card's PIN is blocked: too many wrong attempts.")


def _not_found(operation, sw):
    if operation == "select_application":
        return CardError("CARD_NO_APPLICATION", "This card holds no SIAMO identity application.")
    if operation == "verify_fingerprint":
        return CardError("CARD_NO_FINGERPRINT", "This card does not verify fingerprints.")
    return CardError(
        "CARD_FILE_NOT_FOUND", "The card has no such file or data (status %(sw)s).", sw=sw
    )


def status_error(sw, operation):
    """The :class:`CardError` of status word ``sw`` (an int such as 0x6A82) answered to
    ``operation``, or None when it succeeded. 61xx and 6Cxx are the transport's business
    (:func:`siamo_core.card.session.transceive`): here they are unexpected."""
    text = f"{sw:04X}"
    if sw in (0x9000, 0x6282):
        return None
    if sw & 0xFFF0 == 0x63C0 and operation in VERIFY_OPERATIONS:
        # 63C0: that failure used the last attempt, the card is blocked from now on
        tries = sw & 0x0F
        return _verification_failed(operation, tries) if tries else _blocked(operation)
    if sw in (0x6983, 0x6984) and operation in VERIFY_OPERATIONS:
        return _blocked(operation)
    if sw == 0x6982:
        return CardError(
            "CARD_SECURITY_NOT_SATISFIED",
            "The card refuses: the cardholder must be verified first.",
        )
    if sw in (0x6A82, 0x6A88):
        return _not_found(operation, text)
    if sw in (0x6D00, 0x6E00, 0x6A81):
        return CardError(
            "CARD_NOT_SUPPORTED", "The card does not support this command (status %(sw)s).", sw=text
        )
    return CardError(
        "CARD_STATUS",
        "The card answered %(sw)s to %(operation)s.",
        sw=text,
        operation=operation,
    )


def check(sw, operation):
    error = status_error(sw, operation)
    if error is not None:
        raise error
