"""The planning wizard's steps, in order. A step is a module with a ``WizardStep`` subclass
that declares its ``key``, plus one entry here."""

from screens.steps.about import AboutStep
from screens.steps.base import WizardStep
from screens.steps.goals import GoalsStep
from screens.steps.limits import LimitsStep
from screens.steps.path import PathStep
from screens.steps.platforms import PlatformsStep
from screens.steps.rate import RateStep
from screens.steps.review import ReviewStep
from screens.steps.vetting import VettingStep

STEPS: tuple[type[WizardStep], ...] = (
    AboutStep,
    PathStep,
    LimitsStep,
    PlatformsStep,
    VettingStep,
    RateStep,
    GoalsStep,
    ReviewStep,
)
KEYS: tuple[str, ...] = tuple(step.key for step in STEPS)
assert len(set(KEYS)) == len(KEYS), f"wizard step keys must be unique: {KEYS}"
EDITABLE_ALONE: tuple[type[WizardStep], ...] = tuple(s for s in STEPS if s.editable_alone)


def step_class(key: str) -> type[WizardStep]:
    """The step called ``key``; KeyError names the keys there are."""
    for step in STEPS:
        if step.key == key:
            return step
    raise KeyError(f"no wizard step {key!r}; there are {', '.join(KEYS)}")
