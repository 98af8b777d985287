"""Bring data files written in the old format (before issue 11) to the current one; safe to re-run.

    python scripts/migrate_data.py [DATA_DIR]      (default: geodata/data)

What it changes, and only where the file still has the old form (so a second run
changes nothing):

- ``records/*.json``, ``tour.json``, ``questions.json``: a bare JSON list becomes
  ``{"$schema": <its JSON Schema>, "records" | "scenes" | "questions": [...]}``, so an
  editor can check the file as it is typed;
- every human-readable text that was a plain string becomes a language map
  ``{"en": "..."}``: glosses, notes (record notes, stage notes, location notes, a
  question's note) and context claims;
- ``places.csv``: the columns ``gloss`` and ``note`` become ``gloss_en`` and ``note_en``
  (only the header line changes);
- ``sources.json`` is written if missing, naming the one Urdu text.

Values are never changed.  A file with a key given twice is refused, not rewritten.
"""
from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "geodata" / "data"
ENVELOPES = {"tour.json": ("scenes", "schema/tour.schema.json"),
             "questions.json": ("questions", "schema/questions.schema.json")}
RECORDS = ("records", "../schema/records.schema.json")
SOURCES = {
    "$schema": "schema/sources.schema.json",
    "sources": [{
        "id": "text-ur", "file": "source/text.ur.txt", "language": "ur",
        "title": {"en": "Iran and the post-Soviet states of Central Asia and the Caucasus: an excerpt of an "
                        "Urdu scholarly chapter (OCR)",
                  "ur": "ایران اور وسط ایشیا و قفقاز کی نو آزاد ریاستیں (اردو متن کا اقتباس)"},
        "period": {"start": "1918", "end": "1996"},
    }],
}


def _pairs(pairs):
    keys = [k for k, _ in pairs]
    twice = sorted({k for k in keys if keys.count(k) > 1})
    if twice:
        raise ValueError(f"key(s) given twice in one object: {', '.join(twice)}; fix by hand first")
    return dict(pairs)


def as_map(value):
    return {"en": value} if isinstance(value, str) else value


def migrate_ref(ref) -> None:
    if isinstance(ref, dict) and "gloss" in ref:
        ref["gloss"] = as_map(ref["gloss"])


def migrate_record(record) -> None:
    if not isinstance(record, dict):
        return
    for ref in record.get("sources") or []:
        migrate_ref(ref)
    for ref in record.get("context") or []:
        if isinstance(ref, dict) and "claim" in ref:
            ref["claim"] = as_map(ref["claim"])
    for note in record.get("notes") or []:
        if isinstance(note, dict) and "text" in note:
            note["text"] = as_map(note["text"])
    for stage in record.get("stages") or []:
        if isinstance(stage, dict) and stage.get("note") is not None:
            stage["note"] = as_map(stage["note"])
    if record.get("location_note") is not None:
        record["location_note"] = as_map(record["location_note"])


def migrate_item(name: str, item) -> None:
    if not isinstance(item, dict):
        return
    if name == "tour.json":
        migrate_ref(item.get("passage"))
    else:
        migrate_ref(item.get("source"))
        if item.get("note") is not None:
            item["note"] = as_map(item["note"])


def envelope(data, key: str, schema: str) -> dict:
    items = data if isinstance(data, list) else data.get(key, [])
    rest = {} if isinstance(data, list) else {k: v for k, v in data.items() if k not in ("$schema", key)}
    return {"$schema": schema, key: items, **rest}


def rewrite_json(path: Path, change) -> bool:
    text = path.read_text(encoding="utf-8")
    try:
        data = json.loads(text, object_pairs_hook=_pairs)
    except ValueError as exc:
        raise ValueError(f"{path}: {exc}") from None
    second = text.split("\n", 2)[1] if "\n" in text else ""
    indent = len(second) - len(second.lstrip(" ")) or 1
    new = json.dumps(change(data), ensure_ascii=False, indent=indent) + "\n"
    if new != text:
        path.write_text(new, encoding="utf-8")
        return True
    return False


def migrate_records_file(data):
    out = envelope(data, *RECORDS)
    for record in out["records"]:
        migrate_record(record)
    return out


def migrate_listed(name: str):
    def change(data):
        out = envelope(data, *ENVELOPES[name])
        for item in out[ENVELOPES[name][0]]:
            migrate_item(name, item)
        return out
    return change


def migrate_places(path: Path) -> bool:
    text = path.read_text(encoding="utf-8")
    first, sep, rest = text.partition("\n")
    header = next(csv.reader([first]))
    renamed = [{"gloss": "gloss_en", "note": "note_en"}.get(c, c) for c in header]
    if renamed == header:
        return False
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(renamed)
    path.write_text(out.getvalue() + sep + rest, encoding="utf-8")
    return True


def main(argv: list[str]) -> int:
    data_dir = Path(argv[0]) if argv else DATA_DIR
    changed = []
    try:
        for path in sorted((data_dir / "records").glob("*.json")):
            if rewrite_json(path, migrate_records_file):
                changed.append(path)
        for name in ENVELOPES:
            if (data_dir / name).exists() and rewrite_json(data_dir / name, migrate_listed(name)):
                changed.append(data_dir / name)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if (data_dir / "places.csv").exists() and migrate_places(data_dir / "places.csv"):
        changed.append(data_dir / "places.csv")
    if not (data_dir / "sources.json").exists():
        (data_dir / "sources.json").write_text(json.dumps(SOURCES, ensure_ascii=False, indent=1) + "\n", "utf-8")
        changed.append(data_dir / "sources.json")
    for path in changed:
        print(f"migrated {path}")
    print(f"{len(changed)} file(s) changed" if changed else "nothing to migrate: every file has the current format")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
