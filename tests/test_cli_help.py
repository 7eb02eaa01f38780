"""Every option of every command has help text, and `check --help` names every input form
(issue 10, 'Why' 7)."""
from __future__ import annotations

import argparse
import subprocess
import sys

from backcheck import cli


def parsers(p: argparse.ArgumentParser, name="backcheck"):
    yield name, p
    for action in p._actions:                      # argparse has no public walk
        if isinstance(action, argparse._SubParsersAction):
            for sub, sp in action.choices.items():
                yield from parsers(sp, f"{name} {sub}")


def test_every_option_has_help():
    missing = [f"{name}: {'/'.join(a.option_strings) or a.dest}"
               for name, p in parsers(cli.build_parser()) for a in p._actions
               if not isinstance(a, argparse._SubParsersAction) and not a.help]
    assert missing == []


def test_check_help_names_every_input_form():
    out = subprocess.run([sys.executable, "-m", "backcheck", "check", "--help"],
                         capture_output=True, text=True, timeout=60).stdout
    flat = " ".join(out.split())
    for form in ("JSON", ".txt", ".md", ".html", "- to read one", "--pt FILE", "--en FILE"):
        assert form in flat, form
