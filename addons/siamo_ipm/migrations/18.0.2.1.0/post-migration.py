"""18.0.2.1.0: the IPMs' returns to ICAMO. An IPM that was already running sends nothing
until its manager chooses where its returns go (the ICAMO settings)."""


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        "UPDATE res_company SET siamo_icamo_delivery = 'none' WHERE siamo_icamo_delivery IS NULL"
    )
