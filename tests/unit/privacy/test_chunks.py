"""Long inputs are cut at paragraph boundaries and streamed with bounded memory."""

from __future__ import annotations

import tracemalloc
from collections.abc import Iterator

from communia.governance.privacy.chunks import split_paragraphs, split_stream, split_text

PARAGRAPH = "M. Louis Perrin, joignable au 06 11 22 33 44, a écrit.\n\n"


def _five_megabytes() -> Iterator[str]:
    """Yield a 5 MB text in 64 KB pieces without ever building it whole."""
    piece = PARAGRAPH * (65_536 // len(PARAGRAPH))
    for _ in range(5_000_000 // len(piece) + 1):
        yield piece


def test_stream_chunks_cover_the_text_in_order_within_the_limit() -> None:
    expected_offset = 0
    for offset, chunk in split_stream(_five_megabytes(), limit=20_000):
        assert offset == expected_offset
        assert len(chunk) <= 20_000
        assert chunk.endswith("\n\n")  # cut between paragraphs, never inside an identifier
        expected_offset += len(chunk)
    assert expected_offset >= 5_000_000


def test_streaming_five_megabytes_keeps_memory_bounded() -> None:
    tracemalloc.start()
    for _ in split_stream(_five_megabytes(), limit=20_000):
        pass
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 1_000_000  # a few chunks, not the 5 MB text


def test_split_text_and_paragraphs_rebuild_the_original() -> None:
    text = PARAGRAPH * 1000 + "fin sans saut de ligne"
    assert "".join(chunk for _, chunk in split_text(text, 5_000)) == text
    assert all(text[o : o + len(c)] == c for o, c in split_text(text, 5_000))
    parts = split_paragraphs("un\n\n\ndeux\ntrois\n\nquatre")
    assert [p for _, p in parts] == ["un\n\n\n", "deux\ntrois\n\n", "quatre"]


def test_a_single_huge_line_is_still_cut() -> None:
    text = "x" * 50_000
    chunks = list(split_text(text, 20_000))
    assert [len(c) for _, c in chunks] == [20_000, 20_000, 10_000]
