from unittest.mock import patch

from odoo.tests import tagged
from odoo.tests.common import ChromeBrowser

from .agent_peer import GOOD_PIN, AgentPeer
from .common import NIN_A, IdentityHttpCase
from .test_identity_check_portal import PortalActors

SCREENSHOT_SIGNAL = "siamo-screenshot "


def _console_with_screenshots(handle_console):
    """The browser's console handler, taking a screenshot of the page when a tour step logs
    ``siamo-screenshot <name>`` (saved with the test's screenshots, under <name>_)."""

    def handle(browser, type, args=None, **kw):
        if args and type == "log":
            text = str(browser._from_remoteobject(args[0]))
            if text.startswith(SCREENSHOT_SIGNAL):
                browser.take_screenshot(prefix=f"{text[len(SCREENSHOT_SIGNAL) :]}_")
        return handle_console(browser, type, args=args, **kw)

    return handle


@tagged("post_install", "-at_install")
class TestIdentityCheckTour(PortalActors, IdentityHttpCase):
    """In a real browser: the provider checks an identity with one click against a real local
    peer standing for the card-reader agent; the participant reads his family's checks."""

    def _tour(self, tour, login):
        console = _console_with_screenshots(ChromeBrowser._handle_console)
        with patch.object(ChromeBrowser, "_handle_console", console):
            self.start_tour("/my", tour, login=login)

    def test_the_provider_checks_an_identity_with_one_click(self):
        before = self.env["siamo.identity.check"].search([("channel", "=", "portal")])
        with AgentPeer(self.base_url(), NIN_A, self._now_text()) as agent:
            self.env["ir.config_parameter"].set_param("siamo_biometrie.agent_port", agent.port)
            self._tour("siamo_identity_check_provider", self.clinic_user.login)
        self.assertEqual(agent.pins, ["0000", GOOD_PIN, "fingerprint"])
        made = self.env["siamo.identity.check"].search([("channel", "=", "portal")]) - before
        self.assertEqual(
            sorted(made.mapped(lambda check: (check.method, check.result))),
            [("card_fingerprint", "confirmed"), ("card_pin", "confirmed"), ("card_pin", "refused")],
        )
        refused = made.filtered(lambda check: check.result == "refused")
        self.assertEqual(refused.failure, "pin_wrong")
        for check in made:
            self.assertEqual(
                (check.provider_id, check.user_id, check.beneficiary_id, check.practitioner),
                (self.clinic, self.clinic_user, self.participant_a, "Dr Awa Ndiaye"),
            )

    def test_the_provider_is_told_when_the_agent_does_not_answer(self):
        with AgentPeer(self.base_url(), NIN_A, self._now_text()) as agent:
            port = agent.port  # a port where nobody answers once the peer is stopped
        self.env["ir.config_parameter"].set_param("siamo_biometrie.agent_port", port)
        self._tour("siamo_identity_check_no_agent", self.clinic_user.login)

    def test_the_participant_reads_his_familys_checks(self):
        self._tour("siamo_identity_check_participant", self.moussa_user.login)
