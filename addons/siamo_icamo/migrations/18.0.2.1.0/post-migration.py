"""18.0.2.1.0 brings the warehouse: the IPMs it follows start as those of the accreditation
register, each under its contact's reference as its code (or IPM-<id>), to be checked by
ICAMO before the first returns come in. The accreditations' company rule becomes ICAMO's
users' (an IPM's correspondents read their own file by a rule of their own); the rule is
not updated by the data file, which Odoo loads once."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["siamo.icamo.ipm"]._accredited_partners_as_ipms()
    rule = env.ref("siamo_icamo.siamo_accreditation_rule_company", raise_if_not_found=False)
    if rule:
        rule.groups = env.ref("siamo_icamo.group_icamo_analyst")
