"""Every analysis rule, on small hand-made maps and adversarial ones."""

import itertools
import json
import random
from pathlib import Path

import pytest

from cgim.ecomap.core import analysis, model, worries
from cgim.ecomap.core.analysis import analyse, score, score_parts
from cgim.ecomap.core.parse import parse_ecomap

FIXTURES = Path(__file__).parent.parent / "fixtures"
SERIOUS = model.SERIOUS_CONCERNS
LESSER = model.LESSER_CONCERNS


def person(pid, **fields):
    """An adult with every good attribute unless told otherwise."""
    good = {
        "id": pid,
        "label": pid.title(),
        "sector": "family",
        "closeness": 3,
        "contact": "weekly",
        "support": list(model.SUPPORTS),
        "child_feels": "likes",
        "parent_trust": "high",
        "fit": list(model.FITS),
        "concerns": [],
        "professional": False,
    }
    return good | fields


def tie(a, b, kind="strong", flow="none"):
    """A tie dict."""
    return {"a": a, "b": b, "kind": kind, "flow": flow}


def make(people=(), ties=()):
    """A checked map from people and ties dicts."""
    doc = {"format": "cgim-ecomap", "version": 1, "people": list(people), "ties": list(ties)}
    return parse_ecomap(doc)


def ids(items):
    """The ids of candidates, not_suggested or introducers."""
    return [item.id for item in items]


def maya():
    """The shared sample map."""
    return parse_ecomap(json.loads((FIXTURES / "maya.json").read_text()))


def test_sample_map_gives_the_expected_result():
    result = analyse(maya())
    assert ids(result.candidates) == ["rosa", "joe", "lee", "sam", "dana"]
    assert ids(result.not_suggested) == ["patel", "ray", "max"]
    assert [(i.id, i.via) for i in result.introducers] == [("sam", "rosa"), ("dana", "me")]
    assert result.health.to_dict() == {
        "adults": 8,
        "supportive_adults": 5,
        "support_gaps": [],
        "single_points": [
            {"support": "emotional", "id": "rosa"},
            {"support": "informational", "id": "patel"},
        ],
        "stressful_share": 0.08,
        "bridges": ["rosa"],
        "isolated": [],
    }


def test_design_md_example():
    doc = json.loads((FIXTURES / "design_example.json").read_text())
    result = analyse(parse_ecomap(doc)).to_dict()
    assert [(c["id"], c["score"]) for c in result["candidates"]] == [("rosa", 0.84)]
    assert result["candidates"][0]["support"] == ["emotional", "companionship"]
    assert result["health"]["support_gaps"] == ["practical", "informational"]
    assert result["health"]["single_points"] == [
        {"support": "emotional", "id": "rosa"},
        {"support": "companionship", "id": "rosa"},
    ]
    assert result["health"]["stressful_share"] == 0.0


def test_result_has_exactly_the_contract_keys():
    out = analyse(maya()).to_dict()
    assert list(out) == ["candidates", "not_suggested", "introducers", "health"]
    keys = ["id", "label", "score", "reasons", "cautions", "support"]
    assert list(out["candidates"][0]) == keys
    assert list(out["not_suggested"][0]) == ["id", "label", "reasons"]
    assert list(out["introducers"][0]) == ["id", "via", "reasons"]
    json.dumps(out)  # plain JSON values only


@pytest.mark.parametrize("concern", SERIOUS)
def test_serious_concern_with_every_good_attribute_is_never_suggested(concern):
    bad = person("bad", concerns=[concern])
    ties = [tie("child", "bad"), tie("me", "bad"), tie("bad", "good")]
    result = analyse(make([bad, person("good")], ties))
    assert "bad" not in ids(result.candidates)
    assert "bad" in ids(result.not_suggested)
    reasons = result.not_suggested[0].reasons
    assert reasons[0] == "You noted a worry: they " + worries.WORRIES[concern].noticed
    assert worries.WORRIES[concern].effect_words in reasons


@pytest.mark.parametrize("concern", SERIOUS)
def test_serious_concern_never_introduces_nor_is_introduced(concern):
    # bad is trusted by the parent and tied to a newcomer; bad is also not close to the child.
    bad = person("bad", concerns=[concern], closeness=1, contact="rarely")
    newcomer = person("new", closeness=1, parent_trust="some")
    friend = person("friend", closeness=1, parent_trust="some")
    ties = [tie("me", "bad"), tie("bad", "new"), tie("bad", "friend"), tie("friend", "me")]
    result = analyse(make([bad, newcomer, friend], ties))
    assert "bad" not in ids(result.introducers)
    assert all(i.via != "bad" for i in result.introducers)
    assert "new" not in ids(result.introducers)  # its only path runs through bad
    assert "bad" not in json.dumps([i.to_dict() for i in result.introducers])


def test_professional_is_not_suggested_because_they_help_in_their_role():
    result = analyse(make([person("teacher", professional=True, sector="school")]))
    assert ids(result.not_suggested) == ["teacher"]
    assert "job" in result.not_suggested[0].reasons[0]


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"child_feels": "uneasy"}, "uneasy"),
        ({"parent_trust": "low"}, "trust your gut"),
    ],
)
def test_child_unease_and_low_trust_exclude(fields, words):
    result = analyse(make([person("p", **fields)], [tie("child", "p")]))
    assert ids(result.candidates) == []
    assert words in result.not_suggested[0].reasons[0]


def test_stressful_tie_with_child_excludes():
    result = analyse(make([person("p")], [tie("child", "p", "stressful")]))
    assert ids(result.not_suggested) == ["p"]
    assert "tense" in result.not_suggested[0].reasons[0]


def test_stressful_tie_with_caregiver_is_only_a_caution():
    result = analyse(make([person("p")], [tie("me", "p", "stressful"), tie("child", "p")]))
    assert ids(result.candidates) == ["p"]
    assert any("tense between you" in c for c in result.candidates[0].cautions)


def test_every_reason_is_listed_when_several_rules_apply():
    p = person("p", concerns=["secrets", "violence"], professional=True, child_feels="uneasy")
    result = analyse(make([p], [tie("child", "p", "stressful")]))
    reasons = " ".join(result.not_suggested[0].reasons)
    for words in ("secrets", "violent", "job", "uneasy", "tense"):
        assert words in reasons


@pytest.mark.parametrize("concern", LESSER)
def test_lesser_concern_keeps_candidate_with_caution_and_lower_score(concern):
    clean = analyse(make([person("p")], [tie("child", "p")])).candidates[0]
    flagged = analyse(make([person("p", concerns=[concern])], [tie("child", "p")])).candidates[0]
    assert flagged.score == round(clean.score * (1 - analysis.LESSER_CONCERN_PENALTY), 2)
    assert worries.caution_words(concern) in flagged.cautions
    assert clean.cautions == ()


def test_two_lesser_concerns_cut_the_score_twice():
    p = model.Person("p", "P", closeness=3, contact="daily", child_feels="likes")
    both = model.Person(**{**p.__dict__, "concerns": ("gifts", "unreliable")})
    assert score(both, 0) == round(score(p, 0) * 0.7, 2)


def test_score_weights_add_up_to_one_and_parts_are_bounded():
    assert sum(analysis.WEIGHTS.values()) == pytest.approx(1.0)
    best = make([person("p", contact="daily")])
    assert score(best.people[0], 2) == 1.0
    worst = model.Person("w", "W", closeness=1, contact="never", parent_trust="unknown")
    parts = score_parts(worst, 0)
    assert set(parts) == set(analysis.WEIGHTS)
    assert score(worst, 0) == round(0.2 * 0.3 + 0.15 * 0.25, 2)


def test_score_of_the_design_example():
    rosa = maya().people[0]
    # 0.2*1 + 0.15*0.85 + 0.2*1 + 0.15*1 + 0.1*2/4 + 0.1*4/6 + 0.1*min(2,2)/2
    assert score(rosa, 2) == 0.89
    assert score(rosa, 1) == 0.84


@pytest.mark.parametrize(
    ("field", "low", "high"),
    [
        ("closeness", 1, 3),
        ("contact", "monthly", "daily"),
        ("child_feels", "neutral", "likes"),
        ("parent_trust", "some", "high"),
        ("support", ("practical",), ("practical", "emotional")),
        ("fit", (), ("reliable",)),
    ],
)
def test_each_part_raises_the_score(field, low, high):
    base = model.Person("p", "P", closeness=2, contact="weekly")
    lower = model.Person(**{**base.__dict__, field: low})
    higher = model.Person(**{**base.__dict__, field: high})
    assert score(higher, 0) > score(lower, 0)


def test_ties_to_trusted_adults_raise_the_score():
    plain = [person("a", parent_trust="some"), person("b", parent_trust="some")]
    loner = analyse(make(plain, [tie("child", "a")])).candidates
    linked = analyse(make(plain, [tie("child", "a"), tie("me", "b"), tie("a", "me")]))
    assert linked.candidates[0].score > max(c.score for c in loner)
    assert "They are close to you" in linked.candidates[0].reasons
    tenuous = analyse(make(plain, [tie("a", "me", "tenuous")])).candidates
    assert "They are close to you" not in tenuous[0].reasons


def test_reasons_and_cautions_are_plain_words():
    p = person("p", closeness=3, contact="weekly", support=["practical"], child_feels="unknown")
    c = analyse(make([p], [tie("child", "p")])).candidates[0]
    assert "Your child feels close to them" in c.reasons
    assert "They see your child every week" in c.reasons
    assert "They already help with practical things" in c.reasons
    assert "Ask your child how they feel about them first" in c.cautions
    unknown = person("u", parent_trust="unknown", contact="never")
    cautions = analyse(make([unknown], [tie("child", "u")])).candidates[0].cautions
    assert "Take time to get to know them before you ask" in cautions
    assert "They do not see your child at the moment" in cautions
    assert c.support == ("practical",)


def test_candidates_are_sorted_best_first():
    people = [person("a", closeness=1), person("b"), person("c", closeness=2)]
    result = analyse(make(people, [tie("child", p["id"]) for p in people]))
    assert ids(result.candidates) == ["b", "c", "a"]
    scores = [c.score for c in result.candidates]
    assert scores == sorted(scores, reverse=True)


def test_position_is_never_read():
    here = analyse(make([person("p", x=0.1, y=0.1)], [tie("child", "p")]))
    there = analyse(make([person("p", x=-0.9, y=0.9)], [tie("child", "p")]))
    assert here.to_dict() == there.to_dict()


def test_introducer_directly_via_caregiver():
    new = person("new", closeness=1, parent_trust="some")
    result = analyse(make([new], [tie("me", "new", "moderate")]))
    assert [(i.id, i.via) for i in result.introducers] == [("new", "me")]
    assert "You know them well" in result.introducers[0].reasons[1]


def test_introducer_via_trusted_adult_and_caregiver_preferred():
    people = [person("rosa"), person("new", closeness=1, parent_trust="some")]
    only_rosa = analyse(make(people, [tie("child", "rosa"), tie("rosa", "new")]))
    assert [(i.id, i.via) for i in only_rosa.introducers] == [("new", "rosa")]
    both = analyse(make(people, [tie("rosa", "new"), tie("me", "new"), tie("child", "rosa")]))
    assert both.introducers[0].via == "me"


def test_introducer_two_steps_away_names_the_middle_person():
    people = [person("rosa"), person("mid", parent_trust="some"), person("new", closeness=1)]
    ties = [tie("child", "rosa"), tie("child", "mid"), tie("rosa", "mid"), tie("mid", "new")]
    result = analyse(make(people, ties))
    new = [i for i in result.introducers if i.id == "new"]
    assert [(i.id, i.via) for i in new] == [("new", "rosa")]
    assert "Mid" in new[0].reasons[1]


def test_no_introducer_for_close_people_tenuous_ties_or_untrusted_links():
    people = [person("close"), person("far", closeness=1, parent_trust="some")]
    people += [person("meh", parent_trust="some")]
    ties = [tie("me", "close"), tie("child", "close"), tie("me", "far", "tenuous")]
    ties += [tie("meh", "far")]  # meh is not trusted (only "some")
    result = analyse(make(people, ties))
    assert ids(result.introducers) == []


@pytest.mark.parametrize(
    "fields", [{"contact": "rarely"}, {"contact": "never"}, {"closeness": 1}, {}]
)
def test_not_close_means_outer_ring_rare_contact_or_no_tie(fields):
    p = person("p", parent_trust="some", **fields)
    ties = [tie("me", "p")] + ([tie("child", "p")] if fields else [])
    assert ids(analyse(make([p], ties)).introducers) == ["p"]


def test_health_counts_gaps_single_points_and_share():
    people = [
        person("a", support=["emotional"]),
        person("b", support=["emotional", "practical"]),
        person("c", support=["informational"], concerns=["violence"]),
        person("d", support=[]),
    ]
    ties = [tie("child", "a"), tie("child", "b", "stressful"), tie("a", "d", "tenuous")]
    health = analyse(make(people, ties)).health
    assert health.adults == 4
    # b's stressful tie with the child and c's serious concern: their support does not count
    assert health.supportive_adults == 1
    assert health.support_gaps == ("practical", "informational", "companionship")
    assert [p.to_dict() for p in health.single_points] == [{"support": "emotional", "id": "a"}]
    assert health.stressful_share == 0.33
    assert health.isolated == ("c",)


def test_bridges_need_two_other_sectors_through_non_stressful_ties():
    people = [
        person("hub", sector="family"),
        person("s", sector="school"),
        person("f", sector="friends"),
        person("f2", sector="family"),
        person("half", sector="activities"),
    ]
    ties = [tie("hub", "s"), tie("hub", "f", "tenuous"), tie("hub", "f2")]
    ties += [tie("half", "s", "stressful"), tie("half", "f", "stressful"), tie("half", "f2")]
    assert analyse(make(people, ties)).health.bridges == ("hub",)


def test_excluded_adult_is_no_bridge():
    people = [person("x", concerns=["secrets"]), person("s", sector="school")]
    people += [person("f", sector="friends")]
    assert analyse(make(people, [tie("x", "s"), tie("x", "f")])).health.bridges == ()


def test_empty_map():
    result = analyse(make())
    assert result.to_dict() == {
        "candidates": [],
        "not_suggested": [],
        "introducers": [],
        "health": {
            "adults": 0,
            "supportive_adults": 0,
            "support_gaps": list(model.SUPPORTS),
            "single_points": [],
            "stressful_share": 0.0,
            "bridges": [],
            "isolated": [],
        },
    }


def test_map_of_only_stressful_ties():
    people = [person(f"p{i}", sector=s) for i, s in enumerate(model.SECTORS)]
    ties = [tie("child", p["id"], "stressful") for p in people]
    ties += [tie(a["id"], b["id"], "stressful") for a, b in itertools.pairwise(people)]
    ties += [tie("me", "child", "stressful")]
    result = analyse(make(people, ties))
    assert result.candidates == ()
    assert len(result.not_suggested) == len(people)
    assert result.introducers == ()
    assert result.health.stressful_share == 1.0
    assert result.health.bridges == ()
    assert result.health.supportive_adults == 0


def random_doc(size, seed):
    """A seeded random map document of ``size`` people."""
    rng = random.Random(seed)
    people = []
    for i in range(size):
        people.append(
            {
                "id": f"p{i}",
                "label": f"P {i}",
                "sector": rng.choice(model.SECTORS),
                "closeness": rng.randint(1, 3),
                "contact": rng.choice(model.CONTACTS),
                "support": rng.sample(model.SUPPORTS, rng.randint(0, 3)),
                "child_feels": rng.choice(model.CHILD_FEELS),
                "parent_trust": rng.choice(model.PARENT_TRUST),
                "fit": rng.sample(model.FITS, rng.randint(0, 4)),
                "concerns": rng.sample(model.CONCERNS, rng.randint(0, 1)),
                "professional": rng.random() < 0.05,
            }
        )
    pairs = {frozenset(("child", f"p{i}")) for i in range(size) if rng.random() < 0.5}
    pairs |= {frozenset(("me", f"p{i}")) for i in range(size) if rng.random() < 0.2}
    pairs |= {
        frozenset((f"p{rng.randrange(size)}", f"p{rng.randrange(size)}")) for _ in range(size * 2)
    }
    ties = [tie(*sorted(p), rng.choice(model.TIE_KINDS)) for p in pairs if len(p) == 2]
    return {"format": "cgim-ecomap", "version": 1, "people": people, "ties": ties}


def check_sane(the_map, result):
    """Invariants every analysis must keep."""
    by_id = {p.id: p for p in the_map.people}
    assert sorted(ids(result.candidates) + ids(result.not_suggested)) == sorted(by_id)
    for c in result.candidates:
        assert 0.0 <= c.score <= 1.0
        assert not by_id[c.id].serious_concerns
        assert not by_id[c.id].professional
        assert by_id[c.id].child_feels != "uneasy"
        assert by_id[c.id].parent_trust != "low"
        assert c.reasons or c.cautions
    scores = [c.score for c in result.candidates]
    assert scores == sorted(scores, reverse=True)
    candidates = set(ids(result.candidates))
    for i in result.introducers:
        assert i.id in candidates
        assert i.via == "me" or not by_id[i.via].serious_concerns
    assert 0.0 <= result.health.stressful_share <= 1.0
    assert result.health.adults == len(by_id)


@pytest.mark.parametrize("seed", range(5))
def test_random_maps_keep_the_invariants(seed):
    the_map = parse_ecomap(random_doc(60, seed))
    check_sane(the_map, analyse(the_map))


def test_two_thousand_people_stay_sane():
    # Speed is measured by benchmarks/ecomap_bench.py (50 and 2,000 people), not timed here.
    the_map = parse_ecomap(random_doc(2000, 7))
    result = analyse(the_map)
    check_sane(the_map, result)
    assert result.candidates and result.not_suggested and result.introducers
