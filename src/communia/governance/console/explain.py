"""Explain pages: per use case, how it works, what it can do, what it must never do, known
limits and the accuracy measured by the benchmarks (read from the docs' tables, never typed in).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.orm import Session

from communia.governance import register
from communia.governance.console.explain_texts import COMMON_NEVER, DOC_PAGES, HOW_COMMON, TEXTS

DOCS_DIR = Path(__file__).resolve().parents[4] / "docs"
_HEADING = re.compile(r"^#{1,6}\s+(.*)$")
_MEASURED = ("measured", "benchmark", "figures", "mesur", "accuracy")


@dataclass(frozen=True)
class MeasuredTable:
    """A table of measured figures copied from a documentation page."""

    source: str
    heading: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    printed: str = ""  # a benchmark's printed table, shown as printed (no header nor rows)


@dataclass
class Explanation:
    """Everything an explain page shows."""

    use_case: str
    name: str
    purpose: str
    risk_level: str
    status: str
    how: str
    can: list[str] = field(default_factory=list)
    never: list[str] = field(default_factory=list)
    limits: list[str] = field(default_factory=list)
    measured: list[MeasuredTable] = field(default_factory=list)


def explain(session: Session, use_case_id: str, lang: str, docs_dir: Path = DOCS_DIR
            ) -> Explanation:
    """The explanation of a registered use case in ``lang`` (fr or en)."""
    lang = lang if lang in ("fr", "en") else "fr"
    row = register.get(session, use_case_id)
    texts = TEXTS.get(use_case_id, {}).get(lang, {})
    purpose = register.described(row, lang).purpose
    can = list(texts.get("can", [])) or [purpose]
    measured = [t for page in DOC_PAGES.get(use_case_id, (f"{use_case_id}.md",))
                for t in measured_tables(docs_dir / page)]
    return Explanation(
        use_case=row.id, name=row.name_fr if lang == "fr" else row.name_en,
        purpose=purpose, risk_level=row.risk_level, status=row.status,
        how=HOW_COMMON[lang], can=can,
        never=list(texts.get("never", [])) + COMMON_NEVER[lang],
        limits=list(texts.get("limits", [])), measured=measured,
    )


def measured_tables(path: Path) -> list[MeasuredTable]:
    """Tables under headings that announce measured figures in ``path``: Markdown tables,
    and a benchmark's printed table (in a code block) kept as printed, one per heading —
    the run that measured the most (fewest "not run" cells), the latest on a tie."""
    if not path.is_file():
        return []
    found: list[MeasuredTable] = []
    printed: dict[str, MeasuredTable] = {}
    heading, in_fence = "", False
    block: list[str] = []
    fence: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        measured = any(word in heading.lower() for word in _MEASURED)
        if line.strip().startswith("```"):
            if in_fence and measured and any(row.lstrip().startswith("|") for row in fence):
                _keep_printed(printed, MeasuredTable(path.name, heading, (), (),
                                                     _printed_table(fence)))
            in_fence, fence = not in_fence, []
            continue
        if in_fence:
            fence.append(line)
            continue
        match = _HEADING.match(line)
        if match:
            heading = match.group(1).strip()
        if line.strip().startswith("|"):
            block.append(line)
            continue
        if block and measured:
            table = _parse(block, path.name, heading)
            if table:
                found.append(table)
        block = []
    return found + list(printed.values())


def _printed_table(lines: list[str]) -> str:
    """The table lines of a benchmark's printed output (its title and timings left out)."""
    return "\n".join(line for line in lines if line.lstrip().startswith(("|", "+")))


def _keep_printed(kept: dict[str, MeasuredTable], table: MeasuredTable) -> None:
    before = kept.get(table.heading)
    if before is None or table.printed.count("not run") <= before.printed.count("not run"):
        kept[table.heading] = table


def _parse(lines: list[str], source: str, heading: str) -> MeasuredTable | None:
    cells = [tuple(c.strip() for c in line.strip().strip("|").split("|")) for line in lines]
    body = [row for row in cells[1:] if not all(set(c) <= set("-: ") for c in row)]
    if not cells or not body:
        return None
    return MeasuredTable(source, heading, cells[0], tuple(body))
