"""The national referentials: their codes, and the schema of each importable file."""

from .rows import Column, Schema, normalize

ACT_CLASSES = {
    "consultation": "Consultation",
    "biology": "Biologie",
    "imaging": "Imagerie",
    "surgery": "Chirurgie",
    "dental": "Dentaire",
    "optics": "Optique",
    "delivery": "Accouchement",
    "hospitalisation": "Hospitalisation",
    "transport": "Transport",
    "physiotherapy": "Kinésithérapie",
    "medicine": "Médicament",
    "device": "Dispositif médical",
}
PROVIDER_KINDS = {
    "hospital": "Hôpital",
    "health_centre": "Centre de santé",
    "health_post": "Poste de santé",
    "clinic": "Clinique",
    "office": "Cabinet médical",
    "pharmacy": "Pharmacie",
    "laboratory": "Laboratoire",
    "imaging": "Centre d'imagerie",
    "dental": "Cabinet dentaire",
    "optician": "Opticien",
}
# A company of this many workers or more must have its own IPM (décret 2012-832).
OWN_IPM_HEADCOUNT = 300


def must_have_own_ipm(headcount):
    return (headcount or 0) >= OWN_IPM_HEADCOUNT


def _choices(codes_and_labels, *extra):
    """Accept each code and each French label, compared once normalized."""
    choices = {}
    for code, label in codes_and_labels.items():
        choices[normalize(code)] = code
        choices[normalize(label)] = code
    for word, code in extra:
        choices[normalize(word)] = code
    return choices


COMMUNES = Schema(
    name="communes",
    key=("code",),
    columns=(
        Column("code", "code", required=True),
        Column("nom", "name", required=True),
        Column(
            "departement",
            "department_id",
            "reference",
            True,
            reference="departments",
            label="Département",
        ),
    ),
)
COMPANIES = Schema(
    name="companies",
    key=("siamo_ninea",),
    columns=(
        Column("ninea", "siamo_ninea", "ninea", required=True),
        Column("raison_sociale", "name", required=True),
        Column("rccm", "siamo_rccm", "rccm"),
        Column("numero_css", "siamo_css_number"),
        Column("numero_ipres", "siamo_ipres_number"),
        Column(
            "secteur", "industry_id", "reference", reference="sectors", label="Secteur d'activité"
        ),
        Column("effectif", "siamo_headcount", "integer"),
        Column("commune", "siamo_commune_id", "reference", reference="communes", label="Commune"),
        Column("adresse", "street"),
        Column("telephone", "phone"),
        Column("email", "email"),
    ),
)
PROVIDERS = Schema(
    name="providers",
    key=("siamo_provider_code",),
    columns=(
        Column("code", "siamo_provider_code", required=True),
        Column("nom", "name", required=True),
        Column("type", "siamo_provider_kind", "choice", True, choices=_choices(PROVIDER_KINDS)),
        Column(
            "secteur",
            "siamo_provider_sector",
            "choice",
            choices=_choices({"public": "Public", "private": "Privé"}, ("prive", "private")),
        ),
        Column("ninea", "siamo_ninea", "ninea"),
        Column("numero_agrement", "siamo_accreditation_number"),
        Column("debut_agrement", "siamo_accreditation_date_start", "date"),
        Column("fin_agrement", "siamo_accreditation_date_end", "date"),
        Column("commune", "siamo_commune_id", "reference", reference="communes", label="Commune"),
        Column("telephone", "phone"),
        Column("email", "email"),
    ),
)
ACTS = Schema(
    name="acts",
    key=("code",),
    columns=(
        Column("code", "code", required=True),
        Column("libelle", "name", required=True),
        Column(
            "lettre_cle", "key_letter_id", "reference", reference="key_letters", label="Lettre clé"
        ),
        Column("coefficient", "coefficient", "decimal"),
        Column(
            "classe",
            "act_class_id",
            "reference",
            True,
            reference="act_classes",
            label="Classe d'actes",
        ),
    ),
)
KEY_LETTERS = Schema(
    name="key_letters",
    key=("key_letter", "schedule_id", "date_from"),
    columns=(
        Column("lettre_cle", "key_letter", required=True),
        Column("libelle", "key_letter_name"),
        Column("bareme", "schedule_id", "reference", True, reference="schedules", label="Barème"),
        Column("valeur", "value", "amount", required=True),
        Column("date_effet", "date_from", "date", required=True),
    ),
)
MEDICINES = Schema(
    name="medicines",
    key=("code",),
    columns=(
        Column("code", "code", required=True),
        Column("nom_commercial", "name", required=True),
        Column("dci", "inn"),
        Column("forme", "form"),
        Column("dosage", "strength"),
        Column("prix_public", "public_price", "amount", required=True),
        Column("generique", "generic", "boolean"),
        Column("classe_therapeutique", "therapeutic_class"),
        Column("remboursable", "reimbursable", "boolean"),
        Column(
            "type",
            "kind",
            "choice",
            choices=_choices(
                {"medicine": "Médicament", "device": "Dispositif médical"}, ("dispositif", "device")
            ),
        ),
    ),
)
SCHEMAS = {
    schema.name: schema for schema in (COMMUNES, COMPANIES, PROVIDERS, ACTS, KEY_LETTERS, MEDICINES)
}
