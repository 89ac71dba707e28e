"""The real PC/SC daemon with vpcd's virtual reader, started by the tests when it does not
run already (and stopped by them only then)."""

import os
import shutil
import subprocess
import tempfile
import time

from smartcard.Exceptions import SmartcardException
from smartcard.pcsc.PCSCExceptions import BaseSCardException
from smartcard.System import readers

VIRTUAL_READER = "Virtual PCD 00 00"
VPCD_PORT = 35963  # the port of "Virtual PCD 00 00" in /etc/reader.conf.d/vpcd
STATUS_POLL = 0.4  # pcsc-lite's PCSCLITE_STATUS_POLL_RATE, for a driver without hotplug


class PcscdUnavailable(RuntimeError):
    """pcscd cannot run here: the tier-1 card tests fail with this (never skip)."""


def virtual_readers():
    """The vpcd readers pcscd offers now ([] when pcscd does not answer)."""
    try:
        return [str(reader) for reader in readers() if "Virtual PCD" in str(reader)]
    except (SmartcardException, BaseSCardException):
        return []


def _wait_for_readers(process, log, seconds=10):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if VIRTUAL_READER in virtual_readers():
            return
        if process.poll() is not None:
            break
        time.sleep(0.1)
    process.kill()
    log.seek(0)
    printed = log.read().decode(errors="replace")
    raise PcscdUnavailable(
        f"pcscd did not offer the reader {VIRTUAL_READER!r} within {seconds}s; its log:\n{printed}"
    )


def start():
    """The pcscd process this call started, or None when one already offers the reader."""
    if VIRTUAL_READER in virtual_readers():
        return None
    missing = [name for name in ("pcscd",) if not shutil.which(name)]
    if missing or not os.path.exists("/usr/lib/pcsc/drivers/serial/libifdvpcd.so"):
        raise PcscdUnavailable(
            "pcscd and vsmartcard-vpcd are needed: apt-get install pcscd vsmartcard-vpcd "
            "(tools/debian-packages.txt, installed by tools/install_deps.sh)"
        )
    if os.geteuid() != 0:
        raise PcscdUnavailable("pcscd was not running and only root can start it here")
    log = tempfile.TemporaryFile()  # noqa: SIM115 - kept open for the failure message
    process = subprocess.Popen(
        ["pcscd", "--foreground", "--error"], stdout=log, stderr=subprocess.STDOUT
    )
    _wait_for_readers(process, log)
    return process


def stop(process):
    if process is None:
        return
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
