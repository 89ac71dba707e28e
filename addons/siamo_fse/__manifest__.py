{
    "name": "SIAMO - Electronic Care Sheets",
    "summary": "Electronic care sheets (FSE), the flow hub and provider teleservices",
    "version": "18.0.1.0.0",
    "category": "SIAMO",
    "website": "https://github.com/siamo-erp/siamo",
    "author": "SIAMO ERP contributors",
    "license": "LGPL-3",
    "development_status": "Alpha",
    "application": True,
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
        "data/ir_sequence_data.xml",
        "data/ir_cron_data.xml",
        "views/siamo_fse_views.xml",
        "views/siamo_care_authorization_views.xml",
        "views/siamo_settlement_batch_views.xml",
        "views/siamo_copayment_statement_views.xml",
        "views/siamo_payment_order_views.xml",
        "wizards/siamo_reimbursement_views.xml",
        "wizards/siamo_copayment_statement_prepare_views.xml",
        "views/res_partner_views.xml",
        "views/portal_templates.xml",
        "views/portal_api_keys_templates.xml",
        "views/siamo_fse_menus.xml",
    ],
    "demo": [
        "demo/siamo_fse_demo.xml",
    ],
    "assets": {
        "web.assets_tests": ["siamo_fse/static/tests/tours/*.js"],
    },
}
