"""Reminders of unpaid contributions, on the IPM's schedule, stopped by payment."""

from dataclasses import dataclass
from datetime import timedelta

from .exceptions import SiamoError

REMINDER, FORMAL_NOTICE = "reminder", "formal_notice"


@dataclass(frozen=True)
class Step:
    days: int  # after the due date
    kind: str = REMINDER


DEFAULT_STEPS = (Step(15), Step(30), Step(60, FORMAL_NOTICE))


def schedule(reminder_days, formal_notice_days):
    """The steps of an IPM's schedule, from its text of reminder days (``"15,30"``)."""
    try:
        days = sorted(int(part) for part in (reminder_days or "").split(",") if part.strip())
    except ValueError as error:
        raise SiamoError(
            "REMINDER_BAD_DAYS",
            "“%(days)s”: write the reminder days as whole numbers separated by commas, for "
            "example 15,30.",
            days=reminder_days,
        ) from error
    if any(day <= 0 for day in days) or formal_notice_days <= 0:
        raise SiamoError(
            "REMINDER_NOT_AFTER_DUE_DATE",
            "The reminders and the formal notice come after the due date.",
        )
    return (*(Step(day) for day in days), Step(formal_notice_days, FORMAL_NOTICE))


def next_reminder(due_date, on_date, sent_days, paid, steps=DEFAULT_STEPS):
    """The step to send on ``on_date``, or None.

    Nothing once paid; when several steps are late (the job did not run), only the latest
    is sent, so a company never gets three letters on one morning.
    """
    if paid:
        return None
    due_steps = [
        step
        for step in steps
        if due_date + timedelta(days=step.days) <= on_date and step.days not in sent_days
    ]
    if not due_steps:
        return None
    latest = max(due_steps, key=lambda step: step.days)
    if any(days > latest.days for days in sent_days):
        return None
    return latest
