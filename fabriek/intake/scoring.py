"""How reviewers' scores are summed up per application (pure functions, no database).

- mean: the average of the submitted scores for a criterion;
- spread: the highest minus the lowest of those scores (0 when the reviewers agree);
- normalised: each score as a z-score against the reviewer's own habits (the score minus the mean of all
  scores that reviewer submitted in the programme, divided by their standard deviation), averaged over the
  reviewers. A strict reviewer's 3 can then weigh as much as a lenient reviewer's 4. A reviewer whose
  scores are all the same (or who has given fewer than two) has no standard deviation: their scores are left
  out of the normalised figure rather than guessed.
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from statistics import fmean, pstdev

#: the summary's definition as shown beside it (one home; the template and the API cite it)
DEFINITION = __doc__


@dataclass(frozen=True)
class ReviewerHabit:
    mean: float
    deviation: float | None  # None: fewer than two scores, or all the same


@dataclass(frozen=True)
class CriterionSummary:
    criterion: str
    count: int
    mean: float | None
    spread: int | None
    normalised: float | None


def reviewer_habit(scores: Iterable[int]) -> ReviewerHabit | None:
    """A reviewer's mean and standard deviation over all the scores they submitted."""
    values = list(scores)
    if not values:
        return None
    deviation = pstdev(values) if len(values) > 1 else 0.0
    return ReviewerHabit(mean=fmean(values), deviation=deviation or None)


def z_score(score: int, habit: ReviewerHabit | None) -> float | None:
    if habit is None or habit.deviation is None:
        return None
    return (score - habit.mean) / habit.deviation


def summarise(
    scores: Iterable[tuple[int, str, int]], habits: Mapping[int, ReviewerHabit | None], criteria: Iterable[str]
) -> list[CriterionSummary]:
    """Per criterion (in the given order) from (reviewer id, criterion, score) of the submitted reviews."""
    by_criterion: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for reviewer, criterion, score in scores:
        by_criterion[criterion].append((reviewer, score))
    summaries = []
    for criterion in criteria:
        given = by_criterion.get(criterion, [])
        values = [score for _, score in given]
        zs = [z for reviewer, score in given if (z := z_score(score, habits.get(reviewer))) is not None]
        summaries.append(
            CriterionSummary(
                criterion=criterion,
                count=len(values),
                mean=fmean(values) if values else None,
                spread=max(values) - min(values) if values else None,
                normalised=fmean(zs) if zs else None,
            )
        )
    return summaries
