"""The SIAMO card-reader agent: on the provider's computer, it reads the beneficiary's identity
card (SIAMO's card profile, ``siamo_core/card/PROFILE.md``) through PC/SC, verifies the
cardholder (PIN, or match-on-card fingerprint) and either posts the identity check to SIAMO's
API or answers the provider's portal page on http://127.0.0.1:<port>."""

VERSION = "1.0.0"
