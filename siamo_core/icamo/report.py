"""The figures of an AMO statistics report (the quarterly report, or one asked for an IPM, a
région or the nation over any months): the scope's figures month by month and over the
period, its indicators beside the reference and the norms (its scorecard), and the same for
each région or IPM under it. Plain data in, plain data out: :mod:`.report_pdf` draws it.

The warehouse's figures come in as ``(ipm, month, region, measure, value)`` cells, the rows
ICAMO's warehouse sums (``region`` empty for a figure of the IPM as a whole).
"""

from collections import defaultdict, namedtuple
from dataclasses import dataclass

from .indicators import indicators, months_back, totals
from .scorecard import scorecard

_Fact = namedtuple("_Fact", "region measure value")


@dataclass(frozen=True)
class Section:
    """One scope of the report: its ``name``, the ``figures`` of the period, those of each
    month (``monthly``), its indicators over the period (``values``) and by month
    (``monthly_values``), and its scorecard ``lines``."""

    name: str
    figures: dict
    monthly: dict
    values: dict
    monthly_values: dict
    lines: tuple

    @property
    def breaches(self):
        """The indicators of the section that break a norm."""
        return [line.indicator for line in self.lines if line.status == "breach"]


@dataclass(frozen=True)
class Report:
    """What the PDF shows: ``title``, ``subtitle`` and ``notes`` (lines under the title),
    the report's ``months``, its ``main`` section and ``breakdowns``, pairs of a heading
    key (``"by_region"``, ``"by_ipm"``) and the sections under the main one."""

    title: str
    subtitle: str
    months: tuple
    main: Section
    breakdowns: tuple = ()
    notes: tuple = ()


def _facts_by_ipm_month(cells, months, ipm=None):
    grouped = defaultdict(list)
    for cell_ipm, month, region, measure, value in cells:
        if month in months and (ipm is None or cell_ipm == ipm):
            grouped[cell_ipm, month].append(_Fact(region or None, measure, value))
    return [(key[0], key[1], facts) for key, facts in grouped.items()]


def section(name, cells, months, norms, reference=None, ipm=None, region=None):
    """The :class:`Section` of the ``cells`` of one IPM (``ipm``), one région (``region``),
    both, or all, over ``months`` (first days of months); its indicators are set beside
    ``reference`` (the values of the scope above, none for the nation) and the ``norms``."""
    months = tuple(sorted(months))
    scoped = _facts_by_ipm_month(cells, set(months), ipm)
    figures = totals(scoped, region)
    monthly = {
        month: totals([entry for entry in scoped if entry[1] == month], region) for month in months
    }
    year = _facts_by_ipm_month(cells, set(months_back(months[-1], 12)), ipm)
    values = indicators(figures, totals(year, region))
    return Section(
        name=name,
        figures=figures,
        monthly=monthly,
        values=values,
        monthly_values={month: indicators(monthly[month]) for month in months},
        lines=scorecard(values, reference or {}, norms),
    )


def _present(cells, months, position, ipm=None):
    return sorted(
        {
            cell[position]
            for cell in cells
            if cell[1] in months and cell[position] and (ipm is None or cell[0] == ipm)
        }
    )


def _sorted(sections):
    return tuple(sorted(sections, key=lambda entry: entry.name))


def build_report(title, subtitle, cells, months, norms, scope, names, notes=()):
    """The :class:`Report` of ``scope`` — ``("national", None)``, ``("region", code)`` or
    ``("ipm", key)`` — over ``months``. ``names`` gives the printed names: ``"national"``
    (the AMO), ``"region"`` ``{code: name}``, ``"ipm"`` ``{key: name}``. The nation is
    broken down by région and by IPM, a région by IPM (its figures in the région), an IPM
    by région (its figures in each)."""
    months = tuple(sorted(months))
    month_set = set(months)
    national = section(names["national"], cells, months, norms)
    kind, key = scope
    if kind == "national":
        main = national
        breakdowns = (
            (
                "by_region",
                _sorted(
                    section(
                        names["region"].get(code, code),
                        cells,
                        months,
                        norms,
                        national.values,
                        region=code,
                    )
                    for code in _present(cells, month_set, 2)
                ),
            ),
            (
                "by_ipm",
                _sorted(
                    section(names["ipm"][ipm], cells, months, norms, national.values, ipm=ipm)
                    for ipm in _present(cells, month_set, 0)
                ),
            ),
        )
    elif kind == "region":
        main = section(
            names["region"].get(key, key), cells, months, norms, national.values, region=key
        )
        ipms = {cell[0] for cell in cells if cell[1] in month_set and cell[2] == key}
        breakdowns = (
            (
                "by_ipm",
                _sorted(
                    section(
                        names["ipm"][ipm], cells, months, norms, main.values, ipm=ipm, region=key
                    )
                    for ipm in ipms
                ),
            ),
        )
    else:
        main = section(names["ipm"][key], cells, months, norms, national.values, ipm=key)
        breakdowns = (
            (
                "by_region",
                _sorted(
                    section(
                        names["region"].get(code, code),
                        cells,
                        months,
                        norms,
                        main.values,
                        ipm=key,
                        region=code,
                    )
                    for code in _present(cells, month_set, 2, ipm=key)
                ),
            ),
        )
    return Report(title, subtitle, months, main, breakdowns, tuple(notes))
