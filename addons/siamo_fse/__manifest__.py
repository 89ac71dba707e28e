{
    "name": "SIAMO - Exchange Platform",
    "summary": "The exchange platform: the signed FSE standard, intake API, FHIR, provider portal",
    "version": "18.0.2.1.0",
    "category": "SIAMO",
    "website": "https://github.com/siamo-erp/siamo",
    "author": "SIAMO ERP contributors",
    "license": "LGPL-3",
    "development_status": "Alpha",
    "depends": ["siamo_ipm"],
    "external_dependencies": {
        "python": [
            "siamo-core",
            "jsonschema",
            "fastjsonschema",
            "cryptography",
            "fhir.resources",
        ]
    },
    "data": [
        "security/siamo_fse_security.xml",
        "security/ir.model.access.csv",
        "views/siamo_fse_submission_views.xml",
        "views/res_partner_views.xml",
        "views/portal_templates.xml",
        "views/portal_breadcrumbs_templates.xml",
        "views/portal_api_keys_templates.xml",
        "views/siamo_fse_menus.xml",
    ],
    "assets": {
        "web.assets_tests": ["siamo_fse/static/tests/tours/*.js"],
    },
    "demo": [
        "demo/siamo_fse_demo.xml",
    ],
}
