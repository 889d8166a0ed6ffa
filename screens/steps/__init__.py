"""The planning wizard's steps, in order."""

from screens.steps.about import AboutStep
from screens.steps.goals import GoalsStep
from screens.steps.limits import LimitsStep
from screens.steps.path import PathStep
from screens.steps.platforms import PlatformsStep
from screens.steps.rate import RateStep
from screens.steps.review import ReviewStep
from screens.steps.vetting import VettingStep

STEPS = [
    AboutStep,
    PathStep,
    LimitsStep,
    PlatformsStep,
    VettingStep,
    RateStep,
    GoalsStep,
    ReviewStep,
]
