"""Discovery for the hostile barrage: crawl each state's pages (a few per rule), collect the
placeholder values real links carry, and turn every page, form, JSON endpoint and remaining
url_map rule into a target, so the barrage follows the app as it grows."""

from collections import Counter, deque

from . import hostile_targets as ht
from .hostile_runner import Request
from .hostile_surface import json_keys, match, parse, rules

WEIGHTS = {"page": 1, "form": 3, "json": 6, "rule": 1}
CRAWL_PER_RULE = 40  # paths per rule: every module screen, every person
FORMS_PER_SHAPE = 3  # the same form on many rows (each shared text, each person) counts as one
QUERY_VARIANTS = 2  # query strings per path the pages link to


def crawl(app, barrage, state, seeds, visited, per_rule=CRAWL_PER_RULE) -> None:
    """Open every page reachable from the seeds (a few per rule), keeping each parsed page."""
    queue = deque(seeds)
    counts = Counter(match(app, u)[0] for u in {u.split("?")[0] for u in visited} if match(app, u))
    variants = Counter(u.split("?")[0] for u in visited)
    while queue:
        url = queue.popleft()
        found, path = match(app, url), url.split("?")[0]
        if url in visited or found is None or variants[path] >= QUERY_VARIANTS:
            continue
        if not variants[path]:
            if counts[found[0]] >= per_rule:
                continue
            counts[found[0]] += 1
        variants[path] += 1
        response = barrage.send(state.client, Request(state.name, "GET", url, why="crawl"), False)
        page = None
        if response is not None and response.status_code == 200:
            state.extra.setdefault("reads", []).append(url)
        if response is not None and response.mimetype == "text/html":
            page = parse(url, response.get_data(as_text=True))
            queue.extend(sorted(page.links))
        visited[url] = page


def known_arguments(app, urls) -> dict[str, list[dict]]:
    """Placeholder values seen in real links and form actions, per rule."""
    seen: dict[str, list[dict]] = {}
    for url in urls:
        for method in ("GET", "POST", "PUT"):
            found = match(app, url, method)
            if found and found[1] not in seen.setdefault(found[0], []):
                seen[found[0]].append(found[1])
    return seen


def filled(rule, seen) -> tuple[str, dict]:
    """A path for a rule from values seen, else a plain guess per placeholder."""
    if seen.get(rule.rule):
        args = seen[rule.rule][0]
    else:
        pool = {k: v for found in seen.values() for a in found for k, v in a.items()}
        args = {n: pool.get(n, "1" if c in ("int", "id") else "x") for n, c in rule.converters}
    return ht.PLACEHOLDER.sub(lambda m: args[m.group(2)], rule.rule), args


def discover(app, barrage, states):
    """Every page, form and JSON endpoint in each state, and a target for every rule."""
    all_rules, visited = rules(app), {name: {} for name in states}
    for name, state in states.items():
        crawl(app, barrage, state, state.seeds, visited[name])
    urls = {u for v in visited.values() for p in v.values() if p for u in p.links}
    seen = known_arguments(app, sorted(urls | {u for v in visited.values() for u in v}))
    for name, state in states.items():
        gets = [filled(r, seen)[0] for r in all_rules if r.method == "GET"]
        crawl(app, barrage, state, gets, visited[name])
    return {name: targets_for(app, name, all_rules, visited[name], seen) for name in states}


def targets_for(app, name, all_rules, visited, seen) -> list[ht.Target]:
    """The targets of one state: its pages, its forms, the JSON endpoints, every other rule."""
    by_rule = {(r.rule, r.method): r for r in all_rules}
    targets, forms_seen, data = [], Counter(), {}
    for url, page in visited.items():
        rule_text, args = match(app, url)
        targets.append(ht.Target(name, "page", by_rule[(rule_text, "GET")], url, args))
        for form in page.forms if page else ():
            found = match(app, form.action, form.method)
            key = (form.method, found and found[0], tuple(f.name for f in form.fields))
            if found and forms_seen[key] < FORMS_PER_SHAPE:
                forms_seen[key] += 1
                rule = by_rule[(found[0], form.method)]
                targets.append(ht.Target(name, "form", rule, form.action, found[1], form, url))
        for key, values in (page.data if page else {}).items():
            data.setdefault(key, set()).update(values)
    covered = {(t.rule.rule, t.rule.method) for t in targets}
    for rule in all_rules:
        path, args = filled(rule, seen)
        if rule.reads_json:
            baseline = json_baseline(app, rule, data)
            targets.append(ht.Target(name, "json", rule, path, args, baseline=baseline))
        elif (rule.rule, rule.method) not in covered:
            targets.append(ht.Target(name, "rule", rule, path, args))
    for target in targets:
        target.weight = WEIGHTS[target.kind]
    return targets


def json_baseline(app, rule, data) -> dict:
    """For each key the view reads, the values the pages carry for it (data-*), as candidates."""
    found = {}
    for key in json_keys(app, rule.endpoint):
        values = sorted(data.get(key, ())) or ["x"]
        found[key] = [int(v) if v.isdigit() else v for v in values]
    return found


def chosen(rng, candidates: dict) -> dict:
    """One plausible body from the candidates (a key left out now and then)."""
    return {k: rng.choice(v) for k, v in candidates.items() if v != ["x"] or rng.random() < 0.5}
