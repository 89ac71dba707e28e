"""Read, without importing them, the coded messages of siamo_core and the addon table that
translates them (tier 1 has no Odoo)."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORE = ROOT / "siamo_core"
TRANSLATOR = ROOT / "addons" / "siamo_referentiel" / "tools" / "core_errors.py"
REASON_TABLE = ROOT / "addons" / "siamo_referentiel" / "tools" / "reason_labels.py"
FRENCH = ROOT / "addons" / "siamo_referentiel" / "i18n" / "fr.po"
CODE = re.compile(r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+")
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdr]")
BASE = "SiamoError"
MESSAGE = "Message"
BUILTIN_ERRORS = {"Exception", "ValueError", "TypeError", "KeyError", "RuntimeError"}


def core_sources():
    """``{path relative to the repository: source}`` of siamo_core, its tests left out."""
    return {
        str(path.relative_to(ROOT)): path.read_text(encoding="utf-8")
        for path in sorted(CORE.rglob("*.py"))
        if "tests" not in path.relative_to(CORE).parts
    }


def _name(node):
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _classes(trees):
    """``{class name: defines its own __init__}`` of SiamoError and all its subclasses."""
    bases, own_init = {}, {}
    for tree in trees.values():
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                bases[node.name] = {_name(base) for base in node.bases}
                own_init[node.name] = any(
                    isinstance(item, ast.FunctionDef) and item.name == "__init__"
                    for item in node.body
                )
    errors = {BASE}
    while True:
        more = {name for name, parents in bases.items() if parents & errors} - errors
        if not more:
            return {name: own_init.get(name, False) for name in errors}
        errors |= more


def _literal(call):
    """(code, template) of a call whose two first arguments are literal strings, else None."""
    args = call.args
    if len(args) < 2 or not all(
        isinstance(arg, ast.Constant) and isinstance(arg.value, str) for arg in args[:2]
    ):
        return None
    code, template = args[0].value, args[1].value
    return (code, template) if CODE.fullmatch(code) else None


def _is_super_init(call):
    func = call.func
    return (
        isinstance(func, ast.Attribute)
        and func.attr == "__init__"
        and isinstance(func.value, ast.Call)
        and _name(func.value.func) == "super"
    )


def coded_messages(sources):
    """``(messages, problems)``: every (code, template, where) built in ``sources``, and
    where an error or a message is built without a literal code and English template."""
    trees = {path: ast.parse(text, path) for path, text in sources.items()}
    classes = _classes(trees)
    messages, problems = [], []
    for path, tree in trees.items():
        inits = {
            id(call)
            for node in ast.walk(tree)
            if isinstance(node, ast.ClassDef) and node.name in classes and node.name != BASE
            for call in ast.walk(node)
            if isinstance(call, ast.Call) and _is_super_init(call)
        }
        for node in ast.walk(tree):
            where = f"{path}:{getattr(node, 'lineno', 0)}"
            if isinstance(node, ast.Raise) and _name(node.exc) in classes:
                problems.append(f"{where}: raises {_name(node.exc)} without a code")
            if not isinstance(node, ast.Call):
                continue
            name = _name(node.func)
            own = name in classes and not classes[name]
            checked = id(node) in inits or name == MESSAGE or own
            if checked and not path.endswith("exceptions.py"):
                literal = _literal(node)
                if literal is None:
                    problems.append(f"{where}: {name or 'super().__init__'} without a literal code")
                else:
                    messages.append((*literal, where))
            elif (
                name in BUILTIN_ERRORS
                and not path.endswith("exceptions.py")
                and any(isinstance(arg, ast.Constant | ast.JoinedStr) for arg in node.args)
            ):
                problems.append(f"{where}: {name} with a sentence, not a coded error")
    return messages, problems


def translator_table(source=None, name="CORE_MESSAGES"):
    """``{code: English source}`` of the addon's ``CORE_MESSAGES`` (or ``name``) table."""
    tree = ast.parse(source if source is not None else TRANSLATOR.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Assign)
            and any(_name(target) == name for target in node.targets)
            and isinstance(node.value, ast.Dict)
        ):
            return {
                key.value: value.args[0].value
                for key, value in zip(node.value.keys, node.value.values, strict=True)
                if isinstance(value, ast.Call) and _name(value.func) == "_lt"
            }
    return {}
