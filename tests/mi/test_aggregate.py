import pytest

from cgim.mi.aggregate import (
    MIN_GROUP_SIZE,
    RatingHistogram,
    StageDistribution,
    rating_histogram,
    stage_distribution,
)


def test_min_group_size_is_three():
    assert MIN_GROUP_SIZE == 3


def test_two_ratings_are_suppressed():
    result = rating_histogram([4, 7])
    assert result == RatingHistogram(suppressed=True)
    assert result.counts == ()
    assert result.respondents is None


def test_three_ratings_are_shown():
    result = rating_histogram([4, 7, 7])
    assert not result.suppressed
    assert result.respondents == 3
    assert len(result.counts) == 11
    assert result.counts[4] == 1
    assert result.counts[7] == 2
    assert sum(result.counts) == 3


def test_unanswered_do_not_count_towards_the_minimum():
    assert rating_histogram([5, None, 6, None]).suppressed
    assert not rating_histogram([5, None, 6, 0]).suppressed


def test_histogram_covers_both_ends():
    result = rating_histogram([0, 10, 10])
    assert result.counts == (1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2)


def test_empty_room_is_suppressed():
    assert rating_histogram([]).suppressed
    assert stage_distribution([]).suppressed


@pytest.mark.parametrize("bad", [11, -1, "5", 5.5])
def test_bad_ratings_are_rejected(bad):
    with pytest.raises(ValueError, match="rating"):
        rating_histogram([1, 2, bad])


def test_two_stages_are_suppressed():
    assert stage_distribution(["action", "contemplation"]) == StageDistribution(suppressed=True)


def test_three_stages_are_shown_in_ttm_order_with_zeros():
    result = stage_distribution(["action", "contemplation", "contemplation", None])
    assert not result.suppressed
    assert result.respondents == 3
    assert result.counts == (
        ("precontemplation", 0),
        ("contemplation", 2),
        ("preparation", 0),
        ("action", 1),
        ("maintenance", 0),
    )


def test_unknown_stage_is_rejected():
    with pytest.raises(ValueError, match="unknown stage"):
        stage_distribution(["action", "action", "ready"])


def test_results_hold_counts_only():
    rating_fields = set(RatingHistogram.__dataclass_fields__)
    stage_fields = set(StageDistribution.__dataclass_fields__)
    assert rating_fields == stage_fields == {"suppressed", "counts", "respondents"}
