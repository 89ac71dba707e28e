"""Every third-party module that siamo_core, tests/, tools/ and bench/ import is declared.

A fresh machine installs only what ``requirements.txt``, ``requirements-test.txt`` and
``pyproject.toml`` name: a module imported but declared nowhere passes on a machine that
happens to have it and fails everywhere else. ``odoo`` is exempt: Odoo 18 is expected to be
installed already (from its source, with its own requirements); tier 2 needs it, tier 1 not.
"""

import ast
import importlib.metadata
import re
import sys

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib

from .addon_inspection import REPO

SCANNED = ("siamo_core", "tests", "tools", "bench")
REQUIREMENT_FILES = ("requirements.txt", "requirements-test.txt")
# expected preinstalled, not pip-installed by the project: see the module's docstring
EXEMPT = {"odoo"}
REQUIREMENT_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


def _normalized(name):
    """A distribution name as PEP 503 compares them."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _first_party():
    """Names that resolve to the repository itself: its packages and the scripts' siblings."""
    names = {"siamo_core", "tests"}
    for folder in SCANNED:
        names.update(path.stem for path in (REPO / folder).glob("*.py"))
    return names


def _modules_imported_by(path):
    """The top-level module of every absolute import in the file ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            modules = [node.module]
        else:
            continue
        yield from (module.split(".")[0] for module in modules)


def _imports():
    """{top-level module: first file importing it}, for every absolute import."""
    found = {}
    for folder in SCANNED:
        for path in sorted((REPO / folder).rglob("*.py")):
            for module in _modules_imported_by(path):
                found.setdefault(module, path.relative_to(REPO))
    return found


def _requirement_lines(path, seen=None):
    seen = set() if seen is None else seen
    if path in seen:
        return
    seen.add(path)
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith(("-r ", "--requirement ")):
            yield from _requirement_lines(path.parent / line.split(maxsplit=1)[1], seen)
        elif line.startswith("-e ./"):  # a project of this repository: its own name
            yield _project_name(REPO / line.split(maxsplit=1)[1])
        elif line and not line.startswith("-"):
            yield line


def _project_name(folder):
    return tomllib.loads((folder / "pyproject.toml").read_text(encoding="utf-8"))["project"]["name"]


def _declared():
    """Normalized names of every distribution the requirement files and pyproject declare."""
    lines = []
    for name in REQUIREMENT_FILES:
        lines.extend(_requirement_lines(REPO / name))
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    project = pyproject["project"]
    lines.extend(project.get("dependencies", []))
    for extra in project.get("optional-dependencies", {}).values():
        lines.extend(extra)
    return {_normalized(REQUIREMENT_NAME.match(line)[1]) for line in lines}


def _third_party():
    first_party = _first_party()
    return {
        module: path
        for module, path in _imports().items()
        if module not in sys.stdlib_module_names and module not in first_party
    }


def test_every_imported_module_is_declared():
    declared = _declared()
    distributions = importlib.metadata.packages_distributions()
    problems = []
    for module, path in sorted(_third_party().items()):
        if module in EXEMPT:
            continue
        # not installed here (say, a backport behind a python_version marker): its own name
        providers = distributions.get(module) or [module]
        if not {_normalized(name) for name in providers} & declared:
            problems.append(
                f"{module} (imported by {path}, distribution {', '.join(sorted(providers))}) "
                "is declared in none of requirements.txt, requirements-test.txt, pyproject.toml"
            )
    assert not problems, "\n".join(problems)


def test_the_scan_sees_the_imports_that_matter():
    """The walk is not vacuous: it finds the core's libraries and skips stdlib and our own."""
    modules = _third_party()
    assert {"reportlab", "openpyxl", "xlrd", "stdnum", "pypdf", "pytest"} <= set(modules)
    assert not {"decimal", "siamo_core", "siamo_dev", "benchlib"} & set(modules)
    assert "odoo" in modules  # bench/ imports it: exempt, not invisible


def test_core_runtime_libraries_are_in_pyproject():
    """``pip install siamo-core`` alone brings what siamo_core (outside its tests) imports."""
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    project = pyproject["project"]
    base = {_normalized(REQUIREMENT_NAME.match(line)[1]) for line in project["dependencies"]}
    exchange = {
        _normalized(REQUIREMENT_NAME.match(line)[1])
        for line in project["optional-dependencies"]["exchange"]
    }
    distributions = importlib.metadata.packages_distributions()
    missing = []
    for path in sorted((REPO / "siamo_core").rglob("*.py")):
        parts = path.relative_to(REPO).parts
        if "tests" in parts:
            continue
        # the exchange platform's core may use its extra; the IPM's side, the base alone
        declared = base | exchange if parts[1] == "fse" else base
        for module in _modules_imported_by(path):
            if module in sys.stdlib_module_names or module == "siamo_core":
                continue
            providers = {_normalized(name) for name in distributions.get(module, [module])}
            if not providers & declared:
                missing.append(f"{module} (imported by {path.relative_to(REPO)})")
    assert not missing, "not in pyproject.toml's dependencies: " + ", ".join(sorted(set(missing)))


def test_install_and_images_bring_the_exchange_extra():
    for name in ("tools/install_deps.sh", "Dockerfile"):
        assert "[exchange]" in (REPO / name).read_text(encoding="utf-8"), name


def test_the_card_agent_declares_what_it_imports():
    """``pip install ./agent`` alone brings what the agent imports (its own pyproject)."""
    project = tomllib.loads((REPO / "agent" / "pyproject.toml").read_text(encoding="utf-8"))
    declared = {
        _normalized(REQUIREMENT_NAME.match(line)[1]) for line in project["project"]["dependencies"]
    }
    distributions = importlib.metadata.packages_distributions()
    missing = set()
    for path in sorted((REPO / "agent").rglob("*.py")):
        for module in _modules_imported_by(path):
            if module in sys.stdlib_module_names or module == "siamo_card_agent":
                continue
            providers = {_normalized(name) for name in distributions.get(module, [module])}
            if not providers & declared:
                missing.add(f"{module} (imported by {path.relative_to(REPO)})")
    assert declared >= {"pyscard", "siamo-core"}
    assert not missing, "not in agent/pyproject.toml: " + ", ".join(sorted(missing))
