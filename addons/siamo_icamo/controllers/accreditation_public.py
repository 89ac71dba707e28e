import csv
import io

from odoo import http
from odoo.http import request
from odoo.tools.misc import format_date

# the open data's columns, in this order, and their French headers in the CSV
COLUMNS = ("number", "ipm", "kind", "region", "valid_from", "valid_until")
LANG = "fr_FR"


class SiamoAccreditationPublic(http.Controller):
    """The public list of accredited IPMs (granted and within their validity), as a page and
    as open data: number, IPM, kind, region and validity, nothing else."""

    @staticmethod
    def _rows():
        env = request.env(context={**request.env.context, "lang": LANG})
        return [
            accreditation._public_row() for accreditation in env["siamo.accreditation"]._published()
        ]

    @http.route("/amo/ipm-agreees", type="http", auth="public", website=True, sitemap=True)
    def accredited_ipms(self, **kwargs):
        if request.env["res.lang"]._lang_get(LANG):
            request.update_context(lang=LANG)
        rows = self._rows()
        for row in rows:
            for key in ("valid_from", "valid_until"):
                row[key] = format_date(request.env, row[key], lang_code=request.env.lang)
        return request.render(
            "siamo_icamo.public_accredited_ipms", {"rows": rows, "page_name": "ipm_agreees"}
        )

    @http.route("/amo/ipm-agreees.json", type="http", auth="public", methods=["GET"])
    def accredited_ipms_json(self, **kwargs):
        return request.make_json_response(
            {"accredited_ipms": self._rows()},
            headers=[("Access-Control-Allow-Origin", "*")],
        )

    @http.route("/amo/ipm-agreees.csv", type="http", auth="public", methods=["GET"])
    def accredited_ipms_csv(self, **kwargs):
        env = request.env(context={**request.env.context, "lang": LANG})
        headers = {
            "number": env._("Accreditation Number"),
            "ipm": env._("IPM"),
            "kind": env._("Kind of IPM"),
            "region": env._("Region"),
            "valid_from": env._("Valid From"),
            "valid_until": env._("Valid Until"),
        }
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=COLUMNS, delimiter=";")
        writer.writerow(headers)
        writer.writerows(self._rows())
        return request.make_response(
            buffer.getvalue().encode("utf-8-sig"),
            headers=[
                ("Content-Type", "text/csv; charset=utf-8"),
                ("Content-Disposition", http.content_disposition("ipm-agreees.csv")),
                ("Access-Control-Allow-Origin", "*"),
            ],
        )
