"""The source texts: their blocks, and the check that a quote occurs in one verbatim.

The data folder's ``sources.json`` lists the texts (an id, the file, its language, its
title, the years it covers), so a second text is one more entry; a reference names
its text by id (``text_id``), the first text if it names none.

Blocks are the runs of text separated by blank lines, numbered from 1 in file
order (the numbering READING-NOTES.md uses).  A quote is compared after folding
runs of white space to one space, and nothing else: the OCR's spellings stay as
printed.  Page breaks cut sentences, so a quote may run on from its block into
the next one.
"""
from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

SOURCE_PATH = Path(__file__).parent / "data" / "source" / "text.ur.txt"
_SPACE = re.compile(r"\s+")
_BLOCK_BREAK = re.compile(r"\n\s*\n")


def fold_space(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


@dataclass(frozen=True)
class SourceText:
    path: Path
    sha256: str
    blocks: tuple[str, ...]  # folded, index 0 is block 1
    id: str = "text-ur"
    first_year: int | None = None   # the first year the text covers (sources.json "period")

    def block(self, number: int) -> str:
        return self.blocks[number - 1]

    def quote_in_block(self, quote: str, block: int) -> bool:
        """True if ``quote`` starts in ``block`` (it may run on into the next)."""
        if not isinstance(block, int) or not 1 <= block <= len(self.blocks):
            return False
        wanted = fold_space(quote)
        if not wanted:
            return False
        here = self.blocks[block - 1]
        if wanted in here:
            return True
        if block < len(self.blocks):
            joined = here + " " + self.blocks[block]
            at = joined.find(wanted)
            return 0 <= at < len(here)
        return False

    def blocks_containing(self, quote: str) -> list[int]:
        return [n for n in range(1, len(self.blocks) + 1) if self.quote_in_block(quote, n)]


def read_source(path: Path = SOURCE_PATH, text_id: str = "text-ur", first_year: int | None = None) -> SourceText:
    raw = path.read_bytes()
    text = raw.decode("utf-8")
    blocks = tuple(fold_space(b) for b in _BLOCK_BREAK.split(text) if b.strip())
    return SourceText(path=path, sha256=hashlib.sha256(raw).hexdigest(), blocks=blocks, id=text_id,
                      first_year=first_year)


@functools.lru_cache(maxsize=1)
def default_source() -> SourceText:
    return read_source(SOURCE_PATH)


def read_texts(data_dir: Path, problems: list) -> dict[str, SourceText]:
    """The source texts ``sources.json`` lists, by id (first listed first), each read and checked."""
    from .fileformat import SourcesFile, check
    from .files import locate_in_list, read_json
    from .problems import Problem

    if not (data_dir / "sources.json").exists():
        problems.append(Problem("sources.json", "", "", "the source text is missing (no sources.json lists the texts)"))
        return {}
    data = read_json(data_dir / "sources.json", "sources.json", problems, locate_in_list("sources"))
    if data is None:
        return {}
    m, errors = check(SourcesFile, data)
    problems.extend(Problem("sources.json", "", field, message) for field, message in errors)
    texts: dict[str, SourceText] = {}
    for entry in m.sources if m else ():
        path = data_dir / entry.file
        if ".." in Path(entry.file).parts:
            problems.append(Problem("sources.json", entry.id, "file", "must be a path inside the data folder"))
            continue
        try:
            texts[entry.id] = read_source(path, entry.id, int(entry.period.start[:4]))
        except OSError as exc:
            problems.append(Problem("sources.json", entry.id, "file", f"{entry.file} cannot be read ({exc.strerror})"))
        except UnicodeDecodeError:
            problems.append(Problem("sources.json", entry.id, "file", f"{entry.file} is not UTF-8"))
    return texts
