"""A worked example of the IPM return: a month of a small IPM in Dakar and Thiès, the one the
format's documentation and tests take (its indicators are worked out in the tests)."""

from copy import deepcopy

from .returns import FORMAT, VERSION

SAMPLE = {
    "format": FORMAT,
    "version": VERSION,
    "ipm": "IPM-SONATEL",
    "ipm_name": "IPM Sonatel",
    "period": "2026-10",
    "members": [
        {"region": "SN-DK", "companies": 2, "workers": 300},
        {"region": "SN-TH", "companies": 1, "workers": 100},
    ],
    "beneficiaries": [
        {
            "region": "SN-DK",
            "category": "participant",
            "sex": "M",
            "age_band": "35-44",
            "count": 300,
        },
        {"region": "SN-DK", "category": "child", "sex": "F", "age_band": "5-14", "count": 500},
        {
            "region": "SN-TH",
            "category": "participant",
            "sex": "F",
            "age_band": "25-34",
            "count": 100,
        },
        {"region": "SN-TH", "category": "spouse", "sex": "M", "age_band": "25-34", "count": 100},
    ],
    "contributions": [
        {"region": "SN-DK", "called": 30_000_000, "collected": 27_000_000},
        {"region": "SN-TH", "called": 10_000_000, "collected": 9_000_000},
    ],
    "care": [
        {
            "region": "SN-DK",
            "act_class": "consultation",
            "sheets": 400,
            "lines": 900,
            "lines_refused": 45,
            "claimed": 12_000_000,
            "settled": 9_000_000,
            "paid": 8_000_000,
        },
        {
            "region": "SN-TH",
            "act_class": "pharmacy",
            "sheets": 150,
            "lines": 300,
            "lines_refused": 15,
            "claimed": 5_000_000,
            "settled": 4_000_000,
            "paid": 4_000_000,
        },
    ],
    "refusals": [{"reason": "LIQ-OVER-TARIFF", "lines": 60, "amount": 1_200_000}],
    "payments": {"count": 20, "delay_days": 600},
    "management_costs": 5_400_000,
    "finance": {
        "reserves": 40_000_000,
        "cash": 30_000_000,
        "assets": 90_000_000,
        "liabilities": 20_000_000,
        "income": 36_000_000,
        "expenses": 17_400_000,
    },
}


def sample_return(**changes):
    """A copy of the worked example, with ``changes`` to its top-level fields."""
    document = deepcopy(SAMPLE)
    document.update(changes)
    return document
