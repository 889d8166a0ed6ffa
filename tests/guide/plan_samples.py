"""Sample plans for the plan tests: the shipped example and a large generated plan."""

from __future__ import annotations

import datetime as dt
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

from guide.plan import LogEntry, Plan
from guide.storage import load_plan

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "plan.toml"
TZ = dt.timezone(dt.timedelta(hours=3))


def example_plan() -> Plan:
    """The shipped example (3 platforms, 2 goals, 9 log entries)."""
    return load_plan(EXAMPLE).plan


def example_document() -> dict[str, Any]:
    """The example as plain TOML data, to break on purpose."""
    return tomllib.loads(EXAMPLE.read_text("utf-8"), parse_float=Decimal)


def large_plan(entries: int = 1000, title: str = "Large plan") -> Plan:
    """The example with ``entries`` log entries spread over the platforms and a year."""
    plan = example_plan()
    names = [p.name for p in plan.platforms]
    start = dt.date(2026, 1, 1)
    log = [
        LogEntry(
            date=start + dt.timedelta(days=i % 365),
            platform=names[i % len(names)],
            minutes=15 + i % 120,
            earned=Decimal(i % 997) / 100,
        )
        for i in range(entries)
    ]
    return plan.model_copy(update={"title": title, "log": log})
