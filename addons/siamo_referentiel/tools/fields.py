"""Field types the ORM lacks."""

from odoo import fields


class Many2oneUnchecked(fields.Many2one):
    """A many2one without a foreign key in PostgreSQL, for a table written a million rows at
    a time (the settlement's results): PostgreSQL checks a foreign key row by row, locking
    each row referred to, and that check costs more than writing the row. The database
    neither checks the reference nor applies ``ondelete``: the model that owns the rows
    referred to deletes the rows that refer to them."""

    def update_db_foreign_key(self, model, column):
        return None


class BigInteger(fields.Integer):
    """An integer of 64 bits: the ORM's integers stop at 2 147 483 647, and an IPM's reserves
    or a year of the AMO's contributions in FCFA go far beyond."""

    column_type = ("int8", "int8")
