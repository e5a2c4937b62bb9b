"""The ``saidbench`` command: argument parsing and exit codes only (0 ok, 1 invalid input, 2 usage)."""

from __future__ import annotations

import argparse
import sys

from . import __version__
from .io.errors import InputError, Problem
from .io.offsets import UNITS


def _print_problems(problems: list[Problem]) -> None:
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    print(f"{len(problems)} problem(s) found", file=sys.stderr)


def _cmd_validate(args: argparse.Namespace) -> int:
    from .validate import validate

    problems = validate(args.path, kind=args.kind, offsets=args.offsets)
    if problems:
        _print_problems(problems)
        return 1
    print(f"{args.path}: valid {args.kind}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="saidbench", description="Who said what, about whom, and how sure.")
    parser.add_argument("--version", action="version", version=f"saidbench {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser("validate", help="check a gold or prediction file")
    validate.add_argument("path", help="a .jsonl annotation file")
    validate.add_argument("--kind", choices=("gold", "predictions"), default="predictions")
    validate.add_argument("--offsets", choices=UNITS, default="codepoint", help="unit of the offsets in the file")
    validate.set_defaults(run=_cmd_validate)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except InputError as error:
        _print_problems(error.problems)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
