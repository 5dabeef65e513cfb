"""A live room under load: N tablets answering and polling, one dashboard, next to GET /ping.

Run: python benchmarks/workshop_load.py [--db sqlite postgresql] [--users 30 300] [--duration 20]
Needs locust (pip install -e ".[bench]"); PostgreSQL at --pg-url for the PostgreSQL runs.
Not part of the test run.

For each database the script starts the servers itself: SQLite, one `cgim serve` on a
temporary file; PostgreSQL, two `cgim serve` processes on one fresh database (dropped at the
end). There is no load balancer, so every simulated browser sends its requests to the
processes in turn (round-robin, request by request: the cookie and the ETag must work on
either). For each number of tablets it runs three headless locust phases on the same servers:

- ping: N users calling GET /ping with no pause: the server's throughput for a request that
  does nothing (the baseline);
- room: N tablets that join, then every ~3 s poll /me/live.json with If-None-Match, every
  second round autosave an answer (POST /me/answers, a fresh idempotency key each time) and
  every fourth round open the next step page; plus one dashboard polling the live fragment
  with If-None-Match every 2 s. This is the paced load of a real room: read its latency;
- room flat out: the same mix with no pauses: its requests/s against the ping's requests/s
  is the throughput ratio.

Each phase measures a fixed window that starts once every tablet has joined (joins are
reported apart). The load generator shares the machine's cores with the servers, so compare
ratios, not absolute numbers.
"""

import argparse
import contextlib
import importlib.util
import json
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from http.cookiejar import CookieJar
from pathlib import Path

ROOT = (
    Path(__file__).resolve().parents[1]
)  # servers run this checkout's code, whatever is installed
CGIM = [sys.executable, "-c", "import sys; from cgim.cli import main; sys.argv[0] = 'cgim'; main()"]
EMAIL, PASSWORD = "bench@example.org", "benchmark password 1"
FORMAT = "making_connections"
ANSWER_KINDS = ("short_text", "long_text", "single_choice")
LIVE_POLL_SECONDS, DASHBOARD_POLL_SECONDS = 3.0, 2.0
REQUEST_TIMEOUT = 30
STALLED_AFTER = 5  # seconds: a request still unanswered this long at the end counts as an error


def token_in(page: str) -> str:
    """The CSRF token of a page (its meta tag, or a form's hidden input)."""
    found = re.search(r'<meta name="csrf-token" content="([^"]+)"', page) or re.search(
        r'name="csrf_token"[^>]*value="([^"]+)"', page
    )
    return found.group(1) if found else ""


# --- The locust side: only defined when locust loads this file (CGIM_BENCH_ROLE=locust). ---

if os.environ.get("CGIM_BENCH_ROLE") == "locust":
    import itertools

    import gevent
    from locust import FastHttpUser, constant, events, task

    BASES = os.environ["CGIM_BENCH_BASES"].split(",")
    SETTINGS = json.loads(os.environ["CGIM_BENCH_SETTINGS"])
    PACED = SETTINGS["paced"]
    RECORDS: list = []
    WINDOW: dict = {"start": None, "joined": 0, "join_failed": 0, "stalled": 0}
    USERS: list = []
    NUMBERS = itertools.count()

    @events.request.add_listener
    def record(name, response_time, exception, context, **_kwargs):
        """Every request: when it ended, its name, milliseconds, and whether it failed."""
        RECORDS.append((time.time(), name, response_time, exception is not None))
        if "user" in context:
            context["user"].sent_at = None

    @events.quitting.add_listener
    def write_records(**_kwargs):
        """Hand the raw measurements to the script that started locust."""
        Path(SETTINGS["out"]).write_text(json.dumps({"window": WINDOW, "records": RECORDS}))

    def open_window(environment) -> None:
        """Start the measured window once all tablets are in; stop locust after it."""
        if (
            WINDOW["start"] is None
            and WINDOW["joined"] + WINDOW["join_failed"] >= SETTINGS["tablets"]
        ):
            WINDOW["start"] = time.time()
            gevent.spawn_later(SETTINGS["duration"], close_window, environment)

    def close_window(environment) -> None:
        """Count requests still unanswered after STALLED_AFTER seconds (never counted above)."""
        now = time.time()
        WINDOW["stalled"] = sum(1 for u in USERS if u.sent_at and now - u.sent_at > STALLED_AFTER)
        environment.runner.quit()

    class Browser(FastHttpUser):
        """A browser whose requests go to the app processes in turn."""

        abstract = True
        host = BASES[0]
        network_timeout = connection_timeout = REQUEST_TIMEOUT

        def on_start(self):
            self.turn, self.sent_at = next(NUMBERS), None
            USERS.append(self)

        def context(self) -> dict:
            return {"user": self}  # lets the request listener see which user got its answer

        def url(self, path: str) -> str:
            self.turn += 1
            self.sent_at = time.time()
            return BASES[self.turn % len(BASES)] + path

    class PingUser(Browser):
        """The baseline: GET /ping, no pauses."""

        wait_time = constant(0)

        def on_start(self):
            super().on_start()
            WINDOW["joined"] += 1
            open_window(self.environment)

        @task
        def ping(self):
            self.client.get(self.url("/ping"), name="ping")

    class TabletUser(Browser):
        """A parent's tablet: joins, then polls, autosaves and moves through the steps."""

        wait_time = constant(LIVE_POLL_SECONDS) if PACED else constant(0)

        def on_start(self):
            super().on_start()
            self.round, self.etag, self.steps = 0, None, itertools.cycle(SETTINGS["steps"])
            self.answers = itertools.cycle(SETTINGS["answers"])
            try:
                self.join()
                WINDOW["joined"] += 1
            except Exception:
                WINDOW["join_failed"] += 1
                raise
            finally:
                open_window(self.environment)

        def join(self):
            code = SETTINGS["code"]
            page = self.client.get(self.url(f"/join/{code}"), name="join: page").text
            form = {
                "nickname": f"Tablet {self.turn}",
                "language": "en",
                "csrf_token": token_in(page),
            }
            self.client.post(
                self.url(f"/join/{code}"), data=form, name="join: name", allow_redirects=False
            )
            consent = {"csrf_token": form["csrf_token"]}
            with self.client.post(
                self.url(f"/join/{code}/consent"),
                data=consent,
                name="join: consent",
                allow_redirects=False,
                catch_response=True,
            ) as response:
                if response.headers.get("Location") != "/me":
                    response.failure(f"consent did not sign in: {response.status_code}")
                    raise RuntimeError("join failed")
            self.csrf = token_in(self.client.get(self.url("/me"), name="join: /me").text)

        @task
        def tick(self):
            self.round += 1
            self.poll()
            if self.round % 2 == 0:
                self.autosave()
            if self.round % 4 == 1:
                module, number = next(self.steps)
                self.client.get(self.url(f"/me/{module}/{number}"), name="step page")

        def poll(self):
            headers = {"If-None-Match": self.etag} if self.etag else {}
            with self.client.get(
                self.url("/me/live.json"), headers=headers, name="live.json", catch_response=True
            ) as response:
                if response.status_code in (200, 304):
                    self.etag = response.headers.get("ETag") or self.etag
                    response.success()
                else:
                    response.failure(f"status {response.status_code}")

        def autosave(self):
            prompt, value = next(self.answers)
            body = {"prompt": prompt, "value": value, "key": uuid.uuid4().hex}
            with self.client.post(
                self.url("/me/answers"),
                json=body,
                name="autosave",
                headers={"X-CSRFToken": self.csrf},
                catch_response=True,
            ) as response:
                if response.status_code != 200 or not (response.json() or {}).get("saved"):
                    response.failure(f"not saved: {response.status_code}")

    class DashboardUser(Browser):
        """The facilitator's live dashboard, polling its fragment every 2 s."""

        fixed_count = 1
        wait_time = constant(DASHBOARD_POLL_SECONDS)

        def on_start(self):
            super().on_start()
            self.etag = None
            page = self.client.get(self.url("/login"), name="login").text
            form = {"email": EMAIL, "password": PASSWORD, "csrf_token": token_in(page)}
            self.client.post(self.url("/login"), data=form, name="login", allow_redirects=False)

        @task
        def poll(self):
            headers = {"If-None-Match": self.etag} if self.etag else {}
            path = f"/workshops/{SETTINGS['workshop']}/live?part=1"
            with self.client.get(
                self.url(path), headers=headers, name="dashboard", catch_response=True
            ) as response:
                if response.status_code in (200, 304):
                    self.etag = response.headers.get("ETag") or self.etag
                    response.success()
                else:
                    response.failure(f"status {response.status_code}")


# --- The script side: servers, preparation, locust runs, the table. ---


def free_port() -> int:
    """A port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class NoRedirects(urllib.request.HTTPRedirectHandler):
    """Hand redirects back instead of following them."""

    def redirect_request(self, *_args, **_kwargs):
        return None


class Client:
    """A tiny stdlib browser for preparing the room (sign in, create a workshop)."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(CookieJar()), NoRedirects
        )

    def call(self, path: str, form: dict | None = None):
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        request = urllib.request.Request(self.base + path, data=data)  # noqa: S310 (http only)
        try:
            with self.opener.open(request, timeout=REQUEST_TIMEOUT) as response:
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            with error:
                return error.code, error.headers, error.read().decode()

    def submit(self, path: str, fields: dict) -> str:
        """Post a form with the page's CSRF token; return where it redirects."""
        page = self.call(path)[2]
        status, headers, text = self.call(path, {"csrf_token": token_in(page), **fields})
        if status != 302:
            raise RuntimeError(f"POST {path} answered {status}: {text[:300]}")
        return headers["Location"]


def new_workshop(base: str) -> tuple[int, str]:
    """Sign in and create a workshop; (id, join code)."""
    client = Client(base)
    client.submit("/login", {"email": EMAIL, "password": PASSWORD})
    fields = {"title": "Load test", "format_id": FORMAT, "language": "en", "date": "2026-11-24"}
    workshop_id = int(re.search(r"/workshops/(\d+)", client.submit("/workshops/new", fields))[1])
    page = client.call(f"/workshops/{workshop_id}")[2]
    return workshop_id, re.search(r'class="join-code"[^>]*>([A-Z0-9-]+)<', page)[1]


def room_script() -> tuple[list, list]:
    """Step pages to visit and (prompt, value) answers to autosave, from the real content."""
    from cgim.content.library import load_library
    from cgim.paths import content_dir

    modules = load_library(content_dir()).language("en").modules_for(FORMAT)
    steps = [(m.id, n) for m in modules for n in range(1, len(m.steps) + 1)]
    answers = []
    for step in (s for m in modules for s in m.steps if s.kind in ANSWER_KINDS):
        if step.kind == "single_choice":
            answers.append((step.id, step.option_ids[len(answers) % len(step.option_ids)]))
        else:
            answers.append((step.id, f"An answer to {step.id}"))
    return steps, answers


@contextlib.contextmanager
def database(kind: str, pg_url: str, folder: Path):
    """A fresh database URL for one run; a PostgreSQL database is dropped afterwards."""
    if kind == "sqlite":
        yield f"sqlite:///{folder / 'bench.sqlite3'}"
        return
    import psycopg
    from sqlalchemy.engine import make_url

    admin = make_url(pg_url).set(drivername="postgresql")
    conninfo = admin.set(database="postgres").render_as_string(hide_password=False)
    name = f"cgim_bench_{os.getpid()}_{secrets.token_hex(3)}"
    with psycopg.connect(conninfo, autocommit=True, connect_timeout=10) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(pg_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(conninfo, autocommit=True, connect_timeout=10) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextlib.contextmanager
def servers(url: str, count: int, folder: Path, connection_limit: int | None = None):
    """`count` app processes on one database, healthy; killed afterwards whatever happens."""
    limit = ["--connection-limit", str(connection_limit)] if connection_limit else []
    env = dict(os.environ)
    env.update(
        CGIM_SECRET_KEY=secrets.token_hex(32),
        CGIM_DATABASE_URL=url,
        CGIM_RATELIMIT_STORAGE="memory://",
        CGIM_NEW_PASSWORD=PASSWORD,
    )
    env.pop("CGIM_PUBLIC_URL", None)
    # create-user migrates first, so the servers do not race each other on an empty database.
    subprocess.run(
        [
            *CGIM,
            "create-user",
            "--email",
            EMAIL,
            "--name",
            "Bench",
            "--role",
            "admin",
            "--organisation",
            "Bench",
        ],
        env=env,
        cwd=ROOT,
        check=True,
        timeout=120,
        stdout=subprocess.DEVNULL,
    )
    processes, bases = [], []
    try:
        for i in range(count):
            port = free_port()
            log = open(folder / f"server-{i}.log", "w")  # noqa: SIM115 (the process owns it)
            processes.append(
                subprocess.Popen(
                    [*CGIM, "serve", "--port", str(port), *limit],
                    env=env,
                    cwd=ROOT,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            )
            log.close()
            bases.append(f"http://127.0.0.1:{port}")
        for process, base in zip(processes, bases, strict=True):
            wait_healthy(process, base)
        yield bases
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


def wait_healthy(process, base: str, timeout: float = 60) -> None:
    """Poll /healthz until ok."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{base} exited with {process.returncode}")
        with (
            contextlib.suppress(OSError, ValueError),
            urllib.request.urlopen(base + "/healthz", timeout=2) as response,  # noqa: S310
        ):
            if json.load(response).get("status") == "ok":
                return
        time.sleep(0.2)
    raise RuntimeError(f"{base} not healthy after {timeout} s")


def run_locust(
    classes: list[str],
    users: int,
    tablets: int,
    bases: list[str],
    settings: dict,
    folder: Path,
    spawn_rate: int,
) -> dict:
    """One headless locust run; the measured window's numbers by request name."""
    out = folder / f"records-{secrets.token_hex(4)}.json"
    settings = {**settings, "tablets": tablets, "out": str(out)}
    env = dict(
        os.environ,
        CGIM_BENCH_ROLE="locust",
        CGIM_BENCH_BASES=",".join(bases),
        CGIM_BENCH_SETTINGS=json.dumps(settings),
    )
    limit = int(users / spawn_rate + settings["duration"] + 60)  # a bound; the window stops it
    command = [
        sys.executable,
        "-m",
        "locust",
        "-f",
        __file__,
        "--headless",
        "-u",
        str(users),
        "-r",
        str(spawn_rate),
        "-t",
        f"{limit}s",
        "-H",
        bases[0],
        "--only-summary",
        "--loglevel",
        "ERROR",
        "--stop-timeout",
        "5",
        *classes,
    ]
    with open(folder / "locust.log", "a") as log:
        subprocess.run(
            command,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            timeout=limit + 60,
            check=False,
            cwd=folder,
        )
    if not out.exists():
        raise RuntimeError(f"locust wrote no results; see {folder / 'locust.log'}")
    return summarise(json.loads(out.read_text()), settings["duration"])


def summarise(data: dict, duration: float) -> dict:
    """Requests/s, p50, p95 and errors per request name inside the window, plus 'all'."""
    window = data["window"]
    start = window["start"]
    if start is None:
        return {
            "joined": window["joined"],
            "join_failed": window["join_failed"],
            "rows": {},
            "stalled": window["stalled"],
        }
    inside = [r for r in data["records"] if start <= r[0] <= start + duration]
    inside = [r for r in inside if not r[1].startswith(("join", "login"))]
    joins = [r for r in data["records"] if r[1].startswith("join")]
    rows = {}
    for name in [*sorted({r[1] for r in inside}), "all"]:
        chosen = [r for r in inside if name in ("all", r[1])]
        times = sorted(r[2] for r in chosen)
        if not times:
            continue
        rows[name] = {
            "rps": len(chosen) / duration,
            "p50": statistics.median(times),
            "p95": times[min(len(times) - 1, round(0.95 * (len(times) - 1)))],
            "errors": sum(r[3] for r in chosen),
            "count": len(chosen),
        }
    join_times = sorted(r[2] for r in joins)
    return {
        "joined": window["joined"],
        "join_failed": window["join_failed"],
        "join_errors": sum(r[3] for r in joins),
        "stalled": window["stalled"],
        "join_p95": join_times[int(0.95 * (len(join_times) - 1))] if join_times else None,
        "rows": rows,
    }


def measure(kind: str, args, folder: Path, steps: list, answers: list) -> list[dict]:
    """All phases for one database: ping, paced room, flat-out room, for each tablet count."""
    results = []
    processes = 1 if kind == "sqlite" else 2
    with (
        database(kind, args.pg_url, folder) as url,
        servers(url, processes, folder, args.connection_limit) as bases,
    ):
        for users in args.users:
            rate = min(users, args.spawn_rate)
            common = {"duration": args.duration, "steps": steps, "answers": answers}
            print(f"  {kind}, {users} users: ping", flush=True)
            ping = run_locust(
                ["PingUser"], users, users, bases, {**common, "paced": False}, folder, users
            )
            phases = {"ping": ping}
            for label, paced in (("room", True), ("room flat out", False)):
                print(f"  {kind}, {users} users: {label}", flush=True)
                workshop, code = new_workshop(bases[-1])
                settings = {**common, "paced": paced, "workshop": workshop, "code": code}
                phases[label] = run_locust(
                    ["TabletUser", "DashboardUser"], users + 1, users, bases, settings, folder, rate
                )
            label = f"{kind} x{processes}" + (
                f" cl{args.connection_limit}" if args.connection_limit else ""
            )
            results.append({"db": label, "users": users, **phases})
    return results


def print_table(results: list[dict]) -> None:
    """One row per scenario and request kind; ratio = requests/s over the same run's ping."""
    header = (
        f"{'database':<20}{'tablets':>8}  {'scenario':<22}{'req/s':>8}{'p50 ms':>8}"
        f"{'p95 ms':>8}{'errors':>8}{'stalled':>8}{'vs ping':>9}"
    )
    print("\n" + header + "\n" + "-" * len(header))
    for result in results:
        ping = result["ping"]["rows"].get("all", {}).get("rps") or float("nan")
        db, users = result["db"], result["users"]
        for phase in ("ping", "room", "room flat out"):
            data = result[phase]
            rows = data["rows"]
            names = ["all"] if phase == "ping" else ["all", *sorted(n for n in rows if n != "all")]
            for name in names:
                if name not in rows:
                    print(f"{db:<20}{users:>8}  {phase:<22}  no measurements")
                    continue
                row = rows[name]
                label, stalled, ratio = f"  {name}", "", ""
                if name == "all":
                    label, stalled = phase, data.get("stalled", 0)
                    ratio = "paced" if phase == "room" else f"{row['rps'] / ping:.2f}x"
                print(
                    f"{db:<20}{users:>8}  {label:<22}{row['rps']:>8.1f}{row['p50']:>8.0f}"
                    f"{row['p95']:>8.0f}{row['errors']:>8}{stalled:>8}{ratio:>9}"
                )
            if phase != "ping":
                print(
                    f"{db:<20}{users:>8}    joined {data['joined']}, failed {data['join_failed']}"
                    f" (request errors {data.get('join_errors', 0)}),"
                    f" join p95 {data.get('join_p95') or 0:.0f} ms"
                )
    print(
        "\nroom: tablets poll every 3 s, autosave every 6 s, open a step every 12 s; the dashboard"
        " polls every 2 s (req/s is the offered load). room flat out: the same mix without pauses;"
        " 'vs ping' is its req/s over GET /ping's with as many users on the same servers."
        f" stalled: requests still unanswered after {STALLED_AFTER} s when the window closed"
        " (not in the other columns)."
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--db", nargs="+", choices=("sqlite", "postgresql"), default=["sqlite", "postgresql"]
    )
    parser.add_argument("--users", nargs="+", type=int, default=[30, 300])
    parser.add_argument("--duration", type=int, default=20, help="seconds measured per phase")
    parser.add_argument("--spawn-rate", type=int, default=30, help="tablets joining per second")
    parser.add_argument(
        "--pg-url",
        default="postgresql+psycopg://postgres@127.0.0.1:5432/postgres",
        help="a PostgreSQL server where a fresh database may be created",
    )
    parser.add_argument(
        "--connection-limit",
        type=int,
        default=None,
        help="pass --connection-limit to cgim serve (default: cgim's own, 1000) "
        "(cgim serve uses waitress's default, 100 open connections per process)",
    )
    parser.add_argument("--keep", action="store_true", help="keep logs in the temporary folder")
    args = parser.parse_args()
    if importlib.util.find_spec("locust") is None:  # importing it would monkey-patch this process
        sys.exit('locust is not installed: pip install -e ".[bench]"')
    steps, answers = room_script()
    folder = Path(tempfile.mkdtemp(prefix="cgim-load-"))
    results = []
    try:
        for kind in args.db:
            print(f"{kind}: starting servers", flush=True)
            results.extend(measure(kind, args, folder, steps, answers))
    finally:
        if results:
            print_table(results)
        if args.keep:
            print(f"logs: {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
