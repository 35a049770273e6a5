"""Prometheus metrics: HTTP requests and latencies (this process), and, read from the store
at each scrape, jobs by state, the Redis queue length, model calls, refusals and failures.

Store-derived counts are the same whichever app process is scraped: the journal is
append-only, so model calls and refusals are counted from it incrementally.
"""

from __future__ import annotations

import threading
from collections import Counter as Tally
from collections.abc import Iterator
from dataclasses import dataclass, field

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.registry import Collector
from sqlalchemy import func, select

from communia.bootstrap import Runtime
from communia.jobs import records
from communia.store.tables import JournalEntryRow

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
REGISTRY = CollectorRegistry(auto_describe=True)
REQUESTS = Counter("communia_http_requests", "HTTP requests answered by this process.",
                   ["method", "route", "status"], registry=REGISTRY)
LATENCY = Histogram("communia_http_request_duration_seconds",
                    "Time to answer an HTTP request in this process.", ["method", "route"],
                    buckets=(0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 1, 2.5, 5, 10, 30),
                    registry=REGISTRY)
MODEL_KINDS = ("model.called", "model.refused", "model.failed")


def observe_request(method: str, route: str, status: int, seconds: float) -> None:
    """Count one answered request and its duration."""
    REQUESTS.labels(method, route, str(status)).inc()
    LATENCY.labels(method, route).observe(seconds)


@dataclass
class _JournalTally:
    """Model events counted so far, and the journal sequence they cover."""

    last_seq: int = 0
    calls: int = 0
    refusals: Tally[str] = field(default_factory=Tally)
    failures: Tally[str] = field(default_factory=Tally)


_tallies: dict[str, _JournalTally] = {}
_tally_lock = threading.Lock()


def model_tally(runtime: Runtime) -> _JournalTally:
    """Model calls, refusals (by reason) and failures (by backend) from the journal."""
    with _tally_lock:
        tally = _tallies.setdefault(runtime.db.url, _JournalTally())
        with runtime.db.session() as session:
            rows = session.execute(
                select(JournalEntryRow.seq, JournalEntryRow.kind, JournalEntryRow.payload)
                .where(JournalEntryRow.seq > tally.last_seq,
                       JournalEntryRow.kind.in_(MODEL_KINDS))
                .order_by(JournalEntryRow.seq)).all()
            top = session.scalar(select(func.max(JournalEntryRow.seq))) or 0
        for _seq, kind, payload in rows:
            if kind == "model.called":
                tally.calls += 1
            elif kind == "model.refused":
                tally.refusals[str(payload.get("reason", ""))] += 1
            else:
                tally.failures[str(payload.get("backend", ""))] += 1
        tally.last_seq = max(tally.last_seq, int(top))
        return tally


class StoreCollector(Collector):
    """Metrics read from the store and the queue at scrape time."""

    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime

    def collect(self) -> Iterator[GaugeMetricFamily | CounterMetricFamily]:
        up = GaugeMetricFamily("communia_store_up", "1 when the store answered this scrape.")
        try:
            with self.runtime.db.session() as session:
                states = records.counts_by_state(session)
            tally = model_tally(self.runtime)
        except Exception:  # the scrape must answer even when the store is down
            up.add_metric([], 0)
            yield up
            return
        up.add_metric([], 1)
        yield up
        yield from _job_metrics(states)
        yield from _model_metrics(tally)
        yield from _queue_metrics(self.runtime)


def render(runtime: Runtime) -> bytes:
    """The exposition text: process metrics, then store and queue metrics."""
    scrape = CollectorRegistry(auto_describe=False)
    scrape.register(StoreCollector(runtime))
    return generate_latest(REGISTRY) + generate_latest(scrape)


def _job_metrics(states: dict[str, int]) -> Iterator[GaugeMetricFamily]:
    from communia.jobs.model import STATES

    jobs = GaugeMetricFamily("communia_jobs", "Jobs in the store by state.", labels=["state"])
    for state in STATES:
        jobs.add_metric([state], states.get(state, 0))
    yield jobs
    depth = GaugeMetricFamily("communia_job_queue_depth",
                              "Jobs waiting or running (queued + running).")
    depth.add_metric([], states.get("queued", 0) + states.get("running", 0))
    yield depth


def _model_metrics(tally: _JournalTally) -> Iterator[CounterMetricFamily]:
    calls = CounterMetricFamily("communia_model_calls", "Model calls answered (journal).")
    calls.add_metric([], tally.calls)
    yield calls
    refusals = CounterMetricFamily("communia_model_refusals",
                                   "Gateway refusals by reason (journal).", labels=["reason"])
    for reason, count in sorted(tally.refusals.items()):
        refusals.add_metric([reason], count)
    yield refusals
    failures = CounterMetricFamily("communia_model_failures",
                                   "Backend failures by backend (journal).", labels=["backend"])
    for backend, count in sorted(tally.failures.items()):
        failures.add_metric([backend], count)
    yield failures


def _queue_metrics(runtime: Runtime) -> Iterator[GaugeMetricFamily]:
    if runtime.settings.jobs_backend != "celery":
        return
    from communia.jobs.runners import CeleryRunner, runner_for

    up = GaugeMetricFamily("communia_queue_up", "1 when Redis answered this scrape.")
    length = GaugeMetricFamily("communia_queue_length", "Messages waiting in the Redis queue.")
    runner = runner_for(runtime)
    try:
        waiting = runner.queue_length() if isinstance(runner, CeleryRunner) else 0
    except Exception:  # Redis down: say so rather than fail the scrape
        up.add_metric([], 0)
        yield up
        return
    up.add_metric([], 1)
    length.add_metric([], waiting)
    yield up
    yield length
