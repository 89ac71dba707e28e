"""The settlement (liquidation) of care sheets: what the IPM pays of each line, by its rules.

For each line, in this order: the beneficiary's rights on the care date → the item covered by
the package → the authorization when the package asks for one → the proof of presence when
the IPM's rules ask one for the item's act class → the tariff in force → the
allowed amount (the lower of claimed and tariff × quantity) → the IPM's rate → the ceilings
per act, per year and beneficiary, per year and family → the frequency limits → duplicates.
A line comes out accepted, reduced or rejected with its reason codes; the IPM's share is
rounded half up to the franc and the co-payment is the rest, so share + co-payment = allowed.

The engine is deterministic: the same sheets, rules and history give the same result, years
later. The history of what was already settled is passed in and updated as lines settle, so a
batch sees its own earlier sheets (ceilings, frequencies, duplicates across sheets).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from .package import coverage
from .tariff import NoTariff, tariff

ACCEPTED, REDUCED, REJECTED = "accepted", "reduced", "rejected"

REASONS = {
    "LIQ-RIGHTS": "Pas de droits à la date des soins",
    "LIQ-NOT-COVERED": "Acte ou produit hors du panier de soins",
    "LIQ-AUTH": "Prise en charge requise et absente",
    "LIQ-PRESENCE": "Preuve de présence requise et absente",
    "LIQ-NO-TARIFF": "Aucun tarif applicable à la date des soins",
    "LIQ-OVER-TARIFF": "Montant réclamé supérieur au tarif",
    "LIQ-CEILING-ACT": "Plafond par acte atteint",
    "LIQ-CEILING-BENEFICIARY": "Plafond annuel du bénéficiaire atteint",
    "LIQ-CEILING-FAMILY": "Plafond annuel de la famille atteint",
    "LIQ-FREQUENCY": "Fréquence maximale de l'acte dépassée",
    "LIQ-DUPLICATE": "Acte déjà liquidé pour ce bénéficiaire, ce jour, chez ce prestataire",
}
_ONE = Decimal(1)


def _share(amount, rate):
    """``amount × rate`` rounded half up to the franc (``rate`` a Decimal)."""
    return int((Decimal(amount) * rate).quantize(_ONE, rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class FrequencyLimit:
    """At most ``count`` times in ``days`` days, for one beneficiary."""

    count: int
    days: int


@dataclass(frozen=True)
class ClaimedLine:
    item: object  # a siamo_core.tariff.Item
    quantity: int
    claimed: int


@dataclass(frozen=True)
class Sheet:
    """A care sheet as the engine reads it: ``rights`` is the beneficiary's
    :class:`~siamo_core.eligibility.Eligibility` on the care date, ``authorized`` whether a
    valid authorization covers it, ``present`` whether a verified proof of presence (an
    identity check of the beneficiary by the provider) comes with it."""

    sheet_id: str
    provider: str
    beneficiary: str
    family: str
    care_date: date
    rights: object
    lines: tuple
    authorized: bool = False
    present: bool = False


@dataclass(frozen=True)
class Rules:
    """The IPM's rules that apply to a provider's sheets on a date."""

    package: tuple
    key_letter_values: tuple = ()
    schedule: str | None = None
    agreement_prices: dict = field(default_factory=dict)  # item code → (AgreementPrice, ...)
    coverage_rate: Decimal | None = None  # the agreement's rate, when it overrides the package
    frequency_limits: dict = field(default_factory=dict)  # item code or act class → limit
    # the act classes whose lines the IPM pays only with a proof of presence
    presence_classes: frozenset = frozenset()
    # what the package and the tariff say of an item, worked out once: a batch asks it of
    # the same few hundred items a million times
    memo: dict = field(default_factory=dict, compare=False, repr=False)

    def coverage_of(self, item):
        key = ("coverage", item)
        if key not in self.memo:
            self.memo[key] = coverage(
                self.package,
                item.code,
                item.act_class,
                reimbursable=item.reimbursable,
                benefit=item.benefit,
            )
        return self.memo[key]

    def tariff_of(self, item, on_date):
        """The item's :class:`~siamo_core.tariff.Tariff` on ``on_date``, None if unpriced."""
        key = ("tariff", item, on_date)
        if key not in self.memo:
            try:
                self.memo[key] = tariff(
                    item,
                    on_date,
                    self.key_letter_values,
                    self.schedule,
                    self.agreement_prices.get(item.code, ()),
                )
            except NoTariff:
                self.memo[key] = None
        return self.memo[key]


@dataclass
class History:
    """What was settled before: yearly consumption, dates of acts, lines already paid."""

    beneficiary_year: dict = field(default_factory=lambda: defaultdict(int))
    family_year: dict = field(default_factory=lambda: defaultdict(int))
    # (beneficiary, "item", code) and (beneficiary, "class", act class) → dates of the acts
    acts: dict = field(default_factory=lambda: defaultdict(list))
    settled: set = field(default_factory=set)

    def record_act(self, beneficiary, item_code, act_class, on_date):
        """An act paid on ``on_date``, counted by the limits on its item and on its class."""
        self.acts[(beneficiary, "item", item_code)].append(on_date)
        self.acts[(beneficiary, "class", act_class)].append(on_date)


@dataclass(frozen=True)
class LineResult:
    status: str
    reasons: tuple
    claimed: int
    allowed: int = 0
    ipm_share: int = 0
    copayment: int = 0

    @property
    def labels(self):
        return [REASONS[code] for code in self.reasons]


@dataclass(frozen=True)
class SheetResult:
    sheet_id: str
    lines: tuple

    @property
    def claimed(self):
        return sum(line.claimed for line in self.lines)

    @property
    def ipm_share(self):
        return sum(line.ipm_share for line in self.lines)

    @property
    def copayment(self):
        return sum(line.copayment for line in self.lines)


def _rejected(line, *codes):
    return LineResult(REJECTED, codes, line.claimed)


def _too_frequent(history, sheet, item, rules):
    """Whether the limit on the item, else on its class, is reached: a limit on a class
    counts every act of the class."""
    limits = rules.frequency_limits
    if item.code in limits:
        limit, counted = limits[item.code], ("item", item.code)
    elif item.act_class in limits:
        limit, counted = limits[item.act_class], ("class", item.act_class)
    else:
        return False
    since = sheet.care_date - timedelta(days=limit.days - 1)
    done = [day for day in history.acts[(sheet.beneficiary, *counted)] if since <= day]
    return len(done) >= limit.count


def _ceilings(cover, line, sheet, history, share):
    """The share after the ceilings, and the codes of those that cut it."""
    ceilings, year, key = cover.ceilings, sheet.care_date.year, line.item.act_class
    caps = []
    if ceilings.per_act:
        caps.append((ceilings.per_act * line.quantity, "LIQ-CEILING-ACT"))
    if ceilings.per_year_beneficiary:
        used = history.beneficiary_year[(year, sheet.beneficiary, key)]
        caps.append((ceilings.per_year_beneficiary - used, "LIQ-CEILING-BENEFICIARY"))
    if ceilings.per_year_family:
        used = history.family_year[(year, sheet.family, key)]
        caps.append((ceilings.per_year_family - used, "LIQ-CEILING-FAMILY"))
    reasons = []
    for cap, code in caps:
        if share > max(cap, 0):
            share = max(cap, 0)
            reasons.append(code)
    return share, reasons


def settle_line(sheet, line, rules, history):
    """The :class:`LineResult` of one line; ``history`` records it when the IPM pays."""
    if not sheet.rights.eligible:
        return _rejected(line, "LIQ-RIGHTS")
    item = line.item
    cover = rules.coverage_of(item)
    if not cover.covered:
        return _rejected(line, "LIQ-NOT-COVERED")
    if cover.needs_authorization and not sheet.authorized:
        return _rejected(line, "LIQ-AUTH")
    if item.act_class in rules.presence_classes and not sheet.present:
        return _rejected(line, "LIQ-PRESENCE")
    price = rules.tariff_of(item, sheet.care_date)
    if price is None:
        return _rejected(line, "LIQ-NO-TARIFF")
    reasons = []
    allowed = min(line.claimed, price.amount * line.quantity)
    if allowed < line.claimed:
        reasons.append("LIQ-OVER-TARIFF")
    rate = rules.coverage_rate if rules.coverage_rate is not None else cover.rate
    share, cut = _ceilings(cover, line, sheet, history, _share(allowed, rate))
    reasons += cut
    if _too_frequent(history, sheet, item, rules):
        return _rejected(line, "LIQ-FREQUENCY")
    done = (sheet.beneficiary, item.code, sheet.care_date, sheet.provider)
    if done in history.settled:
        return _rejected(line, "LIQ-DUPLICATE")
    history.settled.add(done)
    history.record_act(sheet.beneficiary, item.code, item.act_class, sheet.care_date)
    year, key = sheet.care_date.year, item.act_class
    history.beneficiary_year[(year, sheet.beneficiary, key)] += share
    history.family_year[(year, sheet.family, key)] += share
    return LineResult(
        REDUCED if reasons else ACCEPTED,
        tuple(reasons),
        line.claimed,
        allowed,
        share,
        allowed - share,
    )


def settle(sheet, rules, history=None):
    """The :class:`SheetResult` of ``sheet`` under ``rules``, given what ``history`` holds."""
    history = History() if history is None else history
    return SheetResult(
        sheet.sheet_id, tuple(settle_line(sheet, line, rules, history) for line in sheet.lines)
    )
