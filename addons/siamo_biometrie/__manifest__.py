{
    "name": "SIAMO - Biometrics",
    "summary": "Registration by NIN, card reader agent and identity checks at the point of care",
    "version": "18.0.2.0.0",
    "category": "SIAMO",
    "website": "https://github.com/siamo-erp/siamo",
    "author": "SIAMO ERP contributors",
    "license": "LGPL-3",
    "development_status": "Alpha",
    "depends": ["siamo_fse"],
    "external_dependencies": {"python": ["siamo-core"]},
    "data": [
        "security/siamo_biometrie_security.xml",
        "security/ir.model.access.csv",
        "data/ir_config_parameter.xml",
        "views/siamo_identity_check_views.xml",
        "views/siamo_fse_views.xml",
        "views/siamo_biometrie_menus.xml",
        "views/portal_templates.xml",
        "views/portal_breadcrumbs_templates.xml",
    ],
    "assets": {
        "web.assets_frontend": ["siamo_biometrie/static/src/js/identity_check_portal.js"],
        "web.assets_tests": ["siamo_biometrie/static/tests/tours/*.js"],
    },
    "demo": [
        "demo/siamo_identity_check_demo.xml",
    ],
}
