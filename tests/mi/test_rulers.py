import pytest

from cgim.mi import rulers
from cgim.mi.rulers import (
    CONFIDENCE,
    IMPORTANCE,
    MOVE_UP_ONE,
    REACH_ONE,
    WHY_NOT_LOWER,
    FollowUp,
    follow_up_keys,
    follow_ups,
    ruler_change,
    validate_rating,
)


@pytest.mark.parametrize(
    ("rating", "expected"),
    [
        (0, (REACH_ONE,)),
        (1, (WHY_NOT_LOWER, MOVE_UP_ONE)),
        (5, (WHY_NOT_LOWER, MOVE_UP_ONE)),
        (9, (WHY_NOT_LOWER, MOVE_UP_ONE)),
        (10, (WHY_NOT_LOWER,)),
    ],
)
def test_follow_up_keys_per_rating(rating, expected):
    assert follow_up_keys(rating) == expected


def test_zero_asks_only_what_would_reach_one():
    keys = follow_up_keys(0)
    assert WHY_NOT_LOWER not in keys
    assert MOVE_UP_ONE not in keys


@pytest.mark.parametrize("rating", range(11))
def test_no_rating_ever_gets_a_why_not_higher_follow_up(rating):
    keys = follow_up_keys(rating)
    assert set(keys) <= {WHY_NOT_LOWER, MOVE_UP_ONE, REACH_ONE}
    assert not any("higher" in key or "ten" in key or "10" in key for key in keys)


def test_ten_cannot_move_up_and_has_no_why_not_ten():
    assert follow_up_keys(10) == (WHY_NOT_LOWER,)


def test_follow_up_vocabulary_is_exactly_three_keys():
    assert rulers.FOLLOW_UP_KEYS == ("why_not_lower", "move_up_one", "reach_one")


def test_follow_ups_carry_kind_and_rating_for_the_words():
    assert follow_ups(CONFIDENCE, 6) == (
        FollowUp(CONFIDENCE, WHY_NOT_LOWER, 6),
        FollowUp(CONFIDENCE, MOVE_UP_ONE, 6),
    )
    assert follow_ups(IMPORTANCE, 0) == (FollowUp(IMPORTANCE, REACH_ONE, 0),)


def test_follow_up_is_frozen():
    follow_up = follow_ups(IMPORTANCE, 3)[0]
    with pytest.raises(AttributeError):
        follow_up.rating = 4  # type: ignore[misc]


@pytest.mark.parametrize("bad", [-1, 11, "7", None, 7.5, 7.0, True, False, [7]])
def test_bad_ratings_are_rejected(bad):
    with pytest.raises(ValueError, match="rating"):
        validate_rating(bad)
    with pytest.raises(ValueError, match="rating"):
        follow_up_keys(bad)


@pytest.mark.parametrize("good", [0, 1, 10])
def test_good_ratings_pass_through(good):
    assert validate_rating(good) == good


@pytest.mark.parametrize("bad_kind", ["readiness", "", None, "Importance"])
def test_unknown_ruler_kind_is_rejected(bad_kind):
    with pytest.raises(ValueError, match="ruler kind"):
        follow_ups(bad_kind, 5)
    with pytest.raises(ValueError, match="ruler kind"):
        ruler_change(bad_kind, 4, 7)


def test_change_up():
    change = ruler_change(IMPORTANCE, 4, 7)
    assert (change.start, change.end, change.delta) == (4, 7, 3)
    assert change.direction == "up"
    assert change.message_key == "went_up"
    assert change.size == 3


def test_change_same():
    change = ruler_change(CONFIDENCE, 5, 5)
    assert (change.delta, change.direction, change.message_key) == (0, "same", "stayed_same")
    assert change.size == 0


def test_change_down_keeps_sign_in_delta_and_size_positive():
    change = ruler_change(CONFIDENCE, 8, 3)
    assert (change.delta, change.direction, change.message_key) == (-5, "down", "went_down")
    assert change.size == 5


def test_change_values_feed_content_placeholders():
    values = ruler_change(IMPORTANCE, 4, 7).values()
    assert values == {"kind": IMPORTANCE, "start": 4, "end": 7, "delta": 3, "size": 3}
    assert "You started at {start}, now {end}".format(**values) == "You started at 4, now 7"


def test_change_extremes():
    assert ruler_change(IMPORTANCE, 0, 10).delta == 10
    assert ruler_change(IMPORTANCE, 10, 0).delta == -10


@pytest.mark.parametrize(("start", "end"), [(-1, 5), (5, 11), ("4", 7), (4, None), (4.5, 7)])
def test_change_rejects_bad_ratings(start, end):
    with pytest.raises(ValueError, match="rating"):
        ruler_change(IMPORTANCE, start, end)


def test_message_keys_cover_every_direction():
    seen = {ruler_change(IMPORTANCE, s, e).message_key for s, e in [(1, 2), (2, 2), (2, 1)]}
    assert seen == set(rulers.CHANGE_MESSAGE_KEYS)
