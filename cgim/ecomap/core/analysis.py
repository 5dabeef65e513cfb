"""Who could safely mentor the child: ranked candidates, exclusions, introducers, health.

The rules (table and sources in docs/ecomap-analysis.md). Safety rules win over scores:

1. A worry whose effect is ``NOT_SUGGESTED`` in ``worries.WORRIES`` (``SERIOUS_CONCERNS``)
   puts the adult in ``not_suggested`` whatever else is true, with the worry, its effect
   words and its first step as reasons; they are never an introducer or a ``via`` either:
   most abuse is by someone the family knows, and these are the recognised warning signs
   (domain.md 4).
2. ``professional: true`` -> not suggested: they already help in their role, and
   informal mentoring is a different, personal relationship.
3. ``child_feels: uneasy`` -> not suggested: the child's voice decides, and matches the
   child chooses last longer (Schwartz et al. 2013).
4. ``parent_trust: low`` -> not suggested: the parent is the gatekeeper; trust the gut.
5. A stressful tie between the child and the adult -> not suggested: a strained
   relationship is not a safe base for mentoring.
6. A worry whose effect is ``CAUTION`` (``LESSER_CONCERNS``) -> still a candidate, with
   ``worries.caution_words`` (the worry, its effect words and the step to take first) and
   the score cut by ``LESSER_CONCERN_PENALTY`` per worry: over-vigilance can cost a child
   a good mentor, so these call for a step first, not exclusion.

Score (every candidate; it orders them and is kept for research, but no page shows it):
the weighted sum of ``WEIGHTS`` over parts in [0, 1], times ``1 - 0.15 * lesser concerns``,
rounded to 2 decimals. Parts: closeness 3/2/1 -> 1/0.5/0;
contact via ``CONTACT_VALUE``; child_feels via ``FEELS_VALUE``; parent_trust via
``TRUST_VALUE``; support = kinds given / 4; fit = items / 6; trusted ties = strong or
moderate ties to trusted adults (below), up to 2, / 2. Unknown facts score low but never
exclude. Positions (x, y) are never read. Words for parents are in ``wording``.

"Counted" adults are those not ruled out by rules 1, 3, 4 or 5 (professionals count):
only their support, ties and trust feed the score, introducers and health, so a gap is
not hidden by help the child cannot safely or happily use. Trusted = the caregiver and
counted adults with ``parent_trust: high``.

Introducers: a candidate not yet close to the child (closeness 1 or unknown, no tie to
the child, or contact rarely/never) with a strong or moderate tie to a trusted adult
(``via``; the caregiver first, then map order), or else two such ties away through a
counted adult, who is named in the reason. Paths are found on the networkx graph of warm
ties between counted adults, in linear time (no all-pairs search on big maps).
Health: ``supportive_adults``, ``support_gaps`` and ``single_points`` use counted adults;
``bridges`` are counted adults whose non-stressful ties reach counted adults in two or
more sectors other than their own (easyNWK's bridge persons; cheap on big maps, unlike
betweenness or articulation points); ``isolated`` is everyone with no tie at all;
``stressful_share`` is stressful ties / all ties (0.0 without ties), 2 decimals.
"""

from __future__ import annotations

import networkx as nx

from . import wording
from .model import FITS, LESSER_CONCERNS, SUPPORTS, EcoMap, Person
from .results import Analysis, Candidate, Health, Introducer, NotSuggested, SinglePoint
from .wording import SAY
from .worries import WORRIES, caution_words

WEIGHTS = {
    "closeness": 0.20,
    "contact": 0.15,
    "child_feels": 0.20,
    "parent_trust": 0.15,
    "support": 0.10,
    "fit": 0.10,
    "trusted_ties": 0.10,
}
# Keyed by optional facts: a missing one (None) is not in the table and scores 0.
CLOSENESS_VALUE: dict[int | None, float] = {3: 1.0, 2: 0.5, 1: 0.0}
CONTACT_VALUE: dict[str | None, float] = {
    "daily": 1.0,
    "weekly": 0.85,
    "monthly": 0.5,
    "rarely": 0.15,
    "never": 0.0,
}
FEELS_VALUE = {"likes": 1.0, "neutral": 0.5, "unknown": 0.3, "uneasy": 0.0}
TRUST_VALUE = {"high": 1.0, "some": 0.5, "unknown": 0.25, "low": 0.0}
LESSER_CONCERN_PENALTY = 0.15
WARM = ("strong", "moderate")


def build_graph(ecomap: EcoMap) -> nx.Graph[str]:
    """One node per id, one edge per tie (with its kind and flow)."""
    graph: nx.Graph[str] = nx.Graph()
    graph.add_nodes_from((ecomap.child.id, ecomap.caregiver.id))
    graph.add_nodes_from(p.id for p in ecomap.people)
    graph.add_edges_from((t.a, t.b, {"kind": t.kind, "flow": t.flow}) for t in ecomap.ties)
    return graph


def analyse(ecomap: EcoMap) -> Analysis:
    """Rank candidates, list exclusions and introducers, and measure network health."""
    graph = build_graph(ecomap)
    labels = ecomap.labels()
    safe = {p.id: p for p in ecomap.people if counted(p, graph, ecomap.child.id)}
    trusted = _trusted(ecomap, safe)
    candidates, left_out = [], []
    for person in ecomap.people:
        reasons = exclusion_reasons(person, graph, ecomap.child.id)
        if reasons:
            left_out.append(NotSuggested(person.id, person.label, tuple(reasons)))
        else:
            candidates.append(_candidate(person, graph, ecomap, trusted, labels))
    candidates.sort(key=lambda c: (-c.score, c.label.casefold(), c.id))
    chosen = {c.id for c in candidates}
    warm = _warm_graph(graph, {ecomap.caregiver.id, *safe})
    introducers = _introducers(ecomap, graph, warm, trusted, chosen, labels)
    health = _health(ecomap, graph, list(safe.values()))
    return Analysis(tuple(candidates), tuple(left_out), introducers, health)


analyze = analyse  # the command is spelt "analyze" (design.md 4.1)


def exclusion_reasons(person: Person, graph: nx.Graph[str], child_id: str) -> list[str]:
    """Every rule (1-5) that rules this adult out, in plain words; empty if none."""
    serious = [WORRIES[c] for c in person.serious_concerns]
    reasons = [SAY["serious"].format(what=w.noticed) for w in serious]
    reasons += dict.fromkeys(w.effect_words for w in serious)  # one line per effect said
    reasons += [SAY["now"].format(step=s) for s in dict.fromkeys(w.first_step for w in serious)]
    if person.professional:
        reasons.append(SAY["professional"])
    if person.child_feels == "uneasy":
        reasons.append(SAY["uneasy"])
    if person.parent_trust == "low":
        reasons.append(SAY["low_trust"])
    if _kind(graph, child_id, person.id) == "stressful":
        reasons.append(SAY["stressful_child"])
    return reasons


def score_parts(person: Person, trusted_links: int) -> dict[str, float]:
    """The score's parts, each in [0, 1], keyed like ``WEIGHTS``."""
    return {
        "closeness": CLOSENESS_VALUE.get(person.closeness, 0.0),
        "contact": CONTACT_VALUE.get(person.contact, 0.0),
        "child_feels": FEELS_VALUE[person.child_feels],
        "parent_trust": TRUST_VALUE[person.parent_trust],
        "support": len(person.support) / len(SUPPORTS),
        "fit": len(person.fit) / len(FITS),
        "trusted_ties": min(trusted_links, 2) / 2,
    }


def score(person: Person, trusted_links: int) -> float:
    """The documented score in [0, 1]: weighted parts, cut for each lesser concern."""
    raw = sum(WEIGHTS[k] * v for k, v in score_parts(person, trusted_links).items())
    lesser = sum(1 for c in person.concerns if c in LESSER_CONCERNS)
    return round(min(1.0, max(0.0, raw * (1 - LESSER_CONCERN_PENALTY * lesser))), 2)


def counted(person: Person, graph: nx.Graph[str], child_id: str) -> bool:
    """False if rules 1, 3, 4 or 5 rule them out: then their support and ties do not count."""
    return not (
        person.serious_concerns
        or person.child_feels == "uneasy"
        or person.parent_trust == "low"
        or _kind(graph, child_id, person.id) == "stressful"
    )


def _trusted(ecomap: EcoMap, safe: dict[str, Person]) -> dict[str, int]:
    """The caregiver, then counted high-trust adults, in map order: id -> rank."""
    people = [pid for pid, p in safe.items() if p.parent_trust == "high"]
    return {pid: rank for rank, pid in enumerate([ecomap.caregiver.id, *people])}


def _kind(graph: nx.Graph[str], u: str, v: str) -> str | None:
    """The kind of the tie between two ids, or None if they are not tied."""
    data = graph.get_edge_data(u, v)
    return data["kind"] if data else None


def _candidate(
    person: Person,
    graph: nx.Graph[str],
    ecomap: EcoMap,
    trusted: dict[str, int],
    labels: dict[str, str],
) -> Candidate:
    """Score one adult who passed the safety rules, with reasons and cautions."""
    links = [n for n, d in graph[person.id].items() if n in trusted and d["kind"] in WARM]
    facts = [("closeness", person.closeness), ("contact", person.contact)]
    facts += [("child_feels", person.child_feels), ("parent_trust", person.parent_trust)]
    reasons = [wording.REASON_WORDS[f] for f in facts if f in wording.REASON_WORDS]
    reasons += [wording.SUPPORT_WORDS[s] for s in person.support]
    reasons += [wording.FIT_WORDS[f] for f in person.fit]
    for link in links:
        me = link == ecomap.caregiver.id
        reasons.append(SAY["close_to_me"] if me else SAY["close_to"].format(name=labels[link]))
    cautions = [wording.CAUTION_WORDS[f] for f in facts if f in wording.CAUTION_WORDS]
    cautions += [caution_words(c) for c in person.concerns if c in LESSER_CONCERNS]
    if _kind(graph, ecomap.caregiver.id, person.id) == "stressful":
        cautions.append(SAY["stressful_me"])
    return Candidate(
        person.id,
        person.label,
        score(person, len(links)),
        tuple(reasons),
        tuple(cautions),
        person.support,
    )


def _not_close(person: Person, graph: nx.Graph[str], child_id: str) -> bool:
    """Not yet close: outer ring or unknown, no tie to the child, or rare contact."""
    return (
        person.closeness in (None, 1)
        or not graph.has_edge(child_id, person.id)
        or person.contact in ("rarely", "never")
    )


def _warm_graph(graph: nx.Graph[str], keep: set[str]) -> nx.Graph[str]:
    """Only strong and moderate ties, only between the given ids."""
    warm: nx.Graph[str] = nx.Graph()
    warm.add_nodes_from(n for n in graph if n in keep)
    warm.add_edges_from(
        (u, v)
        for u, v, k in graph.edges(data="kind", default="")
        if k in WARM and u in keep and v in keep
    )
    return warm


def _introducers(
    ecomap: EcoMap,
    graph: nx.Graph[str],
    warm: nx.Graph[str],
    trusted: dict[str, int],
    chosen: set[str],
    labels: dict[str, str],
) -> tuple[Introducer, ...]:
    """Candidates not yet close to the child, with the trusted adult who could bring them in."""
    best = {n: sorted((t for t in warm[n] if t in trusted), key=lambda t: trusted[t]) for n in warm}
    found = []
    for person in ecomap.people:
        if person.id in chosen and _not_close(person, graph, ecomap.child.id):
            path = _introduction_path(person.id, warm, best, trusted)
            if path:
                reasons = _introducer_reasons(path, ecomap, labels)
                found.append(Introducer(person.id, path[0], reasons))
    return tuple(found)


def _introduction_path(
    pid: str, warm: nx.Graph[str], best: dict[str, list[str]], trusted: dict[str, int]
) -> list[str]:
    """The best warm path [trusted, (middle,) pid]: one step if possible, else two."""
    if best[pid]:
        return [best[pid][0], pid]
    steps = [(trusted[t], i, t, m) for i, m in enumerate(warm[pid]) for t in best[m][:2]]
    steps = [s for s in steps if s[2] != pid]
    if not steps:
        return []
    _, _, via, middle = min(steps)
    return [via, middle, pid]


def _introducer_reasons(path: list[str], ecomap: EcoMap, labels: dict[str, str]) -> tuple[str, str]:
    """Say who could make the introduction, along the path of warm ties."""
    first = SAY["not_close"]
    via = labels[path[0]]
    if len(path) == 3:
        how = SAY["via_two"].format(via=via, middle=labels[path[1]])
    elif path[0] == ecomap.caregiver.id:
        how = SAY["via_me"]
    else:
        how = SAY["via"].format(via=via)
    return (first, how)


def _health(ecomap: EcoMap, graph: nx.Graph[str], safe: list[Person]) -> Health:
    """Counts, support gaps and single points, stressful share, bridges and isolates."""
    givers = {kind: [p.id for p in safe if kind in p.support] for kind in SUPPORTS}
    ties = ecomap.ties
    stressful = sum(1 for t in ties if t.kind == "stressful")
    return Health(
        adults=len(ecomap.people),
        supportive_adults=sum(1 for p in safe if p.support),
        support_gaps=tuple(kind for kind in SUPPORTS if not givers[kind]),
        single_points=tuple(SinglePoint(k, ids[0]) for k, ids in givers.items() if len(ids) == 1),
        stressful_share=round(stressful / len(ties), 2) if ties else 0.0,
        bridges=_bridges(safe, graph),
        isolated=tuple(p.id for p in ecomap.people if graph.degree(p.id) == 0),
    )


def _bridges(safe: list[Person], graph: nx.Graph[str]) -> tuple[str, ...]:
    """Counted adults whose non-stressful ties reach counted adults in 2+ other sectors."""
    sector = {p.id: p.sector for p in safe}
    found = []
    for person in safe:
        reached = {
            sector[n]
            for n, data in graph[person.id].items()
            if n in sector and data["kind"] != "stressful"
        }
        if len(reached - {person.sector}) >= 2:
            found.append(person.id)
    return tuple(found)
