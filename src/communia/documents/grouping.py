"""Group the files of an application batch by candidate.

One folder per candidate when a folder holds the files of one person; otherwise by
file name once role words (CV, lettre, motivation, cover letter...), years, versions
and separators are removed: ``dupont_cv.pdf``, ``LM_dupont.pdf`` and
``Dupont-Jean-CV.pdf`` / ``lettre_jean_dupont.docx`` fall together.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import PurePosixPath

ROLE_WORDS = frozenset(
    "cv resume lettre lettres motivation lm cover letter curriculum vitae candidature "
    "application de du la le of and et for pour final def definitif vf scan copie copy "
    "doc document pdf".split()
)
BATCH_FOLDER_WORDS = ROLE_WORDS | frozenset(
    "cvs resumes letters lettres candidatures applications candidats candidates dossiers "
    "batch lot recrutement recruitment inbox export".split()
)
_NOISE = re.compile(r"^(?:v\d+|(?:19|20)\d\d|\d{4}-\d\d(?:-\d\d)?)$")
_SEPARATORS = re.compile(r"[\s_\-.,;()\[\]+]+")


def candidate_tokens(stem: str) -> list[str]:
    """Return the name-like words of a file stem, folded to lower case without accents."""
    folded = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode().lower()
    tokens = [t for t in _SEPARATORS.split(folded) if t]
    return [t for t in tokens if t not in ROLE_WORDS and not _NOISE.match(t)]


def group_by_candidate(paths: list[str]) -> dict[str, list[str]]:
    """Map a candidate label to that candidate's files, keeping every path exactly once."""
    by_folder: dict[str, list[str]] = {}
    for path in paths:
        by_folder.setdefault(str(PurePosixPath(path.replace("\\", "/")).parent), []).append(path)
    groups: dict[str, list[str]] = {}
    loose: list[str] = []
    for folder, files in by_folder.items():
        keys = {_key(f) for f in files}
        keys.discard("")
        if len(keys) <= 1 and _is_candidate_folder(folder):
            _add(groups, PurePosixPath(folder).name or folder, files)
        else:
            loose.extend(files)
    for label, members in _by_stem(loose).items():
        _add(groups, label, members)
    return groups


def _is_candidate_folder(folder: str) -> bool:
    """A folder named after a person; an archive root or a "CVs" folder is not one."""
    name = PurePosixPath(folder).name
    if folder in {".", ""} or name.lower().endswith(".zip"):
        return False
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    words = [w for w in _SEPARATORS.split(folded) if w]
    return not all(w in BATCH_FOLDER_WORDS for w in words)


def _key(path: str) -> str:
    return " ".join(sorted(candidate_tokens(PurePosixPath(path.replace("\\", "/")).stem)))


def _by_stem(files: list[str]) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    labels: dict[str, str] = {}
    for path in files:
        stem = PurePosixPath(path.replace("\\", "/")).stem
        key = _key(path) or stem.lower()
        label = labels.setdefault(key, "-".join(candidate_tokens(stem)) or stem)
        groups.setdefault(label, []).append(path)
    return groups


def _add(groups: dict[str, list[str]], label: str, files: list[str]) -> None:
    unique = label
    suffix = 2
    while unique in groups:
        unique = f"{label}-{suffix}"
        suffix += 1
    groups[unique] = list(files)
