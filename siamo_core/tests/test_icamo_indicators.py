from datetime import date
from decimal import Decimal

from siamo_core.icamo.indicators import (
    Norm,
    breaches,
    indicators,
    late_returns,
    monthly_totals,
    months_back,
    norm_alerts,
    return_due_date,
    totals,
    twelve_months_flows,
)
from siamo_core.icamo.returns import parse_return
from siamo_core.icamo.sample import sample_return as a_return

OCTOBER = date(2026, 10, 1)
SEPTEMBER = date(2026, 9, 1)
NORMS = (
    Norm("management_cost_ratio", "max", Decimal(15)),
    Norm("reserve_ratio", "min", Decimal(25)),
    Norm("benefit_ratio", "min", Decimal(70)),
    Norm("cash_months", "min", Decimal(3)),
)


def month(document, ipm="IPM-SONATEL"):
    taken = parse_return(document)
    return (ipm, taken.period, taken.facts)


def test_every_indicator_on_the_worked_example():
    figures = totals([month(a_return())])
    assert figures["contributions_called"] == 40_000_000
    assert figures["beneficiaries"] == 1_000
    assert indicators(figures) == {
        "claims_ratio": Decimal("32.50"),  # 13 000 000 settled / 40 000 000 called
        "benefit_ratio": Decimal("33.33"),  # 12 000 000 paid / 36 000 000 collected
        "collection_rate": Decimal("90.00"),
        "management_cost_ratio": Decimal("15.00"),  # 5 400 000 / 36 000 000
        "reserve_ratio": Decimal("333.33"),  # 40 000 000 / 12 000 000 paid
        "cash_months": Decimal("30.0"),  # 30 000 000 / (12 000 000 / 12)
        "cost_per_beneficiary": Decimal(13_000),
        "beneficiaries_per_worker": Decimal("2.50"),
        "payment_delay_days": Decimal("30.0"),  # 600 days over 20 bills
        "refusal_rate": Decimal("5.00"),  # 60 of 1 200 lines
    }


def test_a_year_of_benefits_gives_the_reserve_ratio_and_the_months_of_cash():
    figures = totals([month(a_return())])
    year = {**figures, "care_paid": 144_000_000}
    values = indicators(figures, year)
    assert values["reserve_ratio"] == Decimal("27.78")
    assert values["cash_months"] == Decimal("2.5")


def test_a_quarter_adds_its_months_and_keeps_the_latest_headcount():
    september = a_return(period="2026-09")
    september["members"][0]["workers"] = 290
    figures = totals([month(september), month(a_return())])
    assert figures["workers"] == 400  # October's, not 690
    assert figures["contributions_called"] == 80_000_000
    assert figures["reserves"] == 40_000_000
    assert indicators(figures)["collection_rate"] == Decimal("90.00")


def test_the_amo_adds_up_its_ipms_and_a_region_keeps_its_own_facts():
    other = a_return(ipm="IPM-SENELEC")
    other["members"] = [{"region": "SN-TH", "companies": 1, "workers": 200}]
    rows = [month(a_return()), month(other, "IPM-SENELEC")]
    national = totals(rows)
    assert national["workers"] == 600
    assert national["contributions_called"] == 80_000_000
    thies = totals(rows, region="SN-TH")
    assert thies["workers"] == 300
    values = indicators(thies)
    assert values["claims_ratio"] == Decimal("40.00")  # 8 000 000 / 20 000 000
    assert values["cost_per_beneficiary"] == Decimal(20_000)  # 8 000 000 / 400
    # a région has no management costs, reserves or payment delays of its own
    assert values["management_cost_ratio"] is None
    assert values["reserve_ratio"] is None
    assert values["payment_delay_days"] is None


def test_an_indicator_with_nothing_to_divide_by_is_unknown_not_zero():
    values = indicators({"care_settled": 1_000, "contributions_called": 0})
    assert values["claims_ratio"] is None
    assert values["cash_months"] is None


def test_a_breached_norm_raises_its_alert_and_an_equal_value_does_not():
    values = indicators(totals([month(a_return())]))
    assert set(breaches(values, NORMS)) == {"benefit_ratio"}
    costly = indicators(totals([month(a_return(management_costs=6_000_000))]))
    alerts = norm_alerts("IPM Sonatel", costly, NORMS)
    assert [(alert.code, alert.params["indicator"]) for alert in alerts] == [
        ("ALERT_NORM_ABOVE", "management_cost_ratio"),
        ("ALERT_NORM_BELOW", "benefit_ratio"),
    ]
    assert str(alerts[0]) == ("IPM Sonatel: management_cost_ratio is 16.67, above the norm of 15.")


def test_an_unknown_value_breaks_no_norm():
    assert breaches({"reserve_ratio": None}, NORMS) == {}


def test_a_return_is_due_some_days_after_its_month():
    assert return_due_date(OCTOBER, 15) == date(2026, 11, 15)
    assert return_due_date(date(2026, 12, 1), 10) == date(2027, 1, 10)
    assert return_due_date(date(2028, 2, 1), 0) == date(2028, 2, 29)


def test_a_late_return_raises_its_alert_with_its_days_late():
    received = {("IPM-A", date(2026, 8, 1)), ("IPM-B", SEPTEMBER), ("IPM-B", OCTOBER)}
    alerts = late_returns(
        {"IPM-A": date(2026, 8, 1), "IPM-B": SEPTEMBER}, received, date(2026, 11, 20), 15
    )
    assert [(a.params["ipm"], a.params["period"], a.params["days"]) for a in alerts] == [
        ("IPM-A", "2026-09", 36),
        ("IPM-A", "2026-10", 5),
    ]
    assert alerts[0].code == "ALERT_RETURN_LATE"
    # on its due date a return is not late yet
    assert late_returns({"IPM-B": OCTOBER}, set(), date(2026, 11, 15), 15) == []


def test_monthly_totals_by_ipm_region_and_nation_and_a_year_of_flows():
    cells = [
        ("A", OCTOBER, "SN-DK", "workers", 300),
        ("A", OCTOBER, "SN-TH", "workers", 100),
        ("A", OCTOBER, "", "management_costs", 50),
        ("B", OCTOBER, "SN-TH", "workers", 200),
        ("A", SEPTEMBER, "SN-DK", "care_paid", 70),
        ("A", OCTOBER, "SN-DK", "care_paid", 30),
        ("A", date(2025, 10, 1), "SN-DK", "care_paid", 1_000),  # thirteen months before
    ]
    scopes = monthly_totals(cells)
    assert scopes["ipm", "A"][OCTOBER] == {"workers": 400, "management_costs": 50, "care_paid": 30}
    assert scopes["region", "SN-TH"][OCTOBER] == {"workers": 300}
    assert scopes["national", None][OCTOBER]["workers"] == 600
    assert twelve_months_flows(scopes["ipm", "A"], OCTOBER) == {"care_paid": 100}
    year = twelve_months_flows(scopes["ipm", "A"], OCTOBER, ("management_costs", "care_paid"))
    assert year == {"management_costs": 50, "care_paid": 100}
    assert months_back(date(2026, 1, 1), 3) == (
        date(2026, 1, 1),
        date(2025, 12, 1),
        date(2025, 11, 1),
    )


def test_the_monthly_totals_give_the_indicators_totals_gives():
    document = parse_return(a_return())
    cells = [("A", document.period, f.region, f.measure, f.value) for f in document.facts]
    scopes = monthly_totals(cells)
    facts = [("A", document.period, document.facts)]
    assert indicators(scopes["national", None][document.period]) == indicators(totals(facts))
    thies = scopes["region", "SN-TH"][document.period]
    assert indicators(thies) == indicators(totals(facts, region="SN-TH"))
