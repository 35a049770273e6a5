"""Grouping a batch by candidate: by folder, or by file name once role words are removed."""

from __future__ import annotations

from communia.documents import candidate_tokens, group_by_candidate


def _as_sets(groups: dict[str, list[str]]) -> set[frozenset[str]]:
    return {frozenset(files) for files in groups.values()}


def test_files_are_grouped_by_name_stem_without_role_words() -> None:
    paths = [
        "dupont_cv.pdf",
        "dupont_lettre.docx",
        "Martin-Jean-CV.pdf",
        "LM_jean_martin.pdf",
        "candidate_07_cover_letter.docx",
        "candidate_07_resume.pdf",
        "Hélène Petit - CV 2024 v2.pdf",
        "lettre de motivation helene petit.odt",
    ]
    groups = group_by_candidate(paths)

    assert _as_sets(groups) == {
        frozenset({"dupont_cv.pdf", "dupont_lettre.docx"}),
        frozenset({"Martin-Jean-CV.pdf", "LM_jean_martin.pdf"}),
        frozenset({"candidate_07_cover_letter.docx", "candidate_07_resume.pdf"}),
        frozenset({"Hélène Petit - CV 2024 v2.pdf", "lettre de motivation helene petit.odt"}),
    }
    assert "dupont" in groups


def test_one_folder_per_candidate_groups_by_folder() -> None:
    paths = [
        "lot.zip/Dupont Anne/cv.pdf",
        "lot.zip/Dupont Anne/lettre.docx",
        "lot.zip/Bernard/CV_Bernard.pdf",
        "lot.zip/Bernard/motivation.pdf",
    ]
    groups = group_by_candidate(paths)

    assert groups == {
        "Dupont Anne": ["lot.zip/Dupont Anne/cv.pdf", "lot.zip/Dupont Anne/lettre.docx"],
        "Bernard": ["lot.zip/Bernard/CV_Bernard.pdf", "lot.zip/Bernard/motivation.pdf"],
    }


def test_folders_by_document_type_are_not_taken_for_candidates() -> None:
    paths = [
        "lot.zip/CVs/dupont.pdf",
        "lot.zip/CVs/martin.pdf",
        "lot.zip/Lettres/dupont.docx",
        "lot.zip/Lettres/martin.docx",
    ]
    groups = group_by_candidate(paths)

    assert _as_sets(groups) == {
        frozenset({"lot.zip/CVs/dupont.pdf", "lot.zip/Lettres/dupont.docx"}),
        frozenset({"lot.zip/CVs/martin.pdf", "lot.zip/Lettres/martin.docx"}),
    }


def test_every_path_is_kept_exactly_once_even_without_a_name() -> None:
    paths = ["cv.pdf", "lettre.pdf", "dupont_cv.pdf"]
    groups = group_by_candidate(paths)

    assert sorted(p for files in groups.values() for p in files) == sorted(paths)
    assert len(groups) == 3


def test_candidate_tokens_fold_accents_and_drop_noise() -> None:
    assert candidate_tokens("CV_Élodie-FAURÉ_2023_v3") == ["elodie", "faure"]
