"""Time eco-map analysis and SVG drawing on seeded random maps of 10 to 2,000 people.

Run: ``python benchmarks/ecomap_bench.py [--runs N]``. Prints the median of N runs per
size; targets (issue 4): analysis under 10 ms at 50 people and under 1 s at 2,000.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cgim.ecomap.core import model
from cgim.ecomap.core.analysis import analyse
from cgim.ecomap.core.parse import parse_ecomap
from cgim.ecomap.core.svg import render_svg

SIZES = (10, 50, 500, 2000)


def random_person(rng: random.Random, i: int) -> dict:
    """One random adult; about one in ten has a concern, one in twenty is a professional."""
    return {
        "id": f"p{i}",
        "label": f"Person {i}",
        "sector": rng.choice(model.SECTORS),
        "closeness": rng.randint(1, 3),
        "contact": rng.choice(model.CONTACTS),
        "support": rng.sample(model.SUPPORTS, rng.randint(0, 2)),
        "child_feels": rng.choice(model.CHILD_FEELS),
        "parent_trust": rng.choice(model.PARENT_TRUST),
        "fit": rng.sample(model.FITS, rng.randint(0, 3)),
        "concerns": rng.sample(model.CONCERNS, 1) if rng.random() < 0.1 else [],
        "professional": rng.random() < 0.05,
    }


def random_map(size: int, seed: int = 1) -> model.EcoMap:
    """A seeded map: ties to the child and caregiver, and about two ties between adults."""
    rng = random.Random(seed)
    people = [random_person(rng, i) for i in range(size)]
    ties, seen = [], set()
    for i in range(size):
        ends = [e for e, p in (("child", 0.6), ("me", 0.3)) if rng.random() < p]
        ends += [f"p{rng.randrange(size)}" for _ in range(2)]
        for end in ends:
            pair = frozenset((f"p{i}", end))
            if len(pair) == 2 and pair not in seen:
                seen.add(pair)
                kind, flow = rng.choice(model.TIE_KINDS), rng.choice(model.FLOWS)
                ties.append({"a": f"p{i}", "b": end, "kind": kind, "flow": flow})
    doc = {"format": model.FORMAT, "version": model.VERSION, "people": people, "ties": ties}
    return parse_ecomap(doc)


def median_ms(func, runs: int) -> float:
    """Median wall time of ``func()`` in milliseconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    """Print a table of median analysis and SVG times per map size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    runs = parser.parse_args().runs
    print(f"{'people':>7} {'ties':>6} {'analyse ms':>11} {'svg ms':>8}  (median of {runs})")
    for size in SIZES:
        the_map = random_map(size)
        analysis = median_ms(lambda m=the_map: analyse(m), runs)
        svg = median_ms(lambda m=the_map: render_svg(m), runs)
        print(f"{size:>7} {len(the_map.ties):>6} {analysis:>11.2f} {svg:>8.2f}")


if __name__ == "__main__":
    main()
