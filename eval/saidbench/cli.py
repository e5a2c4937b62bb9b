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


def _cmd_export(args: argparse.Namespace) -> int:
    from . import resources
    from .formats import hf

    if not args.hf:
        print("error: choose a format to export, e.g. --hf", file=sys.stderr)
        return 2
    out = args.out
    if out is None:
        root = resources.data_root()
        if not (root / "pyproject.toml").is_file():
            print("error: not running from a source checkout; pass --out DIR", file=sys.stderr)
            return 2
        out = root
    export = hf.export_hf(out)
    for path in sorted(export.files):
        config = path.split("/")[1] if path.startswith(hf.HF_DIR + "/") else None
        rows = f" ({export.num_rows[config]} rows)" if config else " (YAML front matter)"
        print(f"wrote {out}/{path}{rows}")
    dropped = export.dropped_by_reason()
    if dropped:
        reasons = ", ".join(f"{count} {reason}" for reason, count in dropped.items())
        print(f"ner_bio: {len(export.dropped)} name mention(s) not expressible in IOB2 were left out: {reasons}")
    return 0


def _min_overlap(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number between 0 and 1, not {value!r}") from None
    if not 0.0 <= number <= 1.0:
        raise argparse.ArgumentTypeError(f"expected a number between 0 and 1, not {value!r}")
    return number


def _cmd_eval(args: argparse.Namespace) -> int:
    from .report import json as json_report
    from .report import markdown, table
    from .scoring import MENTION_KINDS, evaluate

    kinds = tuple(k.strip() for k in args.mentions.split(",") if k.strip())
    unknown = [k for k in kinds if k not in MENTION_KINDS] or ([] if kinds else [args.mentions])
    if unknown:
        print(f"saidbench eval: error: unknown mention kind {unknown[0]!r}; choose from {', '.join(MENTION_KINDS)}",
              file=sys.stderr)
        return 2
    result = evaluate(
        args.pred, args.gold, task=args.task, scheme=args.scheme, offsets=args.offsets,
        min_overlap=args.min_overlap, strict_layers=args.strict_layers, mention_kinds=kinds,
    )
    renderer = {"table": table, "markdown": markdown, "json": json_report}[args.format]
    print(renderer.render(result), end="")
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

    from .matching import SCHEMES
    from .scoring import MENTION_KINDS, TASKS

    evaluate = commands.add_parser("eval", help="score predictions against gold (see docs/METRICS.md)")
    evaluate.add_argument("--pred", required=True, help="a predictions .jsonl file")
    evaluate.add_argument("--gold", default=None, help="a gold .jsonl file (default: the bundled annotations/gold.jsonl)")
    evaluate.add_argument("--task", choices=(*TASKS, "all"), default="all")
    evaluate.add_argument("--scheme", choices=(*SCHEMES, "all"), default="all")
    evaluate.add_argument("--format", choices=("table", "json", "markdown"), default="table")
    evaluate.add_argument("--offsets", choices=UNITS, default="codepoint", help="unit of the prediction offsets")
    evaluate.add_argument("--min-overlap", type=_min_overlap, default=0.0, metavar="X",
                          help="fraction of a gold span a prediction must cover to pair with it (default 0: any overlap)")
    evaluate.add_argument("--strict-layers", action="store_true",
                          help="score absent layers and documents as empty predictions instead of excluding them")
    evaluate.add_argument("--mentions", default="name", metavar="KINDS",
                          help=f"comma-separated mention kinds to score, from {','.join(MENTION_KINDS)} (default: name)")
    evaluate.set_defaults(run=_cmd_eval)

    export = commands.add_parser("export", help="write the corpus and gold in another format")
    export.add_argument("--hf", action="store_true",
                        help="Hugging Face datasets: hf/<config>/test.jsonl and README.md's YAML front matter")
    export.add_argument("--out", metavar="DIR", help="where to write (default: the source checkout's root)")
    export.set_defaults(run=_cmd_export)
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
