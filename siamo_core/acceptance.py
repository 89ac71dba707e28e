"""The IPM's acceptance of a care sheet, whatever brought it (keyed from paper or received
online): what it checks once the sheet is well formed and its sender known. The caller
gathers the facts (one query for a batch of sheets); these functions decide."""

from dataclasses import dataclass, field
from datetime import date

from .identifiers import normalized_nin
from .rejections import Rejection


@dataclass(frozen=True)
class SheetFacts:
    """What the IPM knows of one sheet when it decides to accept it."""

    care_date: date
    today: date
    # why the beneficiary cannot be found in the IPM named (a Rejection), or None
    beneficiary_problem: Rejection | None = None
    agreement_in_force: bool = True
    ipm_name: str = ""
    # (line index, code) of the items the referentials do not know
    unknown_codes: list = field(default_factory=list)
    # the same care (provider, beneficiary, date, lines) is already held
    duplicate: bool = False


def acceptance_rejections(facts):
    """The reasons, in the order a provider reads them, for which the IPM refuses the sheet;
    none when it accepts it. A sheet whose beneficiary is not found stops there; the same
    care claimed twice is said alone, once everything else holds."""
    rejections = []
    if facts.care_date > facts.today:
        rejections.append(Rejection("FSE-CARE-DATE", facts.care_date.isoformat()))
    if facts.beneficiary_problem is not None:
        return [*rejections, facts.beneficiary_problem]
    if not facts.agreement_in_force:
        rejections.append(Rejection("FSE-NO-AGREEMENT", facts.ipm_name))
    rejections += [
        Rejection("FSE-ITEM-UNKNOWN", f"lines/{index} : {code}")
        for index, code in facts.unknown_codes
    ]
    if rejections:
        return rejections
    if facts.duplicate:
        return [Rejection("FSE-DUPLICATE")]
    return []


def beneficiary_key(person):
    """``("nin", number)`` or ``("member_number", number)``: how a sheet names its
    beneficiary; the NIN wins when both are given. ``None`` when it names nobody usable."""
    if not isinstance(person, dict):
        return None
    if person.get("nin"):
        return ("nin", normalized_nin(person["nin"]))
    number = person.get("member_number")
    if isinstance(number, str) and number:
        return ("member_number", number)
    return None


def rejected_answer(sheet_id, rejections):
    """The acknowledgement of a refused sheet, as the provider's software reads it."""
    return {
        "sheet_id": sheet_id,
        "status": "rejected",
        "reasons": [rejection.as_dict() for rejection in rejections],
    }
