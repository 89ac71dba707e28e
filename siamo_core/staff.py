"""The staff and salary list a member company sends: its schema, and what it changes.

The file is the company's complete list of workers: a worker of the IPM absent from it has
left the company, on the date the file gives or, lacking one, on the day it is applied.
"""

from dataclasses import dataclass, field

from .rows import Column, Schema

STAFF = Schema(
    name="staff",
    key=("payroll_number",),
    columns=(
        Column("matricule", "payroll_number", required=True),
        Column("nom", "name", required=True),
        Column("nin", "nin", "nin"),
        Column("date_naissance", "birthdate", "date"),
        Column(
            "sexe",
            "gender",
            "choice",
            choices={
                "m": "male",
                "h": "male",
                "homme": "male",
                "masculin": "male",
                "f": "female",
                "femme": "female",
                "feminin": "female",
            },
        ),
        Column("date_embauche", "hire_date", "date"),
        Column("salaire", "salary", "amount", required=True),
        Column("date_sortie", "left_on", "date"),
    ),
)


@dataclass
class StaffChanges:
    hires: list = field(default_factory=list)  # records of new workers
    departures: list = field(default_factory=list)  # (payroll number, left_on or None)
    salary_changes: list = field(default_factory=list)  # (payroll number, old, new)
    unchanged: int = 0

    @property
    def count(self):
        return len(self.hires) + len(self.departures) + len(self.salary_changes)


def staff_changes(current, records):
    """Compare the workers the IPM knows with the file's valid ``records``.

    ``current`` maps each payroll number of a worker still there to his monthly salary.
    """
    changes = StaffChanges()
    seen = set()
    for record in records:
        number = record["payroll_number"]
        seen.add(number)
        if number not in current:
            if not record.get("left_on"):
                changes.hires.append(record)
            continue
        if record.get("left_on"):
            changes.departures.append((number, record["left_on"]))
        elif record["salary"] != current[number]:
            changes.salary_changes.append((number, current[number], record["salary"]))
        else:
            changes.unchanged += 1
    changes.departures += [(number, None) for number in sorted(set(current) - seen)]
    return changes
