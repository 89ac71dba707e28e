"""queue_job's test helpers, for the tests of every addon: ``trap_jobs()`` asserts what is
enqueued and performs it.

queue_job 18.0.4.x registers its patcher in ``odoo.tests.common.SETATTR_SOURCES``, which
Odoo 18 builds before that attribute was added do not have: it is made empty there (it only
silences a warning in the builds that have it)."""

from odoo.tests import common

if not hasattr(common, "SETATTR_SOURCES"):
    common.SETATTR_SOURCES = {}

from odoo.addons.queue_job.tests.common import trap_jobs

__all__ = ["trap_jobs"]
