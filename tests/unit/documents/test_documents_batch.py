"""Batches and ZIPs: bombs and traversal refused per member, nothing lost, nothing stops."""

from __future__ import annotations

from communia.documents import Limits, extract_batch
from tests.unit.documents.builders import encrypt_pdf, make_docx, make_pdf, make_zip, make_zip_bomb

CV = ["Léa Bernard, animatrice BAFA, cinq ans en centre de loisirs."]


def _all_names(result: object) -> set[str]:
    documents = {d.name for d in result.documents}  # type: ignore[attr-defined]
    errors = {e.name for e in result.errors}  # type: ignore[attr-defined]
    return documents | errors | set(result.skipped)  # type: ignore[attr-defined]


def test_bad_files_are_reported_and_the_rest_of_the_batch_goes_on() -> None:
    files = [
        ("vide.pdf", b""),
        ("locked.pdf", encrypt_pdf(make_pdf(CV))),
        ("broken.docx", make_docx(CV)[:500]),
        ("bernard_cv.pdf", make_pdf(CV)),
        ("bernard_lettre.docx", make_docx(CV)),
    ]
    result = extract_batch(files)

    assert [d.name for d in result.documents] == ["bernard_cv.pdf", "bernard_lettre.docx"]
    assert {e.name: e.code for e in result.errors} == {
        "vide.pdf": "empty",
        "locked.pdf": "encrypted",
        "broken.docx": "corrupt",
    }


def test_zip_members_are_extracted_with_their_folder_in_the_name() -> None:
    archive = make_zip(
        {
            "dupont/cv.pdf": make_pdf(CV),
            "dupont/lettre.docx": make_docx(CV),
            "__MACOSX/dupont/._cv.pdf": b"junk",
        }
    )
    result = extract_batch([("lot.zip", archive)])

    assert sorted(d.name for d in result.documents) == [
        "lot.zip/dupont/cv.pdf",
        "lot.zip/dupont/lettre.docx",
    ]
    assert result.errors == []
    assert result.skipped == ["lot.zip/__MACOSX/dupont/._cv.pdf"]


def test_zip_bomb_member_is_refused_and_its_neighbours_read() -> None:
    archive = make_zip({"bomb.txt": b"\0" * (30 * 1024 * 1024), "cv.pdf": make_pdf(CV)})
    result = extract_batch([("lot.zip", archive)])

    assert [d.name for d in result.documents] == ["lot.zip/cv.pdf"]
    [error] = result.errors
    assert error.name == "lot.zip/bomb.txt"
    assert error.code in {"zip_bomb", "too_large"}


def test_archive_above_the_total_size_limit_is_refused_whole() -> None:
    limits = Limits(max_zip_total_bytes=1024 * 1024, max_zip_ratio=10_000)
    result = extract_batch([("lot.zip", make_zip_bomb(2))], limits)

    [error] = result.errors
    assert (error.name, error.code) == ("lot.zip", "zip_bomb")
    assert result.documents == []


def test_member_larger_than_its_declared_size_limit_is_stopped_while_reading() -> None:
    limits = Limits(max_bytes=1024 * 1024, max_zip_ratio=100_000)
    result = extract_batch([("lot.zip", make_zip({"big.txt": b"a" * (3 * 1024 * 1024)}))], limits)

    [error] = result.errors
    assert error.name == "lot.zip/big.txt"
    assert error.code in {"too_large", "zip_bomb"}


def test_path_traversal_members_are_refused() -> None:
    archive = make_zip({"../../etc/cron.txt": b"x", "/abs.txt": b"y", "ok.txt": b"Bonjour"})
    result = extract_batch([("lot.zip", archive)])

    assert [d.name for d in result.documents] == ["lot.zip/ok.txt"]
    assert {e.code for e in result.errors} == {"unsafe_path"}
    assert len(result.errors) == 2


def test_too_many_members_refuse_the_archive() -> None:
    archive = make_zip({f"f{i}.txt": b"x" for i in range(12)})
    result = extract_batch([("lot.zip", archive)], Limits(max_zip_members=10))

    assert [(e.name, e.code) for e in result.errors] == [("lot.zip", "too_many_members")]


def test_nested_zip_is_expanded_one_level_and_deeper_nesting_is_refused() -> None:
    deepest = make_zip({"c.txt": b"trop profond"})
    inner = make_zip({"b.txt": b"Bonjour", "deeper.zip": make_zip({"deepest.zip": deepest})})
    result = extract_batch([("outer.zip", make_zip({"inner.zip": inner}))])

    assert [d.name for d in result.documents] == ["outer.zip/inner.zip/b.txt"]
    [error] = result.errors
    assert error.name == "outer.zip/inner.zip/deeper.zip"
    assert error.code == "nested_archive"


def test_every_input_appears_once_in_documents_errors_or_skipped() -> None:
    archive = make_zip(
        {"a.txt": b"Bonjour", "b.txt": b"", "../c.txt": b"x", "bomb.bin": b"\0" * (5 * 1024 * 1024)}
    )
    files = [("lot.zip", archive), ("d.txt", b"Salut"), ("e.pdf", b"%PDF-garbage")]
    result = extract_batch(files)

    expected = {
        "lot.zip/a.txt",
        "lot.zip/b.txt",
        "lot.zip/../c.txt",
        "lot.zip/bomb.bin",
        "d.txt",
        "e.pdf",
    }
    assert _all_names(result) == expected
    assert len(result.documents) + len(result.errors) == len(expected)
