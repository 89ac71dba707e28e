import logging

from odoo import fields, models
from odoo.addons.queue_job.exception import RetryableJobError
from odoo.addons.siamo_ipm.models.siamo_beneficiary import SiamoBeneficiary as IpmBeneficiary
from odoo.addons.siamo_referentiel.tools.core_errors import core_error_message
from odoo.exceptions import AccessError, UserError, ValidationError

from siamo_core.exceptions import SiamoError
from siamo_core.identity import OnFile, compare_identity, identity_state, parse_identity

from .siamo_identity_conflict import FIELD_OF, SOURCES
from .siamo_identity_registry import RegistryUnreachable

_logger = logging.getLogger(__name__)
GENDER_OF_SEX = {"F": "female", "M": "male"}
SEX_OF_GENDER = {gender: sex for sex, gender in GENDER_OF_SEX.items()}
# the fields a keyed change sends back to "to confirm"
IDENTITY_DATA = (
    "nin",
    "identity_kind",
    "identity_card_number",
    "identity_surname",
    "identity_given_names",
    "birthdate",
    "gender",
)
STILL_COVERED = ("waiting", "covered", "suspended")
# a registry that is down is asked again a quarter of an hour later
RETRY_SECONDS = 15 * 60


class SiamoBeneficiary(models.Model):
    """A beneficiary's civil identity: NIN (CEDEAO card) or CMU card number, names, birth
    date, sex and photo, where it came from and whether it is confirmed."""

    _inherit = "siamo.beneficiary"
    # where the identity came from and whether it is confirmed: only the recording and the
    # confirmation set them
    _siamo_protected_fields = (
        *IpmBeneficiary._siamo_protected_fields,
        "identity_source",
        "identity_state",
        "identity_confirmed_on",
    )

    identity_kind = fields.Selection(
        [("cedeao", "CEDEAO card"), ("cmu", "CMU card")],
        string="Identity Card",
        tracking=True,
        help="The CEDEAO biometric card for Senegalese citizens, the CMU card for foreigners.",
    )
    identity_card_number = fields.Char(string="Card Number", tracking=True)
    identity_surname = fields.Char(string="Surname", tracking=True)
    identity_given_names = fields.Char(string="Given Names", tracking=True)
    identity_source = fields.Selection(SOURCES, default="keyed", tracking=True)
    identity_state = fields.Selection(
        [("to_confirm", "To confirm"), ("confirmed", "Confirmed"), ("conflict", "In conflict")],
        string="Identity",
        default="to_confirm",
        required=True,
        tracking=True,
        index=True,
    )
    identity_confirmed_on = fields.Datetime(readonly=True)
    identity_conflict_ids = fields.One2many(
        "siamo.identity.conflict",
        "beneficiary_id",
        string="Identity Conflicts",
        groups="siamo_ipm.group_ipm_user",
    )

    def write(self, vals):
        keyed = not self._siamo_business_write() and bool(set(vals) & set(IDENTITY_DATA))
        result = super().write(vals)
        if keyed:
            changed = self.filtered(
                lambda b: (
                    (b.identity_state, b.identity_source) != ("to_confirm", "keyed")
                    and b.identity_state != "conflict"
                )
            )
            changed._siamo_protected().write(
                {"identity_state": "to_confirm", "identity_source": "keyed"}
            )
        return result

    # ------------------------------------------------------------------ the identity on file

    def _siamo_on_file(self):
        self.ensure_one()
        return OnFile(
            name=self.name,
            nin=self.nin or None,
            surname=self.identity_surname or None,
            given_names=self.identity_given_names or None,
            birth_date=self.birthdate or None,
            sex=SEX_OF_GENDER.get(self.gender),
        )

    def _siamo_identity_values(self, found, names=None):
        """The beneficiary's values of the identity ``found`` (all, or ``names`` of
        siamo_core's compared fields)."""
        values = {
            "nin": found.nin,
            "name": found.full_name,
            "surname": found.surname,
            "given_names": found.given_names,
            "birth_date": found.birth_date,
            "sex": GENDER_OF_SEX.get(found.sex),
        }
        names = values if names is None else names
        vals = {
            field: values[name]
            for name, field in FIELD_OF.items()
            if name in names and values[name]
        }
        if found.kind:
            vals["identity_kind"] = found.kind
        if found.number:
            vals["identity_card_number"] = found.number
        return vals

    def _siamo_parse_identity(self, identity):
        try:
            return parse_identity(identity, today=fields.Date.context_today(self))
        except SiamoError as error:
            raise ValidationError(core_error_message(self.env, error)) from error

    def _siamo_check_identity_right(self):
        if self.env.su:
            return
        if not self.env.user.has_group("siamo_ipm.group_ipm_user"):
            raise AccessError(self.env._("Only the IPM's staff record or confirm identities."))
        self.check_access("write")

    def _siamo_covered_elsewhere(self, nin):
        """Whether another IPM covers ``nin``: only that, never who nor where."""
        if not nin:
            return False
        return bool(
            self.sudo().search_count(
                [
                    ("nin", "=", nin),
                    ("company_id", "!=", self.company_id.id),
                    ("state", "in", STILL_COVERED),
                ],
                limit=1,
            )
        )

    # ------------------------------------------------------------------ recording

    def _siamo_record_identity(self, identity, source):
        """Record the identity ``identity`` read from a card by the IPM's staff (``source``
        "card") or by a care provider's agent ("provider_card"), or keyed ("keyed"): a dict
        with kind ("cedeao"/"cmu"), number, nin, surname, given_names, birth_date (date), sex
        ("F"/"M"), photo (base64 or None). What agrees with the file fills what it lacks;
        what differs, or a NIN another IPM covers, becomes an identity conflict and changes
        nothing. Returns the conflicts raised (empty when none)."""
        self.ensure_one()
        if source not in ("card", "provider_card", "keyed"):
            # a caller's mistake, never a user's: no message for a clerk to read
            raise ValueError(f"unknown identity source {source!r}")
        self._siamo_check_identity_right()
        found = self._siamo_parse_identity(identity)
        return self._siamo_take_identity(found, source, identity.get("photo") or False)

    def _siamo_take_identity(self, found, source, photo=False):
        self.ensure_one()
        conflicts = self.env["siamo.identity.conflict"]
        if self._siamo_covered_elsewhere(found.nin):
            conflicts |= self._siamo_open_conflict("covered_elsewhere", source, found, photo)
        if source == "keyed":
            # the staff's own typing: on file at once, to confirm with the registry
            vals = self._siamo_identity_values(found)
        else:
            comparison = compare_identity(self._siamo_on_file(), found)
            if comparison.differences:
                conflicts |= self._siamo_open_conflict(
                    "differs", source, found, photo, comparison.differences
                )
            if conflicts:
                self._siamo_set_identity_state("conflict")
                return conflicts
            vals = self._siamo_identity_values(found, comparison.missing)
            if photo and not self.photo:
                vals["photo"] = photo
        self._siamo_take_values(vals, source)
        return conflicts

    def _siamo_take_values(self, vals, source):
        """Put the identity values ``vals`` from ``source`` on file, and the state that
        follows (:func:`siamo_core.identity.identity_state`)."""
        changed = any(self[field] != value for field, value in vals.items())
        was_confirmed = self.identity_state == "confirmed"
        if changed or self.identity_source != source:
            self._siamo_protected().write({**vals, "identity_source": source})
        self._siamo_set_identity_state(
            identity_state(source, self._siamo_conflict_open(), was_confirmed, changed)
        )

    def _siamo_conflict_open(self):
        """Whether a conflict of the beneficiary is open."""
        self.ensure_one()
        Conflict = self.env["siamo.identity.conflict"].sudo()
        return bool(
            Conflict.search_count([("beneficiary_id", "=", self.id), ("state", "=", "open")])
        )

    def _siamo_set_identity_state(self, state):
        vals = {"identity_state": state}
        if state == "confirmed":
            vals["identity_confirmed_on"] = fields.Datetime.now()
        self._siamo_protected().write(vals)

    def _siamo_open_conflict(self, kind, source, found, photo=False, differences=()):
        """The open conflict of this kind and source proposing ``found`` (``None`` when the
        registry knows no such NIN), made when none is open yet."""
        self.ensure_one()
        proposed = {
            "proposed_kind": found.kind if found else False,
            "proposed_number": found.number if found else False,
            "proposed_nin": found.nin if found else False,
            "proposed_surname": found.surname if found else False,
            "proposed_given_names": found.given_names if found else False,
            "proposed_birth_date": found.birth_date if found else False,
            "proposed_sex": found.sex if found else False,
        }
        Conflict = self.env["siamo.identity.conflict"].sudo()
        same = Conflict.search(
            [
                ("beneficiary_id", "=", self.id),
                ("state", "=", "open"),
                ("kind", "=", kind),
                ("source", "=", source),
            ]
        ).filtered(
            lambda conflict: all(
                (conflict[key] or False) == (value or False) for key, value in proposed.items()
            )
        )
        if same:
            return same[:1].with_env(self.env)
        conflict = Conflict.create(
            {
                **proposed,
                "company_id": self.company_id.id,
                "beneficiary_id": self.id,
                "kind": kind,
                "source": source,
                "difference_fields": ",".join(differences),
                "proposed_photo": photo,
                "file_name": self.name,
                "file_nin": self.nin,
                "file_birth_date": self.birthdate,
                "file_sex": SEX_OF_GENDER.get(self.gender, False),
            }
        )
        self.message_post(
            body=self.env._(
                "Identity conflict: %(conflict)s. Nothing was changed on file.",
                conflict=conflict.display_name,
            )
        )
        return conflict.with_env(self.env)

    # ------------------------------------------------------------------ conflicts resolved

    def _siamo_take_conflict_identity(self, conflict):
        """Put the identity ``conflict`` proposes on file (the staff took it)."""
        self.ensure_one()
        found = self._siamo_parse_identity(conflict._proposed_identity())
        vals = self._siamo_identity_values(found)
        if conflict.proposed_photo:
            vals["photo"] = conflict.proposed_photo
        self._siamo_protected().write({**vals, "identity_source": conflict.source})

    def _siamo_after_conflict(self):
        """Confirmed, by the staff's decision, once no conflict of the beneficiary is left
        open."""
        for beneficiary in self:
            beneficiary._siamo_set_identity_state(
                identity_state("staff", beneficiary._siamo_conflict_open())
            )

    # ------------------------------------------------------------------ the national registry

    def _siamo_confirm_with_registry(self, service=None):
        """Ask the national registry for this beneficiary's NIN and take its answer as the
        card's is taken: confirmed when it agrees, a conflict when it differs or does not
        know the NIN."""
        self.ensure_one()
        if not self.nin:
            raise UserError(
                self.env._(
                    "%(name)s has no NIN to confirm with the national registry.",
                    name=self.display_name,
                )
            )
        registry = self.env["siamo.identity.registry"]
        data = registry._lookup(self.nin, service)
        if data is None:
            conflict = self._siamo_open_conflict("unknown_nin", "registry", None)
            self._siamo_set_identity_state("conflict")
            return conflict
        try:
            found = parse_identity(data, today=fields.Date.context_today(self))
        except SiamoError as error:
            _logger.warning("The identity registry answered for %s: %s", self.nin, error)
            raise UserError(
                self.env._(
                    "The national identity registry answered for the NIN %(nin)s with an "
                    "identity SIAMO cannot read.",
                    nin=self.nin,
                )
            ) from error
        return self._siamo_take_identity(found, "registry")

    def action_confirm_identity(self):
        """Confirm these beneficiaries' identity with the national registry now."""
        self._siamo_check_identity_right()
        service = self.env["siamo.identity.registry"]._client()
        conflicts = self.env["siamo.identity.conflict"]
        for beneficiary in self:
            conflicts |= beneficiary._siamo_confirm_with_registry(service)
        if len(self) == 1 and conflicts:
            return {
                "type": "ir.actions.act_window",
                "res_model": "siamo.identity.conflict",
                "res_id": conflicts[:1].id,
                "view_mode": "form",
            }
        return True

    def action_confirm_identities_later(self):
        """Confirm with the registry, in the background, those of these beneficiaries whose
        identity is still to confirm: one job per IPM."""
        self._siamo_check_identity_right()
        todo = self.filtered(lambda b: b.identity_state == "to_confirm" and b.nin)
        for company, beneficiaries in todo.grouped("company_id").items():
            beneficiaries.with_company(company).with_delay(
                description=self.env._(
                    "Confirm %(count)s identities with the national registry for %(ipm)s",
                    count=len(beneficiaries),
                    ipm=company.name,
                ),
            )._siamo_confirm_identities_job()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "info",
                "message": self.env._(
                    "%(count)s identities will be confirmed with the national registry in "
                    "the background.",
                    count=len(todo),
                ),
            },
        }

    def _siamo_confirm_identities_job(self):
        """Job: confirm those of these beneficiaries still to confirm. A refusal for one
        beneficiary is said in its chatter and stops no other; a registry that cannot be
        reached leaves them all as they were, the job runner trying again later."""
        self._siamo_check_identity_right()
        try:
            return self._siamo_confirm_identities()
        except RegistryUnreachable as error:
            raise RetryableJobError(str(error.args[0]), seconds=RETRY_SECONDS) from error

    def _siamo_confirm_identities(self):
        service = self.env["siamo.identity.registry"]._client()
        confirmed = conflicts = refused = 0
        for beneficiary in self.filtered(lambda b: b.identity_state == "to_confirm" and b.nin):
            try:
                with self.env.cr.savepoint():
                    found = beneficiary._siamo_confirm_with_registry(service)
            except RegistryUnreachable:
                raise
            except UserError as error:
                refused += 1
                beneficiary.message_post(body=str(error.args[0]))
                continue
            if found:
                conflicts += 1
            else:
                confirmed += 1
        return self.env._(
            "%(confirmed)s confirmed, %(conflicts)s in conflict, %(refused)s refused.",
            confirmed=confirmed,
            conflicts=conflicts,
            refused=refused,
        )
