"""The source text: its blocks, and the check that a quote occurs in it verbatim.

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


def read_source(path: Path = SOURCE_PATH) -> SourceText:
    raw = path.read_bytes()
    text = raw.decode("utf-8")
    blocks = tuple(fold_space(b) for b in _BLOCK_BREAK.split(text) if b.strip())
    return SourceText(path=path, sha256=hashlib.sha256(raw).hexdigest(), blocks=blocks)


@functools.lru_cache(maxsize=1)
def default_source() -> SourceText:
    return read_source(SOURCE_PATH)
