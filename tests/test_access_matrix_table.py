"""The access matrix is one readable table with a row per role and model; siamo_biometrie's
post_install test checks it against Odoo, this one checks its shape without Odoo."""

import ast
import csv

from tests.addon_inspection import ADDONS_DIR, OUR_ADDONS, models_defined

TABLE = ADDONS_DIR / "siamo_biometrie" / "tests" / "access_matrix.csv"
ROLES = {
    "IPM user",
    "IPM medical officer",
    "IPM accountant",
    "IPM A manager",
    "IPM B manager",
    "ICAMO analyst",
    "ICAMO administrator",
    "referential manager",
    "portal member company",
    "portal participant",
    "portal provider",
    "public",
}
SCOPES = {"all", "own IPM", "own company", "own family", "own provider", "none"}
OPERATIONS = ("create", "read", "write", "unlink")


def _extended_models():
    """Models of other addons that ours extend with a concrete class (``_inherit`` alone)."""
    names = set()
    for addon in OUR_ADDONS:
        for path in (ADDONS_DIR / addon).rglob("*.py"):
            if "tests" in path.parts:
                continue
            for cls in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(cls, ast.ClassDef) or any(
                    getattr(base, "attr", None) == "AbstractModel" for base in cls.bases
                ):
                    continue
                attrs = {
                    target.id: stmt.value
                    for stmt in cls.body
                    if isinstance(stmt, ast.Assign)
                    for target in stmt.targets
                    if isinstance(target, ast.Name)
                }
                inherit = attrs.get("_inherit")
                if "_name" not in attrs and isinstance(inherit, ast.Constant):
                    names.add(inherit.value)
    return names


def _rows():
    with TABLE.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == ["role", "model", *OPERATIONS]
        return list(reader)


def test_access_matrix_has_one_row_per_role_and_model():
    models = set().union(*(models_defined(addon, stored_only=True) for addon in OUR_ADDONS))
    models |= _extended_models() | {"account.move", "account.payment", "res.partner"}
    rows = _rows()
    keys = [(row["role"], row["model"]) for row in rows]
    assert len(keys) == len(set(keys)), "a role and model appear twice"
    assert {row["role"] for row in rows} == ROLES
    assert {row["model"] for row in rows} == models
    assert set(keys) == {(role, model) for role in ROLES for model in models}
    bad = [row for row in rows if any(row[op] not in SCOPES for op in OPERATIONS)]
    assert not bad, bad
