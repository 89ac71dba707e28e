"""Why a care sheet is refused: stable codes a provider's software can act on, French labels
a person can read."""

from dataclasses import dataclass

REASONS = {
    "FSE-SCHEMA": "Feuille non conforme au format siamo-fse/1.0",
    "FSE-TOTAL": "Le total ne correspond pas à la somme des lignes",
    "FSE-SIGNATURE": "Signature absente ou invalide",
    "FSE-PROVIDER-UNKNOWN": "Prestataire inconnu",
    "FSE-PROVIDER-NOT-SELF": "Un prestataire n'envoie que ses propres feuilles",
    "FSE-NO-AGREEMENT": "Prestataire sans convention en vigueur avec l'IPM",
    "FSE-BENEFICIARY-UNKNOWN": "Bénéficiaire inconnu",
    "FSE-WRONG-IPM": "Le bénéficiaire n'est pas couvert par l'IPM indiquée",
    "FSE-ITEM-UNKNOWN": "Acte ou médicament inconnu des référentiels",
    "FSE-CARE-DATE": "Date des soins dans le futur",
    "FSE-DUPLICATE": "Feuille déjà reçue sous un autre identifiant",
    "FSE-KEY-REUSED": "Identifiant de feuille déjà utilisé pour une autre feuille",
    "FSE-AUTH-MISSING": "Prise en charge requise et absente",
    "FSE-AUTH-UNKNOWN": "Prise en charge inconnue",
    "FSE-AUTH-MISMATCH": "Prise en charge délivrée à un autre bénéficiaire ou prestataire",
    "FSE-AUTH-EXPIRED": "Prise en charge hors de sa période de validité",
    "FSE-AUTH-ITEM": "Acte ou médicament non couvert par la prise en charge",
    "FSE-AUTH-AMOUNT": "Montant de la prise en charge dépassé",
    "FSE-PRESENCE-UNKNOWN": "Preuve de présence inconnue",
    "FSE-PRESENCE-MISMATCH": "Preuve de présence d'un autre bénéficiaire ou prestataire",
    "FSE-PRESENCE-REFUSED": "Contrôle d'identité refusé : il ne prouve pas la présence",
    "FSE-PRESENCE-EXPIRED": "Contrôle d'identité hors des 24 heures qui précèdent les soins",
}


@dataclass(frozen=True)
class Rejection:
    """One reason a sheet is refused, with where in the sheet when that helps."""

    code: str
    detail: str = ""

    @property
    def label(self):
        return REASONS[self.code]

    def as_dict(self):
        return {"code": self.code, "label": self.label, "detail": self.detail}
