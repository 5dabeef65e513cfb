"""Hostile values for the generated barrage: text, JSON values, raw bodies and files.

Everything is drawn from a seeded random.Random, so a failing run repeats with the same seed.
"""

import json
import random

HUGE = 100_000
C0 = [chr(c) for c in range(32)] + ["\x7f"]
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u180e"]
BIDI = ["\u202e", "\u202d", "\u2066", "\u2067", "\u2068", "\u2069", "\u061c", "\u200f"]
SPACES = [" ", "\t", "\n", "\r\n", "\u00a0", "\u2003", "\u3000", "\u2028", "\u2029", "\u0085"]
NUMBERS = [
    "1" + "0" * 400,
    "-1" + "0" * 400,
    str(2**63),
    str(2**63 - 1),
    str(-(2**63) - 1),
    str(2**64),
    "1" + "0" * 22,
    "-1",
    "0",
    "-0",
    "00000000001",
    "1e999",
    "-1e999",
    "1e-999",
    "NaN",
    "nan",
    "Infinity",
    "-inf",
    "0x10",
    "1_000",
    "1.5",
    "+3",
    " 3 ",
    "٣",
    "３",
    "²",
    "1" * 5000,
]
MARKUP = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "{{ 7*7 }}",
    "{% raw %}",
    "%(x)s %s {0} {}",
    "javascript:alert(1)",
    "//evil.example/",
    "/\\evil.example",
    "../../etc/passwd",
    "' OR 1=1 --",
    '"; DROP TABLE participants; --',
    "=cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "\\",
    "%00",
    "%ff",
    "&#0;",
    "<!--",
    "]]>",
]
OTHER = ["", "a", "x" * 41, "Zoë", "🙂" * 50, "e\u0301" * 200, "\U0001f1fa\U0001f1f8", "\ud7ff"]
SURROGATES = ["\ud800", "\udfff", "a\udc80b", "\udbff\udfff"[:1]]


def one_of(rng: random.Random, items):
    """One item, chosen with the seeded generator."""
    return items[rng.randrange(len(items))]


FAMILIES = (
    "control inside",
    "controls only",
    "invisible or bidi",
    "whitespace only",
    "huge",
    "number",
    "markup",
    "surrogate",
    "mixed",
    "other",
)


def text(rng: random.Random, surrogates: bool = False, family: str | None = None) -> str:
    """A hostile string of one family; lone surrogates only where the transport carries them
    (JSON: a form or query string cannot, so they become a control character there)."""
    family = family or one_of(rng, FAMILIES)
    if family == "surrogate" and not surrogates:
        family = "control inside"
    if family == "control inside":
        word = one_of(rng, ("Sam", "Aunt Rosa", "rosa", "3", "yes", "weekly"))
        at = rng.randrange(len(word) + 1)
        return word[:at] + one_of(rng, C0) + word[at:]
    if family == "controls only":
        return one_of(rng, C0) * rng.choice((1, 3))
    if family == "invisible or bidi":
        return one_of(rng, ("Rosa", "3", "")) + one_of(rng, INVISIBLE + BIDI)
    if family == "whitespace only":
        return "".join(rng.choice(SPACES) for _ in range(rng.randrange(1, 6)))
    if family == "huge":
        return one_of(rng, ("x", "é", "🙂", "<b>", "\u202e")) * rng.choice((HUGE, 5_001, 256))
    if family == "number":
        return one_of(rng, NUMBERS)
    if family == "markup":
        return one_of(rng, MARKUP)
    if family == "surrogate":
        return one_of(rng, ("Rosa", "", "x")) + one_of(rng, SURROGATES)
    if family == "mixed":
        return "".join(one_of(rng, C0 + INVISIBLE + BIDI + SPACES) for _ in range(8))
    return one_of(rng, OTHER)


def invalid_utf8(rng: random.Random) -> str:
    """Percent-encoded bytes that are not UTF-8 (for raw form bodies and query strings)."""
    return one_of(rng, ("%FF", "%C0%80", "%ED%A0%80", "%F4%90%80%80", "a%E2%82", "%FE%FF%00"))


def json_value(rng: random.Random, depth: int = 0):
    """A JSON value of any type, often the wrong one, sometimes enormous."""
    kind = rng.randrange(16)
    if kind == 0:
        return None
    if kind == 1:
        return rng.choice((True, False))
    if kind == 2:
        return rng.choice((0, -1, 1, 2**63, 2**63 - 1, -(2**63) - 1, 2**64, 10**22, 10**400))
    if kind == 3:
        return rng.choice((1.5, -0.0, 1e308, float("nan"), float("inf"), float("-inf")))
    if kind == 4:
        return []
    if kind == 5:
        return {}
    if kind == 6 and depth < 2:
        return [json_value(rng, depth + 1) for _ in range(rng.randrange(1, 4))]
    if kind == 7 and depth < 2:
        return {text(rng, True)[:50]: json_value(rng, depth + 1)}
    if kind == 8:
        return [0] * rng.choice((10_000, 100_000))
    if kind == 9:
        return nested(rng.choice((1_000, 5_000)), rng.choice("[{"), as_text=False)
    return text(rng, surrogates=True)


def nested(depth: int, opener: str = "[", as_text: bool = True):
    """JSON nested depth levels deep: as text (any depth) or as a Python value (shallow)."""
    if as_text:
        if opener == "{":
            return '{"a":' * depth + "1" + "}" * depth
        return "[" * depth + "]" * depth
    value: object = 1
    for _ in range(depth):
        value = [value] if opener == "[" else {"a": value}
    return value


def dumps(value) -> bytes:
    """JSON as a browser script might send it (NaN and lone surrogates included)."""
    try:
        return json.dumps(value).encode()
    except (RecursionError, ValueError):
        return b"[]"


def raw_json_body(rng: random.Random) -> bytes:
    """A body that is not a JSON object at all, or not JSON, or not even UTF-8."""
    return one_of(
        rng,
        (
            b"",
            b"null",
            b"1",
            b'"text"',
            b"[]",
            b"[1,2,3]",
            b"true",
            b"{",
            b"not json",
            b"\xff\xfe{}",
            b"\xef\xbb\xbf{}",
            b'{"a":1,"a":2}',
            b'{"\\ud800": "\\udfff"}',
            b'"\\u0000"',
            b"1" * 5_000,
            b"1e999",
            b"NaN",
            b"-Infinity",
            nested(100_000).encode(),
            nested(100_000, "{").encode(),
            b"[" * 100_000,
        ),
    )


def mutate_json(rng: random.Random, body):
    """Change one thing in a JSON object: a value of the wrong type, a key gone or unknown."""
    if not isinstance(body, dict) or not body:
        return {text(rng, True)[:40]: json_value(rng)}
    body = dict(body)
    key = one_of(rng, sorted(body))
    move = rng.randrange(6)
    if move == 0:
        del body[key]
    elif move == 1:
        body[text(rng, True)[:60]] = json_value(rng)
    elif move == 2 and isinstance(body[key], dict):
        body[key] = mutate_json(rng, body[key])
    elif move == 3 and isinstance(body[key], list) and body[key]:
        items = list(body[key])
        index = rng.randrange(len(items))
        inner = items[index]
        items[index] = mutate_json(rng, inner) if isinstance(inner, dict) else json_value(rng)
        body[key] = items
    else:
        body[key] = json_value(rng)
    return body


def upload(rng: random.Random) -> tuple[bytes, str]:
    """(content, file name) of a hostile map file."""
    name = one_of(
        rng, ("map.json", "map.csv", "map.graphml", "map.txt", "map", "..\\x.json", "m\x00.json")
    )
    bom = b"\xef\xbb\xbf"
    choices = (
        b"",
        b"\xff\xfe\x00\x00garbage",
        bom + b'{"format": "cgim-ecomap", "version": 1, "people": []}',
        b'{"format": "cgim-ecomap", "version": 1, "people": [{"id": "\\ud800", "label": "x"}]}',
        b'{"format": "cgim-ecomap", "version": 1e999}',
        b'{"format": "cgim-ecomap", "version": ' + b"9" * 400 + b"}",
        nested(100_000).encode(),
        nested(50_000, "{").encode(),
        b"[" * 200_000,
        b"x" * 2_000_000,
        b"id,label,sector\n=cmd|' /C calc'!A0,@SUM(1),family\n",
        b"id,label\n\x00,\x0b\n",
        b'id,label\n"unterminated\n',
        b"a,b,c\n" + b"1,2,3\n" * 50_000,
        bom + b"id,label,closeness\nrosa,Rosa," + b"9" * 400 + b"\n",
        b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY b "bbbbbbbb">'
        b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]><graphml>&c;</graphml>',
        b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>',
        b"<graphml><graph><node id='\x0b'/></graph></graphml>",
        b"<graphml>" + b"<a>" * 50_000,
    )
    content = one_of(rng, choices)
    if rng.random() < 0.3:
        document = {"format": "cgim-ecomap", "version": 1, "people": [json_value(rng)]}
        content = mutate_json(rng, document) if rng.random() < 0.5 else document
        content = dumps(content)
    return content, name
