"""The ``data`` catalogue's template: every text in the data files a translator may translate.

Run from the repository root after the data changes::

    python -m dashboard.data_catalogue                       # writes locale/data.pot
    pybabel update -i locale/data.pot -d locale -D data      # merges it into each language's data.po

``pybabel update`` (Babel's ``msgmerge``) keeps the translations whose English is unchanged, marks
the ones whose English changed a little as fuzzy, and moves the rest to the end as obsolete.

Each entry's ``msgctxt`` is the id of what the text belongs to (a record or place id,
``tour:<scene id>``, ``question:<question id>``) and its ``msgid`` the English; an extracted
comment says which field it is. Names a language's data already carries (places' ``name_fa``)
need no translation in that language: the data's own name is shown first.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterator

from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from geodata.load import DATA_DIR, Dataset, shared_dataset
from geodata.network import route_questions
from geodata.network.costs import load_costs
from geodata.tour import read_tour

from .languages import LOCALE_DIR

# Fields a complete translation must cover; the glosses of the source's quotations may lag (the
# page then says, in the reader's language, that there is no translation yet).
REQUIRED_FIELDS = ("name", "stage note", "location note", "note", "place note", "context claim", "tour title",
                   "tour caption", "question", "question note", "cost label", "cost note")

Entry = tuple[str, str, str]   # (context, English, field)


def record_texts(dataset: Dataset) -> Iterator[Entry]:
    for r in dataset.records:
        yield r.id, r.names.en, "name"
        for i, stage in enumerate(r.stages, 1):
            if stage.note:
                yield r.id, stage.note, "stage note"
        if r.location_note:
            yield r.id, r.location_note, "location note"
        for note in r.notes:
            yield r.id, note.text, "note"
        for source in r.sources:
            yield r.id, source.gloss, "gloss"
        for ref in r.context:
            yield r.id, ref.claim, "context claim"


def place_texts(dataset: Dataset) -> Iterator[Entry]:
    for p in dataset.places.values():
        yield p.id, p.names.en, "name"
        if p.note:
            yield p.id, p.note, "place note"
        if p.source:
            yield p.id, p.source.gloss, "gloss"


def tour_texts(scenes) -> Iterator[Entry]:
    for scene in scenes:
        yield f"tour:{scene.id}", scene.title["en"], "tour title"
        yield f"tour:{scene.id}", scene.caption["en"], "tour caption"
        yield f"tour:{scene.id}", scene.passage.gloss, "gloss"


def question_texts(dataset: Dataset) -> Iterator[Entry]:
    for q in route_questions(dataset):
        yield f"question:{q.id}", q.question_en, "question"
        if q.note:
            yield f"question:{q.id}", q.note, "question note"


def cost_texts() -> Iterator[Entry]:
    """The route explorer's speeds and delays (geodata/data/costs.json): the box's label, and the
    note its tooltip reads out (why the value is what it is)."""
    table = load_costs()
    for item in (*table.speeds.values(), *table.delays.values()):
        yield f"cost:{item['id']}", item["label"]["en"], "cost label"
        yield f"cost:{item['id']}", item["note"], "cost note"


def data_entries(dataset: Dataset, scenes) -> dict[tuple[str, str], str]:
    """(context, English) -> the field(s) it fills, in the data's order, each text once."""
    out: dict[tuple[str, str], str] = {}
    for context, english, field in (*record_texts(dataset), *place_texts(dataset), *tour_texts(scenes),
                                    *question_texts(dataset), *cost_texts()):
        key = (context, english)
        out[key] = field if key not in out or field in out[key].split(", ") else f"{out[key]}, {field}"
    return out


def required(fields: str) -> bool:
    return any(f in REQUIRED_FIELDS for f in fields.split(", "))


def template(dataset: Dataset, scenes) -> Catalog:
    catalog = Catalog(project="iran-central-asia-map", version="1", copyright_holder="the map's contributors",
                      msgid_bugs_address="the project's issue tracker", charset="utf-8", fuzzy=False)
    for (context, english), fields in data_entries(dataset, scenes).items():
        catalog.add(english, context=context, auto_comments=[fields])
    return catalog


def main(argv: list[str]) -> int:
    dataset = shared_dataset(DATA_DIR)
    scenes, problems = read_tour(dataset)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    out = Path(argv[0]) if argv else LOCALE_DIR / "data.pot"
    with out.open("wb") as f:
        write_po(f, template(dataset, scenes), width=100, omit_header=False)
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
