"""The review summary, computed by hand."""

import pytest

from fabriek.intake.scoring import ReviewerHabit, reviewer_habit, summarise, z_score


def test_a_reviewers_habit_is_the_mean_and_population_deviation_of_all_their_scores() -> None:
    habit = reviewer_habit([2, 4, 4, 4, 5, 5, 7, 9])
    assert habit == ReviewerHabit(mean=5.0, deviation=2.0)


@pytest.mark.parametrize("scores", [[3], [4, 4, 4]])
def test_a_reviewer_without_variation_has_no_deviation_and_so_no_z_scores(scores: list[int]) -> None:
    habit = reviewer_habit(scores)
    assert habit is not None and habit.deviation is None
    assert z_score(4, habit) is None


def test_nobody_has_no_habit() -> None:
    assert reviewer_habit([]) is None


def test_a_strict_and_a_lenient_reviewer_agree_once_normalised() -> None:
    # strict reviewer 1 usually gives 2 (scores 1..3), lenient reviewer 2 usually gives 4 (3..5)
    habits = {1: reviewer_habit([1, 2, 3]), 2: reviewer_habit([3, 4, 5])}
    scores = [(1, "ambition", 3), (2, "ambition", 5), (1, "scalability", 2), (2, "scalability", 4)]

    ambition, scalability, support = summarise(scores, habits, ["ambition", "scalability", "support_need"])

    # ambition: mean (3+5)/2 = 4, spread 5-3 = 2; each is one deviation (sqrt(2/3) = 0.8165) above habit:
    # z = (3-2)/0.8165 = 1.2247 for both, so the normalised mean is 1.2247
    assert (ambition.count, ambition.mean, ambition.spread) == (2, 4.0, 2)
    assert ambition.normalised == pytest.approx(1.2247, abs=1e-4)
    # scalability: both gave their usual score: z = 0
    assert (scalability.mean, scalability.spread, scalability.normalised) == (3.0, 2, 0.0)
    assert (support.count, support.mean, support.spread, support.normalised) == (0, None, None, None)


def test_a_reviewer_without_deviation_is_left_out_of_the_normalised_figure_only() -> None:
    habits = {1: reviewer_habit([4, 4]), 2: reviewer_habit([2, 4])}
    summary = summarise([(1, "ambition", 4), (2, "ambition", 2)], habits, ["ambition"])[0]
    assert summary.mean == 3.0
    assert summary.normalised == -1.0  # only reviewer 2: (2-3)/1
