"""The agent's configuration: an INI file with one ``[agent]`` section.

[agent]
server_url = https://siamo.example.sn
api_key = <the provider's API key, from its portal>
origin = https://siamo.example.sn
port = 8765
# optional
reader = Virtual PCD
card_timeout = 10
fingerprint_command = /usr/local/bin/capture-fingerprint
practitioner = Dr Awa Ndiaye
"""

import configparser
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

DEFAULT_PORT = 8765


def default_path():
    if sys.platform == "win32":
        return Path(os.environ.get("PROGRAMDATA", r"C:\ProgramData")) / "SIAMO" / "card-agent.conf"
    return Path("/etc/siamo-card-agent.conf")


@dataclass(frozen=True)
class Config:
    server_url: str = ""
    api_key: str = ""
    origin: str = ""
    port: int = DEFAULT_PORT
    reader: str = ""
    card_timeout: float = 10.0
    fingerprint_command: str = ""
    practitioner: str = ""


class ConfigError(Exception):
    """The configuration file is missing or wrong (a French sentence)."""


def _origin(value):
    """``scheme://host[:port]`` as browsers send it in the Origin header."""
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.path not in ("", "/"):
        raise ConfigError(f"origin = {value!r} : une origine s'écrit https://hote[:port].")
    return f"{parts.scheme}://{parts.netloc.lower()}"


def load(path=None):
    path = Path(path or os.environ.get("SIAMO_CARD_AGENT_CONFIG") or default_path())
    parser = configparser.ConfigParser(interpolation=None)
    if not parser.read(path, encoding="utf-8") or not parser.has_section("agent"):
        raise ConfigError(f"Fichier de configuration absent ou sans section [agent] : {path}")
    section = parser["agent"]
    try:
        return Config(
            server_url=section.get("server_url", "").rstrip("/"),
            api_key=section.get("api_key", ""),
            origin=_origin(section["origin"]) if section.get("origin") else "",
            port=section.getint("port", DEFAULT_PORT),
            reader=section.get("reader", ""),
            card_timeout=section.getfloat("card_timeout", 10.0),
            fingerprint_command=section.get("fingerprint_command", ""),
            practitioner=section.get("practitioner", ""),
        )
    except ValueError as error:
        raise ConfigError(f"Configuration invalide dans {path} : {error}") from None
