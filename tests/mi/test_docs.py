"""docs/mi-rules.md is the content contract: it must match the code's vocabulary and rules."""

import re
from pathlib import Path

import pytest

from cgim.mi.balance import BOX_KEYS
from cgim.mi.change_talk import CHANGE_TALK_KINDS
from cgim.mi.rulers import CHANGE_MESSAGE_KEYS, FOLLOW_UP_KEYS, RULER_KINDS
from cgim.mi.stages import STAGE_RULES, STAGING_ANSWERS
from cgim.mi.themes import THEMES

DOC = (Path(__file__).resolve().parents[2] / "docs" / "mi-rules.md").read_text(encoding="utf-8")
RULE_ROW = re.compile(r"^\| (\d+) \| `(\w+)` \|(?:[^|]*\|){3} (\w+) \|", re.MULTILINE)

VOCABULARY = (
    *STAGING_ANSWERS,
    *FOLLOW_UP_KEYS,
    *CHANGE_MESSAGE_KEYS,
    *RULER_KINDS,
    *THEMES,
    *CHANGE_TALK_KINDS,
    *BOX_KEYS,
)


@pytest.mark.parametrize("word", VOCABULARY)
def test_every_vocabulary_id_is_documented(word):
    assert f"`{word}`" in DOC


def test_stage_rules_table_matches_code_in_order():
    section = DOC.split("### Stage rules", 1)[1].split("\n#", 1)[0]
    rows = [(int(n), rule_id, stage) for n, rule_id, stage in RULE_ROW.findall(section)]
    expected = [(i, rule.rule_id, rule.stage) for i, rule in enumerate(STAGE_RULES, start=1)]
    assert rows == expected
