"""Where an admin command gets a PIN: a prompt, a file or stdin — never the command line,
where it would stay in the shell history and in every process listing."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from gridterm.errors import ValidationError


class _RefusePin(argparse.Action):
    """``--pin VALUE`` is refused with the reason (argparse would otherwise take it as an
    abbreviation of ``--pin-file``)."""

    def __call__(self, parser: argparse.ArgumentParser, *_: object, **__: object) -> None:
        parser.error("a PIN on the command line stays in the shell history: use --pin-file or "
                     "let the command ask for it")  # fmt: skip


def pin_option(parser: argparse.ArgumentParser) -> None:
    """``--pin-file FILE`` (``-`` for stdin); without it the PIN is asked for, twice."""
    parser.add_argument("--pin", action=_RefusePin, help=argparse.SUPPRESS)
    parser.add_argument(
        "--pin-file",
        metavar="FILE",
        help="read the PIN from the first line of FILE (- for stdin); asked for when missing",
    )


def read_pin(pin_file: str | None) -> str:
    """The PIN from ``pin_file``, stdin (``-``) or a prompt on the terminal."""
    if pin_file == "-":
        return _first_line(sys.stdin.read())
    if pin_file:
        try:
            return _first_line(Path(pin_file).read_text(encoding="utf-8"))
        except OSError as exc:
            reason = f"cannot read {pin_file}: {exc.strerror}"
            raise ValidationError("pin.unreadable", reason) from None
    if not sys.stdin.isatty():
        raise ValidationError("pin.missing", "no terminal to ask for the PIN: give --pin-file")
    first = getpass.getpass("PIN: ")
    if getpass.getpass("PIN again: ") != first:
        raise ValidationError("pin.mismatch", "the two PINs differ")
    return first


def _first_line(text: str) -> str:
    lines = text.splitlines()
    return lines[0].strip() if lines else ""
