from datetime import date

from siamo_core.reminders import FORMAL_NOTICE, REMINDER, next_reminder

DUE = date(2026, 1, 31)


def test_reminders_on_their_days():
    assert next_reminder(DUE, date(2026, 2, 14), set(), paid=False) is None
    first = next_reminder(DUE, date(2026, 2, 15), set(), paid=False)
    assert (first.days, first.kind) == (15, REMINDER)
    assert next_reminder(DUE, date(2026, 2, 16), {15}, paid=False) is None
    assert next_reminder(DUE, date(2026, 3, 2), {15}, paid=False).days == 30
    notice = next_reminder(DUE, date(2026, 4, 1), {15, 30}, paid=False)
    assert (notice.days, notice.kind) == (60, FORMAL_NOTICE)
    assert next_reminder(DUE, date(2026, 5, 1), {15, 30, 60}, paid=False) is None


def test_payment_stops_every_reminder():
    assert next_reminder(DUE, date(2026, 4, 1), {15}, paid=True) is None


def test_late_job_sends_only_the_latest_step():
    assert next_reminder(DUE, date(2026, 4, 5), set(), paid=False).days == 60
    assert next_reminder(DUE, date(2026, 4, 5), {60}, paid=False) is None


def test_schedule_from_the_ipm_parameters():
    import pytest

    from siamo_core.exceptions import SiamoError
    from siamo_core.reminders import schedule

    steps = schedule("30, 15", 60)
    assert [(step.days, step.kind) for step in steps] == [
        (15, REMINDER),
        (30, REMINDER),
        (60, FORMAL_NOTICE),
    ]
    with pytest.raises(SiamoError) as not_numbers:
        schedule("15,trente", 60)
    assert (not_numbers.value.code, not_numbers.value.params) == (
        "REMINDER_BAD_DAYS",
        {"days": "15,trente"},
    )
    with pytest.raises(SiamoError) as too_early:
        schedule("0", 60)
    assert too_early.value.code == "REMINDER_NOT_AFTER_DUE_DATE"
