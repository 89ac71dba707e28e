"""The architecture of DESIGN.md, checked: a pure core, a conventional deployment."""

import ast
import configparser

import yaml

from .addon_inspection import REPO


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
