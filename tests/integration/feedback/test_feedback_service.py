"""A synthesis through the real store (SQLite and PostgreSQL), encoder and review circuit."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from communia.ai.backends import Completion
from communia.bootstrap import Runtime
from communia.errors import Conflict
from communia.feedback import loop, outputs, service
from communia.feedback.ingest import ColumnChoice
from communia.feedback.model import MIN_GROUP_SIZE
from communia.feedback.tables import FeedbackAssignment, FeedbackReport
from communia.governance import review
from tests.support import PASSWORD

DEV = Path(__file__).parents[3] / "benchmarks" / "data" / "feedback" / "dev.csv"
EMAIL = "marie.durand@example.fr"


def sample_csv() -> bytes:
    """Sixty real comments from three labelled themes, with places and one e-mail address."""
    with DEV.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    chosen = [r for t in ("housing_supply", "min_wage", "profile")
              for r in [x for x in rows if x["theme"] == t][:20]]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["comment", "when", "where"])
    for i, r in enumerate(chosen):
        text = r["text"] + (f" Write to {EMAIL} about it." if i == 3 else "")
        place = ["Nord", "Sud", "Gare"][i % 3] if i < 57 else "Port"
        writer.writerow([text, r["timestamp"], place])
    return out.getvalue().encode()


def run_sample(runtime: Runtime, n_themes: int | None = 3) -> str:
    run_id = service.create_run(runtime, "sample", "tester", {})
    service.execute(runtime, run_id, "sample.csv", io.BytesIO(sample_csv()),
                    ColumnChoice("comment", "when", "where"), n_themes, "tester")
    return run_id


def add_user(runtime: Runtime, username: str) -> str:
    from communia.accounts import service as accounts

    with runtime.db.session() as session:
        accounts.add_user(session, username, username.title(), "field_lead", PASSWORD)
    return username


def test_synthesis_respects_group_size_and_quotes_pseudonymised_input(
        store_runtime: Runtime) -> None:
    run_id = run_sample(store_runtime)
    with store_runtime.db.session() as session:
        run = service.get_run(session, run_id)
        document = outputs.contract_json(store_runtime, session, run)
        texts = [store_runtime.vault.decrypt(r.text) for r in
                 session.query(FeedbackReport).filter_by(run_id=run_id)]
        place_rows, hidden = outputs.places(store_runtime, session, run)
    assert len(document["assignments"]) == 60
    assert [a["row"] for a in document["assignments"]] == list(range(60))
    assert 2 <= len(document["themes"]) <= 3
    for theme in document["themes"]:
        assert theme["count"] >= MIN_GROUP_SIZE
        assert all(point["count"] >= MIN_GROUP_SIZE for point in theme["trend"])
        for quote in theme["quotes"]:
            assert any(quote in text for text in texts), quote
            assert EMAIL not in quote
    assert not any(EMAIL in text for text in texts)  # pseudonymised before analysis
    assert ("Port", 3) not in place_rows and hidden == 3


def test_only_a_named_person_shapes_and_finalises_themes(store_runtime: Runtime) -> None:
    run_id = run_sample(store_runtime)
    lead = add_user(store_runtime, "lead")
    with store_runtime.db.session() as session:
        first, second = [t.id for t in service.active_themes(session, run_id)][:2]
    for nobody in ("ai", "system", "ghost"):
        with pytest.raises(review.ReviewerRequired):
            loop.finalise(store_runtime, run_id, nobody)
        with pytest.raises(review.ReviewerRequired):
            loop.rename(store_runtime, run_id, first, "Renamed", nobody)
    loop.rename(store_runtime, run_id, first, "Eau et pollution", lead)
    loop.move(store_runtime, run_id, [0, 1], second, lead)
    with store_runtime.db.session() as session:
        moved = session.query(FeedbackAssignment).filter(
            FeedbackAssignment.run_id == run_id, FeedbackAssignment.row.in_([0, 1])).all()
        assert {(a.row, a.theme_id, a.author) for a in moved} == {(0, second, lead),
                                                                   (1, second, lead)}
        assert {a.author for a in session.query(FeedbackAssignment).filter_by(
            run_id=run_id)} == {"ai", lead}
    draft_id = loop.finalise(store_runtime, run_id, lead)
    with pytest.raises(Conflict):
        loop.rename(store_runtime, run_id, first, "Too late", lead)
    with store_runtime.db.session() as session:
        run = service.get_run(session, run_id)
        assert (run.status, run.finalised_by) == ("finalised", lead)
        _, final = outputs.note_bytes(store_runtime, session, run, "docx", "fr")
        assert final is False  # the note is a draft until a named person approves it
        review.approve(session, store_runtime.vault, draft_id, lead)
    with store_runtime.db.session() as session:
        run = service.get_run(session, run_id)
        data, final = outputs.note_bytes(store_runtime, session, run, "pdf", "fr")
    assert final is True and data.startswith(b"%PDF")


def test_a_split_below_the_group_size_shows_no_figure(runtime: Runtime) -> None:
    run_id = run_sample(runtime)
    lead = add_user(runtime, "lead2")
    with runtime.db.session() as session:
        theme = service.active_themes(session, run_id)[0]
        rows = service.rows_of(session, theme.id)
    loop.move(runtime, run_id, rows[:MIN_GROUP_SIZE - 1], theme.id, lead)
    other = [t for t in _themes(runtime, run_id) if t != theme.id][0]
    loop.move(runtime, run_id, rows[MIN_GROUP_SIZE - 1:], other, lead)
    with runtime.db.session() as session:
        run = service.get_run(session, run_id)
        views = {v.id: v for v in outputs.theme_views(runtime, session, run)}
        document = outputs.contract_json(runtime, session, run)
        note = outputs.note_text(runtime, session, run_id, "en")
    small = views[theme.id]
    assert small.count is None and small.quotes == [] and small.trend == []
    assert theme.id not in {t["id"] for t in document["themes"]}
    assert f"| {small.label} | < {MIN_GROUP_SIZE} |" in note


def _themes(runtime: Runtime, run_id: str) -> list[str]:
    with runtime.db.session() as session:
        return [t.id for t in service.active_themes(session, run_id)]


class LabellingBackend:
    """A model naming every theme "Thème nommé par le modèle", quoting the first quote."""

    name = "labelling"
    model = "labels-1"
    trusted_for_personal_data = True

    def __init__(self) -> None:
        self.calls = 0

    def complete(self, messages: list[dict[str, str]], schema: object,
                 max_tokens: int) -> Completion:
        self.calls += 1
        first_quote = messages[-1]["content"].split("\n- ", 1)[1].split("\n")[0]
        return Completion(json.dumps({"label": f"Thème nommé par le modèle {self.calls}",
                                      "quote": first_quote}), self.model)


def test_a_model_names_the_themes_through_the_gateway(make_runtime: Callable[..., Runtime]
                                                     ) -> None:
    backend = LabellingBackend()
    runtime = make_runtime(backend=backend)
    run_id = run_sample(runtime)
    with runtime.db.session() as session:
        document = outputs.contract_json(runtime, session, service.get_run(session, run_id))
    assert backend.calls >= 3
    labels = [theme["label"] for theme in document["themes"]]
    assert all(label.startswith("Thème nommé par le modèle") for label in labels), labels
