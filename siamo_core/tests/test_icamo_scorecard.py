from decimal import Decimal

from siamo_core.icamo.indicators import INDICATORS, Norm
from siamo_core.icamo.scorecard import recommendations, scorecard

NORMS = (
    Norm("management_cost_ratio", "max", Decimal(15)),
    Norm("reserve_ratio", "min", Decimal(25)),
)
REFERENCE = {
    "collection_rate": Decimal(90),
    "payment_delay_days": Decimal(30),
    "management_cost_ratio": Decimal(12),
    "claims_ratio": Decimal(60),
}


def test_each_indicator_beside_its_reference_and_norm_with_its_status():
    values = {
        "collection_rate": Decimal(70),  # 22 % below the AMO's 90: to watch
        "payment_delay_days": Decimal(35),  # 17 % above 30: within the margin
        "management_cost_ratio": Decimal(18),  # above the norm of 15
        "reserve_ratio": Decimal(30),
        "claims_ratio": Decimal(95),  # no better way: never to watch
    }
    lines = {line.indicator: line for line in scorecard(values, REFERENCE, NORMS)}
    assert set(lines) == set(INDICATORS)
    assert lines["collection_rate"].status == "watch"
    assert lines["payment_delay_days"].status == "ok"
    assert (lines["management_cost_ratio"].status, lines["management_cost_ratio"].norm) == (
        "breach",
        Decimal(15),
    )
    assert lines["management_cost_ratio"].reference == Decimal(12)
    assert lines["reserve_ratio"].status == "ok"
    assert lines["claims_ratio"].status == "ok"
    assert lines["refusal_rate"].status == "unknown"
    assert [message.code for message in recommendations(lines.values())] == [
        "RECO_MANAGEMENT_COST_RATIO",
        "RECO_COLLECTION_RATE",
    ]


def test_a_slow_payer_is_to_watch_and_told_to_pay_sooner():
    lines = scorecard({"payment_delay_days": Decimal(40)}, REFERENCE, ())
    assert [line.status for line in lines if line.indicator == "payment_delay_days"] == ["watch"]
    assert [message.code for message in recommendations(lines)] == ["RECO_PAYMENT_DELAY_DAYS"]


def test_a_fund_within_every_norm_and_reference_gets_no_recommendation():
    lines = scorecard(dict(REFERENCE), REFERENCE, NORMS)
    assert recommendations(lines) == []
