"""Odoo waits 10 s for headless Chromium to open its devtools port, then skips the tour.

On a two-core machine busy with the Odoo server and PostgreSQL, Chromium sometimes needs
longer, and a tour that skips proves nothing: every SIAMO addon depends on this one, whose
tests package Odoo imports in every test run, so the wait is raised once here to 60 s.
"""

from odoo.tests import common

common.CHECK_BROWSER_ITERATIONS = max(common.CHECK_BROWSER_ITERATIONS, 600)
