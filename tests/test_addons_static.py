"""Static checks of every addon: what Odoo would refuse at install, caught without Odoo."""

import io
import re
import xml.etree.ElementTree as ET

import docutils.core
import polib
import pytest

from .addon_inspection import (
    ADDONS_DIR,
    OUR_ADDONS,
    acl_rows,
    manifest,
    model_external_id,
    models_defined,
    own_dependencies,
)

REQUIRED_KEYS = {"name", "summary", "version", "license", "author", "depends", "data"}
EXPECTED_ADDONS = {
    "siamo_referentiel",
    "siamo_ipm",
    "siamo_fse",
    "siamo_icamo",
    "siamo_biometrie",
}
EXPECTED_DEPENDENCIES = {
    "siamo_referentiel": set(),
    "siamo_ipm": {"siamo_referentiel"},
    "siamo_fse": {"siamo_ipm"},
    "siamo_biometrie": {"siamo_fse"},
    "siamo_icamo": {"siamo_referentiel"},
}


def test_the_five_addons_are_there():
    assert set(OUR_ADDONS) == EXPECTED_ADDONS


@pytest.mark.parametrize("addon", OUR_ADDONS)
def test_manifest(addon):
    data = manifest(addon)
    assert data.keys() >= REQUIRED_KEYS, REQUIRED_KEYS - data.keys()
    assert re.fullmatch(r"18\.0\.\d+\.\d+\.\d+", data["version"])
    assert data["license"] == "LGPL-3"
    assert isinstance(data["author"], str)
    assert "siamo-core" in data.get("external_dependencies", {}).get("python", [])


@pytest.mark.parametrize("addon", OUR_ADDONS)
def test_dependencies_flow_one_way(addon):
    ours = {dep for dep in manifest(addon)["depends"] if dep.startswith("siamo_")}
    assert ours == EXPECTED_DEPENDENCIES[addon]


@pytest.mark.parametrize("addon", OUR_ADDONS)
def test_every_listed_data_file_exists_and_every_file_is_listed(addon):
    data = manifest(addon)
    listed = data.get("data", []) + data.get("demo", [])
    for name in listed:
        assert (ADDONS_DIR / addon / name).is_file(), name
    on_disk = {
        str(path.relative_to(ADDONS_DIR / addon))
        for folder in ("data", "demo", "security", "views", "report", "wizards")
        for path in (ADDONS_DIR / addon / folder).rglob("*")
        if path.suffix in {".xml", ".csv"}
    }
    assert on_disk <= set(listed), on_disk - set(listed)


@pytest.mark.parametrize("addon", OUR_ADDONS)
def test_xml_well_formed_without_legacy_syntax(addon):
    for path in (ADDONS_DIR / addon).rglob("*.xml"):
        root = ET.parse(path).getroot()
        # the web client's OWL templates are <templates>, the data files <odoo>
        static = "static" in path.relative_to(ADDONS_DIR / addon).parts
        assert root.tag == ("templates" if static else "odoo"), path
        for element in root.iter():
            assert element.tag != "tree", f"{path}: <tree> is <list> on Odoo 18"
            assert not {"attrs", "states"} & element.attrib.keys(), f"{path}: {element.attrib}"


@pytest.mark.parametrize("addon", OUR_ADDONS)
def test_acl_lines_name_real_models(addon):
    own = {model_external_id(name) for name in models_defined(addon)}
    reachable = {
        f"{dep}.{model_external_id(name)}"
        for dep in own_dependencies(addon)
        for name in models_defined(dep)
    }
    rows = acl_rows(addon)
    assert rows, f"{addon} has no access rights"
    for row in rows:
        model = row["model_id:id"]
        if "." not in model:
            assert model in own, f"{addon}: {row['id']} names {model}"
        elif model.split(".")[0].startswith("siamo_"):
            assert model in reachable, f"{addon}: {row['id']} names {model}"
        assert row["group_id:id"], f"{addon}: {row['id']} has no group"


@pytest.mark.parametrize("addon", OUR_ADDONS)
def test_every_new_model_has_access_rights(addon):
    covered = {row["model_id:id"] for row in acl_rows(addon)}
    inherited_only = {"res.partner", "res.company", "res.users", "ir.http"}
    for name in models_defined(addon, stored_only=True) - inherited_only:
        assert model_external_id(name) in covered, f"{addon}: {name} has no ACL"


@pytest.mark.parametrize("addon", OUR_ADDONS)
def test_french_translation_complete(addon):
    path = ADDONS_DIR / addon / "i18n" / "fr.po"
    assert path.is_file(), f"{addon} has no i18n/fr.po"
    catalog = polib.pofile(str(path))
    assert len(catalog) > 0
    assert not catalog.untranslated_entries(), [e.msgid for e in catalog.untranslated_entries()]
    assert not catalog.fuzzy_entries(), [e.msgid for e in catalog.fuzzy_entries()]


@pytest.mark.parametrize("addon", OUR_ADDONS)
def test_addon_readme_and_icon(addon):
    assert (ADDONS_DIR / addon / "README.rst").is_file()
    assert (ADDONS_DIR / addon / "static" / "description" / "icon.png").is_file()


@pytest.mark.parametrize("addon", OUR_ADDONS)
def test_addon_readme_is_valid_restructuredtext(addon):
    """Odoo renders README.rst when the addon is installed and logs each docutils message as
    a warning: the page an administrator reads must be clean."""
    messages = io.StringIO()
    docutils.core.publish_doctree(
        (ADDONS_DIR / addon / "README.rst").read_text(encoding="utf-8"),
        settings_overrides={"warning_stream": messages, "report_level": 2},
    )
    assert messages.getvalue() == ""
