"""The HTML error report: markup by outcome (hand-checked), escaping, and the page in a real headless Chromium."""

import json
import shutil
import struct

import pytest
from conftest import annotations, mention

from saidbench import evaluate
from saidbench.cli import main
from saidbench.model import Claim, Document, Section, Span
from saidbench.report.page import Mark, marked, render_page

CHROMIUM = shutil.which("chromium")
#: The flags the brief names: no sandbox (root in CI), no GPU, and nothing that talks to the network by itself.
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


def test_marks_nest_and_split_where_they_cross():
    text = "Alice Smith met Bob"
    outer = Mark(((0, 11),), "correct", "PERSON", "g-1", "tip")
    inner = Mark(((6, 11),), "missed", "", "g-2", "x<y")
    crossing = Mark(((9, 15),), "spurious", "ORG", "p-3", "t")
    assert marked(text, 0, len(text), [outer, inner]) == (
        '<mark class="o-correct" data-key="g-1" data-tag="PERSON" title="tip">Alice '
        '<mark class="o-missed" data-key="g-2" title="x&lt;y">Smith</mark></mark> met Bob'
    )
    # [9, 15) crosses [0, 11): its first piece sits inside, the rest reopens outside (the tag on the first piece)
    assert marked(text, 0, len(text), [outer, crossing]) == (
        '<mark class="o-correct" data-key="g-1" data-tag="PERSON" title="tip">Alice Smi'
        '<mark class="o-spurious" data-key="p-3" data-tag="ORG" title="t">th</mark></mark>'
        '<mark class="o-spurious" data-key="p-3" title="t"> met</mark> Bob'
    )
    assert marked(text, 6, 15, [outer]) == '<mark class="o-correct" data-key="g-1" title="tip">Smith</mark> met'


HOSTILE = "<script>alert(1)</script> met <img src=x onerror=alert(2)> & Bob."


def hostile_page():
    """A document whose text is markup, an entity over the <script> text, and a spurious claim."""
    document = Document("d<1>", HOSTILE, "<b>title</b>", (Section("s<1>", "paragraph", Span.of(0, len(HOSTILE))),))
    gold = {"d<1>": annotations("d<1>", entities=[mention(0, 8, "PERSON")], claims=[], attributions=[])}
    pred = {"d<1>": annotations("d<1>", entities=[mention(0, 8, "ORG")],
                                claims=[Claim(span=Span.of(31, 62), certainty="likely")], attributions=[])}
    result = evaluate(pred, gold, documents={"d<1>": document}, task=("entities", "claims"))
    return render_page(result, {"d<1>": document}, gold, pred, result.schema), result


def test_input_is_escaped_in_the_markup():
    page, _ = hostile_page()
    assert "<script" not in page and "<img" not in page and "onerror=alert(2)>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "d&lt;1&gt;" in page
    # the entity has the right span and the wrong type: a type error on both sides
    assert '<mark class="o-type" data-key="g-entities-0" data-tag="PERSON"' in page
    assert '<mark class="o-type" data-key="p-entities-0" data-tag="ORG"' in page
    assert '<mark class="o-spurious" data-key="p-claims-0" data-tag="likely"' in page


# -- in the browser --------------------------------------------------------------------------------

needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium is not installed here (.ci/run installs it with apt-get install -y chromium "
                             "where the machine allows); the browser tests need a real browser")


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is in the test extra")
    with sync_api.sync_playwright() as playwright:
        found = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield found
        found.close()


def open_page(browser, path, width=1280):
    """The page at ``path`` with every request it makes recorded (the page itself is the only one allowed)."""
    context = browser.new_context(viewport={"width": width, "height": 900}, java_script_enabled=True)
    page = context.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, requests


def layer_keys(page, layer, side, outcome=None):
    """The distinct items of one side of a layer, optionally of one outcome class."""
    selector = f'details[data-layer="{layer}"] .text.{side} mark' + (f".o-{outcome}" if outcome else "")
    return set(page.eval_on_selector_all(selector, "marks => marks.map(m => m.dataset.key)"))


@needs_chromium
def test_report_of_the_baseline_in_chromium(browser, repo, tmp_path, capsys):
    pred = str(repo / "examples" / "baseline.jsonl")
    out = tmp_path / "report.html"
    assert main(["report", "--pred", pred, "-o", str(out)]) == 0
    assert main(["eval", "--pred", pred, "--format", "json"]) == 0
    scores = json.loads(capsys.readouterr().out.split("\n", 1)[1])["scores"]
    page, requests = open_page(browser, out)
    assert requests == [out.as_uri()]  # nothing leaves the page: no CDN, font, image or script
    assert page.eval_on_selector_all("script", "s => s.length") == 0

    # every gold name mention is marked, with its text; the outcome classes add up to the strict counts
    gold_lines = json.loads((repo / "annotations" / "gold.jsonl").read_text(encoding="utf-8"))
    names = [i for i, m in enumerate(gold_lines["entities"]) if m["kind"] == "name"]
    assert layer_keys(page, "entities", "gold") == {f"g-entities-{i}" for i in names}
    first = gold_lines["entities"][names[0]]
    assert page.inner_text(f'[data-key="g-entities-{names[0]}"]') == first["text"]
    for layer, row in (("entities", "micro"), ("claims", "detection")):
        counts = scores[layer]["strict"][row]
        assert len(layer_keys(page, layer, "gold", "correct")) == counts["correct"]
        assert len(layer_keys(page, layer, "gold", "missed")) == counts["missed"]
        wrong = layer_keys(page, layer, "gold", "boundary") | layer_keys(page, layer, "gold", "type")
        assert len(wrong) == counts["incorrect"] + counts["partial"]
        assert len(layer_keys(page, layer, "pred", "spurious")) == counts["spurious"]
    relations = scores["attribution"]["strict"]["relations"]
    rows = page.eval_on_selector_all("table.relations tbody tr", "rows => rows.map(r => r.className)")
    assert rows.count("o-correct") == relations["correct"] and rows.count("o-missed") == relations["missed"]

    # the summary's numbers are the JSON's
    headline = page.eval_on_selector_all(
        "#summary table.scores", "tables => [...tables[0].querySelectorAll('tbody tr')].map(r => r.innerText)")
    entities = next(r for r in headline if r.startswith("entities")).split("\t")
    assert entities[2:5] == [f"{scores['entities']['strict']['micro'][k]:.4f}" for k in ("precision", "recall", "f1")]
    assert page.locator("svg.plot").count() == 2  # per-type F1 bars, Yardstick band confusion

    shot = page.screenshot(full_page=False)
    assert shot[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", shot[16:24]) == (1280, 900)

    # a narrow screen: the page itself never scrolls sideways (wide tables scroll in their own box)
    narrow, _ = open_page(browser, out, width=360)
    assert narrow.evaluate("document.documentElement.scrollWidth") <= 360
    assert narrow.evaluate("getComputedStyle(document.querySelector('.row')).gridTemplateColumns").count("px") == 1


@needs_chromium
def test_escaped_input_is_text_in_chromium(browser, tmp_path):
    html, _ = hostile_page()
    path = tmp_path / "hostile.html"
    path.write_text(html, encoding="utf-8")
    page, requests = open_page(browser, path)
    assert requests == [path.as_uri()]  # the <img src=x> in the text is text, so nothing is fetched
    assert page.eval_on_selector_all("script, img", "found => found.length") == 0
    assert page.inner_text('details[data-layer="entities"] .text.gold') == HOSTILE
    assert page.inner_text('[data-key="g-entities-0"]') == "<script>"
    assert page.inner_text("h2 small") == "d<1>" and page.inner_text("section.document h2").startswith("<b>title</b>")


def test_report_command_runs_a_baseline_and_refuses_bad_use(tmp_path, capsys):
    out = tmp_path / "rules.html"
    assert main(["report", "--baseline", "rules", "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    # the same predictions as the bundled file: the same summary
    assert main(["run", "--baseline", "rules"]) == 0
    entities = next(line.split() for line in capsys.readouterr().out.splitlines() if line.startswith("entities"))
    assert f'<td class="num">{entities[4]}</td>' in page  # the entities F1 of the summary
    assert main(["report", "-o", str(out)]) == 2
    assert main(["report", "--pred", str(tmp_path / "missing.jsonl"), "-o", str(out)]) == 1
    assert "file not found" in capsys.readouterr().err
