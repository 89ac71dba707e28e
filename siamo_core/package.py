"""The mandatory AMO benefits and an IPM's care package.

A package covers act classes and items at a rate, with ceilings, and says which care
needs an authorization. It cannot leave out a compulsory benefit of the AMO.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from .exceptions import Message, SiamoError
from .money import to_decimal

# Décret 2012-832 and its model statutes: what every IPM must cover, and what it may.
COMPULSORY_BENEFITS = {
    "gp_consultation": "Consultations de médecine générale",
    "specialist_consultation": "Consultations de spécialistes",
    "tests": "Analyses biologiques",
    "imaging": "Imagerie médicale",
    "medicines": "Médicaments prescrits",
    "dental_care": "Soins dentaires conservateurs et extractions",
    "delivery": "Accouchements",
    "optics": "Optique",
    "transport": "Transport pour hospitalisation",
    "hospitalisation": "Hospitalisation",
}
OPTIONAL_BENEFITS = {
    "dental_prosthesis": "Prothèses dentaires",
    "orthopaedic_devices": "Appareillage orthopédique",
    "physiotherapy": "Kinésithérapie",
    "costly_imaging": "Imagerie lourde",
}


class InvalidPackage(SiamoError):
    """A care package breaks the AMO rules."""


@dataclass(frozen=True)
class Ceilings:
    """Amount ceilings in FCFA; None means no ceiling."""

    per_act: int | None = None
    per_year_beneficiary: int | None = None
    per_year_family: int | None = None


@dataclass(frozen=True)
class PackageLine:
    """What a package says of a benefit, an act class, or a single item."""

    benefit: str
    act_class: str | None = None
    item_code: str | None = None
    rate: Decimal = Decimal("0.8")
    needs_authorization: bool = False
    ceilings: Ceilings = field(default_factory=Ceilings)
    excluded: bool = False

    def matches(self, item_code, act_class):
        if self.item_code:
            return self.item_code == item_code
        return self.act_class == act_class

    def specificity(self, item_code, act_class, benefit=None):
        """How closely the line names an item: 3 it names the item, 2 the item's class
        under the benefit the item falls under (a specialist consultation in the class of
        consultations), 1 the item's class, 0 it does not cover it."""
        if not self.matches(item_code, act_class):
            return 0
        if self.item_code:
            return 3
        return 2 if benefit and self.benefit == benefit else 1


@dataclass(frozen=True)
class Coverage:
    covered: bool
    rate: Decimal = Decimal(0)
    needs_authorization: bool = False
    ceilings: Ceilings = field(default_factory=Ceilings)
    reason: Message | None = None


def missing_compulsory_benefits(lines):
    """Return the codes of the compulsory benefits that no covering line provides."""
    covered = {line.benefit for line in lines if not line.excluded}
    return sorted(code for code in COMPULSORY_BENEFITS if code not in covered)


def check_package(lines):
    """Raise :class:`InvalidPackage` naming what a package lacks or gets wrong."""
    missing = missing_compulsory_benefits(lines)
    if missing:
        raise InvalidPackage(
            "PACKAGE_MISSING_BENEFITS",
            "The care package does not cover these compulsory AMO benefits: %(benefits)s.",
            benefits=", ".join(missing),
            missing=tuple(missing),
        )
    for line in lines:
        rate = to_decimal(line.rate)
        if not Decimal(0) <= rate <= Decimal(1):
            raise InvalidPackage(
                "PACKAGE_BAD_RATE",
                "The coverage rate %(rate)s %% of the benefit “%(benefit)s” must be between "
                "0 and 100 %%.",
                rate=(rate * 100).normalize(),
                benefit=line.benefit,
            )


def coverage(lines, item_code, act_class, reimbursable=True, benefit=None):
    """Say whether the package covers an item, at what rate and under which conditions.

    The most specific line wins: a line naming the item, then a line for its act class
    under the benefit the item falls under (``benefit``, e.g. the specialist consultations
    of the class of consultations), then a line for its act class; of equally specific
    lines, the first. An excluding line leaves the item out; a medicine off the
    reimbursable list is never covered.
    """
    if not reimbursable:
        return Coverage(
            False, reason=Message("PACKAGE_NOT_REIMBURSABLE", "The product is not reimbursable.")
        )
    ranked = [(line.specificity(item_code, act_class, benefit), line) for line in lines]
    best = max((rank for rank, _line in ranked), default=0)
    if not best:
        return Coverage(
            False,
            reason=Message(
                "PACKAGE_NOT_IN_PACKAGE", "The act or product is not in the care package."
            ),
        )
    line = next(line for rank, line in ranked if rank == best)
    if line.excluded:
        return Coverage(
            False,
            reason=Message(
                "PACKAGE_EXCLUDED", "The act or product is excluded from the care package."
            ),
        )
    return Coverage(
        True,
        rate=to_decimal(line.rate),
        needs_authorization=line.needs_authorization,
        ceilings=line.ceilings,
    )
