"""Copy translations written ahead of a data change into the ``data`` catalogues.

A translator can translate the texts of a branch that is not merged yet; the translations wait in
``locale/pending/<name>.<lang>.po`` (same ``msgctxt``/``msgid`` as the data will have). After the
branch is merged and the catalogues regenerated::

    python -m dashboard.data_catalogue
    pybabel update -i locale/data.pot -d locale -D data -w 100
    python scripts/apply_pending_translations.py

each pending translation fills the entry of ``locale/<lang>/LC_MESSAGES/data.po`` with the same
context and English if that entry is empty or fuzzy; a translation already there is kept, and a
pending text the data no longer has is reported and left out. The pending files can then be deleted.
"""
from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

LOCALE = Path(__file__).resolve().parent.parent / "locale"


def apply_pending(locale: Path = LOCALE) -> list[str]:
    """Fill untranslated entries from every pending file; returns one line per pending file and per unmatched text."""
    report = []
    for pending_path in sorted((locale / "pending").glob("*.po")):
        lang = pending_path.suffixes[-2].lstrip(".")   # issue-14.ur.po -> ur
        target = locale / lang / "LC_MESSAGES" / "data.po"
        with target.open("rb") as f:
            catalog = read_po(f)
        with pending_path.open("rb") as f:
            pending = [m for m in read_po(f) if m.id and m.string]
        filled, missing = 0, []
        for m in pending:
            entry = catalog.get(m.id, context=m.context)
            if entry is None:
                missing.append(f"  not in the data any more: {m.context}: {m.id[:60]}")
            elif not entry.string or entry.fuzzy:
                entry.string, filled = m.string, filled + 1
                entry.flags.discard("fuzzy")
        with target.open("wb") as f:
            write_po(f, catalog, width=100, omit_header=False)
        report += [f"{pending_path.name}: {filled} of {len(pending)} filled into {target.relative_to(locale)}", *missing]
    return report


if __name__ == "__main__":
    print("\n".join(apply_pending(Path(sys.argv[1]) if len(sys.argv) > 1 else LOCALE)) or "no pending translations")
