"""``python -m ui``: the app alone, as a terminal's launcher starts it (the options of
``gridterm app``), without loading the other ``gridterm`` sub-commands."""

import argparse
import sys

from ui.cli import add_parser

parser = argparse.ArgumentParser(prog="python -m ui")
add_parser(parser.add_subparsers(dest="command"))
args = parser.parse_args(["app", *sys.argv[1:]])
sys.exit(args.run(args))
