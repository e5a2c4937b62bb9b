"""brat standoff folders (a ``.txt`` and a ``.ann`` per document) <-> annotation lines (docs/FORMAT.md).

Reading turns each ``.ann`` into one annotation line (a dict) for the one checking path, after the
brat-level checks (offsets against the ``.txt``, references between annotations, known types),
each problem naming the ``.ann`` file and line. What maps to what (type and role names are
configurable, PolNeAR's by default; see docs/FORMAT.md, *brat standoff*):

* ``T`` of an entity type -> an entity mention (``;`` joins the fragments of a discontinuous span);
* ``E`` of an attribution type (``Attribution``; ``Attribution-no-source`` when no source is
  written) with role arguments ``Source``, ``Cue``, ``Content``, ``Content2`` -> an attribution;
  its cue is the ``Cue`` argument, else the trigger; ``Content2`` is joined to ``Content``;
* ``T`` of type ``Claim`` -> a claim; ``R Hedge Arg1:<claim> Arg2:<hedge T>`` -> one of its hedges;
* ``R Coreference`` and ``* Equiv`` -> the mentions share an ``entity_id`` (unless one is given);
* ``A``/``M`` ``NAME TARGET [VALUE]`` -> field NAME of the target's item (a value naming a brat
  ``E``/``T`` id, as in ``parent`` or ``attribution``, is turned into that item's id); a binary
  ``M``/``A`` flag is mapped by ``flags`` (``Negated`` -> ``cue_polarity: negated``);
* ``#`` ``AnnotatorNotes TARGET<TAB>id=X`` -> the item's id (other notes are comments).

A field some item of a layer gives anywhere in the folder is given (null when absent) on every
item of that layer, so a folder reads as a gold that annotates exactly what it carries.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping

from ..io.errors import InputError, Problem
from ..io.offsets import FLAG_HINT, suggest_unit, to_codepoint
from ..io.outputs import write_text
from ..model import FIELDS, LAYERS, Document

_ID_NOTE = re.compile(r"^id=(\S+)$")


@dataclass(frozen=True)
class Names:
    """brat type and role names, PolNeAR's by default, and a mapping of brat types to schema labels."""

    attribution: tuple[str, ...] = ("Attribution", "Attribution-no-source")
    no_source: str = "Attribution-no-source"
    source: str = "Source"
    cue: str = "Cue"
    content: tuple[str, ...] = ("Content", "Content2")
    claim: str = "Claim"
    hedge: str = "Hedge"
    coreference: str = "Coreference"
    labels: Mapping[str, str] = field(default_factory=dict)
    flags: Mapping[str, tuple[str, str]] = field(default_factory=lambda: {"Negated": ("cue_polarity", "negated")})

    @property
    def role_types(self) -> tuple[str, ...]:
        return (*self.attribution, self.source, self.cue, *self.content, self.hedge)


@dataclass(frozen=True, slots=True)
class BratRecord:
    """One document's annotation line, and the ``.ann`` file it came from (for the checking path's errors)."""

    line: int | None
    data: dict
    path: str


@dataclass
class BratRead:
    records: list[BratRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)


# -- reading --------------------------------------------------------------------------------------


def read_texts(folder: Path | str) -> tuple[dict[str, str], list[Problem]]:
    """Each ``.txt`` of the folder by document id (its name without ``.txt``), read as UTF-8 with no newline translation."""
    folder = Path(folder)
    texts, problems = {}, []
    if not folder.is_dir():
        return {}, [Problem(str(folder), "not a folder", hint="a brat corpus is a folder of .txt and .ann files")]
    for path in sorted(folder.glob("*.txt")):
        try:
            with path.open(encoding="utf-8", newline="") as handle:
                texts[path.stem] = handle.read()
        except UnicodeDecodeError as error:
            problems.append(Problem(str(path), f"invalid UTF-8 at byte {error.start}", hint="save the file as UTF-8"))
    return texts, problems


def read_documents(folder: Path | str) -> dict[str, Document]:
    """The ``.txt`` files as documents; raises InputError if there is none or one is unreadable."""
    texts, problems = read_texts(folder)
    if not texts and not problems:
        problems.append(Problem(str(folder), "is a folder with no .txt files",
                                hint="give a documents .jsonl file, or a brat folder with a .txt per document"))
    if problems:
        raise InputError(problems)
    return {doc_id: Document(id=doc_id, text=text) for doc_id, text in texts.items()}


def read(
    folder: Path | str, documents: Mapping[str, Document] | None = None, names: Names = Names(),
    labels: Iterable[str] = (), offsets: str = "codepoint", annotated: Mapping[str, frozenset[str]] | None = None,
) -> BratRead:
    """Every ``.ann`` of the folder as an annotation line; ``documents`` (when given) must have the same texts.

    ``labels`` are the schema's entity labels (for the unknown-type check; empty: any type is a label).
    ``offsets`` is the unit of the ``.ann`` offsets; the lines carry code points. ``annotated`` (for a
    gold) adds the fields its corpus declares to those filled with null on every item.
    """
    folder = Path(folder)
    texts, problems = read_texts(folder)
    found = BratRead(problems=problems, texts=texts)
    anns = sorted(folder.glob("*.ann")) if folder.is_dir() else []
    if folder.is_dir() and not anns:
        found.problems.append(Problem(str(folder), "is a folder with no .ann files",
                                      hint="give a .jsonl file, or a brat folder with an .ann per document"))
    for ann in anns:
        text = texts.get(ann.stem)
        if text is None:
            found.problems.append(Problem(str(ann), f"no {ann.stem}.txt beside it", hint="brat needs the text of each document"))
            continue
        if documents is not None and ann.stem in documents and documents[ann.stem].text != text:
            at = next((i for i, (a, b) in enumerate(zip(text, documents[ann.stem].text)) if a != b),
                      min(len(text), len(documents[ann.stem].text)))
            found.problems.append(Problem(str(ann.with_suffix(".txt")),
                                          f"differs from the corpus text of {ann.stem!r} from offset {at}"))
            continue
        parser = _AnnParser(str(ann), text, names, tuple(labels), offsets)
        data = parser.parse(ann.read_text(encoding="utf-8").split("\n"))
        found.problems.extend(parser.problems)
        found.records.append(BratRecord(None, {"doc_id": ann.stem, **data}, str(ann)))
    annotated = dict(annotated or {})
    for layer, fields in conf_fields(folder).items():
        if fields:
            annotated[layer] = annotated.get(layer, frozenset()) | fields
    _fill_fields(found.records, annotated)
    return found


def conf_fields(folder: Path) -> dict[str, frozenset[str]]:
    """Fields an ``annotation.conf`` in the folder declares: its ``[attributes]`` named after fields, and
    ``hedges`` when it declares the Hedge relation. They are given (null when absent) on every item."""
    conf = folder / "annotation.conf"
    found = {layer: set() for layer in LAYERS}
    if not conf.is_file():
        return {layer: frozenset() for layer in LAYERS}
    section = None
    for line in conf.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1]
        elif line and not line.startswith("#"):
            name = line.split()[0]
            for layer, fields in FIELDS.items():
                if (section == "attributes" and name in fields) or (section == "relations" and name == "Hedge"
                                                                     and layer == "claims"):
                    found[layer].add(name if section == "attributes" else "hedges")
    return {layer: frozenset(names) for layer, names in found.items()}


def _fill_fields(records: list[BratRecord], annotated: Mapping[str, frozenset[str]]) -> None:
    """A field some item of a layer gives anywhere, or ``annotated`` declares, is given on every item (null when
    absent); a layer with no item anywhere that ``annotated`` does not declare is left out of every line."""
    given = {layer: set(annotated.get(layer, ())) for layer in LAYERS}
    present = {layer for layer in annotated if layer in LAYERS}
    for record in records:
        for layer in LAYERS:
            for item in record.data.get(layer, ()):
                present.add(layer)
                given[layer].update(name for name in item if name in FIELDS[layer])
    for record in records:
        for layer in LAYERS:
            if layer not in present:
                record.data.pop(layer, None)
            for item in record.data.get(layer, ()):
                for name in given[layer] - set(item):
                    item[name] = [] if name == "hedges" else None


class _AnnParser:
    """One ``.ann`` file -> the layers of an annotation line; problems carry the file and line."""

    def __init__(self, path: str, text: str, names: Names, labels: tuple[str, ...], offsets: str):
        self.path, self.text, self.names, self.labels, self.offsets = path, text, names, labels, offsets
        self.problems: list[Problem] = []
        self.spans: dict[str, tuple[str, list[tuple[int, int]], int]] = {}  # T id -> (type, fragments, line)
        self.events: dict[str, tuple[str, dict[str, list[str]], int]] = {}  # E id -> (type, role -> ids, line)
        self.bad_events = False
        self.failed: set[str] = set()  # ids of lines already reported: what refers to them is not reported again

    def problem(self, line: int, message: str, hint: str | None = None) -> None:
        self.problems.append(Problem(self.path, message, line=line, hint=hint))

    def parse(self, lines: list[str]) -> dict:
        relations, attributes, notes, equivalences = [], [], {}, []
        for number, raw in enumerate(lines, start=1):
            line = raw.rstrip("\r")
            if not line.strip():
                continue
            kind = line[0]
            if kind == "T":
                self._span_line(number, line)
            elif kind == "E":
                self._event_line(number, line)
            elif kind == "R":
                relations.append((number, line))
            elif kind in "AM":
                attributes.append((number, line))
            elif kind == "#":
                parts = line.split("\t")
                head = parts[1].split() if len(parts) > 1 else []
                if len(parts) == 3 and len(head) == 2 and (match := _ID_NOTE.match(parts[2].strip())):
                    notes[head[1]] = match.group(1)
            elif kind == "*":
                equivalences.append((number, line))
            else:
                self.problem(number, f"unsupported brat annotation {line.split(chr(9))[0]!r}",
                             hint="saidbench reads T, E, R, A, M, * and # lines")
        return self._build(relations, attributes, notes, equivalences)

    # -- lines ----------------------------------------------------------------------------------------

    def _span_line(self, number: int, line: str) -> None:
        parts = line.split("\t")
        if len(parts) != 3 or not parts[1].strip():
            self.problem(number, "expected 'T<id><TAB><type> <start> <end>[;<start> <end>...]<TAB><text>'")
            return
        identifier, (kind, _, ranges), written = parts[0], parts[1].partition(" "), parts[2]
        fragments = []
        for piece in ranges.split(";"):
            bounds = piece.split()
            if len(bounds) != 2 or not all(b.isdigit() for b in bounds):
                self.problem(number, f"bad offsets {ranges!r}; expected '<start> <end>' pairs joined by ';'")
                return
            fragments.append((int(bounds[0]), int(bounds[1])))
        converted = self._convert(number, fragments, written)
        if converted is None:
            self.failed.add(identifier)
            return
        self.spans[identifier] = (kind, converted, number)

    def _convert(self, number: int, fragments, written: str) -> list[tuple[int, int]] | None:
        converted = []
        for start, end in fragments:
            begin, finish = to_codepoint(self.text, start, self.offsets), to_codepoint(self.text, end, self.offsets)
            if begin is None or finish is None or begin >= finish:
                if begin is not None and finish is not None:
                    self.problem(number, f"empty or reversed span [{start}, {end})")
                else:
                    self.problem(number, f"span [{start}, {end}) crosses the end of the text ({len(self.text)} "
                                 f"{'code points' if self.offsets == 'codepoint' else self.offsets + ' units'})",
                                 hint=self._unit_hint(fragments, written))
                return None
            converted.append((begin, finish))
        converted.sort()
        actual = " ".join(self.text[b:e] for b, e in converted)
        if actual != written:
            self.problem(number, f"text {written!r} does not equal the .txt at these offsets, {actual!r}",
                         hint=self._unit_hint(fragments, written) or "offsets are code points over the .txt, end-exclusive")
            return None
        return converted

    def _unit_hint(self, fragments, written: str) -> str | None:
        if self.offsets != "codepoint" or len(fragments) != 1:
            return None
        unit = suggest_unit(self.text, fragments[0][0], fragments[0][1], written)
        return FLAG_HINT[unit] if unit else None

    def _event_line(self, number: int, line: str) -> None:
        before = len(self.problems)
        self._event(number, line)
        if len(self.problems) > before:
            self.bad_events = True
            self.failed.add(line.split("\t")[0])

    def _event(self, number: int, line: str) -> None:
        parts = line.split("\t")
        arguments = parts[1].split() if len(parts) >= 2 else []
        if len(parts) < 2 or not arguments or ":" not in arguments[0]:
            self.problem(number, "expected 'E<id><TAB><type>:<trigger> <role>:<id> ...'")
            return
        kind, trigger = arguments[0].split(":", 1)
        if kind not in self.names.attribution:
            close = difflib.get_close_matches(kind, self.names.attribution, n=1)
            self.problem(number, f"unknown event type {kind!r}; attribution events are {', '.join(self.names.attribution)}",
                         hint=f"did you mean {close[0]!r}?" if close else "set the attribution type names (docs/FORMAT.md)")
            return
        roles: dict[str, list[str]] = {"trigger": [trigger]}
        known = (self.names.source, self.names.cue, *self.names.content)
        for argument in arguments[1:]:
            role, _, target = argument.partition(":")
            role = role.rstrip("0123456789") if role not in known else role  # brat numbers repeated roles: Source2
            if role not in known:
                close = difflib.get_close_matches(role, known, n=1)
                self.problem(number, f"unknown role {role!r}; expected one of {', '.join(known)}",
                             hint=f"did you mean {close[0]!r}?" if close else None)
                return
            roles.setdefault(role, []).append(target)
        for role, targets in roles.items():
            for target in targets:
                if target not in self.spans:
                    self.problem(number, f"{role} {target!r} is not a T annotation of this file",
                                 hint="every event argument must be a T line of the same .ann")
                    return
        self.events[parts[0]] = (kind, roles, number)

    # -- building the layers ------------------------------------------------------------------------

    def _span_json(self, ids: list[str]) -> dict:
        fragments = sorted(f for i in ids for f in self.spans[i][1])
        merged: list[list[int]] = []
        for start, end in fragments:  # Content + Content2 may touch or overlap: one fragment then
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        if len(merged) == 1:
            start, end = merged[0]
            return {"start": start, "end": end, "text": self.text[start:end]}
        return {"fragments": merged, "text": [self.text[s:e] for s, e in merged]}

    def _build(self, relations, attributes, notes, equivalences) -> dict:
        names = self.names
        role_ids = {t for _, roles, _ in self.events.values() for ids in roles.values() for t in ids}
        items: dict[str, tuple[str, dict]] = {}  # brat id -> (layer, item)
        entities, claims, attributions = [], [], []
        hedges: dict[str, list[str]] = {}
        chains: list[tuple[int, list[str]]] = []
        for number, line in relations:
            parts = line.split("\t")
            fields = parts[1].split() if len(parts) >= 2 else []
            args = dict(a.split(":", 1) for a in fields[1:] if ":" in a)
            if len(fields) != 3 or set(args) != {"Arg1", "Arg2"}:
                self.problem(number, "expected 'R<id><TAB><type> Arg1:<id> Arg2:<id>'")
                continue
            missing = [a for a in args.values() if a not in self.spans]
            if any(a in self.failed for a in missing):
                continue
            if missing:
                self.problem(number, f"argument {missing[0]!r} is not a T annotation of this file")
                continue
            if fields[0] == names.hedge:
                hedges.setdefault(args["Arg1"], []).append(args["Arg2"])
                role_ids.add(args["Arg2"])
            elif fields[0] == names.coreference:
                chains.append((number, [args["Arg1"], args["Arg2"]]))
            else:
                close = difflib.get_close_matches(fields[0], (names.hedge, names.coreference), n=1)
                self.problem(number, f"unknown relation type {fields[0]!r}; expected {names.hedge} or {names.coreference}",
                             hint=f"did you mean {close[0]!r}?" if close else None)
        for number, line in equivalences:
            ids = line.split("\t")[1].split()[1:] if "\t" in line else []
            if any(i not in self.spans for i in ids):
                self.problem(number, "every Equiv argument must be a T annotation of this file")
                continue
            chains.append((number, ids))
        for identifier, (kind, _, number) in self.spans.items():
            if identifier in role_ids:
                continue
            if kind in names.role_types:  # a role span no event uses (after a bad event line: reported there)
                if not self.bad_events:
                    self.problem(number, f"{kind} span {identifier} is used by no event",
                                 hint="add it to an E line, or remove it")
                continue
            item = {"id": notes.get(identifier, identifier), **self._span_json([identifier])}
            if kind == names.claim:
                claims.append(item)
                items[identifier] = ("claims", item)
                continue
            label = names.labels.get(kind, kind)
            if self.labels and label not in self.labels:
                choices = (*self.labels, names.claim, *names.role_types)
                close = difflib.get_close_matches(kind, choices, n=1)
                self.problem(number, f"unknown type {kind!r}; expected an entity label ({', '.join(self.labels)}), "
                             f"{names.claim}, or a role span of an event",
                             hint=(f"did you mean {close[0]!r}? " if close else "")
                             + f"or map it: brat: {{labels: {{{kind}: LABEL}}}} in corpus.yaml, or --map {kind}=LABEL")
                continue
            item["label"] = label
            entities.append(item)
            items[identifier] = ("entities", item)
        for identifier, (kind, roles, _) in self.events.items():
            cue = roles.get(names.cue) or roles["trigger"]
            content = [t for role in names.content for t in roles.get(role, [])]
            source = roles.get(names.source)
            item = {"id": notes.get(identifier, identifier),
                    "source": None if kind == names.no_source or not source else self._span_json(source),
                    "cue": self._span_json(cue), "content": self._span_json(content) if content else None}
            attributions.append(item)
            items[identifier] = ("attributions", item)
        for claim_id, hedge_ids in hedges.items():
            if claim_id in items and items[claim_id][0] == "claims":
                items[claim_id][1]["hedges"] = [self._span_json([h]) for h in sorted(hedge_ids, key=self._start)]
        self._chains(chains, items)
        self._attributes(attributes, items)
        return {"entities": entities, "claims": claims, "attributions": attributions}

    def _start(self, identifier: str) -> int:
        return self.spans[identifier][1][0][0]

    def _chains(self, chains, items) -> None:
        parent: dict[str, str] = {}

        def root(x: str) -> str:
            while parent.get(x, x) != x:
                x = parent[x]
            return x

        for _, ids in chains:
            for other in ids[1:]:
                parent[root(other)] = root(ids[0])
        for identifier in parent.keys() | {r for r in parent.values()}:
            if identifier in items and items[identifier][0] == "entities":
                items[identifier][1].setdefault("entity_id", f"chain-{root(identifier)}")

    def _attributes(self, attributes, items) -> None:
        for number, line in attributes:
            parts = line.split("\t")
            fields = parts[1].split() if len(parts) >= 2 else []
            if len(fields) not in (2, 3):
                self.problem(number, "expected 'A<id><TAB><name> <target> [<value>]'")
                continue
            name, target = fields[0], fields[1]
            if target in self.failed:
                continue
            if target not in items:
                self.problem(number, f"target {target!r} is not an annotation of this file that carries attributes")
                continue
            layer, item = items[target]
            if len(fields) == 2:
                if name not in self.names.flags:
                    self.problem(number, f"binary attribute {name!r} has no meaning here",
                                 hint=f"known flags: {', '.join(self.names.flags)}; or give a value: {name} {target} VALUE")
                    continue
                name, value = self.names.flags[name]
            else:
                value = fields[2]
            if name not in FIELDS[layer]:
                close = difflib.get_close_matches(name, FIELDS[layer], n=1)
                self.problem(number, f"unknown attribute {name!r} for {layer}; expected one of {', '.join(FIELDS[layer])}",
                             hint=f"did you mean {close[0]!r}?" if close else None)
                continue
            if value in items and name in ("parent", "attribution"):  # a brat id: the item's id
                value = items[value][1]["id"]
            item[name] = value


def digest(folder: Path | str) -> str:
    """The first 8 hex digits of a SHA-256 over the folder's files (names and bytes, in name order)."""
    return hash_files(hashlib.sha256(), Path(folder)).hexdigest()[:8]


def hash_files(hashed, path: Path):
    """Feed a file, or every file of a folder (name and bytes, in name order), to a hashlib object; return it."""
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    for file in files:
        hashed.update(file.name.encode("utf-8") + b"\0" + file.read_bytes())
    return hashed


# -- writing --------------------------------------------------------------------------------------


def write(folder: Path | str, lines: Iterable[dict], documents: Mapping[str, Document], names: Names = Names()) -> list[Path]:
    """Write annotation lines as brat: a ``.txt`` and an ``.ann`` per document; returns the files written."""
    folder, lines = Path(folder), list(lines)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for line in lines:
        doc_id = line["doc_id"]
        text = documents[doc_id].text
        txt, ann = folder / f"{doc_id}.txt", folder / f"{doc_id}.ann"
        write_text(txt, text)
        write_text(ann, "".join(f"{row}\n" for row in _AnnWriter(text, names).rows(line)))
        written += [txt, ann]
    conf = folder / "annotation.conf"
    write_text(conf, _conf(lines, names))
    return written + [conf]


def _conf(lines: list[dict], names: Names) -> str:
    """brat's ``annotation.conf``: the types used, and every field the lines give (so a null one is read back)."""
    labels = {label: kind for kind, label in names.labels.items()}
    types = sorted({labels.get(m["label"], m["label"]) for line in lines for m in line.get("entities") or ()})
    fields = {layer: sorted({n for line in lines for item in line.get(layer) or () for n in item if n in FIELDS[layer]})
              for layer in LAYERS}
    targets = {"entities": "<ENTITY>", "claims": names.claim, "attributions": "<EVENT>"}
    rows = ["[entities]", *types, names.claim, names.hedge, names.source, names.cue, *names.content[:1], "",
            "[relations]", f"{names.hedge}\tArg1:{names.claim}, Arg2:{names.hedge}" if "hedges" in fields["claims"] else "",
            "", "[events]",
            f"{names.attribution[0]}\t{names.source}?:{names.source}, {names.cue}?:{names.cue}, {names.content[0]}:{names.content[0]}",
            f"{names.no_source}\t{names.content[0]}:{names.content[0]}", "", "[attributes]"]
    rows += [f"{name}\tArg:{targets[layer]}" for layer in LAYERS for name in fields[layer] if name != "hedges"]
    return "\n".join(rows) + "\n"


def _line_pieces(text: str, fragments) -> list[tuple[int, int]]:
    """Fragments cut at line breaks, as brat does (an ``.ann`` line cannot hold one): a span over a line break
    is written as the pieces on each side, and reads back without the break."""
    pieces = []
    for start, end in fragments:
        at = start
        for index in range(start, end):
            if text[index] in "\r\n":
                if index > at:
                    pieces.append((at, index))
                at = index + 1
        if end > at:
            pieces.append((at, end))
    return pieces


class _AnnWriter:
    """One annotation line -> ``.ann`` rows, numbering T, E, R, A and # annotations in order."""

    def __init__(self, text: str, names: Names):
        self.text, self.names = text, names
        self.counters = {"T": 0, "E": 0, "R": 0, "A": 0, "#": 0}
        self.out: list[str] = []

    def next(self, kind: str) -> str:
        self.counters[kind] += 1
        return f"{kind}{self.counters[kind]}"

    def span(self, kind: str, obj: dict) -> str:
        fragments = _line_pieces(self.text, obj.get("fragments") or [[obj["start"], obj["end"]]])
        identifier = self.next("T")
        ranges = ";".join(f"{s} {e}" for s, e in fragments)
        self.out.append(f"{identifier}\t{kind} {ranges}\t{' '.join(self.text[s:e] for s, e in fragments)}")
        return identifier

    def note(self, target: str, item: dict) -> None:
        if item.get("id") is not None:
            self.out.append(f"{self.next('#')}\tAnnotatorNotes {target}\tid={item['id']}")

    def attribute(self, target: str, name: str, value) -> None:
        if value is not None:
            self.out.append(f"{self.next('A')}\t{name} {target} {value}")

    def rows(self, line: dict) -> list[str]:
        names = self.names
        labels = {label: kind for kind, label in names.labels.items()}
        brat_ids: dict[str, str] = {}  # item id -> brat id, for parent and attribution references
        pending: list[tuple[str, str, str]] = []
        for item in line.get("attributions") or ():
            cue_kind = names.no_source if item.get("source") is None else names.attribution[0]
            source = None if item.get("source") is None else self.span(names.source, item["source"])
            cue = self.span(cue_kind, item["cue"])
            content = self.span(names.content[0], item["content"])
            identifier = self.next("E")
            self.out.append(f"{identifier}\t{cue_kind}:{cue}" + (f" {names.source}:{source}" if source else "")
                            + f" {names.content[0]}:{content}")
            brat_ids[item.get("id")] = identifier
            self.note(identifier, item)
            for name in FIELDS["attributions"]:
                if name in item:
                    pending.append((identifier, name, item[name]))
        for item in line.get("entities") or ():
            identifier = self.span(labels.get(item["label"], item["label"]), item)
            self.note(identifier, item)
            for name in FIELDS["entities"]:
                self.attribute(identifier, name, item.get(name))
        for item in line.get("claims") or ():
            identifier = self.span(names.claim, item)
            self.note(identifier, item)
            for hedge in item.get("hedges") or ():
                self.out.append(f"{self.next('R')}\t{names.hedge} Arg1:{identifier} Arg2:{self.span(names.hedge, hedge)}")
            for name in FIELDS["claims"]:
                if name != "hedges":
                    pending.append((identifier, name, item.get(name)))
        for target, name, value in pending:
            self.attribute(target, name, brat_ids.get(value, value) if name in ("parent", "attribution") else value)
        return self.out
