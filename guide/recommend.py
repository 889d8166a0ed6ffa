"""Which career path to recommend, computed from the wizard's first answers, with reasons.

The rules follow the guide's advice (questions/is-microtask-work-worth-it and the
career-paths comparisons): microtasks make sense as a springboard for a first income, a
first look or a tight spot, always under a time limit and a review date; a remote career
is built on the skill the user already has. Reasons are returned as keys of
``content/strings/wizard.toml`` with their values; ``Reason.text(lang)`` says one.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from guide.content import read_toml
from guide.i18n import LANGS, Lang, t, tn
from guide.paths import content_dir
from guide.plan import CareerPath, GoalKind, Profile
from guide.rate import money_text
from guide.texts import LocalList, LocalText

# Studies put microtask pay at a few US dollars an hour (Hara et al. 2018: median about $2;
# Hornuf & Vrankar 2022: under $6 on average), so a higher USD target needs another path.
MICROTASK_TYPICAL_USD = Decimal(6)
FEW_HOURS = 8
SHORT_TERM = {GoalKind.FIRST_INCOME, GoalKind.TEMPORARY, GoalKind.FIRST_LOOK}


@dataclass(frozen=True)
class Reason:
    """A reason as a strings key; ``count`` for a counted one (hours), ``rate`` a money
    amount in the profile's currency."""

    key: str
    count: int | None = None
    rate: tuple[Decimal, str] | None = None

    def text(self, lang: Lang) -> str:
        values = {} if self.rate is None else {"rate": money_text(*self.rate, lang)}
        if self.count is None:
            return t(lang, self.key, **values)
        return tn(lang, self.key, self.count, **values)


@dataclass(frozen=True)
class Recommendation:
    path: CareerPath
    reasons: tuple[Reason, ...]


def recommend(profile: Profile) -> Recommendation:
    """The path that fits ``profile`` best, and why."""
    reasons: list[Reason] = []
    hours = profile.hours_per_week
    if profile.goal in SHORT_TERM:
        reasons.append(Reason(f"why_goal_{profile.goal.value}", count=hours))
        path = CareerPath.MICROTASKS_SPRINGBOARD
    elif profile.goal is GoalKind.BETWEEN_PROJECTS:
        reasons.append(Reason("why_goal_between_projects", count=hours))
        path = CareerPath.MIX
    else:
        path = _path_from_skills(profile.skills)
        reasons.append(Reason(f"why_skills_{path.value}"))
    if profile.hours_per_week < FEW_HOURS:
        reasons.append(Reason("why_few_hours", count=hours))
    if _target_beyond_microtasks(profile):
        rate = (profile.target_hourly_rate, profile.currency)
        reasons.append(Reason("why_target_high", rate=rate))
        if path is CareerPath.MICROTASKS_SPRINGBOARD:
            path = CareerPath.MIX
    reasons.append(Reason("why_review_date"))
    return Recommendation(path, tuple(reasons))


def _path_from_skills(skills: list[str]) -> CareerPath:
    text = " ".join(skills).casefold()
    for path, hints in skill_hints().items():
        if any(hint in text for hint in hints):
            return path
    return CareerPath.REMOTE_COLLABORATION


class _Hint(LocalList):
    path: CareerPath


@cache
def skill_hints() -> dict[CareerPath, tuple[str, ...]]:
    """The words in skills that point to each path, every language's together, in the
    order of ``content/skill_hints.toml``."""
    raw = read_toml(content_dir() / "skill_hints.toml")["hint"]
    hints = [_Hint.model_validate({**h, "path": CareerPath(h["path"])}) for h in raw]
    return {h.path: tuple(word.casefold() for lang in LANGS for word in h.get(lang)) for h in hints}


def _target_beyond_microtasks(profile: Profile) -> bool:
    return profile.currency == "USD" and profile.target_hourly_rate > MICROTASK_TYPICAL_USD


# The comparison articles that explain each path (ids in content/).
PATH_ARTICLES: dict[CareerPath, tuple[str, ...]] = {
    CareerPath.MICROTASKS_SPRINGBOARD: ("is-microtask-work-worth-it", "real-hourly-rate"),
    CareerPath.REMOTE_COLLABORATION: ("microtasks-vs-collaboration",),
    CareerPath.REMOTE_PROJECT_MANAGEMENT: ("microtasks-vs-project-management",),
    CareerPath.SOFT_SKILLS: ("microtasks-vs-soft-skills",),
    CareerPath.OWN_BUSINESS: ("business-ideas", "business-plans"),
    CareerPath.MIX: ("microtasks-vs-collaboration", "is-microtask-work-worth-it"),
}


@dataclass(frozen=True)
class Suggestion:
    """An upskilling goal the wizard offers for a path, in one language."""

    path: CareerPath
    skill: str
    why: str
    hours_per_week: int
    resources: tuple[str, ...]
    milestones: tuple[tuple[int, str], ...]  # (weeks from today, title)


def suggestions(path: CareerPath, lang: Lang) -> list[Suggestion]:
    """Suggested goals for ``path`` (from ``content/goal_suggestions.toml``)."""
    return [s for s in _load_suggestions(lang) if s.path is path]


class _Milestone(LocalText):
    week: int


@cache
def _load_suggestions(lang: Lang) -> tuple[Suggestion, ...]:
    raw = read_toml(content_dir() / "goal_suggestions.toml")["suggestion"]
    return tuple(
        Suggestion(
            path=CareerPath(item["path"]),
            skill=LocalText.model_validate(item["skill"]).get(lang),
            why=LocalText.model_validate(item["why"]).get(lang),
            hours_per_week=int(item["hours_per_week"]),
            resources=tuple(item.get("resources", ())),
            milestones=tuple(
                (m.week, m.get(lang)) for m in map(_Milestone.model_validate, item["milestones"])
            ),
        )
        for item in raw
    )
