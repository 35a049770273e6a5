"""Benchmark personal-data detection: Communia vs Presidio out of the box (French spaCy).

Prints one table: per label precision / recall / F1 for both systems on (a) the seeded
generated administrative texts and (b) the Europeana French newspaper pages (PERSON
only), then documents per second for both and the ratio. Matching is span-level with
overlap: a prediction is correct if it overlaps a gold span of the same label, a gold
span is found if a prediction of the same label overlaps it.

Run: ``python benchmarks/privacy.py`` (about 3 min) or ``--quick`` (under a minute).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generators import Document, generate_documents  # noqa: E402

from communia.governance.privacy import LABELS, detect  # noqa: E402
from communia.governance.privacy.engine import offline_tldextract  # noqa: E402

EUROPEANA = Path(__file__).resolve().parents[2] / "shared" / "data" / "pii-europeana-fr"
PRESIDIO_LABELS = {
    "PERSON": "PERSON",
    "EMAIL_ADDRESS": "EMAIL",
    "PHONE_NUMBER": "PHONE",
    "IBAN_CODE": "IBAN",
    "IP_ADDRESS": "IP",
    "URL": "URL",
    "LOCATION": "ADDRESS",
    "DATE_TIME": "DATE_OF_BIRTH",
    "FR_NIR": "NIR",
    "FR_SIRET": "SIRET",
    "FR_SIREN": "SIREN",
}
Span = tuple[int, int, str]
Detector = Callable[[str, str], list[Span]]


@dataclass
class Counts:
    """Overlap-matched counts for one label."""

    pred: int = 0
    pred_ok: int = 0
    gold: int = 0
    gold_found: int = 0

    def prf(self) -> tuple[float, float, float]:
        """Return precision, recall and F1 (0 when undefined)."""
        p = self.pred_ok / self.pred if self.pred else 0.0
        r = self.gold_found / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class Result:
    """Counts per label and the time spent on the documents."""

    counts: dict[str, Counts] = field(default_factory=dict)
    seconds: float = 0.0
    docs: int = 0


def _overlaps(a: Span, b: Span) -> bool:
    return a[2] == b[2] and a[0] < b[1] and b[0] < a[1]


def score_document(
    result: Result, gold: Sequence[Span], pred: Sequence[Span], labels: Sequence[str]
) -> None:
    """Add one document's overlap matches to ``result``."""
    for label in labels:
        g = [s for s in gold if s[2] == label]
        p = [s for s in pred if s[2] == label]
        c = result.counts.setdefault(label, Counts())
        c.gold += len(g)
        c.pred += len(p)
        c.gold_found += sum(any(_overlaps(x, y) for y in p) for x in g)
        c.pred_ok += sum(any(_overlaps(y, x) for x in g) for y in p)


def run(
    detector: Detector, docs: Sequence[tuple[str, str, list[Span]]], labels: Sequence[str]
) -> Result:
    """Run ``detector`` on every (text, lang, gold) document, timing the whole pass."""
    result = Result(docs=len(docs))
    predictions = []
    start = time.perf_counter()
    for text, lang, _ in docs:
        predictions.append(detector(text, lang))
    result.seconds = time.perf_counter() - start
    for (_, _, gold), pred in zip(docs, predictions, strict=True):
        score_document(result, gold, pred, labels)
    return result


def communia_detector(text: str, lang: str) -> list[Span]:
    """Communia's detector, choosing the language itself."""
    return [(e.start, e.end, e.label) for e in detect(text, "auto")]


def presidio_detector() -> Detector:
    """Presidio out of the box: default recognizers, spaCy fr_core_news_md, language fr."""
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    offline_tldextract()
    provider = NlpEngineProvider(
        nlp_configuration={
            "nlp_engine_name": "spacy",
            "models": [{"lang_code": "fr", "model_name": "fr_core_news_md"}],
        }
    )
    engine = AnalyzerEngine(nlp_engine=provider.create_engine(), supported_languages=["fr"])

    def detector(text: str, lang: str) -> list[Span]:
        return [
            (r.start, r.end, PRESIDIO_LABELS[r.entity_type])
            for r in engine.analyze(text=text, language="fr")
            if r.entity_type in PRESIDIO_LABELS
        ]

    return detector


def generated_docs(count: int, seed: int) -> list[tuple[str, str, list[Span]]]:
    """Return the generated documents as (text, lang, gold spans)."""
    documents: list[Document] = generate_documents(count, seed)
    return [(d.text, d.lang, [(s.start, s.end, s.label) for s in d.spans]) for d in documents]


EUROPEANA_BLOCK = 6000


def europeana_ranges(total_lines: int) -> list[tuple[int, int]]:
    """Return 1-based inclusive line ranges of pages.

    ``enp_FR.bnf.md`` gives real page ranges up to line 82,492, then "L000???" for
    the rest; those lines are cut into blocks of ``EUROPEANA_BLOCK`` lines.
    """
    listed = re.findall(r"L(\d+)\s*-\s*L(\d+)\*", (EUROPEANA / "enp_FR.bnf.md").read_text())
    ranges = [(int(a), int(b)) for a, b in listed if int(a) <= int(b)]
    start = ranges[-1][1] + 1 if ranges else 1
    while start <= total_lines:
        ranges.append((start, min(total_lines, start + EUROPEANA_BLOCK - 1)))
        start += EUROPEANA_BLOCK
    return ranges


def europeana_pages(limit: int | None) -> list[tuple[str, str, list[Span]]]:
    """Return Europeana pages (tokens joined by spaces) with I-PER runs as gold spans."""
    lines = (EUROPEANA / "enp_FR.bnf.bio").read_text(encoding="utf-8").splitlines()
    pages = []
    for first, last in europeana_ranges(len(lines))[:limit]:
        text, gold, pos, run_start = "", [], 0, None
        for line in lines[first - 1 : last]:
            token, _, tag = line.rpartition(" ")
            if run_start is not None and tag != "I-PER":
                gold.append((run_start, pos - 1, "PERSON"))
                run_start = None
            if tag == "I-PER" and run_start is None:
                run_start = pos
            text += token + " "
            pos += len(token) + 1
        if run_start is not None:
            gold.append((run_start, pos - 1, "PERSON"))
        pages.append((text, "fr", gold))
    return pages


def _row(name: str, ours: Counts, base: Counts) -> str:
    p1, r1, f1 = ours.prf()
    p2, r2, f2 = base.prf()
    return (
        f"| {name:<24} | {ours.gold:>5} | {p1:.3f} | {r1:.3f} | {f1:.3f} "
        f"| {p2:.3f} | {r2:.3f} | {f2:.3f} |"
    )


def print_table(gen: tuple[Result, Result], eur: tuple[Result, Result]) -> None:
    """Print the single result table in Markdown."""
    print("| dataset / label          |  gold | C. P  | C. R  | C. F1 | P. P  | P. R  | P. F1 |")
    print("|--------------------------|-------|-------|-------|-------|-------|-------|-------|")
    for label in LABELS:
        if gen[0].counts.get(label, Counts()).gold:
            print(_row(f"generated {label}", gen[0].counts[label], gen[1].counts[label]))
    print(_row("europeana PERSON (span)", eur[0].counts["PERSON"], eur[1].counts["PERSON"]))
    ours, base = gen[0].docs / gen[0].seconds, gen[1].docs / gen[1].seconds
    print(
        f"| docs/s generated ({gen[0].docs:>4})  | Communia {ours:7.1f} | Presidio {base:7.1f} "
        f"| ratio {ours / base:5.2f} |"
    )
    ours, base = eur[0].docs / eur[0].seconds, eur[1].docs / eur[1].seconds
    print(
        f"| pages/s europeana ({eur[0].docs:>3})  | Communia {ours:7.1f} | Presidio {base:7.1f} "
        f"| ratio {ours / base:5.2f} |"
    )
    print("C. = Communia, P. = Presidio 2.2 out of the box (spaCy fr_core_news_md, language fr).")


def main() -> None:
    """Parse options, run both systems on both datasets and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="120 texts and 4 pages only")
    parser.add_argument("--docs", type=int, default=500, help="number of generated texts")
    parser.add_argument("--pages", type=int, default=16, help="Europeana pages (max 94)")
    parser.add_argument("--seed", type=int, default=2026, help="generator seed")
    args = parser.parse_args()
    docs = generated_docs(120 if args.quick else args.docs, args.seed)
    pages = europeana_pages(4 if args.quick else args.pages)
    presidio = presidio_detector()
    for detector in (communia_detector, presidio):  # load models before timing
        detector("Bonjour Jean Dupont, jean@exemple.fr", "fr")
        detector("Hello John Smith, john@example.com", "en")
    gen = (run(communia_detector, docs, LABELS), run(presidio, docs, LABELS))
    eur = (run(communia_detector, pages, ["PERSON"]), run(presidio, pages, ["PERSON"]))
    print_table(gen, eur)


if __name__ == "__main__":
    main()
