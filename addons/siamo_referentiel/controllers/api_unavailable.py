from werkzeug.exceptions import NotFound

from odoo.http import HttpDispatcher

from ..tools.api_unavailable import database_lost, is_api_path, unavailable_response


class SiamoHttpDispatcher(HttpDispatcher):
    """Odoo's dispatcher of ``type="http"`` routes (it takes their place: Odoo keeps one
    dispatcher per routing type, the last one defined), which answers a SIAMO API request the
    database failed ``503`` "send it again", with ``Retry-After``, in the API's JSON shape:

    - PostgreSQL refusing connections (restarting, a failover, too many connections): Odoo
      finds no database to serve the request with, or cannot open the one it found, and
      serves it without one, where the SIAMO routes do not exist: its "Not Found" would be
      final for a provider's software;
    - the connection lost in flight: the request's transaction died with it, nothing of it
      is kept (Odoo would answer 500).

    Loaded server-wide with ``siamo_referentiel`` (``server_wide_modules``, see the README),
    it serves from the start of each worker, before any database is opened. Any other
    request, or error, goes to Odoo's own handling."""

    def handle_error(self, exc):
        path = self.request.httprequest.path
        if is_api_path(path) and (
            database_lost(exc) or (isinstance(exc, NotFound) and not self.request.db)
        ):
            return unavailable_response(path)
        return super().handle_error(exc)
