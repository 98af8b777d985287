"""Citations checked against the source texts: passages verbatim in their block, outside sources.

A :class:`~geodata.fileformat.SourceRefM` has passed the format check; here its quote
is looked up in the text it names, and its printed footnote marker in the block.
"""
from __future__ import annotations

import re
from typing import Mapping

from .fileformat import ContextRefM, SourceRefM
from .langtext import LangText
from .model import ContextRef, SourceRef
from .problems import Reporter
from .source import SourceText


def source_ref(ref: SourceRefM, rep: Reporter, field: str, texts: Mapping[str, SourceText]) -> SourceRef | None:
    """The checked reference, or None with a problem noted."""
    text_id = ref.text_id or next(iter(texts))
    text = texts.get(text_id)
    if text is None:
        rep.bad(f"{field}.text_id", f"{text_id!r} is not a source text of sources.json ({', '.join(texts)})")
        return None
    block = ref.block
    if not 1 <= block <= len(text.blocks):
        rep.bad(f"{field}.block", f"{block} is not a block of the source text (1-{len(text.blocks)})")
        return None
    if not text.quote_in_block(ref.quote, block):
        found = text.blocks_containing(ref.quote)
        hint = f" (it does occur in block {found[0]})" if found else " (not found anywhere in the text)"
        rep.bad(f"{field}.quote", f"does not occur verbatim in block {block}{hint}")
        return None
    if ref.footnote_printed is not None:
        printed = ref.footnote_printed
        if not _marker_printed(printed, text.block(block)) and \
                (block == len(text.blocks) or not _marker_printed(printed, text.block(block + 1))):
            rep.bad(f"{field}.footnote_printed", f"marker {printed!r} is not printed in block {block}")
            return None
        if ref.footnote is None:
            rep.bad(f"{field}.footnote", "a printed marker needs its number as read")
            return None
    return SourceRef(block=block, quote=ref.quote, glosses=LangText(ref.gloss), footnote=ref.footnote,
                     footnote_printed=ref.footnote_printed, text_id=text_id)


def _marker_printed(marker: str, block_text: str) -> bool:
    """True if ``marker`` is printed in the block as a number of its own, not inside a longer one
    (a footnote ۹۱ is not printed just because the block has the year ۱۹۹۱)."""
    return re.search(r"(?<!\d)" + re.escape(marker) + r"(?!\d)", block_text) is not None


def context_ref(ref: ContextRefM) -> ContextRef:
    return ContextRef(id=ref.id, citation=ref.citation, claims=LangText(ref.claim), url=ref.url)
