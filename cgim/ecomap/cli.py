"""``cgim ecomap analyze|render|convert`` (design.md 4.1).

Bad input of any kind (missing file, invalid JSON or GraphML, an invalid document, an
unknown output format, an unwritable output) prints one line ``Error: <what and where>``
to stderr and exits with code 2, never a traceback, so scripts and people can act on it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

import click

from .core.analysis import Analysis, Health, analyse
from .core.formats import OUTPUT_SUFFIXES, read_file, write_file
from .core.model import EcoMap, EcoMapError
from .core.svg import render_svg
from .core.wording import SAY

EXIT_BAD_INPUT = 2


def _one_line_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn EcoMapError into a single 'Error: ...' line and exit code 2."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        """Run the command; report bad input in one line."""
        try:
            return command(*args, **kwargs)
        except EcoMapError as err:
            message = " ".join(str(err).split())
            click.echo(f"Error: {message}", err=True)
            click.get_current_context().exit(EXIT_BAD_INPUT)

    return wrapper


def _output(path: str | None, allowed: tuple[str, ...], command: str) -> Path:
    """Check the -o option: given, and with a suffix this command can write."""
    if not path:
        raise EcoMapError(f"{command} needs -o OUT{allowed[0]}")
    out = Path(path)
    if out.suffix.lower() not in allowed:
        raise EcoMapError(f"{out}: unknown output format (use {', '.join(allowed)})")
    return out


@click.group(name="ecomap")
def ecomap() -> None:
    """Analyse, draw and convert eco-maps (JSON or GraphML files)."""


@ecomap.command()
@click.argument("file")
@click.option("--json", "as_json", is_flag=True, help="Print the analysis as JSON.")
@_one_line_errors
def analyze(file: str, as_json: bool) -> None:
    """Suggest who could mentor the child, and summarise the network's health."""
    the_map = read_file(file)
    result = analyse(the_map)
    if as_json:
        click.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(summary(the_map, result))


@ecomap.command()
@click.argument("file")
@click.option("-o", "--output", help="The SVG file to write.")
@click.option("--initials", is_flag=True, help="Show initials only, no names.")
@_one_line_errors
def render(file: str, output: str | None, initials: bool) -> None:
    """Draw the eco-map as an SVG file."""
    out = _output(output, (".svg",), "render")
    svg = render_svg(read_file(file), initials_only=initials)
    try:
        out.write_text(svg, encoding="utf-8")
    except OSError as err:
        raise EcoMapError(f"{out}: cannot write ({err.strerror})") from None
    click.echo(f"Wrote {out}")


@ecomap.command()
@click.argument("file")
@click.option("-o", "--output", help="The file to write: .json, .graphml or .csv.")
@_one_line_errors
def convert(file: str, output: str | None) -> None:
    """Convert an eco-map between JSON, GraphML and CSV."""
    out = _output(output, OUTPUT_SUFFIXES, "convert")
    write_file(read_file(file), out)
    click.echo(f"Wrote {out}")


def summary(the_map: EcoMap, result: Analysis) -> str:
    """The analysis in plain words for a terminal: reasons and cautions, never a score.

    Candidates keep the analysis's order; the score itself is only in ``--json`` (design.md
    4.3), because a number reads as a clearance and nobody can clear an adult (domain.md 4).
    """
    labels = the_map.labels()
    health = result.health
    lines = [f"Eco-map for {the_map.child.label}: {health.adults} adults, "]
    lines[0] += f"{health.supportive_adults} already giving support."
    lines.append(SAY["cannot_know"])
    lines.append("\nPeople who could be a good fit:" if result.candidates else "\nNo one yet.")
    for c in result.candidates:
        lines.append(f"  - {c.label}")
        lines += [f"     + {r}" for r in c.reasons] + [f"     ! {w}" for w in c.cautions]
    if result.not_suggested:
        lines.append("\nNot suggested:")
        for n in result.not_suggested:
            lines += [f"  - {n.label}", *(f"     - {r}" for r in n.reasons)]
    if result.introducers:
        lines.append("\nCould be introduced:")
        lines += [f"  - {labels[i.id]}: {i.reasons[-1]}" for i in result.introducers]
    lines.append("\n" + _health_lines(health, labels))
    return "\n".join(lines)


def _health_lines(health: Health, labels: dict[str, str]) -> str:
    """The network health part of the summary."""
    names = ", ".join
    lines = ["Network health:"]
    lines.append(f"  Support nobody gives yet: {names(health.support_gaps) or 'none'}")
    points = [f"{p.support} ({labels[p.id]})" for p in health.single_points]
    lines.append(f"  Support that rests on one person: {names(points) or 'none'}")
    lines.append(f"  Stressful ties: {health.stressful_share:.0%}")
    lines.append(
        f"  Bridges between parts of life: {names(labels[b] for b in health.bridges) or 'none'}"
    )
    lines.append(
        f"  Not connected to anyone: {names(labels[i] for i in health.isolated) or 'none'}"
    )
    return "\n".join(lines)
