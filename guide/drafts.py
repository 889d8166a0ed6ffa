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

# The wizard's steps in the order of the drafts that stored a position (before steps had
# keys), to read those drafts: frozen, whatever the wizard's order is now.
POSITIONS = ("about", "path", "limits", "platforms", "vetting", "rate", "goals", "review")


@dataclass
class Draft:
    plan: Plan
    step: str = ""  # the key of the wizard step the user was on ("" for the first)
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
        return Draft(plan, _step_key(meta.get("step", "")), str(meta.get("target", "")), fields)
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


def _step_key(step: object) -> str:
    """A step's key as stored, or the key at a position an older draft stored."""
    if isinstance(step, int) and not isinstance(step, bool):
        return POSITIONS[step] if 0 <= step < len(POSITIONS) else ""
    return step if isinstance(step, str) else ""


def discard_draft() -> None:
    """Remove the draft; one that can't be removed (the data folder is a file, say) stays
    as harmless as it was."""
    with suppress(OSError):
        draft_path().unlink(missing_ok=True)
