"""The wizard's draft: the plan as built so far, saved after every change so that a crash
or a killed terminal loses at most the field being typed. One draft is kept, in
``<data dir>/drafts/wizard.toml``, written atomically like a plan."""

from __future__ import annotations

import tomllib
from contextlib import suppress
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import tomli_w

from guide.paths import draft_path, make_private_dir
from guide.plan import Plan
from guide.storage import (
    PlanError,
    plan_from_document,
    plan_to_document,
    remove_orphans,
    write_atomic,
)


@dataclass
class Draft:
    plan: Plan
    step: int = 0
    target: str = ""  # the file the plan will be saved to, if chosen
    fields: dict[str, str] = field(default_factory=dict)  # raw text of fields not yet valid


def save_draft(draft: Draft) -> None:
    path = draft_path()
    make_private_dir(path.parent)
    remove_orphans(path)
    doc: dict[str, Any] = {
        "draft": {"step": draft.step, "target": draft.target, "fields": draft.fields},
        "plan": plan_to_document(draft.plan),
    }
    write_atomic(path, tomli_w.dumps(doc).encode("utf-8"))


def load_draft() -> Draft | None:
    """The saved draft, or None when there is none or it can't be read (it is only a
    convenience: a broken draft is set aside, never shown as an error)."""
    path = draft_path()
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
        meta = doc["draft"]
        plan, _ = plan_from_document(doc["plan"], path)
        fields = {str(k): str(v) for k, v in meta.get("fields", {}).items()}
        return Draft(plan, int(meta.get("step", 0)), str(meta.get("target", "")), fields)
    except FileNotFoundError:
        return None
    except (
        OSError,
        UnicodeDecodeError,
        tomllib.TOMLDecodeError,
        KeyError,
        TypeError,
        ValueError,
        PlanError,
    ):
        with suppress(OSError):  # set aside, kept for a look, never in the way again
            path.replace(path.with_suffix(".broken"))
        return None


def discard_draft() -> None:
    """Remove the draft; one that can't be removed (the data folder is a file, say) stays
    as harmless as it was."""
    with suppress(OSError):
        draft_path().unlink(missing_ok=True)
