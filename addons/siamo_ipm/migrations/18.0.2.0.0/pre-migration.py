"""18.0.2.0.0 moved the IPM's care pathway from siamo_fse and its packages and agreements
from siamo_referentiel into siamo_ipm (same models, new XML ids, security and views). A
database made before the move is not updated in place: recreate it (`make run` does so for
the demo database)."""

from odoo.exceptions import UserError


def migrate(cr, version):
    if not version:
        return
    raise UserError(
        f"This database holds siamo_ipm {version}, made before the IPM's back office moved "
        "between the SIAMO addons (18.0.2.0.0): it cannot be updated in place. Export what "
        "it holds, create a new database with the 18.0.2.0.0 addons and import it; for the "
        "demo database, `make run` recreates it."
    )
