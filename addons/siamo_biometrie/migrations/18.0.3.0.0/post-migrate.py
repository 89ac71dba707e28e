"""18.0.3.0.0: the record rules of identity checks (kept in a noupdate file) as the new
version states them: the multi-company rule for internal users, a provider scoped by its
agreements in force, a participant's family."""

from odoo import SUPERUSER_ID, api

RULES = {
    "siamo_identity_check_rule_company": {
        "name": "Identity check: multi-company (internal users)",
        "domain_force": "[('company_id', 'in', company_ids)]",
        "groups": "base.group_user",
    },
    "siamo_identity_check_rule_portal_provider": {
        "name": "Identity check: a provider sees the checks it made for the IPMs it has an "
        "agreement in force with",
        "domain_force": "[('provider_id', '=', user.partner_id.commercial_partner_id.id), "
        "('company_id', 'in', user.partner_id.commercial_partner_id.siamo_agreement_ipm_ids.ids)]",
        "groups": "siamo_ipm.group_portal_provider",
    },
}


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    for xmlid, values in RULES.items():
        rule = env.ref(f"siamo_biometrie.{xmlid}", raise_if_not_found=False)
        if rule:
            rule.write(
                {
                    "name": values["name"],
                    "domain_force": values["domain_force"],
                    "groups": [(6, 0, env.ref(values["groups"]).ids)],
                }
            )
