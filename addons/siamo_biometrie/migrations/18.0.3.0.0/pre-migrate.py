"""18.0.3.0.0: identity checks become the proof of presence. The methods and results are
those of the card-reader agent's contract; each check recorded before gets its proof
reference, its channel (the back office) and its time of receipt.

    method  cedeao_card, cmu_card → card_pin (with the card's kind); member_card →
            member_card_qr; manual → visual (the reason says it was recorded before)
    result  match → confirmed; mismatch, unreadable → refused
"""

import secrets

METHODS = {
    "cedeao_card": "card_pin",
    "cmu_card": "card_pin",
    "member_card": "member_card_qr",
    "manual": "visual",
}
RESULTS = {"match": "confirmed", "mismatch": "refused", "unreadable": "refused"}


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """ALTER TABLE siamo_identity_check
             ADD COLUMN IF NOT EXISTS name varchar,
             ADD COLUMN IF NOT EXISTS channel varchar,
             ADD COLUMN IF NOT EXISTS received_at timestamp,
             ADD COLUMN IF NOT EXISTS card_kind varchar,
             ADD COLUMN IF NOT EXISTS reason varchar"""
    )
    cr.execute(
        """UPDATE siamo_identity_check
              SET card_kind = CASE method WHEN 'cedeao_card' THEN 'cedeao'
                                          WHEN 'cmu_card' THEN 'cmu' END,
                  reason = CASE method WHEN 'manual'
                                THEN 'Contrôle manuel enregistré avant la 18.0.3.0.0'
                           END,
                  channel = 'backend',
                  received_at = checked_at"""
    )
    for old, new in METHODS.items():
        cr.execute("UPDATE siamo_identity_check SET method = %s WHERE method = %s", (new, old))
    for old, new in RESULTS.items():
        cr.execute("UPDATE siamo_identity_check SET result = %s WHERE result = %s", (new, old))
    cr.execute("SELECT id FROM siamo_identity_check WHERE name IS NULL")
    for (check_id,) in cr.fetchall():
        reference = "IDC-" + secrets.token_hex(12).upper()
        cr.execute("UPDATE siamo_identity_check SET name = %s WHERE id = %s", (reference, check_id))
