"""The ``saidbench`` command: argument parsing and exit codes only.

Exit codes: 0 ok, 1 invalid input (every problem listed, the first 50 shown), 2 usage, 3 internal error (a bug:
please report it; ``--debug`` shows the traceback), 4 the output could not be written (closed standard output,
full disk, unwritable file). A closed pipe (``| head -1``) ends quietly with 141, as a shell reports SIGPIPE.
"""

from __future__ import annotations

import argparse
import os
import sys

from ._version import __version__
from .io.errors import InputError, Problem, listing
from .io.offsets import UNITS
from .report import FORMATS
from .schemes import SPAN_SCHEMES
from .usage import UsageError


EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_INTERNAL, EXIT_OUTPUT, EXIT_PIPE = 0, 1, 2, 3, 4, 141


def _print_problems(problems: list[Problem]) -> None:
    for line in listing(problems):
        print(f"error: {line}", file=sys.stderr)
    print(f"{len(problems)} problem(s) found", file=sys.stderr)


def _corpus(args: argparse.Namespace, gold=None):
    """The corpus the options name (default: the bundled article), with ``gold`` as its gold when given."""
    from dataclasses import replace
    from pathlib import Path

    from .corpus import Corpus

    if args.corpus:
        corpus = Corpus.load(args.corpus)
        corpus = corpus if gold is None else replace(corpus, gold_path=Path(gold))
    elif args.documents or (gold and Path(gold).is_dir()):  # a brat folder holds its own texts
        corpus = Corpus.from_files(args.documents or gold, gold, args.schema)
    elif args.schema:
        raise UsageError("--schema goes with --documents (a corpus of your own) or in a corpus manifest")
    else:
        corpus = Corpus.bundled(gold, getattr(args, "gold_version", None))
    if args.map:
        corpus = replace(corpus, brat=replace(corpus.brat, labels={**corpus.brat.labels, **dict(args.map)}))
    return corpus


def _type_map(value: str) -> tuple[str, str]:
    brat_type, _, label = value.partition("=")
    if not brat_type or not label:
        raise argparse.ArgumentTypeError(f"expected TYPE=LABEL, not {value!r}")
    return brat_type, label


def _cmd_validate(args: argparse.Namespace) -> int:
    from .validate import check_only

    corpus = _corpus(args, args.path if args.kind == "gold" else None)
    loaded = check_only(args.path, kind=args.kind, offsets=args.offsets, align=args.align, corpus=corpus)
    if loaded.problems:
        _print_problems(loaded.problems)
        return 1
    for notice in loaded.unresolved:
        print(f"warning: {notice}", file=sys.stderr)
    unplaced = f", but {len(loaded.unresolved)} text-only item(s) cannot be placed (scored as spurious)"
    print(f"{args.path}: valid {args.kind}{unplaced if loaded.unresolved else ''}")
    return 0


def _cmd_schema(args: argparse.Namespace) -> int:
    import json

    from .llm.json_schema import prediction_line_schema
    from .schema import load_schema

    if not args.json_schema:
        print("saidbench schema: error: choose an output, e.g. --json-schema", file=sys.stderr)
        return 2
    print(json.dumps(prediction_line_schema(load_schema(args.guidelines)), indent=2, ensure_ascii=False))
    return 0


def _cmd_prompt(args: argparse.Namespace) -> int:
    from .llm.prompt import parse_layers, render_prompt

    print(render_prompt(parse_layers(args.layers)), end="")
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from . import resources
    from .formats import hf
    from .io.outputs import writable_folder

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
    writable_folder(out)
    export = hf.export_hf(out)
    for path in sorted(export.files):
        config = path.split("/")[1] if path.startswith(hf.HF_DIR + "/") else None
        rows = f" ({export.num_rows[config]} rows)" if config else " (YAML front matter)"
        print(f"wrote {out}/{path}{rows}")
    dropped = export.dropped_by_reason()
    if dropped:
        reasons = ", ".join(f"{count} {reason}" for reason, count in dropped.items())
        print(f"ner_bio: {len(export.dropped)} name mention(s) not expressible in IOB2 were left out: {reasons}")
    if export.widened:
        print(
            f"ner_bio: {len(export.widened)} name mention(s) with an edge inside a token were tagged on whole tokens: "
            + ", ".join(export.widened)
        )
    return 0


def _min_overlap(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number between 0 and 1, not {value!r}") from None
    if not 0.0 <= number <= 1.0:
        raise argparse.ArgumentTypeError(f"expected a number between 0 and 1, not {value!r}")
    return number


def _mention_kinds(value: str) -> tuple[str, ...]:
    from .schema import load_schema

    kinds = tuple(k.strip() for k in value.split(",") if k.strip())
    allowed = load_schema().mention_kinds
    unknown = [k for k in kinds if k not in allowed] or ([] if kinds else [value])
    if unknown:
        raise argparse.ArgumentTypeError(f"unknown mention kind {unknown[0]!r}; choose from {', '.join(allowed)}")
    return kinds


def _seconds(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not number > 0:
        raise argparse.ArgumentTypeError(f"expected a positive number of seconds, not {value!r}")
    return number


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, not {value!r}")
    return int(value)


def _scoring(args: argparse.Namespace) -> dict:
    """The evaluate() options of the scoring flags (other than the gold file)."""
    return dict(task=args.task, scheme=args.scheme, offsets=args.offsets, min_overlap=args.min_overlap,
                strict_layers=args.strict_layers, mention_kinds=args.mentions, align=args.align, edges=args.edges)


def _score(args: argparse.Namespace, pred, errors=False):
    from .scoring import evaluate

    return evaluate(pred, None, **_scoring(args), errors=errors, corpus=_corpus(args, args.gold))


def _renderer(name: str):
    """The report module of an output format (each format's module is named after it)."""
    from importlib import import_module

    return import_module(f".report.{name}", __package__)


def _cmd_eval(args: argparse.Namespace) -> int:
    from .io.outputs import writable_file

    if args.save_counts:
        writable_file(args.save_counts, "--save-counts")
    if args.errors_out:
        if args.errors:
            raise UsageError("give --errors (the error report in the output) or --errors-out FILE, not both")
        from .report.json import outcomes_file

        with outcomes_file(writable_file(args.errors_out, "--errors-out")) as write:
            result = _score_eval(args, errors=write)
    else:
        result = _score_eval(args, errors=args.errors)  # the error report is built only where it is shown
    if args.save_counts:
        from .saved import save

        save(result, args.save_counts)
    return _print_result(args, result)


def _score_eval(args: argparse.Namespace, errors):
    """Score ``--pred`` in its format; ``errors`` as ``evaluate`` takes it."""
    from .formats import check_format

    if check_format(args.pred_format, args.pred) in ("jsonl", "brat"):
        return _score(args, args.pred, errors=errors)
    from .formats import read
    from .runs import score_lines

    named = _corpus(args, args.gold)
    numbered = read(args.pred_format, args.pred, named.documents, **_format_options(args))
    return score_lines([line for _, line in numbered], named.documents, None, source=args.pred,
                       numbers=[number for number, _ in numbered], **_scoring(args), errors=errors,
                       schema=named.schema, corpus=named)


def _format_options(args: argparse.Namespace) -> dict:
    return dict(scheme=args.tagging, decoder=args.decoder, token_column=args.token_column,
                tag_column=args.tag_column, spans_key=args.spans_key)


def _cmd_merge(args: argparse.Namespace) -> int:
    from .saved import load, merge

    if args.errors:
        raise UsageError("saved counts hold no error report; run eval --errors on a shard instead")
    return _print_result(args, merge([load(path) for path in args.files], list(args.files)))


def _print_result(args: argparse.Namespace, result) -> int:
    from dataclasses import asdict

    renderer = _renderer(args.format)
    progress = False if args.quiet else None  # else a bar only when stderr is a terminal
    found = None
    if args.bootstrap:
        from .stats import bootstrap

        found = bootstrap(result, args.bootstrap, args.seed, args.confidence, progress=progress)
    if args.format == "json":  # every count; the error report with --errors
        extra = {"bootstrap": asdict(found)} if found else None
        print(renderer.render(result, extra, errors=args.errors, per_unit=args.per_unit), end="")
    else:
        extra = []
        if found:
            from .report.stats import bootstrap_block

            extra = [bootstrap_block(found, result.sign())]
        print(renderer.render(result, extra, errors=args.errors, detail=args.detail), end="")
    return 0


def _cmd_compare(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from .report.stats import comparison_block
    from .stats import Metric, f1_metrics, randomization_tests

    first, second = _score(args, args.a), _score(args, args.b)
    metrics = [Metric.parse(m) for m in args.metric] if args.metric else list(f1_metrics(first))
    progress = False if args.quiet else None
    found = randomization_tests(first, second, metrics, args.trials, args.seed, progress)
    renderer = _renderer(args.format)
    if args.format == "json":
        print(renderer.dumps({"signature": first.signature(), "comparisons": [asdict(c) for c in found]}), end="")
    else:
        print(renderer.render_blocks([comparison_block(found, first.sign())]), end="")
    return 0


def _cmd_agree(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from .report.stats import agreement_blocks, alpha_blocks
    from .stats import agreement, score_pair

    if len(args.files) < 2:
        raise UsageError("agree needs at least two annotation files")
    schemes = tuple(args.scheme or ("strict", "partial"))
    corpus = _corpus(args, args.files[0])
    renderer = _renderer(args.format)
    data, blocks = {}, []
    if len(args.files) == 2:
        found = agreement(score_pair(*args.files, schemes=schemes, corpus=corpus))
        data, blocks = asdict(found), agreement_blocks(found)
    if len(args.files) > 2 or args.alpha:
        from .agreement import agree_many

        several = agree_many(args.files, corpus, schemes, progress=False if args.quiet else None, alpha=args.alpha)
        data |= {"annotators": asdict(several)}
        blocks += alpha_blocks(several, matrix=len(args.files) > 2)
    print(renderer.dumps(data) if args.format == "json" else renderer.render_blocks(blocks), end="")
    return 0


def _cmd_convert(args: argparse.Namespace) -> int:
    from .formats import ANNOTATION_FORMATS, convert, format_of

    own = (args.from_format or format_of(args.source)) in ANNOTATION_FORMATS  # the source can be the gold
    corpus = _corpus(args, args.source if args.kind == "gold" and own else None)
    done = convert(args.source, args.target, corpus, args.kind, args.offsets, args.write_documents,
                   args.from_format, args.to_format, **_format_options(args))
    for path in done.written:
        print(f"wrote {path}")
    if done.dropped:
        print("left out (the format cannot express them): "
              + ", ".join(f"{count} {reason}" for reason, count in done.dropped.items()))
    return 0


def _cmd_baseline(args: argparse.Namespace) -> int:
    from .extractors import as_documents, check_lines, make_baseline, predictions
    from .io.jsonl import write_jsonl
    from .io.outputs import writable_file

    writable_file(args.out)
    named = _corpus(args)
    documents = as_documents(named.documents)
    lines = predictions(make_baseline(args.name, args.model), documents)
    check_lines(lines, documents, named.schema, source=f"<{args.name}>")
    write_jsonl(args.out, lines)
    print(f"wrote {args.out}")
    return 0


def _cmd_baselines(args: argparse.Namespace) -> int:
    from .extractors import BASELINES

    width = max(len(name) for name in BASELINES)
    for baseline in BASELINES.values():
        print(f"{baseline.name.ljust(width)}  {baseline.summary}")
    return 0


def _cmd_report(args: argparse.Namespace) -> int:
    from .io.outputs import writable_file, write_text
    from .report.page import build_page

    if bool(args.pred) == bool(args.baseline):
        print("saidbench report: error: give either --pred FILE or --baseline NAME", file=sys.stderr)
        return 2
    writable_file(args.out, "-o")
    corpus = _corpus(args, args.gold)
    pred = args.pred
    if args.baseline:
        from .extractors import make_baseline, predictions

        pred = predictions(make_baseline(args.baseline, None, args.gold), corpus.documents)
    page = build_page(pred, corpus, task=args.task, scheme=args.scheme, offsets=args.offsets,
                      min_overlap=args.min_overlap, strict_layers=args.strict_layers, mention_kinds=args.mentions,
                      align=args.align)
    write_text(args.out, page)
    print(f"wrote {args.out}")
    return 0


def _cmd_show(args: argparse.Namespace) -> int:
    from .report import terminal
    from .validate import load_checked

    corpus = _corpus(args, args.gold)
    where = dict(documents=corpus.documents, schema=corpus.schema, corpus=corpus)
    gold = load_checked(corpus.gold_path, "gold", **where)
    result = pred = None
    if args.pred:
        result = _score(args, args.pred, errors=True)
        pred = load_checked(args.pred, "predictions", args.offsets, align=args.align, **where).annotations
    layers = tuple(args.layer or ("entities", "claims", "attribution"))
    print(terminal.render(corpus.documents, gold.annotations, layers, result, pred, terminal.colour_wanted()), end="")
    return 0


def _cmd_run(args: argparse.Namespace) -> int:
    from .extractors import make_baseline, predictions
    from .extractors.runner import name_of
    from .io.jsonl import write_jsonl
    from .io.outputs import writable_file
    from .runs import described, score_command, score_lines

    argv = args.argv[1:] if args.argv[:1] == ["--"] else args.argv
    if sum(map(bool, (args.baseline, argv, args.llm))) != 1:
        print("saidbench run: error: give either --baseline NAME or -- COMMAND ..., or --llm", file=sys.stderr)
        return 2
    if args.save:
        writable_file(args.save, "--save")
    named = _corpus(args, args.gold)
    documents = named.documents
    options = dict(_scoring(args), errors=args.errors or args.format == "json", schema=named.schema, corpus=named)
    if argv:
        result, output = score_command(argv, documents, None, timeout=args.timeout,
                                       allow_partial=args.allow_partial, **options)
        lines = output.lines
        if output.failure:
            print(f"warning: scored {output.partial} documents (--allow-partial): {output.failure}", file=sys.stderr)
    else:
        extractor = _llm_extractor(args) if args.llm else make_baseline(args.baseline, args.model, named)
        lines = predictions(extractor, documents, progress=False if args.quiet else None)
        for doc_id, reason in getattr(extractor, "failures", {}).items():
            print(f"warning: {doc_id}: {reason}; the document counts as not predicted", file=sys.stderr)
        result = score_lines(lines, documents, None, source=f"<{name_of(extractor)}>", **options,
                             **described(extractor, len(documents)))
    if args.save:
        write_jsonl(args.save, lines)
    return _print_result(args, result)


def _names(value: str) -> tuple[str, ...] | str:
    return value if value == "all" else tuple(name.strip() for name in value.split(",") if name.strip())


def _cmd_leaderboard(args: argparse.Namespace) -> int:
    from .leaderboard import DEFAULT_METRICS, leaderboard
    from .report.leaderboard import render
    from .runs import score_systems
    from .stats import Metric

    if not args.files and not args.baselines:
        print("saidbench leaderboard: error: give prediction files, --baselines, or both", file=sys.stderr)
        return 2
    metrics = tuple(args.metric or DEFAULT_METRICS)
    parsed = [Metric.parse(m) for m in metrics]
    schemes = tuple(dict.fromkeys(m.scheme for m in parsed if m.task != "coreference")) or ("strict",)
    tasks = tuple(dict.fromkeys(m.task for m in parsed))
    results, skipped = score_systems(args.files, args.baselines, _corpus(args, args.gold), task=tasks, scheme=schemes,
                                     mention_kinds=args.mentions, errors=False)
    for note in skipped:
        print(f"note: baseline left out: {note}", file=sys.stderr)
    board = leaderboard(results, metrics, trials=args.trials, seed=args.seed, alpha=args.alpha,
                        resamples=args.bootstrap)
    print(render(board, args.format), end="")
    return 0


def _llm_extractor(args: argparse.Namespace):
    from .llm.cache import ReplyCache
    from .llm.chat import ChatExtractor, ChatSettings
    from .llm.prompt import parse_layers

    if not args.model or not args.base_url:
        raise UsageError("--llm needs --model NAME and --base-url URL")
    settings = ChatSettings(args.model, args.base_url, parse_layers(args.layers), args.temperature,
                            args.concurrency, args.retries, args.timeout or 120.0, args.api_key_env)
    return ChatExtractor(settings, ReplyCache(args.cache))


def _add_scoring_options(command: argparse.ArgumentParser) -> None:
    from .schemes import SCHEMES
    from .schema import load_schema
    from .tasks import TASKS

    _add_gold_options(command)
    command.add_argument("--task", choices=(*TASKS, "all"), default="all")
    command.add_argument("--scheme", choices=(*SCHEMES, "all"), default="all")
    command.add_argument("--format", choices=FORMATS, default="table")
    command.add_argument("--offsets", choices=UNITS, default="codepoint", help="unit of the prediction offsets")
    _add_align(command)
    command.add_argument("--edges", choices=("exact", "forgiving"), default="exact",
                         help="forgiving: trim quote marks, final punctuation and a leading 'that' at span edges on "
                              "both sides before matching (docs/METRICS.md; named in the signature)")
    command.add_argument("--min-overlap", type=_min_overlap, default=0.0, metavar="X",
                         help="fraction of a gold span a prediction must cover to pair with it (default 0: any overlap)")
    command.add_argument("--strict-layers", action="store_true",
                         help="score absent layers and documents as empty predictions instead of excluding them")
    command.add_argument("--mentions", type=_mention_kinds, default=("name",), metavar="KINDS",
                         help=f"comma-separated mention kinds to score, from {','.join(load_schema().mention_kinds)} (default: name)")


def _add_gold_options(command: argparse.ArgumentParser) -> None:
    """--gold or --gold-version, and the corpus options: what a scoring command scores against."""
    from .resources import DEFAULT_GOLD_VERSION, known_gold_versions

    gold = command.add_mutually_exclusive_group()
    gold.add_argument("--gold", default=None,
                      help="a gold .jsonl file or brat folder (default: the corpus's gold, by default the bundled gold)")
    gold.add_argument("--gold-version", choices=known_gold_versions(), default=None,
                      help=f"a version of the bundled gold (default {DEFAULT_GOLD_VERSION})")
    _add_corpus_options(command)


def _add_format_options(command: argparse.ArgumentParser) -> None:
    from .formats.tagging import DECODERS, SCHEMES

    group = command.add_argument_group("format options (docs/FORMAT.md)")
    group.add_argument("--tagging", choices=SCHEMES, default=None, help="conll: the tag scheme (default iob2)")
    group.add_argument("--decoder", choices=DECODERS, default=None,
                       help="conll: how malformed tag sequences are read (default conlleval)")
    group.add_argument("--token-column", type=int, default=None, metavar="N", help="conll: token column (default 0)")
    group.add_argument("--tag-column", type=int, default=None, metavar="N", help="conll: tag column (default -1)")
    group.add_argument("--spans-key", default=None, metavar="KEY",
                       help="spacy: read doc.spans[KEY] instead of doc.ents; write the mentions there "
                            "(default mentions)")


def _quiet_option(command: argparse.ArgumentParser) -> None:
    command.add_argument("--quiet", action="store_true", help="no progress bar on stderr (shown only on a terminal)")


def _add_report_options(command: argparse.ArgumentParser) -> None:
    _quiet_option(command)
    command.add_argument("--bootstrap", type=_positive, default=None, metavar="N",
                         help="add percentile confidence intervals from N bootstrap resamples")
    command.add_argument("--seed", type=int, default=0, help="random seed for --bootstrap (default 0)")
    command.add_argument("--confidence", type=_min_overlap, default=0.95, help="interval coverage (default 0.95)")
    command.add_argument("--detail", action="store_true",
                         help="every score table of every task and scheme instead of the one-screen summary")
    command.add_argument("--per-unit", action="store_true",
                         help="JSON output: add the counts of every unit (document section) under counts.per_unit")
    command.add_argument("--errors", action="store_true",
                         help="after the scores, list every missed, spurious, incorrect and partial item "
                              "by task and scheme (in the JSON output: an 'errors' list)")


def _add_align(command: argparse.ArgumentParser) -> None:
    from .io.normalize import ALIGN_MODES, DEFAULT_ALIGN

    command.add_argument("--align", choices=ALIGN_MODES, default=DEFAULT_ALIGN,
                         help="how text-only items are found: 'normalized' folds quotes, dashes, spaces, "
                              f"'...' and edge punctuation; 'exact' folds nothing (default: {DEFAULT_ALIGN})")


def _add_corpus_options(command: argparse.ArgumentParser) -> None:
    group = command.add_mutually_exclusive_group()
    group.add_argument("--corpus", metavar="DIR|MANIFEST",
                       help="a corpus of your own: its corpus.yaml or the folder holding it (docs/FORMAT.md); "
                            "default: the bundled article")
    group.add_argument("--documents", metavar="FILE|DIR",
                       help="documents of your own (.jsonl, or a brat folder of .txt files); what the gold "
                            "annotates is read off the gold")
    from .resources import DEFAULT_GUIDELINE_VERSION

    command.add_argument("--schema", metavar="FILE",
                         help=f"the schema.yaml of --documents (default: guidelines v{DEFAULT_GUIDELINE_VERSION})")
    command.add_argument("--map", type=_type_map, action="append", metavar="TYPE=LABEL",
                         help="read brat type TYPE as the schema's entity label LABEL (repeatable)")


class _Unbuilt:
    """Stands for the parser of a command that is not being run: whatever is added to it is dropped."""

    def __getattr__(self, name: str):  # add_argument, add_argument_group, set_defaults, ...
        return lambda *args, **kwargs: self


class _OneCommand:
    """Sub-commands of which only ``command`` gets its options; every command keeps its name and help (argparse
    makes a help formatter for each option it adds, which costs more than scoring the article)."""

    def __init__(self, commands, command: str) -> None:
        self.commands, self.command = commands, command

    def add_parser(self, name: str, **options):
        if name != self.command:
            self.commands.add_parser(name, add_help=False, **options)  # listed, never parsed with
            return _Unbuilt()
        return self.commands.add_parser(name, **options)


def _command_in(argv: list[str] | None) -> str | None:
    """The command a command line names: its first word that is not an option (the top-level ones take no value)."""
    return next((word for word in (sys.argv[1:] if argv is None else argv) if not word.startswith("-")), None)


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command, or with ``command``, of that command alone (the others are listed, unbuilt)."""
    parser = argparse.ArgumentParser(prog="saidbench", description="Who said what, about whom, and how sure.")
    parser.add_argument("--version", action="version", version=f"saidbench {__version__}")
    parser.add_argument("--debug", action="store_true", help="on an internal error, show the traceback")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    if command is not None:
        commands = _OneCommand(commands, command)

    validate = commands.add_parser("validate", help="check a gold or prediction file")
    validate.add_argument("path", help="a .jsonl annotation file")
    validate.add_argument("--kind", choices=("gold", "predictions"), default="predictions")
    validate.add_argument("--offsets", choices=UNITS, default="codepoint", help="unit of the offsets in the file")
    _add_align(validate)
    _add_corpus_options(validate)
    validate.set_defaults(run=_cmd_validate)

    evaluate = commands.add_parser("eval", help="score predictions against gold (see docs/METRICS.md)")
    evaluate.add_argument("--pred", required=True, help="a predictions file (.jsonl unless --pred-format)")
    evaluate.add_argument("--pred-format", default="jsonl", metavar="FORMAT",
                          help="the format of --pred: jsonl (default; a folder is read as brat), conll, spacy, "
                               "citron (docs/FORMAT.md)")
    _add_format_options(evaluate)
    _add_scoring_options(evaluate)
    _add_report_options(evaluate)
    evaluate.add_argument("--save-counts", metavar="FILE",
                          help="also write the counts (JSON, with the signature) for saidbench merge")
    evaluate.add_argument("--errors-out", metavar="FILE",
                          help="write the error report to FILE as JSON Lines while scoring, one outcome per line, "
                               "none kept in memory (for corpora of any size)")
    evaluate.set_defaults(run=_cmd_eval)

    merge = commands.add_parser("merge", help="sum counts saved by eval --save-counts and report them as one run")
    merge.add_argument("files", nargs="+", metavar="FILE", help="saved-counts files of shards scored alike")
    merge.add_argument("--format", choices=FORMATS, default="table")
    _add_report_options(merge)
    merge.set_defaults(run=_cmd_merge)

    compare = commands.add_parser("compare", help="paired approximate-randomization test of two systems")
    compare.add_argument("a", help="predictions of system A")
    compare.add_argument("b", help="predictions of system B")
    _add_scoring_options(compare)
    compare.set_defaults(scheme="strict")
    compare.add_argument("--metric", action="append", metavar="TASK.SCHEME.STAT",
                         help="e.g. entities.strict.f1 (repeatable; default: F1 of every task and scheme)")
    compare.add_argument("--trials", type=_positive, default=10000)
    compare.add_argument("--seed", type=int, default=0)
    _quiet_option(compare)
    compare.set_defaults(run=_cmd_compare)

    agree = commands.add_parser("agree", help="inter-annotator agreement among two or more annotation files")
    agree.add_argument("files", nargs="+", metavar="FILE",
                       help="annotation sets (.jsonl or brat folders); the first is the reference side of P and R")
    agree.add_argument("--alpha", action=argparse.BooleanOptionalAction, default=True,
                       help="Krippendorff's alpha after the pairwise tables (the default; --no-alpha leaves it out)")
    agree.add_argument("--scheme", action="append", choices=SPAN_SCHEMES,
                       help="span scheme(s) (repeatable; default: strict and partial)")
    agree.add_argument("--format", choices=FORMATS, default="table")
    _add_corpus_options(agree)
    _quiet_option(agree)
    agree.set_defaults(run=_cmd_agree, scheme=None)

    convert = commands.add_parser("convert", help="convert annotations between formats (jsonl, brat, conll, spacy, "
                                                  "citron)")
    convert.add_argument("source", help="a .jsonl file, a brat folder, or a file (folder) of --from FORMAT")
    convert.add_argument("target", help="a .jsonl file, a folder for brat (.txt and .ann per document), or --to FORMAT")
    convert.add_argument("--kind", choices=("gold", "predictions"), default="gold",
                         help="check the source as gold (default) or as predictions")
    convert.add_argument("--offsets", choices=UNITS, default="codepoint", help="unit of the source's offsets")
    convert.add_argument("--write-documents", metavar="FILE", help="also write the documents as JSONL (id, text)")
    convert.add_argument("--from", dest="from_format", metavar="FORMAT",
                         help="the source's format (default: brat for a folder, conll for .conll/.iob/.bio, spacy "
                              "for .spacy, else jsonl)")
    convert.add_argument("--to", dest="to_format", metavar="FORMAT", help="the target's format (default: by its path, "
                                                                          "as for --from)")
    _add_format_options(convert)
    _add_corpus_options(convert)
    convert.set_defaults(run=_cmd_convert)

    baseline = commands.add_parser("baseline", help="write a named baseline's predictions (see: saidbench baselines)")
    baseline.add_argument("name", help="the baseline's name (saidbench baselines lists them)")
    baseline.add_argument("--out", required=True, help="where to write the predictions .jsonl")
    baseline.add_argument("--model", help="the pipeline of the spacy baseline (default en_core_web_sm)")
    _add_corpus_options(baseline)
    baseline.set_defaults(run=_cmd_baseline)

    commands.add_parser("baselines", help="list the named baselines").set_defaults(run=_cmd_baselines)

    board = commands.add_parser("leaderboard", help="one table of several systems by headline metrics")
    board.add_argument("files", nargs="*", metavar="FILE", help="prediction .jsonl files (named by file name)")
    board.add_argument("--baselines", nargs="?", const="all", default=(), type=_names, metavar="NAMES",
                       help="add named baselines, comma-separated (alone: every baseline that can run here)")
    board.add_argument("--metric", action="append", metavar="TASK.SCHEME.STAT",
                       help="a column (repeatable; default: entities, claims and attribution strict F1, CoNLL F1)")
    board.add_argument("--format", choices=("table", "markdown", "latex"), default="table")
    board.add_argument("--bootstrap", type=_positive, default=None, metavar="N",
                       help="add percentile intervals from N bootstrap resamples")
    board.add_argument("--trials", type=_positive, default=1000, help="randomization trials (default 1000)")
    board.add_argument("--seed", type=int, default=0)
    board.add_argument("--alpha", type=_min_overlap, default=0.05, help="significance level (default 0.05)")
    board.add_argument("--mentions", type=_mention_kinds, default=("name",), metavar="KINDS",
                       help="comma-separated mention kinds to score (default: name)")
    _add_gold_options(board)
    board.set_defaults(run=_cmd_leaderboard)


    run = commands.add_parser("run", help="run a baseline or any command over the corpus and score it",
                              usage="saidbench run [options] (--baseline NAME | -- COMMAND ...)")
    run.add_argument("--baseline", metavar="NAME", help="a named baseline (saidbench baselines lists them)")
    run.add_argument("--model", help="the model of --llm, or the pipeline of the spacy baseline (default en_core_web_sm)")
    llm = run.add_argument_group("language model (--llm; docs/METRICS.md, 'Language models')")
    llm.add_argument("--llm", action="store_true", help="run a model on an OpenAI-compatible chat-completions server")
    llm.add_argument("--base-url", metavar="URL", help="the server's API root, e.g. http://127.0.0.1:8000/v1")
    llm.add_argument("--api-key-env", default="OPENAI_API_KEY", metavar="VAR",
                     help="the environment variable holding the API key (default OPENAI_API_KEY; never printed)")
    llm.add_argument("--layers", metavar="LAYERS", help="layers to ask for, from entities,claims,attributions (default: all)")
    llm.add_argument("--cache", metavar="DIR", help="reply cache (default ~/.cache/saidbench/llm)")
    llm.add_argument("--concurrency", type=_positive, default=4, help="requests at a time (default 4)")
    llm.add_argument("--retries", type=int, default=3, help="retries with backoff per request (default 3)")
    llm.add_argument("--temperature", type=float, default=0.0, help="sampling temperature (default 0)")
    run.add_argument("--save", metavar="FILE", help="also write the predictions to this .jsonl")
    run.add_argument("--timeout", type=_seconds, metavar="SECONDS",
                     help="kill the command after this long; with --llm, the limit per request (default 120)")
    run.add_argument("--allow-partial", action="store_true",
                     help="score the documents a failed command answered (the signature says partial:N/M)")
    _add_scoring_options(run)
    _add_report_options(run)
    run.add_argument("argv", nargs=argparse.REMAINDER, metavar="COMMAND",
                     help="after --: the command to run (docs/FORMAT.md)")
    run.set_defaults(run=_cmd_run)

    show = commands.add_parser("show", help="the text with gold (and predicted) spans, coloured on a terminal")
    show.add_argument("--pred", help="a predictions .jsonl file: also its spans, by outcome")
    show.add_argument("--layer", action="append", choices=("entities", "claims", "attribution"),
                      help="a layer to show (repeatable; default: all)")
    _add_scoring_options(show)
    show.set_defaults(run=_cmd_show)

    report = commands.add_parser("report", help="write a self-contained HTML error report (docs/METRICS.md)")
    report.add_argument("--pred", help="a predictions .jsonl file")
    report.add_argument("--baseline", metavar="NAME", help="or a named baseline, run here (saidbench baselines)")
    report.add_argument("-o", "--out", required=True, metavar="FILE", help="where to write the .html page")
    _add_scoring_options(report)
    report.set_defaults(run=_cmd_report)

    from .resources import DEFAULT_GUIDELINE_VERSION, known_guideline_versions

    schema = commands.add_parser("schema", help="the prediction format as a machine-readable schema")
    schema.add_argument("--json-schema", action="store_true",
                        help="print the JSON Schema of one prediction line (labels and values as enums)")
    schema.add_argument("--guidelines", choices=known_guideline_versions(), default=DEFAULT_GUIDELINE_VERSION,
                        help=f"the guideline version whose schema.yaml it follows (default {DEFAULT_GUIDELINE_VERSION})")
    schema.set_defaults(run=_cmd_schema)

    prompt = commands.add_parser("prompt", help="print the extraction prompt for a language model")
    prompt.add_argument("--layers", metavar="LAYERS",
                        help="comma-separated layers to extract, from entities,claims,attributions (default: all)")
    prompt.set_defaults(run=_cmd_prompt)

    export = commands.add_parser("export", help="write the corpus and gold in another format")
    export.add_argument("--hf", action="store_true",
                        help="Hugging Face datasets: hf/<config>/test.jsonl and README.md's YAML front matter")
    export.add_argument("--out", metavar="DIR", help="where to write (default: the source checkout's root)")
    export.set_defaults(run=_cmd_export)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser(_command_in(argv)).parse_args(argv)
    if sys.stdout is None or sys.stdout.closed:
        print(f"saidbench {args.command}: error: standard output is closed; the result would be lost", file=sys.stderr)
        return EXIT_OUTPUT
    try:
        code = args.run(args)
        sys.stdout.flush()  # a full disk shows here, not after the exit code is chosen
        return code
    except InputError as error:
        _print_problems(error.problems)
        return EXIT_INPUT
    except UsageError as error:  # an option value the API refuses (unknown metric, bad range, ...)
        print(f"saidbench {args.command}: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # the reader went away (| head -1): stop quietly
        _silence_stdout()
        return EXIT_PIPE
    except OSError as error:  # the environment: full disk, closed output, permissions
        _silence_stdout()
        where = error.filename or "standard output"
        print(f"saidbench {args.command}: error: {where}: {error.strerror or error}", file=sys.stderr)
        return EXIT_OUTPUT
    except KeyboardInterrupt:
        return 130
    except Exception:  # anything else is a bug in saidbench
        if args.debug:
            import traceback

            traceback.print_exc()
        print(f"saidbench {args.command}: internal error (a bug in saidbench {__version__}); please report it with "
              f"the command you ran{'' if args.debug else ' and the traceback that saidbench --debug prints'}",
              file=sys.stderr)
        return EXIT_INTERNAL


def _silence_stdout() -> None:
    """Point standard output at /dev/null so the interpreter's last flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


if __name__ == "__main__":
    sys.exit(main())
