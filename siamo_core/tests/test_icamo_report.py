import io
from collections import defaultdict
from datetime import date
from decimal import Decimal

import pypdf

from siamo_core.icamo.indicators import Norm
from siamo_core.icamo.report import build_report, section
from siamo_core.icamo.report_pdf import figure_text, report_pdf
from siamo_core.icamo.returns import parse_return
from siamo_core.icamo.sample import sample_return

OCTOBER, NOVEMBER, DECEMBER = date(2026, 10, 1), date(2026, 11, 1), date(2026, 12, 1)
QUARTER = (OCTOBER, NOVEMBER, DECEMBER)
NORMS = (
    Norm("management_cost_ratio", "max", Decimal(15)),
    Norm("benefit_ratio", "min", Decimal(70)),
)
NAMES = {
    "national": "AMO",
    "region": {"SN-DK": "Dakar", "SN-TH": "Thiès"},
    "ipm": {1: "IPM Sonatel", 2: "IPM Senelec"},
}
FRENCH = {
    "decimal_point": ",",
    "measures": {"beneficiaries": "Bénéficiaires", "care_settled": "Soins liquidés"},
    "indicators": {"claims_ratio": "Sinistralité (%)"},
    "statuses": {"breach": "Norme dépassée"},
    "by_ipm": "Par IPM",
    "page": "Page %(page)s",
}


def cells(document, ipm):
    """The warehouse's cells of a return: its facts summed by région and measure."""
    taken = parse_return(document)
    summed = defaultdict(int)
    for fact in taken.facts:
        summed[fact.region, fact.measure] += fact.value
    return [
        (ipm, taken.period, region, measure, value) for (region, measure), value in summed.items()
    ]


def quarter_cells():
    """Sonatel's three months (the sample each month) and Senelec's October, in Dakar."""
    rows = []
    for month in ("2026-10", "2026-11", "2026-12"):
        rows += cells(sample_return(period=month), 1)
    rows += cells(
        sample_return(
            ipm="IPM-SENELEC",
            members=[{"region": "SN-DK", "companies": 1, "workers": 50}],
            beneficiaries=[
                {
                    "region": "SN-DK",
                    "category": "participant",
                    "sex": "F",
                    "age_band": "25-34",
                    "count": 50,
                }
            ],
            contributions=[{"region": "SN-DK", "called": 5_000_000, "collected": 2_000_000}],
            care=[],
            refusals=[],
        ),
        2,
    )
    return rows


def text_of(pdf):
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages).replace(
        "\u00a0", " "
    )


def test_a_section_adds_the_months_up_and_keeps_each_month():
    ipm = section("IPM Sonatel", quarter_cells(), QUARTER, NORMS, ipm=1)
    assert ipm.figures["contributions_called"] == 120_000_000
    assert ipm.figures["beneficiaries"] == 1000  # a figure of a date: the latest month's
    assert ipm.monthly[NOVEMBER]["care_settled"] == 13_000_000
    assert ipm.values["claims_ratio"] == Decimal("32.50")
    assert ipm.monthly_values[DECEMBER]["collection_rate"] == Decimal("90.00")
    assert ipm.breaches == ["benefit_ratio"]


def test_the_nation_is_broken_down_by_region_and_by_ipm():
    report = build_report("T", "S", quarter_cells(), QUARTER, NORMS, ("national", None), NAMES)
    assert report.main.figures["contributions_called"] == 125_000_000
    (region_key, regions), (ipm_key, ipms) = report.breakdowns
    assert (region_key, [entry.name for entry in regions]) == ("by_region", ["Dakar", "Thiès"])
    assert (ipm_key, [entry.name for entry in ipms]) == ("by_ipm", ["IPM Senelec", "IPM Sonatel"])
    senelec = ipms[0]
    assert senelec.values["collection_rate"] == Decimal("40.00")
    # beside the nation's rate of 110 / 125 (88 %): to watch
    status = {line.indicator: line.status for line in senelec.lines}
    assert status["collection_rate"] == "watch"


def test_a_region_by_ipm_and_an_ipm_by_region():
    region = build_report("T", "S", quarter_cells(), QUARTER, NORMS, ("region", "SN-DK"), NAMES)
    assert region.main.name == "Dakar"
    assert region.main.figures["contributions_called"] == 95_000_000
    assert [entry.name for entry in region.breakdowns[0][1]] == ["IPM Senelec", "IPM Sonatel"]
    ipm = build_report("T", "S", quarter_cells(), QUARTER, NORMS, ("ipm", 1), NAMES)
    assert ipm.main.name == "IPM Sonatel"
    thies = ipm.breakdowns[0][1][1]
    assert (thies.name, thies.figures["care_settled"]) == ("Thiès", 12_000_000)


def test_the_pdf_prints_the_figures_in_french_with_the_charts():
    report = build_report(
        "Rapport trimestriel de l'AMO",
        "4e trimestre 2026",
        quarter_cells(),
        QUARTER,
        NORMS,
        ("national", None),
        NAMES,
        notes=["3 états utilisés"],
    )
    pdf = report_pdf(report, FRENCH)
    assert pdf.startswith(b"%PDF")
    pages, text = text_of(pdf)
    assert pages >= 2
    assert "Rapport trimestriel de l'AMO" in text
    assert "3 états utilisés" in text
    assert "125 000 000 FCFA" in text  # contributions called in the quarter
    assert "Sinistralité (%)" in text
    assert "Norme dépassée" in text
    assert "Par IPM" in text and "IPM Senelec" in text
    assert "10/2026" in text
    assert "Page 2" in text


def test_a_report_without_figures_says_so():
    report = build_report("Vide", "S", [], QUARTER, NORMS, ("national", None), NAMES)
    pages, text = text_of(report_pdf(report))
    assert pages == 1
    assert "No figure for this period." in text


def test_a_breakdown_without_entries_says_so():
    report = build_report("R", "S", quarter_cells(), QUARTER, NORMS, ("region", "SN-ZG"), NAMES)
    assert report.main.name == "SN-ZG"
    _pages, text = text_of(report_pdf(report))
    assert "No figure for this period." in text


def test_figures_are_printed_by_unit():
    labels = {"decimal_point": ","}
    assert figure_text(None, "percent", labels) == "–"
    assert figure_text(1_250_000, "fcfa", labels) == "1\u00a0250\u00a0000\u00a0FCFA"
    assert figure_text(1500, "count", labels) == "1\u00a0500"
    assert figure_text(Decimal("32.50"), "percent", labels) == "32,5\u00a0%"
    assert figure_text(Decimal("2.50"), "ratio", labels) == "2,5"
    assert figure_text(30.0, "days", labels) == "30,0"


def test_an_ipm_without_regional_figures_has_an_empty_breakdown():
    only_costs = [(1, OCTOBER, "", "management_costs", 5_000_000)]
    report = build_report("R", "S", only_costs, QUARTER, NORMS, ("ipm", 1), NAMES)
    assert report.breakdowns[0][1] == ()
    _pages, text = text_of(report_pdf(report))
    assert "By région" in text and "No figure for this period." in text
