"""What the agent tells the provider, in French: its own failures (no reader, no card, card
pulled out) and the card profile's coded errors (``siamo_core.card``)."""

FRENCH = {
    "AGENT_NO_READER": "Aucun lecteur de carte n'est branché (ou le service PC/SC ne répond pas).",
    "AGENT_NO_CARD": "Aucune carte dans le lecteur : insérez la carte d'identité du patient.",
    "AGENT_CARD_REMOVED": (
        "La carte a été retirée pendant la lecture : réinsérez-la et recommencez."
    ),
    "AGENT_NO_FINGERPRINT_SENSOR": "Aucun capteur d'empreinte n'est configuré sur ce poste.",
    "AGENT_FINGERPRINT_CAPTURE": "La capture de l'empreinte a échoué : recommencez.",
    "AGENT_BAD_REQUEST": "Demande invalide : donnez un code PIN ou demandez l'empreinte.",
    "AGENT_ORIGIN_REFUSED": "Cette page n'est pas autorisée à utiliser le lecteur de carte.",
    "AGENT_BUSY": "Le lecteur est occupé par une autre vérification : patientez.",
    "AGENT_SERVER": "Le serveur SIAMO n'a pas pu être joint : %(detail)s",
    "CARD_PIN_WRONG": (
        "Code PIN erroné : il reste %(attempts)s essai(s) avant le blocage de la carte."
    ),
    "CARD_PIN_BLOCKED": (
        "La carte est bloquée : trop de codes PIN erronés. Le porteur doit la faire débloquer."
    ),
    "CARD_PIN_BAD_FORM": "Un code PIN a de 4 à 8 chiffres.",
    "CARD_FINGERPRINT_MISMATCH": (
        "L'empreinte ne correspond pas à celle de la carte : il reste %(attempts)s essai(s)."
    ),
    "CARD_FINGERPRINT_BLOCKED": (
        "La vérification d'empreinte de la carte est bloquée : trop d'essais échoués."
    ),
    "CARD_NO_FINGERPRINT": "Cette carte ne vérifie pas les empreintes : utilisez le code PIN.",
    "CARD_NO_APPLICATION": "Cette carte n'est pas une carte d'identité CEDEAO ou CMU lisible.",
}
UNKNOWN = "La carte n'a pas pu être lue (%(code)s) : %(detail)s"


class AgentError(Exception):
    """A check that could not be made: a code, its parameters and the French sentence."""

    def __init__(self, code, **params):
        self.code, self.params = code, params
        template = FRENCH.get(code)
        if template is None:
            template, params = UNKNOWN, {"code": code, "detail": params.get("detail", "")}
        super().__init__(template % params if params else template)

    @property
    def message(self):
        return str(self)

    def as_dict(self):
        return {"error": {"code": self.code, "message": self.message}}


def french(error):
    """The French sentence of a core :class:`siamo_core.exceptions.SiamoError`."""
    template = FRENCH.get(error.code)
    if template is None:
        return UNKNOWN % {"code": error.code, "detail": str(error)}
    return template % error.params if error.params else template
