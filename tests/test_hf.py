"""The Hugging Face export: every config loads through the real ``datasets.load_dataset`` with the declared
Features, spans agree with the text, the committed files do not drift, and ``saidbench.load`` agrees."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")

import datasets  # noqa: E402
import datasets.exceptions  # noqa: E402
import huggingface_hub.constants  # noqa: E402
import pytest  # noqa: E402
from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
import yaml  # noqa: E402

import saidbench  # noqa: E402
from saidbench.cli import main  # noqa: E402
from saidbench.formats import hf  # noqa: E402
from saidbench.io.errors import InputError  # noqa: E402
from saidbench.model import Annotations, Document, Mention, Span  # noqa: E402
from saidbench.schema import load_schema  # noqa: E402


REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def repo() -> Path:
    """The repository root (defined here so this module does not depend on conftest.py)."""
    return REPO


@pytest.fixture(autouse=True)
def offline(monkeypatch):
    """No network, even if another module imported datasets before the variables above were set."""
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setattr(datasets.config, "HF_HUB_OFFLINE", True)
    monkeypatch.setattr(datasets.config, "HF_DATASETS_OFFLINE", True)
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", True)


def load_dataset(root, config, cache):
    return datasets.load_dataset(
        str(root), config, split="test", cache_dir=str(cache), download_mode="force_redownload"
    )


# -- a small corpus with every form of docs/FORMAT.md ------------------------------------------------

HEADLINE = "Officials in Oxford speak"
PARAGRAPH = (
    "The University of Oxford said Putin’s troops are likely tired. "
    "Kim Jong Un, it claimed, agreed.\u00a0Reportedly, the talks failed."
)
SECOND = "Nothing was said in Kyiv."


def _at(text, needle, occurrence=1, base=0):
    index = -1
    for _ in range(occurrence):
        index = text.index(needle, index + 1)
    return [base + index, base + index + len(needle)]


def _span(text, *pieces):
    """A gold span object over ``text`` from ``[start, end]`` pieces: contiguous for one, fragments for more."""
    if len(pieces) == 1:
        (start, end), = pieces
        return {"start": start, "end": end, "text": text[start:end]}
    return {"fragments": [list(p) for p in pieces], "text": [text[s:e] for s, e in pieces]}


def _document(doc_id, title, body, published):
    text = f"{title}\n\n{body}"
    return {
        "id": doc_id, "title": title, "text": text,
        "text_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "language": "en-GB", "publisher": None, "published": published, "license": "test only",
        "sections": [
            {"id": "s1", "label": "headline", "start": 0, "end": len(title)},
            {"id": "s2", "label": "paragraph", "start": len(title) + 2, "end": len(text)},
        ],
    }


def synthetic_corpus():
    """Two documents and their gold: fragments, nested names, a name cut inside a token, pronouns,
    a null source, a null entity_id, empty layers and a null publisher beside an ISO date."""
    a = _document("doc-a", HEADLINE, PARAGRAPH, "2024-12-19")
    b = _document("doc-b", "Quiet day", SECOND, None)
    ta, tb = a["text"], b["text"]
    p = len(HEADLINE) + 2

    def at(needle, occurrence=1):
        return _at(PARAGRAPH, needle, occurrence, base=p)

    kim, name_end = at("Kim"), at("Kim Jong Un")[1]
    un = [name_end - 2, name_end]
    entities = [
        {"id": "m1", **_span(ta, _at(HEADLINE, "Oxford")), "label": "GPE", "kind": "name", "entity_id": "E_ox"},
        {"id": "m2", **_span(ta, at("University of Oxford")), "label": "ORG", "kind": "name", "entity_id": "E_uni"},
        {"id": "m3", **_span(ta, at("Oxford")), "label": "GPE", "kind": "name", "entity_id": "E_ox"},
        {"id": "m4", **_span(ta, at("Putin")), "label": "PERSON", "kind": "name", "entity_id": "E_putin"},
        {"id": "m5", **_span(ta, kim, un), "label": "PERSON", "kind": "name", "entity_id": "E_kim"},
        {"id": "m6", **_span(ta, at("it")), "label": "ORG", "kind": "pronoun", "entity_id": "E_uni"},
        {"id": "m7", **_span(ta, _at(HEADLINE, "Officials")), "label": "PERSON", "kind": "nominal",
         "entity_id": None},
        {"id": "m8", **_span(ta, at("Kim Jong Un")), "label": "PERSON", "kind": "name", "entity_id": "E_kim"},
    ]
    claims = [
        {"id": "c1", **_span(ta, at("Putin’s troops are likely tired")), "certainty": "likely",
         "hedges": [_span(ta, at("likely"))], "commitment": "attributed", "polarity": "positive",
         "claim_type": "assessment", "modality": "actual", "attribution": "a1"},
        {"id": "c2", **_span(ta, at("Kim Jong Un"), at("agreed")), "certainty": "none", "hedges": [],
         "commitment": "attributed", "polarity": "positive", "claim_type": "event", "modality": "actual",
         "attribution": "a2"},
        {"id": "c3", **_span(ta, at("the talks failed")), "certainty": "none", "hedges": [],
         "commitment": "attributed", "polarity": "negative", "claim_type": "event", "modality": "actual",
         "attribution": "a3"},
    ]
    attributions = [
        {"id": "a1", "source": _span(ta, at("The University of Oxford")), "cue": _span(ta, at("said")),
         "content": _span(ta, at("Putin’s troops are likely tired")), "source_type": "organisation",
         "quote_type": "indirect", "cue_polarity": "affirmed", "source_entity": "E_uni", "parent": None},
        {"id": "a2", "source": _span(ta, at("it")), "cue": _span(ta, at("claimed")),
         "content": _span(ta, at("Kim Jong Un"), at("agreed")), "source_type": "organisation",
         "quote_type": "indirect", "cue_polarity": "affirmed", "source_entity": "E_uni", "parent": None},
        {"id": "a3", "source": None, "cue": _span(ta, at("Reportedly")), "content": _span(ta, at("the talks failed")),
         "source_type": "no_source", "quote_type": "indirect", "cue_polarity": "affirmed",
         "source_entity": None, "parent": None},
    ]
    kyiv = _at(tb, "Kyiv")
    gold = [
        {"doc_id": "doc-a", "guideline_version": "1.0", "entities": entities, "claims": claims,
         "attributions": attributions},
        {"doc_id": "doc-b", "guideline_version": "1.0",
         "entities": [{"id": "m1", **_span(tb, kyiv), "label": "GPE", "kind": "name", "entity_id": "E_kyiv"}],
         "claims": [], "attributions": []},
    ]
    return [a, b], gold


def write_corpus(root, documents, gold):
    root.mkdir(parents=True, exist_ok=True)
    for name, records in (("documents.jsonl", documents), ("gold.jsonl", gold)):
        (root / name).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return root / "documents.jsonl", root / "gold.jsonl"


@pytest.fixture
def synthetic(tmp_path):
    """A directory exported from the synthetic corpus, and the paths of its sources."""
    documents_path, gold_path = write_corpus(tmp_path / "src", *synthetic_corpus())
    out = tmp_path / "repo"
    out.mkdir()
    export = hf.export_hf(out, documents_path, gold_path)
    return out, documents_path, gold_path, export


# -- checks shared by the real and the synthetic corpus ---------------------------------------------


def check_spans(value, text, where="row"):
    """Every object with offsets and text, at any depth, has text == the slice; returns how many."""
    checked = 0
    if isinstance(value, dict):
        if {"start", "end", "text"} <= set(value):
            assert value["text"] == text[value["start"] : value["end"]], where
            checked += 1
        for key, inner in value.items():
            checked += check_spans(inner, text, f"{where}.{key}")
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            checked += check_spans(inner, text, f"{where}[{index}]")
    return checked


def check_all_spans(root, cache):
    texts = {row["id"]: row["text"] for row in load_dataset(root, "documents", cache)}
    checked = 0
    for config in hf.CONFIGS:
        for row in load_dataset(root, config, cache):
            doc_id = row.get("doc_id", row.get("id"))
            if config == "documents":
                checked += check_spans(row["sections"], texts[doc_id])
            elif config == "ner_bio":
                for token, start, end in zip(row["tokens"], row["token_starts"], row["token_ends"]):
                    assert token == texts[doc_id][start:end], row["id"]
                    checked += 1
            else:
                checked += check_spans(row, texts[doc_id])
    return checked


def decode_iob2(row, names):
    """``(start, end, label)`` of the entities the tags spell, checking IOB2 on the way."""
    spans, current = [], None
    for tag_id, start, end in zip(row["ner_tags"], row["token_starts"], row["token_ends"]):
        tag = names[tag_id]
        if tag.startswith("I-"):
            assert current is not None and current[2] == tag[2:], f"{row['id']}: {tag} does not continue an entity"
            current[1] = end
            continue
        if current:
            spans.append(tuple(current))
        current = [start, end, tag[2:]] if tag.startswith("B-") else None
    if current:
        spans.append(tuple(current))
    return spans


def check_ner_bio(root, cache, sources, dropped):
    """The tags spell exactly the gold name mentions that were not dropped."""
    ds = load_dataset(root, "ner_bio", cache)
    names = ds.features["ner_tags"].feature.names
    spelled = {(row["doc_id"], *span) for row in ds for span in decode_iob2(row, names)}
    left_out = {(d.doc_id, d.mention_id) for d in dropped}
    expected = {
        (doc_id, m.span.start, m.span.end, m.label)
        for doc_id, gold in sources.gold.items()
        for m in gold.entities
        if m.kind == "name" and (doc_id, m.id) not in left_out
    }
    assert spelled == expected


# -- the committed files --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def repo_export(repo):
    """The export rendered from the canonical data against the committed README."""
    readme = repo / hf.README
    return hf.render(hf.read_sources(), readme.read_text(encoding="utf-8") if readme.is_file() else None)


def test_committed_files_do_not_drift(repo, tmp_path):
    if (repo / hf.README).is_file():
        shutil.copy(repo / hf.README, tmp_path / hf.README)
    export = hf.export_hf(tmp_path)
    fix = "run `saidbench export --hf` and commit the result"
    for relative in export.files:
        committed = repo / relative
        assert committed.is_file(), f"{relative} is missing; {fix}"
        assert committed.read_text(encoding="utf-8") == (tmp_path / relative).read_text(encoding="utf-8"), (
            f"{relative} differs from a fresh export; {fix}"
        )
    extra = {p.relative_to(repo).as_posix() for p in (repo / hf.HF_DIR).rglob("*") if p.is_file()} - set(export.files)
    assert not extra, f"files under hf/ that the export does not write: {sorted(extra)}"


def test_readme_starts_with_the_card_yaml(repo):
    content = (repo / hf.README).read_text(encoding="utf-8")
    assert content.startswith("---\n")
    block, _ = hf.split_front_matter(content)
    card = yaml.safe_load(block)
    configs = {c["config_name"]: c for c in card["configs"]}
    assert set(configs) == set(hf.CONFIGS)
    assert [name for name, c in configs.items() if c.get("default")] == ["documents"]
    for name, config in configs.items():
        assert config["data_files"] == [{"split": "test", "path": f"hf/{name}/test.jsonl"}]
    infos = {info["config_name"]: info for info in card["dataset_info"]}
    for name in hf.CONFIGS:
        assert datasets.Features._from_yaml_list(infos[name]["features"]) == hf.features(name)


def test_no_loading_script_at_the_root(repo):
    for name in {repo.name, "saidbench"}:
        assert not (repo / f"{name}.py").exists()


@pytest.mark.parametrize("config", hf.CONFIGS)
def test_every_config_loads_with_the_declared_features(repo, tmp_path, config):
    ds = load_dataset(repo, config, tmp_path / "cache")
    assert ds.split == "test"
    assert ds.features == hf.features(config)
    assert len(ds) >= 1
    ours = saidbench.load(config)
    assert ours.features == ds.features
    assert ours.to_list() == ds.to_list()


def test_default_config_is_documents(repo, tmp_path):
    ds = datasets.load_dataset(str(repo), split="test", cache_dir=str(tmp_path), download_mode="force_redownload")
    assert ds.features == hf.features("documents")


def test_every_span_is_the_slice_of_its_text(repo, tmp_path):
    assert check_all_spans(repo, tmp_path / "cache") > 0


def test_ner_bio_spells_the_kept_name_mentions(repo, tmp_path, repo_export):
    check_ner_bio(repo, tmp_path / "cache", hf.read_sources(), repo_export.dropped)


# The ner_tags ClassLabel names of the Hugging Face dataset conll2012_ontonotesv5 (english_v4 / v12),
# written out by hand from its dataset card: ids must mean the same for an OntoNotes-trained classifier.
CONLL2012_ONTONOTESV5_NER_TAGS = [
    "O", "B-PERSON", "I-PERSON", "B-NORP", "I-NORP", "B-FAC", "I-FAC", "B-ORG", "I-ORG", "B-GPE", "I-GPE",
    "B-LOC", "I-LOC", "B-PRODUCT", "I-PRODUCT", "B-DATE", "I-DATE", "B-TIME", "I-TIME", "B-PERCENT", "I-PERCENT",
    "B-MONEY", "I-MONEY", "B-QUANTITY", "I-QUANTITY", "B-ORDINAL", "I-ORDINAL", "B-CARDINAL", "I-CARDINAL",
    "B-EVENT", "I-EVENT", "B-WORK_OF_ART", "I-WORK_OF_ART", "B-LAW", "I-LAW", "B-LANGUAGE", "I-LANGUAGE",
]


def test_ner_tag_ids_are_those_of_conll2012_ontonotesv5():
    names = hf.features("ner_bio")["ner_tags"].feature.names
    assert names == CONLL2012_ONTONOTESV5_NER_TAGS
    assert isinstance(hf.features("ner_bio")["ner_tags"], datasets.List)


def test_ner_tag_names_put_labels_outside_ontonotes_last():
    schema = dataclasses.replace(load_schema(), entity_labels=("MISC", "PERSON", "GPE"))
    assert hf.ner_tag_names(schema) == ["O", "B-PERSON", "I-PERSON", "B-GPE", "I-GPE", "B-MISC", "I-MISC"]


# -- the synthetic corpus: every form of the format ----------------------------------------------------


def test_synthetic_configs_load_and_match_load(synthetic, tmp_path):
    root, documents_path, gold_path, _ = synthetic
    for config in hf.CONFIGS:
        ds = load_dataset(root, config, tmp_path / "cache")
        assert ds.features == hf.features(config), config
        ours = hf.load(config, documents_path, gold_path)
        assert ours.features == ds.features
        assert ours.to_list() == ds.to_list(), config


def test_synthetic_spans_are_slices(synthetic, tmp_path):
    assert check_all_spans(synthetic[0], tmp_path / "cache") > 20


def test_discontinuous_spans_keep_their_fragments(synthetic, tmp_path):
    root = synthetic[0]
    (claims, _) = load_dataset(root, "claims", tmp_path / "cache")["claims"]
    c2 = next(c for c in claims if c["id"] == "c2")
    assert [f["text"] for f in c2["fragments"]] == ["Kim Jong Un", "agreed"]
    assert c2["text"].startswith("Kim Jong Un") and c2["text"].endswith("agreed")
    attributions = load_dataset(root, "attributions", tmp_path / "cache")[0]["attributions"]
    assert [len(a["content"]["fragments"]) for a in attributions] == [1, 2, 1]


def test_null_source_and_published_date(synthetic, tmp_path):
    import datetime

    root = synthetic[0]
    attributions = load_dataset(root, "attributions", tmp_path / "cache")[0]["attributions"]
    assert attributions[2]["source"] is None and attributions[2]["source_type"] == "no_source"
    documents = load_dataset(root, "documents", tmp_path / "cache")
    assert documents["published"] == [datetime.date(2024, 12, 19), None]
    assert documents["publisher"] == [None, None]


def test_synthetic_ner_bio(synthetic, tmp_path):
    root, documents_path, gold_path, export = synthetic
    sources = hf.read_sources(documents_path, gold_path)
    check_ner_bio(root, tmp_path / "cache", sources, export.dropped)
    # Oxford inside "University of Oxford" overlaps a longer name; "Kim ... Un" has two fragments.
    assert sorted((d.doc_id, d.mention_id, d.reason) for d in export.dropped) == [
        ("doc-a", "m3", "overlap"), ("doc-a", "m5", "discontinuous"),
    ]
    assert export.dropped_by_reason() == {"discontinuous": 1, "overlap": 1}
    row = next(r for r in load_dataset(root, "ner_bio", tmp_path / "cache") if r["id"] == "doc-a/s2")
    # The name ends inside the regex token "Putin’s", which is cut there.
    assert row["tokens"][row["tokens"].index("Putin") + 1] == "’s"


def test_coreference_chains(synthetic, tmp_path):
    ds = load_dataset(synthetic[0], "coreference", tmp_path / "cache")
    chains = {(r["doc_id"], r["entity_id"]): r for r in ds}
    assert [m["id"] for m in chains[("doc-a", "E_uni")]["mentions"]] == ["m2", "m6"]
    assert chains[("doc-a", "E_uni")]["label"] == "ORG"
    # A mention with a null entity_id is a chain of its own.
    assert [m["id"] for m in chains[("doc-a", None)]["mentions"]] == ["m7"]
    assert sum(len(r["mentions"]) for r in ds) == 9


def test_rows_of_only_empty_lists_keep_their_declared_types(tmp_path):
    """A file where every hedges list and every attributions list is empty must not load as null."""
    documents, gold = synthetic_corpus()
    for record in gold:
        record["attributions"] = []
        for claim in record["claims"]:
            claim["hedges"], claim["attribution"] = [], None
    out = tmp_path / "repo"
    out.mkdir()
    hf.export_hf(out, *write_corpus(tmp_path / "src", documents, gold))
    for config in ("claims", "attributions"):
        ds = load_dataset(out, config, tmp_path / "cache")
        assert ds.features == hf.features(config)
    assert load_dataset(out, "attributions", tmp_path / "cache")["attributions"] == [[], []]


def test_a_config_without_rows_is_refused(tmp_path):
    documents, gold = synthetic_corpus()
    for record in gold:
        record["entities"] = []
        for attribution in record["attributions"]:
            attribution["source_entity"] = None
    with pytest.raises(InputError, match="coreference config would have no rows"):
        hf.export_hf(tmp_path, *write_corpus(tmp_path / "src", documents, gold))


def test_a_published_that_is_not_a_date_is_refused(tmp_path):
    documents, gold = synthetic_corpus()
    documents[0]["published"] = "19 December 2024"
    with pytest.raises(InputError, match="not an ISO date"):
        hf.read_sources(*write_corpus(tmp_path / "src", documents, gold))


def test_an_unknown_document_field_is_refused_not_dropped(tmp_path):
    documents, gold = synthetic_corpus()
    documents[0]["author"] = "someone"
    with pytest.raises(InputError, match="no column"):
        hf.read_sources(*write_corpus(tmp_path / "src", documents, gold))


def test_a_stale_row_count_in_the_card_fails_loading(synthetic, tmp_path):
    root = synthetic[0]
    readme = root / hf.README
    readme.write_text(readme.read_text(encoding="utf-8").replace("num_examples: 2}", "num_examples: 3}", 1))
    with pytest.raises(datasets.exceptions.NonMatchingSplitsSizesError):
        load_dataset(root, "attributions", tmp_path / "cache")


# -- README front matter ------------------------------------------------------------------------------


def test_export_rewrites_only_the_front_matter(synthetic):
    root, documents_path, gold_path, _ = synthetic
    readme = root / hf.README
    assert readme.read_text(encoding="utf-8").endswith(hf.PLACEHOLDER_BODY)
    block, _ = hf.split_front_matter(readme.read_text(encoding="utf-8"))
    body = "\n# A card\n\n---\n\nText with a rule above and `---` below.\n---\n"
    readme.write_text("---\nstale: true\n---\n" + body, encoding="utf-8")
    hf.export_hf(root, documents_path, gold_path)
    assert readme.read_text(encoding="utf-8") == f"---\n{block}\n---\n{body}"


def test_a_readme_without_front_matter_keeps_all_its_text():
    assert hf.with_front_matter("a: 1", "# Title\n") == "---\na: 1\n---\n# Title\n"
    assert hf.split_front_matter("# Title\n---\n") == (None, "# Title\n---\n")
    assert hf.split_front_matter("---\na: 1\n---") == ("a: 1", "")


# -- tokenizer, API and CLI ---------------------------------------------------------------------------


def test_tokenizer():
    text = "Putin’s 11,000 poorly-trained troops\u00a0(doesn't) U.S. they’re Korea's"
    tokens = [text[s:e] for s, e in hf.tokenize(text)]
    assert tokens == [
        "Putin", "’s", "11,000", "poorly-trained", "troops", "(", "does", "n't", ")", "U", ".", "S", ".",
        "they", "’re", "Korea", "'s",
    ]
    assert [text[s:e] for s, e in hf.tokenize(text, 8, 14)] == ["11,000"]


def test_no_gold_mention_edge_falls_inside_a_token(repo_export):
    # The v1.0 gold's possessives (Putin’s, UK’s, MoD’s, ...) end at a clitic split: nothing is widened.
    assert repo_export.widened == ()


def test_a_mention_edge_inside_a_token_is_tagged_on_the_whole_token_and_reported():
    text = "Smithsonian staff met."
    document = Document(id="d", text=text, sections=())
    gold = Annotations("d", (Mention(span=Span.of(0, 5), label="PERSON", kind="name", id="m1"),), (), ())
    rows, dropped, widened = hf.ner_bio(hf.Sources({"d": document}, {"d": gold}, load_schema()))
    assert widened == ["d/m1"] and dropped == []
    assert rows[0]["tokens"] == ["Smithsonian", "staff", "met", "."]
    assert rows[0]["ner_tags"] == ["B-PERSON", "O", "O", "O"]


def test_unknown_config_says_what_exists():
    with pytest.raises(KeyError, match="Did you mean 'entities'"):
        saidbench.load("entity")


def test_cli_export(tmp_path, capsys):
    assert main(["export", "--hf", "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "hf/ner_bio/test.jsonl" in out
    assert (tmp_path / "README.md").read_text(encoding="utf-8").startswith("---\n")


def test_cli_export_needs_a_format(tmp_path):
    assert main(["export", "--out", str(tmp_path)]) == 2


def test_load_from_an_installed_wheel(repo, tmp_path):
    """load() needs only the wheel's bundled data, from any directory."""
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(tmp_path / "wheel"), str(repo)],
        check=True, capture_output=True,
    )
    (wheel,) = (tmp_path / "wheel").glob("saidbench-*.whl")
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target", str(target), str(wheel)],
        check=True, capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = (
        "import json, saidbench, saidbench.resources as r;"
        "print(r.data_root());"
        "ds = {c: saidbench.load(c) for c in ('documents', 'ner_bio', 'attributions')};"
        "print(json.dumps({c: [d.features.to_dict(), d.to_list()] for c, d in ds.items()}, default=str))"
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    result = subprocess.run([sys.executable, "-c", code], cwd=elsewhere, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    root, payload = result.stdout.splitlines()
    assert root == str(target / "saidbench" / "_data")
    for config, (features, rows) in json.loads(payload).items():
        ours = saidbench.load(config)
        assert features == ours.features.to_dict()
        assert rows == json.loads(json.dumps(ours.to_list(), default=str))


@given(text=st.text(alphabet=st.sampled_from("abnts1,.-'’ \u00a0\n(é"), max_size=40))
def test_tokens_cover_every_non_space_character_once_and_in_order(text):
    tokens = hf.tokenize(text)
    covered = [i for start, end in tokens for i in range(start, end)]
    assert covered == sorted(set(covered))  # in order, no overlap
    assert covered == [i for i, ch in enumerate(text) if not ch.isspace()]
    assert all(start < end for start, end in tokens)


def test_card_says_what_the_annotation_licence_covers(repo):
    card = yaml.safe_load(hf.split_front_matter((repo / "README.md").read_text(encoding="utf-8"))[0])
    assert card["license"] == "other" and card["license_link"] == "annotations/LICENSE.md"
    terms = (repo / card["license_link"]).read_text(encoding="utf-8")
    # CC BY covers the structure, not the article excerpts in the `text` fields.
    assert "CC BY 4.0" in terms and "not covered by CC BY 4.0" in terms and "`text` field" in terms
