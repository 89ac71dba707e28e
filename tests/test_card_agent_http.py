"""The agent's two ways out, against the real pcscd and the virtual card: the local HTTP
service for the provider's portal page (only to the configured SIAMO origin), and the check
posted to SIAMO's API (a real HTTP server on 127.0.0.1 stands for it)."""

import http.client
import json
import threading

import pytest

from siamo_card_agent.cli import main
from siamo_card_agent.service import AgentServer

from .card_fixtures import AWA, ORIGIN, config, inserted, make_card, pcsc
from .services import pcscd
from .services.siamo_stand_in import SiamoStandIn

__all__ = ["pcsc"]
pytestmark = pytest.mark.usefixtures("pcsc")


@pytest.fixture
def agent():
    server = AgentServer(config(), port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def _request(port, method, path, origin=ORIGIN, body=None, host=None, headers=()):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    sent = {"Host": host or f"127.0.0.1:{port}", **dict(headers)}
    if origin:
        sent["Origin"] = origin
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        sent["Content-Type"] = "application/json"
    connection.request(method, path, body=data, headers=sent)
    answer = connection.getresponse()
    payload = answer.read()
    connection.close()
    return answer.status, dict(answer.getheaders()), json.loads(payload) if payload else None


def test_the_status_answers_the_configured_origin_with_cors(agent):
    with inserted(make_card()):
        status, headers, body = _request(agent, "GET", "/status")
    assert status == 200
    assert headers["Access-Control-Allow-Origin"] == ORIGIN
    assert body == {"agent": "1.0.0", "readers": [pcscd.VIRTUAL_READER], "card": True}
    assert _request(agent, "GET", "/status")[2]["card"] is False


def test_the_identity_is_checked_for_the_page(agent):
    card = make_card()
    with inserted(card):
        status, headers, body = _request(agent, "POST", "/identity", body={"pin": "1234"})
        _status, _headers, wrong = _request(agent, "POST", "/identity", body={"pin": "0000"})
    assert status == 200 and headers["Access-Control-Allow-Origin"] == ORIGIN
    assert (body["method"], body["result"], body["card"]["nin"]) == (
        "card_pin",
        "confirmed",
        AWA.nin,
    )
    assert "beneficiary" not in body and "practitioner" not in body
    assert (wrong["result"], wrong["failure"]) == ("refused", "pin_wrong")
    assert "il reste 2 essai(s)" in wrong["message"]


def test_the_page_is_told_when_no_card_is_there(agent):
    status, _headers, body = _request(agent, "POST", "/identity", body={"pin": "1234"})
    assert status == 409 and body["error"]["code"] == "AGENT_NO_CARD"
    status, _headers, body = _request(agent, "POST", "/identity", body={"pin": 1234})
    assert status == 400 and body["error"]["code"] == "AGENT_BAD_REQUEST"


@pytest.mark.parametrize(
    ("origin", "host"),
    [
        ("https://evil.example.com", None),
        ("https://siamo.example.sn.evil.com", None),
        ("http://siamo.example.sn", None),  # not https: another origin
        (None, None),  # no Origin: not a page of SIAMO
        (ORIGIN, "rebound.example.com"),  # DNS rebinding: the right origin, another host
    ],
)
def test_another_origin_is_refused_and_gets_no_cors_header(agent, origin, host):
    card = make_card()
    with inserted(card):
        for method, path, body in (
            ("GET", "/status", None),
            ("POST", "/identity", {"pin": "1234"}),
        ):
            status, headers, answer = _request(agent, method, path, origin, body, host)
            assert status == 403 and "Access-Control-Allow-Origin" not in headers
            assert answer["error"]["message"] == (
                "Cette page n'est pas autorisée à utiliser le lecteur de carte."
            )
        status, headers, _answer = _request(agent, "OPTIONS", "/identity", origin, host=host)
        assert status == 403 and "Access-Control-Allow-Origin" not in headers
    assert not [command for command in card.log if command[1] == 0x20]  # no PIN tried


def test_the_preflight_of_the_configured_origin(agent):
    status, headers, _body = _request(
        agent,
        "OPTIONS",
        "/identity",
        headers={
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Private-Network": "true",
        },
    )
    assert status == 204
    assert headers["Access-Control-Allow-Origin"] == ORIGIN
    assert headers["Access-Control-Allow-Methods"] == "GET, POST"
    assert headers["Access-Control-Allow-Private-Network"] == "true"


def _config_file(tmp_path, server_url, key):
    path = tmp_path / "agent.conf"
    path.write_text(
        "[agent]\n"
        f"server_url = {server_url}\n"
        f"api_key = {key}\n"
        f"origin = {ORIGIN}\n"
        f"reader = {pcscd.VIRTUAL_READER}\n"
        "card_timeout = 3\n"
        "practitioner = Dr Awa Ndiaye\n",
        encoding="utf-8",
    )
    return str(path)


def test_the_check_is_posted_to_siamo_with_the_provider_key(tmp_path, capsys):
    with SiamoStandIn("provider-key") as siamo, inserted(make_card()):
        assert (
            main(
                [
                    "--config",
                    _config_file(tmp_path, siamo.url, "provider-key"),
                    "check",
                    "--pin",
                    "1234",
                ]
            )
            == 0
        )
    (posted,) = siamo.received
    assert posted["beneficiary"] == {"nin": AWA.nin}
    assert (posted["method"], posted["result"], posted["failure"]) == (
        "card_pin",
        "confirmed",
        None,
    )
    assert posted["practitioner"] == "Dr Awa Ndiaye" and posted["card"]["surname"] == "NDIAYE"
    assert "message" not in posted  # the French sentence is for the screen, not the server
    assert (
        capsys.readouterr().out == "Identité vérifiée.\nVérification enregistrée : IDC/2026/00001\n"
    )


def test_a_refused_check_is_posted_too_and_the_server_refusal_is_shown(tmp_path, capsys):
    with SiamoStandIn("provider-key") as siamo, inserted(make_card()):
        good = _config_file(tmp_path, siamo.url, "provider-key")
        assert main(["--config", good, "check", "--pin", "0000"]) == 1
        bad = _config_file(tmp_path, siamo.url, "stolen-key")
        assert main(["--config", bad, "check", "--pin", "1234"]) == 2
    assert [(check["result"], check["failure"]) for check in siamo.received] == [
        ("refused", "pin_wrong")
    ]
    out = capsys.readouterr().out
    assert "Code PIN erroné : il reste 2 essai(s)" in out
    assert "Le serveur a refusé la vérification (403) : Clé API inconnue." in out


def test_no_server_is_a_clear_message(tmp_path, capsys):
    with inserted(make_card()):
        assert (
            main(
                [
                    "--config",
                    _config_file(tmp_path, "http://127.0.0.1:9", "k"),
                    "check",
                    "--pin",
                    "1234",
                ]
            )
            == 2
        )
    assert "Le serveur SIAMO n'a pas pu être joint" in capsys.readouterr().err


def test_a_missing_configuration_is_a_clear_message(tmp_path, capsys):
    assert main(["--config", str(tmp_path / "none.conf"), "readers"]) == 2
    assert "Fichier de configuration absent" in capsys.readouterr().err
