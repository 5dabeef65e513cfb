"""The SVG drawing: well-formed, accessible, escaped, CSP-safe, Hartman's line styles."""

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from cgim.ecomap.core.labels import SECTOR_NAMES, TIE_KIND_NAMES
from cgim.ecomap.core.parse import parse_ecomap
from cgim.ecomap.core.svg import initials, render_svg

FIXTURES = Path(__file__).parent.parent / "fixtures"
NS = {"s": "http://www.w3.org/2000/svg"}


def sample():
    """The sample map."""
    return parse_ecomap(json.loads((FIXTURES / "maya.json").read_text()))


def parse(text):
    """Parse SVG text (our own output, in tests only)."""
    return ET.fromstring(text)  # noqa: S314


def tie_paths(root):
    """The path elements drawn for ties and the key (not arrowheads)."""
    return [p for p in root.iter("{http://www.w3.org/2000/svg}path") if p.get("stroke")]


def test_svg_is_well_formed_with_title_and_desc():
    root = parse(render_svg(sample()))
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby").split()
    title = root.find("s:title", NS)
    desc = root.find("s:desc", NS)
    assert (title.get("id"), desc.get("id")) == (title_id, desc_id)
    assert title.text == "Eco-map for Maya"
    assert "Maya is at the centre" in desc.text
    assert "Inner ring (very close): Aunt Rosa (Family)" in desc.text
    assert "Stressful ties: Me and Uncle Ray." in desc.text
    assert "Maya and Aunt Rosa (support from Aunt Rosa)" in desc.text


def test_labels_are_escaped():
    doc = json.loads((FIXTURES / "maya.json").read_text())
    doc["people"][0]["label"] = '<script>alert("x")</script>'
    doc["child"]["label"] = "Tom & <b>Jerry</b>"
    text = render_svg(parse_ecomap(doc))
    root = parse(text)
    assert not list(root.iter("{http://www.w3.org/2000/svg}script"))
    assert not list(root.iter("{http://www.w3.org/2000/svg}b"))
    assert "<script>" not in text
    assert "&lt;script&gt;" in text
    assert root.find("s:title", NS).text == "Eco-map for Tom & <b>Jerry</b>"


def test_safe_under_a_strict_content_security_policy():
    text = render_svg(sample())
    root = parse(text)
    for element in root.iter():
        assert "style" not in element.attrib
        assert not any(name.lower().startswith("on") for name in element.attrib)
        assert not element.tag.endswith(("script", "foreignObject", "image", "style"))
    assert "http://" not in text.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in text
    assert "@font-face" not in text and "url(http" not in text


def test_black_on_white_for_printing():
    text = render_svg(sample())
    colours = set(re.findall(r'(?:fill|stroke)="(#[0-9a-f]{6})"', text))
    assert colours <= {"#000000", "#ffffff", "#333333", "#8c8c8c", "#b3b3b3"}
    assert '<rect x="0" y="0" width="1100" height="840" fill="#ffffff"/>' in text


def test_initials_variant_hides_every_name_and_id():
    the_map = sample()
    text = render_svg(the_map, initials_only=True)
    parse(text)
    for person in the_map.people:
        assert person.label not in text
        assert f'"{person.id}"' not in text
    assert "Maya" not in text
    assert ">AR<" in text and ">GJ<" in text
    assert parse(text).find("s:title", NS).text == "Eco-map for M"


def test_full_variant_shows_names():
    text = render_svg(sample())
    assert ">Aunt Rosa<" in text and ">Grandpa Joe<" in text


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Aunt Rosa", "AR"),
        ("rosa", "R"),
        ("Mary-Jane O'Neil Smith", "MJO"),
        ("  ", "?"),
        ("<script>", "S"),
        ("Élodie Ünal", "ÉÜ"),
    ],
)
def test_initials(label, expected):
    assert initials(label) == expected


def test_line_styles_follow_hartman():
    root = parse(render_svg(sample()))
    paths = tie_paths(root)
    strong = [p for p in paths if p.get("stroke-width") == "4"]
    dashed = [p for p in paths if p.get("stroke-dasharray") == "6 5"]
    zigzag = [p for p in paths if p.get("d").count("L") > 3]
    # the sample has 4 strong, 2 tenuous and 1 stressful tie; the key adds one of each
    assert (len(strong), len(dashed), len(zigzag)) == (5, 3, 2)
    assert len(paths) == 13 + 5


def test_arrows_show_the_flow_of_support():
    text = render_svg(sample())
    root = parse(text)
    ends = [p for p in tie_paths(root) if p.get("marker-end")]
    starts = [p for p in tie_paths(root) if p.get("marker-start")]
    # b_to_a: 5 ties; both: 2 ties; the key's arrow sample is a_to_b
    assert (len(starts), len(ends)) == (7, 3)
    assert root.find("s:defs/s:marker", NS) is not None


def test_three_rings_sector_names_and_a_key():
    root = parse(render_svg(sample()))
    rings = [c for c in root.iter("{http://www.w3.org/2000/svg}circle") if c.get("fill") == "none"]
    assert len(rings) == 3
    texts = root.iter("{http://www.w3.org/2000/svg}text")
    words = {" ".join(t.itertext()) for t in texts}  # a long sector name is on two lines
    assert {"Key", "Support flows this way"} <= words
    # the same names the form and the live drawing use (core.labels, translated on the web)
    assert set(SECTOR_NAMES.values()) | set(TIE_KIND_NAMES.values()) <= words


def test_empty_map_and_big_map_render():
    empty = parse_ecomap({"format": "cgim-ecomap", "version": 1})
    assert parse(render_svg(empty)).find("s:title", NS).text == "Eco-map for Child"
    people = [{"id": f"p{i}", "label": f"P{i}", "closeness": 1 + i % 3} for i in range(300)]
    big = parse_ecomap({"format": "cgim-ecomap", "version": 1, "people": people})
    assert len(list(parse(render_svg(big)).iter("{http://www.w3.org/2000/svg}g"))) == 302


def test_id_prefix_is_checked_and_used():
    text = render_svg(sample(), id_prefix="map2")
    assert 'aria-labelledby="map2-title map2-desc"' in text
    with pytest.raises(ValueError, match="id_prefix"):
        render_svg(sample(), id_prefix='x" onload="alert(1)')
