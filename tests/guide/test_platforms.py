"""The platform catalogue: the shipped file matches shared/facts.md, and every error in a
catalogue file names the file and the field."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from pydantic import BaseModel

from guide.content import ContentError
from guide.i18n import LANGS
from guide.platforms import Confidence, LocalText, Platform, by_id, load_catalogue

FACTS_TABLE = {
    "Amazon Mechanical Turk": "mturk",
    "Clickworker": "clickworker",
    "Prolific": "prolific",
    "Toloka": "toloka",
    "Yandex Tasks (Яндекс Задания)": "yandex-tasks",
    "Appen / CrowdGen": "appen",
    "TranscribeMe": "transcribeme",
    "Microworkers": "microworkers",
    "Upwork": "upwork",
    "Kwork": "kwork",
    "Workzilla": "workzilla",
    "Weblancer": "weblancer",
    "FL.ru": "fl-ru",
}
FAIRWORK = {
    "prolific": (5, 2023),
    "appen": (3, 2023),
    "upwork": (3, 2023),
    "mturk": (0, 2023),
    "transcribeme": (7, 2022),
}


@pytest.fixture(scope="module")
def shipped() -> list[Platform]:
    return load_catalogue()


def test_every_platform_of_the_facts_table_is_present(shipped: list[Platform]) -> None:
    assert {p.name: p.id for p in shipped} == FACTS_TABLE


def test_fairwork_scores_match_the_facts(shipped: list[Platform]) -> None:
    scores = {p.id: (p.fairwork.score, p.fairwork.year) for p in shipped if p.fairwork}
    assert scores == FAIRWORK


def test_plan_samples_refer_to_catalogue_ids(shipped: list[Platform]) -> None:
    for platform_id in ("prolific", "clickworker", "toloka"):
        assert by_id(shipped, platform_id) is not None


def _texts(value: object) -> list[LocalText]:
    if isinstance(value, LocalText):
        return [value]
    if isinstance(value, BaseModel):
        return [t for name in type(value).model_fields for t in _texts(getattr(value, name))]
    return []


def test_every_text_is_in_both_languages(shipped: list[Platform]) -> None:
    for platform in shipped:
        texts = _texts(platform)
        assert len(texts) >= 3, platform.id  # work, fees, regions at least
        for text in texts:
            assert all(text.get(lang).strip() for lang in LANGS), platform.id
        assert len(platform.unverified.en) == len(platform.unverified.ru), platform.id
        assert any("а" <= ch <= "я" for ch in platform.work.get("ru")), platform.id


def test_mixed_confidence_is_explained(shipped: list[Platform]) -> None:
    mturk = by_id(shipped, "mturk")
    assert mturk is not None and mturk.confidence is Confidence.MEDIUM
    assert mturk.confidence_note is not None and "Fees: high" in mturk.confidence_note.en
    assert mturk.minimum_payout is None  # not verified in facts.md


# --- error cases --------------------------------------------------------------------------

VALID: dict[str, Any] = {
    "id": "example",
    "name": "Example",
    "kind": "microtasks",
    "work": {"en": "Small tasks", "ru": "Мелкие задания"},
    "fees": {"en": "Not verified.", "ru": "Не проверено."},
    "regions": {"en": "Not verified.", "ru": "Не проверено."},
    "fairwork": {"score": 5, "year": 2023},
    "confidence": "low",
    "unverified": {"en": ["Fees"], "ru": ["Комиссии"]},
    "source": ["shared/facts.md"],
}


def write(root: Path, *platforms: dict[str, Any]) -> Path:
    (root / "platforms.toml").write_text(tomli_w.dumps({"platform": list(platforms)}), "utf-8")
    return root


def other(**changes: Any) -> dict[str, Any]:
    platform = copy.deepcopy(VALID)
    platform.update(id="other", **changes)
    return platform


def problems(root: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_catalogue(root)
    return caught.value.problems


def test_a_valid_file_loads(tmp_path: Path) -> None:
    [platform] = load_catalogue(write(tmp_path, VALID))
    assert platform.work.get("ru") == "Мелкие задания"


def test_bad_score_names_the_field(tmp_path: Path) -> None:
    bad = other(fairwork={"score": 11, "year": 2023})
    assert problems(write(tmp_path, VALID, bad)) == [
        f"{tmp_path / 'platforms.toml'}: platform[1].fairwork.score: must be between 0 and 10"
    ]


def test_unknown_key_names_the_field(tmp_path: Path) -> None:
    [problem] = problems(write(tmp_path, other(payout_method=["PayPal"])))
    assert problem.endswith("platforms.toml: platform[0].payout_method: unknown key")


def test_duplicate_id_names_both(tmp_path: Path) -> None:
    [problem] = problems(write(tmp_path, VALID, other(), other()))
    assert problem.endswith("platform[2].id: 'other' is already used by platform[1]")


def test_missing_ru_text_names_the_field(tmp_path: Path) -> None:
    [problem] = problems(write(tmp_path, other(work={"en": "Small tasks"})))
    assert problem.endswith("platforms.toml: platform[0].work.ru: missing")


def test_empty_text_and_bad_enum_are_refused(tmp_path: Path) -> None:
    found = problems(write(tmp_path, other(fees={"en": " ", "ru": "x"}, kind="gigs")))
    assert [p.split(": ")[1] for p in found] == ["platform[0].kind", "platform[0].fees.en"]


def test_unequal_unverified_lists_are_refused(tmp_path: Path) -> None:
    [problem] = problems(write(tmp_path, other(unverified={"en": ["Fees", "Payout"], "ru": []})))
    assert "platform[0].unverified: en and ru lists differ in length" in problem


def test_missing_and_broken_files(tmp_path: Path) -> None:
    assert "cannot read" in problems(tmp_path)[0]
    (tmp_path / "platforms.toml").write_text("[[platform]\n", "utf-8")
    assert "not valid TOML" in problems(tmp_path)[0]
