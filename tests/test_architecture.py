"""The architecture of DESIGN.md, checked: a pure core, a conventional deployment."""

import ast
import configparser

import pytest
import yaml

from .addon_inspection import ADDONS_DIR, OUR_ADDONS, REPO, manifest, own_dependencies


def _imported_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.module


def test_core_imports_neither_odoo_nor_an_addon():
    for path in (REPO / "siamo_core").rglob("*.py"):
        for module in _imported_modules(path):
            root = module.split(".")[0]
            assert root != "odoo", f"{path} imports {module}"
            assert not root.startswith("siamo_") or root == "siamo_core", f"{path}: {module}"


def test_docker_compose_is_valid():
    compose = yaml.safe_load((REPO / "docker-compose.yml").read_text(encoding="utf-8"))
    services = compose["services"]
    assert services["db"]["image"].startswith("postgres:16")
    odoo = services["odoo"]
    assert odoo["build"]["context"] == "."
    assert "db" in odoo["depends_on"]
    assert any("/mnt/extra-addons" in volume for volume in odoo["volumes"])
    assert any("config" in volume for volume in odoo["volumes"])
    dockerfile = (REPO / odoo["build"].get("dockerfile", "Dockerfile")).read_text(encoding="utf-8")
    assert dockerfile.startswith("FROM odoo:18.0")


def test_odoo_configurations_point_to_the_addons():
    for name in ("odoo.conf", "odoo-docker.conf"):
        parser = configparser.ConfigParser()
        parser.read(REPO / "config" / name)
        options = parser["options"]
        assert options["db_user"] != "postgres", name
        assert "addons" in options["addons_path"], name
        assert options["load_language"] == "fr_FR", name
        # the API answers 503 while PostgreSQL is away (siamo_referentiel's dispatcher): it
        # must be loaded with the server, which serves one database
        assert "siamo_referentiel" in options["server_wide_modules"].split(","), name
        assert options["dbfilter"] == f"^{options['db_name']}$", name


# ---------------------------------------------------------------- the addons of DESIGN.md
# The dependency chain: siamo_referentiel ← siamo_ipm ← siamo_fse ← siamo_biometrie, and
# siamo_icamo on siamo_referentiel alone. Each addon's SIAMO dependencies, transitively.
ALLOWED_DEPENDENCIES = {
    "siamo_referentiel": set(),
    "siamo_ipm": {"siamo_referentiel"},
    "siamo_fse": {"siamo_referentiel", "siamo_ipm"},
    "siamo_biometrie": {"siamo_referentiel", "siamo_ipm", "siamo_fse"},
    "siamo_icamo": {"siamo_referentiel"},
}
# its direct dependency: the addon just below it in the chain
DIRECT_DEPENDENCY = {
    "siamo_ipm": "siamo_referentiel",
    "siamo_fse": "siamo_ipm",
    "siamo_biometrie": "siamo_fse",
    "siamo_icamo": "siamo_referentiel",
}

# Where every model lives (DESIGN.md, Architecture): the IPM's back office holds its claims
# whatever their channel (their acceptance, and the demo care pathway keyed from paper); the
# exchange platform holds the channels; the referentials and the shared mixins sit below
# everything. A model defined anywhere must have a line here, and every line a model.
MODEL_HOME = {
    **dict.fromkeys(
        (
            "siamo.region",
            "siamo.department",
            "siamo.commune",
            "siamo.act.class",
            "siamo.act",
            "siamo.key.letter",
            "siamo.key.letter.value",
            "siamo.tariff.schedule",
            "siamo.medicine",
            "siamo.amo.benefit",
            "siamo.management.norm",
            "siamo.practitioner",
            "siamo.referential.import",
            "siamo.ipm.mixin",
            "siamo.numbered.mixin",
            "siamo.protected.mixin",
            "siamo.spreadsheet.import.mixin",
            "siamo.job.mixin",
            "siamo.job.progress",
        ),
        "siamo_referentiel",
    ),
    **dict.fromkeys(
        (
            "siamo.care.package",
            "siamo.care.package.line",
            "siamo.agreement",
            "siamo.agreement.price",
            "siamo.fse",
            "siamo.fse.line",
            "siamo.fse.acceptance",
            "siamo.fse.demo",
            "siamo.care.authorization",
            "siamo.settlement.batch",
            "siamo.settlement.line",
            "siamo.payment.order",
            "siamo.copayment.statement",
            "siamo.copayment.statement.prepare",
            "siamo.reimbursement",
            "siamo.reimbursement.line",
            "siamo.act.class.account",
            "siamo.membership",
            "siamo.beneficiary",
            "siamo.contribution.period",
            "siamo.contribution.line",
            "siamo.contribution.followup",
            "siamo.contribution.reminder",
            "siamo.ipm.rule",
            "siamo.ipm.return",
            "siamo.ipm.return.settings",
            "siamo.member.request",
            "siamo.staff.import",
        ),
        "siamo_ipm",
    ),
    **dict.fromkeys(("siamo.fse.submission", "siamo.fse.intake"), "siamo_fse"),
    "siamo.identity.check": "siamo_biometrie",
    "siamo.identity.conflict": "siamo_biometrie",
    "siamo.identity.registry": "siamo_biometrie",
    **dict.fromkeys(
        ("siamo.accreditation", "siamo.accreditation.question", "siamo.accreditation.decide"),
        "siamo_icamo",
    ),
    **dict.fromkeys(
        (
            "siamo.icamo.mixin",
            "siamo.icamo.ipm",
            "siamo.icamo.ipm.history",
            "siamo.icamo.return",
            "siamo.icamo.return.import",
            "siamo.icamo.fact",
            "siamo.icamo.cell",
            "siamo.icamo.indicator",
            "siamo.icamo.alert",
            "siamo.icamo.report",
            "siamo.icamo.recommendation",
            "siamo.icamo.recommendation.respond",
        ),
        "siamo_icamo",
    ),
}
MAX_LINES = 400
MOVE_VERSION = (18, 0, 2, 0, 0)


def _model_definitions(addon):
    """(model, file) for every model a class of the addon creates: a ``_name`` that is not
    also in its ``_inherit`` (that would be an extension), abstract models included."""
    for path in sorted((ADDONS_DIR / addon).rglob("*.py")):
        if "tests" in path.relative_to(ADDONS_DIR / addon).parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for cls in (node for node in ast.walk(tree) if isinstance(node, ast.ClassDef)):
            attrs = {}
            for stmt in cls.body:
                if isinstance(stmt, ast.Assign):
                    for target in stmt.targets:
                        if isinstance(target, ast.Name) and target.id in {"_name", "_inherit"}:
                            attrs[target.id] = stmt.value
            name = attrs.get("_name")
            if not (isinstance(name, ast.Constant) and isinstance(name.value, str)):
                continue
            inherited = attrs.get("_inherit")
            if isinstance(inherited, ast.Constant):
                parents = {inherited.value}
            elif isinstance(inherited, ast.List | ast.Tuple):
                parents = {elt.value for elt in inherited.elts if isinstance(elt, ast.Constant)}
            else:
                parents = set()
            if name.value not in parents:
                yield name.value, path.relative_to(REPO)


def _version(text):
    return tuple(int(part) for part in text.split("."))


def test_the_addons_of_the_design_are_there():
    assert set(OUR_ADDONS) == set(ALLOWED_DEPENDENCIES)


@pytest.mark.parametrize("addon", sorted(ALLOWED_DEPENDENCIES))
def test_addon_dependencies_follow_the_design(addon):
    closure = own_dependencies(addon) - {addon}
    allowed = ALLOWED_DEPENDENCIES[addon]
    assert closure == allowed, f"{addon} depends on {sorted(closure)}, not {sorted(allowed)}"
    if addon in DIRECT_DEPENDENCY:
        assert DIRECT_DEPENDENCY[addon] in manifest(addon)["depends"], addon


def test_no_addon_depends_on_one_above_it():
    # the chain's own wording: ipm must never need the hub, the hub never the identity addon
    forbidden = [
        ("siamo_referentiel", "siamo_ipm"),
        ("siamo_referentiel", "siamo_icamo"),
        ("siamo_ipm", "siamo_fse"),
        ("siamo_ipm", "siamo_biometrie"),
        ("siamo_ipm", "siamo_icamo"),
        ("siamo_fse", "siamo_biometrie"),
        ("siamo_fse", "siamo_icamo"),
        ("siamo_biometrie", "siamo_icamo"),
        ("siamo_icamo", "siamo_ipm"),
        ("siamo_icamo", "siamo_fse"),
        ("siamo_icamo", "siamo_biometrie"),
    ]
    wrong = [
        f"{lower} depends on {upper}"
        for lower, upper in forbidden
        if lower in OUR_ADDONS and upper in own_dependencies(lower)
    ]
    assert not wrong, wrong


def test_every_model_is_defined_in_its_home_addon():
    problems = []
    for addon in OUR_ADDONS:
        for model, path in _model_definitions(addon):
            home = MODEL_HOME.get(model)
            if home is None:
                problems.append(f"{model} ({path}) has no line in MODEL_HOME: place it")
            elif home != addon:
                problems.append(f"{model} is defined in {path}, its home is {home}")
    assert not problems, "\n".join(problems)


def test_every_model_of_the_table_exists():
    defined = {model for addon in OUR_ADDONS for model, _path in _model_definitions(addon)}
    assert not set(MODEL_HOME) - defined, sorted(set(MODEL_HOME) - defined)


def test_python_files_stay_short():
    long_files = [
        f"{path.relative_to(REPO)}: {count} lines"
        for folder in ("addons", "siamo_core")
        for path in sorted((REPO / folder).rglob("*.py"))
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    ]
    assert not long_files, f"more than {MAX_LINES} lines: split them\n" + "\n".join(long_files)


@pytest.mark.parametrize("addon", OUR_ADDONS)
def test_addon_version_follows_the_move_with_its_migrations(addon):
    text = manifest(addon)["version"]
    version = _version(text)
    assert len(version) == 5 and version[:2] == (18, 0), text
    assert version >= MOVE_VERSION, f"{addon} is at {text}, the move makes every addon 18.0.2.0.0"
    if version > MOVE_VERSION:
        folders = [ADDONS_DIR / addon / "migrations" / name for name in (text, text[5:])]
        assert any(folder.is_dir() for folder in folders), (
            f"{addon} {text} has no migrations/{text}/ folder"
        )


def test_the_ipm_side_needs_no_exchange_platform():
    """An IPM that keys its paper sheets installs siamo_ipm without the exchange platform's
    libraries: neither siamo_referentiel nor siamo_ipm imports siamo_core.fse."""
    for addon in ("siamo_referentiel", "siamo_ipm"):
        for path in (REPO / "addons" / addon).rglob("*.py"):
            for module in _imported_modules(path):
                assert not module.startswith("siamo_core.fse"), f"{path} imports {module}"
                assert module.split(".")[0] not in {"cryptography", "jsonschema", "fhir"}, path
