"""A portable dump of the store through SQLAlchemy: one JSON line per row, gzip-compressed.

It works on any engine and across engines (SQLite → PostgreSQL), for every table of
``Base.metadata`` plus ``alembic_version``. Bytes and dates are tagged so they load back
with their type.
"""

from __future__ import annotations

import base64
import gzip
import json
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, MetaData, Table, delete, inspect, select, text

import communia.store.all_tables  # noqa: F401  (every table on the metadata)
from communia.ops.model import BackupInvalid
from communia.store.base import Base

BATCH = 1000


def dump(engine: Engine, path: Path) -> tuple[int, int]:
    """Write every existing table's rows to ``path``; return (tables, rows)."""
    tables, rows = 0, 0
    with gzip.open(path, "wt", encoding="utf-8") as out, engine.connect() as conn:
        for table in _tables(engine):
            tables += 1
            out.write(json.dumps({"table": table.name}) + "\n")
            for row in conn.execute(select(table)).mappings():
                out.write(json.dumps({k: _encode(v) for k, v in row.items()},
                                     ensure_ascii=False) + "\n")
                rows += 1
    return tables, rows


def load(engine: Engine, path: Path) -> tuple[int, int]:
    """Replace the content of every table in the dump with the dumped rows."""
    tables = {t.name: t for t in _tables(engine)}
    groups = dict(_read(path, tables))
    with engine.begin() as conn:
        for table in reversed(list(tables.values())):
            if table.name in groups:
                conn.execute(delete(table))
        for name, table in tables.items():
            batch = groups.get(name, [])
            for start in range(0, len(batch), BATCH):
                conn.execute(table.insert(), batch[start:start + BATCH])
        if conn.dialect.name == "postgresql":
            _reset_sequences(conn, tables.values())
    return len(groups), sum(len(rows) for rows in groups.values())


def _tables(engine: Engine) -> list[Table]:
    present = set(inspect(engine).get_table_names())
    tables = [t for t in Base.metadata.sorted_tables if t.name in present]
    if "alembic_version" in present:
        tables.insert(0, Table("alembic_version", MetaData(), autoload_with=engine))
    return tables


def _read(path: Path, tables: dict[str, Table]) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    current, rows = "", list[dict[str, Any]]()
    try:
        with gzip.open(path, "rt", encoding="utf-8") as source:
            for number, line in enumerate(source, 1):
                record = json.loads(line)
                if set(record) == {"table"}:
                    if current:
                        yield current, rows
                    current, rows = record["table"], []
                    if current not in tables:
                        raise BackupInvalid(f"{path.name}: table '{current}' (line {number}) "
                                            "does not exist in this store's schema.")
                    continue
                rows.append({k: _decode(v) for k, v in record.items()})
    except (OSError, EOFError, json.JSONDecodeError) as exc:
        raise BackupInvalid(f"{path.name} cannot be read ({exc}).") from None
    if current:
        yield current, rows


def _reset_sequences(conn: Any, tables: Any) -> None:
    for table in tables:
        keys = list(table.primary_key.columns)
        serial = len(keys) == 1 and keys[0].autoincrement in (True, "auto")
        if serial and keys[0].type.python_type is int:
            conn.execute(text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', '{keys[0].name}'), "
                f"COALESCE((SELECT MAX({keys[0].name}) FROM {table.name}), 0) + 1, false)"))


def _encode(value: Any) -> Any:
    if isinstance(value, (bytes, memoryview)):
        return {"$b64": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, datetime):
        return {"$dt": value.isoformat()}
    if isinstance(value, date):
        return {"$d": value.isoformat()}
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict) and len(value) == 1:
        tag, raw = next(iter(value.items()))
        if tag == "$b64":
            return base64.b64decode(raw)
        if tag == "$dt":
            return datetime.fromisoformat(raw)
        if tag == "$d":
            return date.fromisoformat(raw)
    return value
