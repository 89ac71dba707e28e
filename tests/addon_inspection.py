"""Read an Odoo addon from disk, without Odoo: manifest, models, data files."""

import ast
import csv
import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ADDONS_DIR = REPO / "addons"
OUR_ADDONS = sorted(path.parent.name for path in ADDONS_DIR.glob("*/__manifest__.py"))
_MODEL_ATTRS = {"_name", "_inherit"}


def manifest(addon):
    return ast.literal_eval((ADDONS_DIR / addon / "__manifest__.py").read_text(encoding="utf-8"))


def own_dependencies(addon):
    """The addon and every addon of this repository it depends on, transitively."""
    seen, todo = set(), [addon]
    while todo:
        current = todo.pop()
        if current in seen or current not in OUR_ADDONS:
            continue
        seen.add(current)
        todo.extend(manifest(current).get("depends", []))
    return seen


def _string_values(node):
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.List | ast.Tuple):
        return [elt.value for elt in node.elts if isinstance(elt, ast.Constant)]
    return []


def _is_abstract(cls):
    return any(getattr(base, "attr", None) == "AbstractModel" for base in cls.bases)


def models_defined(addon, stored_only=False):
    """Model names that the addon's Python classes declare with _name (or _inherit alone).

    With ``stored_only``, only the models the addon creates: abstract models (mixins, which
    have no table) and extensions of other models are left out.
    """
    names = set()
    for path in (ADDONS_DIR / addon).rglob("*.py"):
        if "tests" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for cls in (node for node in ast.walk(tree) if isinstance(node, ast.ClassDef)):
            if stored_only and _is_abstract(cls):
                continue
            attrs = {
                target.id: _string_values(stmt.value)
                for stmt in cls.body
                if isinstance(stmt, ast.Assign)
                for target in stmt.targets
                if isinstance(target, ast.Name) and target.id in _MODEL_ATTRS
            }
            if stored_only:
                names.update(attrs.get("_name") or [])
            else:
                names.update(attrs.get("_name") or attrs.get("_inherit") or [])
    return names


def model_external_id(model_name):
    return "model_" + re.sub(r"\W", "_", model_name)


def acl_rows(addon):
    path = ADDONS_DIR / addon / "security" / "ir.model.access.csv"
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))
