"""The PDF of an AMO statistics report (:class:`~.report.Report`), drawn with reportlab: for
the main scope its key figures month by month, its indicators beside the reference and the
norms, and two charts of the months (contributions and care, the main rates); then a table
and a chart for each breakdown (by région, by IPM). Every word printed comes from ``labels``
(:data:`DEFAULT_LABELS` for what is not given), so the addon prints it in the user's language.
"""

import io
from decimal import Decimal
from xml.sax.saxutils import escape

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from .indicators import INDICATORS

NBSP = "\u00a0"  # the standard PDF fonts have no narrow no-break space
BLUE = colors.HexColor("#005493")
STRIPE = colors.HexColor("#F2F6FA")
SERIES_COLOURS = (BLUE, colors.HexColor("#7FB2DB"), colors.HexColor("#E07B00"))
STATUS_COLOURS = {
    "breach": colors.HexColor("#C0392B"),
    "watch": colors.HexColor("#E07B00"),
    "ok": colors.HexColor("#1E8449"),
}
MARGIN = 12 * mm
# the rows of the key figures table, and the amounts among the measures
KEY_MEASURES = (
    "companies",
    "workers",
    "beneficiaries",
    "contributions_called",
    "contributions_collected",
    "care_lines",
    "care_settled",
    "care_paid",
    "management_costs",
)
AMOUNTS = frozenset(
    {
        "contributions_called",
        "contributions_collected",
        "care_claimed",
        "care_settled",
        "care_paid",
        "management_costs",
        "reserves",
        "cash",
    }
)
MONEY_CHART = ("contributions_called", "contributions_collected", "care_settled")
RATE_CHART = ("claims_ratio", "collection_rate")
# the columns of a breakdown's table after the name
BREAKDOWN_MEASURES = (
    "beneficiaries",
    "contributions_called",
    "contributions_collected",
    "care_settled",
)
BREAKDOWN_INDICATORS = ("claims_ratio", "collection_rate")
# a chart shows at most this many régions or IPMs (the largest by care settled)
CHART_BARS = 15
DEFAULT_LABELS = {
    "measures": {},
    "indicators": {},
    "statuses": {},
    "decimal_point": ".",
    "month": "{month:02d}/{year:04d}",
    "period": "Period",
    "key_figures": "Key figures",
    "indicator_table": "Indicators against the norms",
    "indicator": "Indicator",
    "value": "Value",
    "norm": "Norm",
    "reference": "Reference",
    "status": "Status",
    "name": "Name",
    "breaches": "Norms breached",
    "money_chart": "Contributions and care by month (millions FCFA)",
    "rate_chart": "Rates by month (%)",
    "breakdown_chart": "Contributions collected and care settled (millions FCFA)",
    "by_region": "By région",
    "by_ipm": "By IPM",
    "none": "No figure for this period.",
    "page": "Page %(page)s",
}


def _paragraph(text, style):
    return Paragraph(escape(text), style)


def _labels(labels):
    merged = {**DEFAULT_LABELS, **(labels or {})}
    for key in ("measures", "indicators", "statuses"):
        merged[key] = {**DEFAULT_LABELS[key], **merged[key]}
    return merged


def _grouped(value):
    return f"{value:,}".replace(",", NBSP)


def figure_text(value, unit, labels):
    """``value`` printed the French way (per ``labels``' decimal point) in its ``unit``:
    "fcfa" and "count" grouped by thousands, "percent" with its sign, the others as they
    come; nothing (a dash) when unknown."""
    if value is None:
        return "–"
    if unit in ("fcfa", "count"):
        text = _grouped(int(value))
        return f"{text}{NBSP}FCFA" if unit == "fcfa" else text
    number = format(Decimal(value).normalize(), "f") if isinstance(value, Decimal) else str(value)
    number = number.replace(".", labels["decimal_point"])
    return f"{number}{NBSP}%" if unit == "percent" else number


def _month_text(month, labels):
    return labels["month"].format(month=month.month, year=month.year)


def _measure_unit(measure):
    return "fcfa" if measure in AMOUNTS else "count"


def _table(rows, widths, header_rows=1, status_cells=()):
    table = Table(rows, colWidths=widths, repeatRows=header_rows, hAlign="LEFT")
    style = [
        ("FONT", (0, 0), (-1, -1), "Helvetica", 8),
        ("FONT", (0, 0), (-1, header_rows - 1), "Helvetica-Bold", 8),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), BLUE),
        ("TEXTCOLOR", (0, 0), (-1, header_rows - 1), colors.white),
        ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.grey),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]
    for index in range(header_rows, len(rows)):
        if (index - header_rows) % 2:
            style.append(("BACKGROUND", (0, index), (-1, index), STRIPE))
    for cell, status in status_cells:
        style.append(("TEXTCOLOR", cell, cell, STATUS_COLOURS.get(status, colors.grey)))
        style.append(("FONT", cell, cell, "Helvetica-Bold", 8))
    table.setStyle(TableStyle(style))
    return table


def _key_figures(section, months, labels):
    header = ["", *(_month_text(month, labels) for month in months), labels["period"]]
    rows = [header]
    for measure in KEY_MEASURES:
        unit = _measure_unit(measure)
        rows.append(
            [
                labels["measures"].get(measure, measure),
                *(figure_text(section.monthly[m].get(measure), unit, labels) for m in months),
                figure_text(section.figures.get(measure), unit, labels),
            ]
        )
    width = (landscape(A4)[0] - 2 * MARGIN - 70 * mm) / (len(months) + 1)
    return _table(rows, [70 * mm] + [width] * (len(months) + 1))


def _indicator_table(section, labels):
    rows = [
        [
            labels["indicator"],
            labels["value"],
            labels["norm"],
            labels["reference"],
            labels["status"],
        ]
    ]
    statuses = []
    for index, line in enumerate(section.lines, start=1):
        unit = INDICATORS[line.indicator][0]
        rows.append(
            [
                labels["indicators"].get(line.indicator, line.indicator),
                figure_text(line.value, unit, labels),
                figure_text(line.norm, unit, labels),
                figure_text(line.reference, unit, labels),
                labels["statuses"].get(line.status, line.status),
            ]
        )
        statuses.append(((4, index), line.status))
    return _table(rows, [90 * mm, 38 * mm, 30 * mm, 38 * mm, 40 * mm], status_cells=statuses)


def _millions(value):
    return float(Decimal(value or 0) / 1_000_000)


def _legend(x, y, names):
    legend = Legend()
    legend.x, legend.y = x, y
    legend.fontName, legend.fontSize = "Helvetica", 7
    legend.alignment = "right"
    legend.columnMaximum = len(names)
    legend.colorNamePairs = list(zip(SERIES_COLOURS, names, strict=False))
    return legend


def _chart_drawing(title, chart, names, width=125 * mm, height=70 * mm):
    drawing = Drawing(width, height)
    chart.x, chart.y = 12 * mm, 10 * mm
    chart.width, chart.height = width - 55 * mm, height - 22 * mm
    chart.categoryAxis.labels.fontName = "Helvetica"
    chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.labels.fontName = "Helvetica"
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    drawing.add(chart)
    drawing.add(String(0, height - 6 * mm, title, fontName="Helvetica-Bold", fontSize=8))
    drawing.add(_legend(width - 40 * mm, height - 14 * mm, names))
    return drawing


def bar_chart(title, categories, series, names, width=125 * mm):
    """A bar chart drawing: ``series`` (lists of numbers) over ``categories``."""
    chart = VerticalBarChart()
    chart.data = [tuple(values) for values in series]
    chart.categoryAxis.categoryNames = list(categories)
    chart.categoryAxis.labels.angle = 30 if len(categories) > 4 else 0
    chart.categoryAxis.labels.boxAnchor = "ne" if len(categories) > 4 else "n"
    chart.barSpacing = 1
    for index, colour in enumerate(SERIES_COLOURS[: len(series)]):
        chart.bars[index].fillColor = colour
        chart.bars[index].strokeColor = None
    return _chart_drawing(title, chart, names, width=width)


def line_chart(title, categories, series, names):
    """A line chart drawing: ``series`` (lists of numbers, None where unknown) over
    ``categories``."""
    chart = HorizontalLineChart()
    chart.data = [tuple(values) for values in series]
    chart.categoryAxis.categoryNames = list(categories)
    chart.joinedLines = 1
    for index, colour in enumerate(SERIES_COLOURS[: len(series)]):
        chart.lines[index].strokeColor = colour
        chart.lines[index].strokeWidth = 1.5
    return _chart_drawing(title, chart, names)


def _month_charts(section, months, labels):
    categories = [_month_text(month, labels) for month in months]
    money = bar_chart(
        labels["money_chart"],
        categories,
        [[_millions(section.monthly[m].get(measure)) for m in months] for measure in MONEY_CHART],
        [labels["measures"].get(measure, measure) for measure in MONEY_CHART],
    )
    rates = line_chart(
        labels["rate_chart"],
        categories,
        [[float(section.monthly_values[m][code] or 0) for m in months] for code in RATE_CHART],
        [labels["indicators"].get(code, code) for code in RATE_CHART],
    )
    return Table([[money, rates]], hAlign="LEFT")


def _breakdown(heading, sections, labels, styles):
    story = [_paragraph(labels[heading], styles["Heading2"])]
    if not sections:
        return [*story, _paragraph(labels["none"], styles["Normal"])]
    header = [
        labels["name"],
        *(labels["measures"].get(m, m) for m in BREAKDOWN_MEASURES),
        *(labels["indicators"].get(code, code) for code in BREAKDOWN_INDICATORS),
        labels["breaches"],
    ]
    cell = styles["BodyText"].clone("header", fontName="Helvetica-Bold", fontSize=7)
    cell.textColor = colors.white
    rows = [[_paragraph(text, cell) for text in header]]
    for entry in sections:
        rows.append(
            [
                entry.name[:40],
                *(
                    figure_text(entry.figures.get(m), _measure_unit(m), labels)
                    for m in BREAKDOWN_MEASURES
                ),
                *(
                    figure_text(entry.values[code], INDICATORS[code][0], labels)
                    for code in BREAKDOWN_INDICATORS
                ),
                str(len(entry.breaches)),
            ]
        )
    story.append(
        _table(rows, [60 * mm, 28 * mm, 38 * mm, 38 * mm, 38 * mm, 25 * mm, 25 * mm, 18 * mm])
    )
    largest = sorted(sections, key=lambda entry: -entry.figures.get("care_settled", 0))
    shown = largest[:CHART_BARS]
    measures = ("contributions_collected", "care_settled")
    story.append(Spacer(1, 4 * mm))
    story.append(
        bar_chart(
            labels["breakdown_chart"],
            [entry.name[:18] for entry in shown],
            [[_millions(entry.figures.get(m)) for entry in shown] for m in measures],
            [labels["measures"].get(m, m) for m in measures],
            width=250 * mm,
        )
    )
    return story


def _footer(title, labels):
    def draw(canvas, document):
        canvas.saveState()
        canvas.setFont("Helvetica", 7)
        canvas.drawString(MARGIN, MARGIN / 2, title)
        canvas.drawRightString(
            landscape(A4)[0] - MARGIN, MARGIN / 2, labels["page"] % {"page": document.page}
        )
        canvas.restoreState()

    return draw


def report_pdf(report, labels=None):
    """The PDF bytes of ``report`` (:class:`~.report.Report`), in landscape A4."""
    labels = _labels(labels)
    styles = getSampleStyleSheet()
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=landscape(A4),
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=report.title,
        author="SIAMO ERP",
    )
    story = [
        _paragraph(report.title, styles["Title"]),
        _paragraph(report.subtitle, styles["Heading3"]),
        *(_paragraph(note, styles["Normal"]) for note in report.notes),
        _paragraph(report.main.name, styles["Heading2"]),
    ]
    if not report.main.figures:
        story.append(_paragraph(labels["none"], styles["Normal"]))
    else:
        story += [
            _paragraph(labels["key_figures"], styles["Heading3"]),
            _key_figures(report.main, report.months, labels),
            Spacer(1, 4 * mm),
            KeepTogether(
                [
                    _paragraph(labels["indicator_table"], styles["Heading3"]),
                    _indicator_table(report.main, labels),
                ]
            ),
            Spacer(1, 4 * mm),
            _month_charts(report.main, report.months, labels),
        ]
        for heading, sections in report.breakdowns:
            story += _breakdown(heading, sections, labels, styles)
    footer = _footer(report.title, labels)
    document.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()
