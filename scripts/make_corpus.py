"""Build corpus/documents.jsonl from the seed article (run once per corpus version).

Usage: python scripts/make_corpus.py PATH/TO/article.txt
The text is stored byte for byte; sections are the article's non-empty lines, labelled by position.
"""

import hashlib
import json
import sys
from pathlib import Path

# The first five non-empty lines, in order; every later line is a body paragraph.
HEAD_LABELS = ["headline", "standfirst", "residue", "image_caption", "image_credit"]


def sections(text: str) -> list[dict]:
    out, position = [], 0
    for line in text.split("\n"):
        if line.strip():
            index = len(out)
            label = HEAD_LABELS[index] if index < len(HEAD_LABELS) else "paragraph"
            # A section is the whole line, untrimmed (guidelines §2): a trailing no-break space belongs to it.
            out.append({"id": f"s{index + 1}", "label": label, "start": position, "end": position + len(line)})
        position += len(line) + 1
    return out


def main(seed: str) -> None:
    text = Path(seed).read_bytes().decode("utf-8")
    document = {
        "id": "nk-troops-uk-says",
        "title": text.split("\n", 1)[0],
        "text": text,
        "text_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "language": "en-GB",
        "publisher": None,
        "published": None,
        "source_url": None,
        "license": (
            "Copyright in the article text belongs to its publisher; saidbench does not own it and grants no licence "
            "to it. It is included unchanged, solely as the object of the annotations, for non-commercial research "
            "and evaluation of information-extraction systems."
        ),
        "provenance_note": (
            "Received as plain text by the saidbench maintainers. The text does not name its publisher, author, URL "
            "or date; these are recorded as unknown. The 'Open Image Modal' line is residue of a web page's image "
            "widget and the caption credits Associated Press for the image."
        ),
        "sections": sections(text),
    }
    out = Path(__file__).resolve().parents[1] / "corpus" / "documents.jsonl"
    out.write_text(json.dumps(document, ensure_ascii=False) + "\n", encoding="utf-8", newline="\n")


if __name__ == "__main__":
    main(sys.argv[1])
