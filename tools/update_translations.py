#!/usr/bin/env python3
"""Refresh each addon's i18n/<addon>.pot from a database where the addons are installed, and
merge it into i18n/fr.po (translations kept, new terms added untranslated, stale ones dropped).

    python3 tools/update_translations.py DATABASE [ADDON ...]

Then translate every empty msgstr it lists; `make test` fails while one is left.
"""

import io
import sys
from pathlib import Path

import polib

sys.path.insert(0, str(Path(__file__).resolve().parent))

import siamo_dev


def export_template(cr, addon):
    from odoo.tools.translate import trans_export

    buffer = io.BytesIO()
    trans_export(None, [addon], buffer, "po", cr)
    return polib.pofile(buffer.getvalue().decode(), wrapwidth=78)


def refresh(addon, template):
    i18n = siamo_dev.ADDONS_DIR / addon / "i18n"
    i18n.mkdir(exist_ok=True)
    template.save(str(i18n / f"{addon}.pot"))
    french_path = i18n / "fr.po"
    french = polib.pofile(str(french_path), wrapwidth=78) if french_path.exists() else template
    french.merge(template)
    french.metadata.update({"Language": "fr", "Plural-Forms": "nplurals=2; plural=(n > 1);"})
    for entry in french.obsolete_entries():
        french.remove(entry)
    french.save(str(french_path))
    return [entry.msgid for entry in french.untranslated_entries()]


def main():
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    database, addons = sys.argv[1], sys.argv[2:] or siamo_dev.addons()
    with siamo_dev.odoo_registry(database).cursor() as cr:
        for addon in addons:
            untranslated = refresh(addon, export_template(cr, addon))
            print(f"{addon}: {len(untranslated)} term(s) to translate in i18n/fr.po")
            for msgid in untranslated:
                print(f"    {msgid!r}")


if __name__ == "__main__":
    main()
