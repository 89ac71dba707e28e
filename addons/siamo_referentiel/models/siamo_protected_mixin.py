"""Money and decision fields that only the business methods change, and documents that never
change once final — OCA ``queue_job``'s protected fields (written only under an internal
context key, any other write refused) and ``account.move``'s posted entries."""

from odoo import api, models
from odoo.exceptions import AccessError, UserError

CONTEXT_KEY = "siamo_protected_write"
# an object, not a flag: a context that comes in through RPC (JSON) can never carry it
_BUSINESS_WRITE = object()
# what a final record still takes: its chatter, followers and activities
_MAIL_PREFIXES = ("message_", "activity_", "website_message_")


class SiamoProtectedMixin(models.AbstractModel):
    """Declare per model which fields the business methods alone change:

    - ``_siamo_protected_fields``: set only by the business methods (results, shares,
      decisions, states); a create refuses them too, unless they hold their default;
    - ``_siamo_fixed_fields``: given at creation (what a provider claimed), never changed
      but while :meth:`_siamo_being_keyed` holds the record (a paper sheet being typed);
    - ``_siamo_draft_fields``: changed only while :meth:`_siamo_draft` holds the record;
    - :meth:`_siamo_final`: the records that never change nor go (validated, posted, paid),
      but for ``_siamo_final_open_fields``, which the business methods still write;
    - ``_siamo_protected_unlink``: only the business methods delete the records.

    The business methods check the role and the state, then write through
    :meth:`_siamo_protected`. Code running as superuser (data files, ``sudo`` in the hub) is
    trusted with protected and draft fields, never with final records."""

    _name = "siamo.protected.mixin"
    _description = "Fields Changed Only by Business Methods"

    _siamo_protected_fields = ()
    _siamo_fixed_fields = ()
    _siamo_draft_fields = ()
    _siamo_final_open_fields = ()
    _siamo_protected_unlink = False

    def _siamo_protected(self):
        """These records, for a business method that has checked who asks and the state."""
        return self.with_context(**{CONTEXT_KEY: _BUSINESS_WRITE})

    def _siamo_business_write(self):
        return self.env.su or self.env.context.get(CONTEXT_KEY) is _BUSINESS_WRITE

    def _siamo_final(self):
        """The records of ``self`` that never change again."""
        return self.browse()

    def _siamo_final_reason(self):
        """Why this record is final, for the message (the label of its state)."""
        self.ensure_one()
        field = self._fields.get("state")
        if not field:
            return ""
        return dict(field._description_selection(self.env)).get(self.state, self.state)

    def _siamo_draft(self):
        """The records of ``self`` whose ``_siamo_draft_fields`` may still change."""
        return self.filtered(lambda record: record.state == "draft")

    def _siamo_being_keyed(self):
        """The records of ``self`` still being keyed, whose fixed fields are still open."""
        return self.browse()

    def _siamo_labels(self, names):
        return ", ".join(
            sorted(f"« {self._fields[name]._description_string(self.env)} »" for name in names)
        )

    def _siamo_model_label(self):
        return self.env["ir.model"]._get(self._name).name or self._description

    # ------------------------------------------------------------------ guards

    def _siamo_check_final(self, names=None):
        """Refuse to change (``names``) or delete (``None``) a final record."""
        if names is not None:
            open_fields = set(self._siamo_final_open_fields)
            names = [
                name
                for name in names
                if name not in open_fields and not name.startswith(_MAIL_PREFIXES)
            ]
            if not names:
                return
        for record in self._siamo_final()[:1]:
            raise UserError(
                self.env._(
                    "%(model)s %(record)s is final (%(reason)s): it can no longer be changed "
                    "or deleted.",
                    model=self._siamo_model_label(),
                    record=record.display_name,
                    reason=record._siamo_final_reason(),
                )
            )

    def _siamo_check_protected(self, names, record_name):
        if names and not self._siamo_business_write():
            raise AccessError(
                self.env._(
                    "%(model)s %(record)s: %(fields)s change only through its actions, which "
                    "check your role and where the record stands.",
                    fields=self._siamo_labels(names),
                    model=self._siamo_model_label(),
                    record=record_name,
                )
            )

    def _siamo_check_write(self, vals):
        names = set(vals)
        self._siamo_check_final(names)
        guarded = names & set(self._siamo_protected_fields)
        if self - self._siamo_being_keyed():
            guarded |= names & set(self._siamo_fixed_fields)
        for record in self[:1]:
            self._siamo_check_protected(guarded, record.display_name)
        draft_only = names & set(self._siamo_draft_fields)
        if draft_only and not self._siamo_business_write():
            for record in (self - self._siamo_draft())[:1]:
                raise UserError(
                    self.env._(
                        "%(model)s %(record)s: %(fields)s can no longer be changed once it is "
                        "%(state)s.",
                        fields=self._siamo_labels(draft_only),
                        model=self._siamo_model_label(),
                        record=record.display_name,
                        state=record._siamo_final_reason(),
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        protected = set(self._siamo_protected_fields)
        given = {name for vals in vals_list for name in vals if name in protected}
        if given and not self._siamo_business_write():
            defaults = self.default_get(list(given))
            for vals in vals_list:
                changed = {
                    name
                    for name in given
                    if name in vals and vals[name] and vals[name] != defaults.get(name)
                }
                self._siamo_check_protected(changed, vals.get("name") or "")
        records = super().create(vals_list)
        if not self._siamo_business_write():
            # a line added to a final document changes it
            records._siamo_check_final({name for vals in vals_list for name in vals})
        return records

    def write(self, vals):
        self._siamo_check_write(vals)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_final_or_protected(self):
        self._siamo_check_final()
        if self._siamo_protected_unlink and not self._siamo_business_write():
            raise AccessError(
                self.env._(
                    "%(model)s records are deleted only by the actions that make them.",
                    model=self._siamo_model_label(),
                )
            )
