import logging

import psycopg2

from odoo import api, fields, models
from odoo.exceptions import UserError

from siamo_core.identity_check import (
    CARD_KINDS,
    check_card_holder,
    check_provider,
    checked_channel,
    choose_beneficiary,
    key_in_use,
    new_reference,
    parse_identity_check,
)

METHODS = [
    ("card_pin", "Card and PIN"),
    ("card_fingerprint", "Card and fingerprint"),
    ("member_card_qr", "Member card QR code"),
    ("visual", "Visual check"),
]
RESULTS = [("confirmed", "Identity confirmed"), ("refused", "Identity refused")]
FAILURES = [
    ("pin_wrong", "Wrong PIN"),
    ("card_blocked", "Card blocked"),
    ("fingerprint_mismatch", "Fingerprint mismatch"),
]
CHANNELS = [("api", "API"), ("portal", "Provider Portal"), ("backend", "Back Office")]

_logger = logging.getLogger(__name__)


class SiamoIdentityCheck(models.Model):
    """An identity check of a beneficiary at the point of care, traced as it was made: who,
    where, how, with what result, when. Its reference, which nobody can guess, is the proof
    of presence a care sheet carries. A check is recorded once, by :meth:`_siamo_record`, and
    never changed nor deleted afterwards, by anyone."""

    _name = "siamo.identity.check"
    _description = "Identity Check at the Point of Care"
    _inherit = ["siamo.ipm.mixin", "siamo.protected.mixin"]
    _order = "checked_at desc, id desc"

    name = fields.Char(
        string="Proof Reference",
        required=True,
        readonly=True,
        copy=False,
        default=lambda self: new_reference(),
        help="The proof of presence a care sheet gives (presence_proof, of kind "
        "identity_check): the id the identity check API answers.",
    )
    beneficiary_id = fields.Many2one(
        "siamo.beneficiary", required=True, index=True, readonly=True, check_company=True
    )
    provider_id = fields.Many2one(
        "res.partner",
        string="Care Provider",
        index=True,
        readonly=True,
        domain="[('siamo_is_provider', '=', True)]",
    )
    practitioner = fields.Char(readonly=True, help="Who checked, as the provider gave it.")
    method = fields.Selection(METHODS, required=True, readonly=True, default="card_pin")
    result = fields.Selection(RESULTS, required=True, readonly=True)
    failure = fields.Selection(FAILURES, readonly=True)
    reason = fields.Char(readonly=True, help="Why the check was visual, without any card.")
    checked_at = fields.Datetime(
        required=True,
        readonly=True,
        default=fields.Datetime.now,
        help="The time the card-reader agent gave.",
    )
    received_at = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now)
    channel = fields.Selection(CHANNELS, required=True, readonly=True, default="backend")
    nin = fields.Char(string="NIN Read", readonly=True)
    card_kind = fields.Selection(
        [("cedeao", "CEDEAO biometric card"), ("cmu", "CMU card")], readonly=True
    )
    card_number = fields.Char(string="Card Number Read", readonly=True)
    agent_version = fields.Char(readonly=True)
    reader = fields.Char(string="Card Reader", readonly=True)
    user_id = fields.Many2one(
        "res.users",
        string="Recorded By",
        required=True,
        readonly=True,
        default=lambda self: self.env.user,
    )
    fse_ids = fields.One2many("siamo.fse", "presence_check_id", string="Care Sheets", readonly=True)
    client_key = fields.Char(
        string="Agent's Key",
        readonly=True,
        copy=False,
        help="The card-reader agent's own id of the check: sent again, it is the same check.",
    )

    _sql_constraints = [
        ("name_unique", "unique(name)", "Two identity checks cannot share a proof reference."),
        (
            "client_key_unique",
            "unique(provider_id, client_key)",
            "A provider's agent sent two checks under the same key.",
        ),
    ]

    # every check is final once recorded: no write, no deletion, not even as superuser
    def _siamo_final(self):
        return self

    def _siamo_final_reason(self):
        return self.env._("recorded")

    # ------------------------------------------------------------------ recording

    @api.model
    def _siamo_record(self, provider, payload, channel):
        """Record the identity check ``payload`` (the JSON body of the identity check API)
        that ``provider`` (the care provider's res.partner) made, received through
        ``channel`` ("api", "portal" or "backend"). Returns the new check; raises an
        :class:`~siamo_core.identity_check.InvalidIdentityCheck` (or a NIN's
        :class:`~siamo_core.exceptions.InvalidIdentifier`) and writes nothing on bad input.
        The caller has authenticated ``provider``; the check is written with the hub's
        rights, in the name of the user who sent it."""
        checked_channel(channel)
        provider = provider.sudo().commercial_partner_id
        check_provider(provider.siamo_is_provider)
        received_at = fields.Datetime.now()
        check = parse_identity_check(payload, received_at)
        known = self._siamo_sent_before(provider, check.key)
        if known:
            return known.with_env(self.env)
        beneficiary = self._siamo_beneficiary_of(provider, check.beneficiary)
        check_card_holder(check, beneficiary.nin or "")
        record = self._siamo_create_once(
            self._siamo_values(provider, beneficiary, check, channel, received_at)
        )
        # a card read says who the holder is only of a file whose NIN the card matched: a
        # provider never gives a file its NIN (the IPM's staff or the registry do)
        if check.card and check.confirmed and beneficiary.nin:
            self._siamo_record_card_identity(beneficiary, payload["card"])
        return record.with_env(self.env)

    @api.model
    def _siamo_record_card_identity(self, beneficiary, card):
        """The identity the cardholder proved is recorded on the beneficiary's file, to
        confirm with the registry: the agent's data is signed by no one (what differs
        becomes a conflict for the IPM's staff). A card whose data the file cannot
        take (no surname, a photo that is no image...) leaves the check as it is: the check
        proves the presence, the file waits for the IPM's staff."""
        try:
            with self.env.cr.savepoint():
                # sudo: the provider proves the identity, the IPM's staff resolve conflicts
                beneficiary.sudo()._siamo_record_identity(card, "provider_card")
        except UserError as error:
            _logger.info("Card identity of beneficiary %s not recorded: %s", beneficiary.id, error)

    @api.model
    def _siamo_sent_before(self, provider, key):
        """The check ``provider``'s agent already sent under ``key`` (a retry after a lost
        answer), if any."""
        if not key:
            return self.browse()
        return self.sudo().search(
            [("provider_id", "=", provider.id), ("client_key", "=", key)], limit=1
        )

    @api.model
    def _siamo_create_once(self, values):
        """The new check; the same key sent twice at the same instant: the second waits
        for the first and is told to send it again, which answers the first check."""
        try:
            with self.env.cr.savepoint():
                return self.sudo().create(values)
        except psycopg2.errors.UniqueViolation as error:
            raise key_in_use() from error

    @api.model
    def _siamo_beneficiary_of(self, provider, key):
        """The active beneficiary ``key`` names in an IPM ``provider`` has an agreement in
        force with (see :func:`~siamo_core.identity_check.choose_beneficiary`)."""
        kind, value = key
        found = (
            self.env["siamo.beneficiary"]
            .sudo()
            .search([(kind, "=", value), ("active", "=", True)], limit=10)
        )
        return choose_beneficiary(
            [(beneficiary, beneficiary.company_id.id) for beneficiary in found],
            set(provider.siamo_agreement_ipm_ids.ids),
            value,
        )

    @api.model
    def _siamo_values(self, provider, beneficiary, check, channel, received_at):
        card = check.card
        return {
            "company_id": beneficiary.company_id.id,
            "beneficiary_id": beneficiary.id,
            "provider_id": provider.id,
            "practitioner": check.practitioner or False,
            "method": check.method,
            "result": check.result,
            "failure": check.failure or False,
            "reason": check.reason or False,
            "checked_at": check.checked_at,
            "received_at": received_at,
            "channel": channel,
            "nin": (card and card.nin) or False,
            "card_kind": card.kind if card and card.kind in CARD_KINDS else False,
            "card_number": card.number if card else False,
            "agent_version": check.agent_version or False,
            "reader": check.reader or False,
            "user_id": self.env.uid,
            "client_key": check.key or False,
        }

    def _siamo_api_answer(self):
        """What the identity check API answers once the check is recorded."""
        self.ensure_one()
        check = self.sudo()
        return {
            "id": check.name,
            "result": check.result,
            "checked_at": check.checked_at.isoformat(timespec="seconds") + "Z",
            "beneficiary": {
                "name": check.beneficiary_id.name,
                "member_number": check.beneficiary_id.member_number or None,
            },
        }

    # ------------------------------------------------------------------ proofs

    @api.model
    def _siamo_proofs(self, references):
        """``{reference: check}`` of the checks ``references`` name (with the hub's rights:
        the intake looks a sheet's proof up whoever made it)."""
        references = [ref for ref in references if isinstance(ref, str) and ref]
        if not references:
            return {}
        checks = self.sudo().search([("name", "in", references)])
        return {check.name: check for check in checks}
