"""The one definition of acceptable text and JSON (cgim/boundary/rules.py)."""

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cgim.boundary.rules import (
    HIDDEN_CHARACTER,
    MAX_WHOLE,
    TOO_BIG,
    TOO_LONG,
    BadInput,
    JsonLimits,
    check_text,
    cleaned,
    load_json,
    problem_in,
)

BAD = ["\x00", "\x01", "\x1b", "\x1f", "\x7f", "\x9b", "\ud800", "\udfff"]
# Pasted line and page breaks parted two words: cleaning keeps them apart with a space.
SEPARATORS = ["\x0b", "\x0c", "\x1e", "\x85", "\u2028", "\u2029"]


@pytest.mark.parametrize("char", BAD + SEPARATORS)
def test_hidden_characters_are_a_problem_and_cleaning_takes_them_out(char):
    value = f"Aunt{char}May"
    assert problem_in(value) == HIDDEN_CHARACTER
    assert cleaned(value) == ("Aunt May" if char in SEPARATORS else "AuntMay")
    with pytest.raises(BadInput) as raised:
        check_text("label", value)
    assert raised.value.field == "label"


@pytest.mark.parametrize("value", ["Tab\there", "two\nlines", "windows\r\nline", "émoji 🙂", "عمة"])
def test_ordinary_text_passes_untouched(value):
    assert problem_in(value) is None
    assert cleaned(value) == value == check_text("x", value)


def test_length_is_counted_in_characters():
    assert problem_in("x" * 10, limit=10) is None
    assert problem_in("x" * 11, limit=10) == TOO_LONG
    assert cleaned("x" * 11, limit=10) == "x" * 10


@given(st.text())
@settings(max_examples=300, deadline=None)
def test_what_cleaning_leaves_is_always_acceptable(value):
    assert problem_in(cleaned(value)) is None
    assert cleaned(value).encode("utf-8").decode("utf-8") == cleaned(value)  # writable as UTF-8


@pytest.mark.parametrize(
    ("body", "field", "problem"),
    [
        (b'{"a": "\\ud800"}', "a", HIDDEN_CHARACTER),
        (b'{"people": [{"label": "x\\u000by"}]}', "people[0].label", HIDDEN_CHARACTER),
        (b'{"a": ' + b"1" * 400 + b"}", "", TOO_BIG),
        (b'{"a": 1e999}', "", TOO_BIG),
        (b'{"a": NaN}', "", "NaN is not a number"),
        (b"[1, 2]", "", "must be a JSON object"),
        (b'"text"', "", "must be a JSON object"),
        (b"\xff\xfe", "", "not UTF-8 text"),
        (b"{", "", "not JSON"),
        (b"[" * 100_000 + b"]" * 100_000, "", "nested too deeply"),
    ],
)
def test_bad_json_bodies_are_refused_naming_where(body, field, problem):
    with pytest.raises(BadInput) as raised:
        load_json(body)
    assert (raised.value.field, raised.value.problem) == (field, problem)


def test_depth_and_counts_are_bounded():
    nested: dict = {}
    inner = nested
    for _ in range(25):
        inner["n"] = {}
        inner = inner["n"]
    with pytest.raises(BadInput, match="nested too deeply"):
        load_json(json.dumps(nested))
    with pytest.raises(BadInput, match="too many values"):
        load_json(json.dumps({"list": list(range(3000))}))
    assert load_json(json.dumps({"list": list(range(3000))}), JsonLimits(items=5000))


def test_the_biggest_whole_number_passes_and_one_more_does_not():
    assert load_json(json.dumps({"v": MAX_WHOLE})) == {"v": MAX_WHOLE}
    with pytest.raises(BadInput, match=TOO_BIG):
        load_json(json.dumps({"v": MAX_WHOLE + 1}))
    with pytest.raises(BadInput, match=TOO_BIG):
        load_json(json.dumps({"version": 2**63}))


def test_keys_are_text_too():
    with pytest.raises(BadInput, match=HIDDEN_CHARACTER):
        load_json('{"a\\u0000": 1}')
