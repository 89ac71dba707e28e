"""``siamo-card-agent``: ``serve`` (the local service for the portal page, the default),
``check`` (read, verify and post one identity check to SIAMO), ``readers``."""

import argparse
import getpass
import json
import sys

from . import VERSION, reader
from .check import read_and_verify
from .client import beneficiary_of, post_check
from .config import ConfigError, load
from .errors import AgentError
from .service import serve


def _check(config, args):
    pin = None if args.fingerprint else (args.pin or getpass.getpass("Code PIN du porteur : "))
    payload = read_and_verify(config, pin=pin, fingerprint=args.fingerprint)
    payload["beneficiary"] = beneficiary_of(payload, args.member_number)
    if args.practitioner or config.practitioner:
        payload["practitioner"] = args.practitioner or config.practitioner
    print(payload["message"])
    status, answer = post_check(config, payload)
    if status == 201:
        print(f"Vérification enregistrée : {answer.get('id')}")
        return 0 if payload["result"] == "confirmed" else 1
    error = answer.get("error") or {}
    print(f"Le serveur a refusé la vérification ({status}) : {error.get('message', '')}")
    return 2


def main(argv=None):
    parser = argparse.ArgumentParser(prog="siamo-card-agent", description=__doc__)
    parser.add_argument("--config", help="fichier de configuration")
    parser.add_argument("--version", action="version", version=VERSION)
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("serve", help="service local pour la page du portail")
    commands.add_parser("readers", help="liste les lecteurs de carte")
    check = commands.add_parser("check", help="vérifie l'identité et l'envoie à SIAMO")
    check.add_argument("--pin")
    check.add_argument("--fingerprint", action="store_true")
    check.add_argument("--member-number")
    check.add_argument("--practitioner")
    args = parser.parse_args(argv)
    try:
        config = load(args.config)
        if args.command == "readers":
            print(json.dumps(reader.reader_names(config.reader), ensure_ascii=False))
            return 0
        if args.command == "check":
            return _check(config, args)
        print(f"siamo-card-agent {VERSION} : http://127.0.0.1:{config.port} pour {config.origin}")
        serve(config)
        return 0
    except (AgentError, ConfigError) as error:
        print(error, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main())
