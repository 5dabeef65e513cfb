"""Page weight (gzip) of a parent's step and server time per request, measured in-process.

Run: python benchmarks/page_speed.py [--requests 300]
Uses a temporary SQLite file; prints one table. Not part of the test run.
"""

import argparse
import statistics
import tempfile
import time
from datetime import date

from cgim import create_app
from cgim.auth.models import Organisation, User
from cgim.extensions import db
from cgim.workshop import services as workshops

GZIP = {"Accept-Encoding": "gzip"}


def make_parent(app):
    """A workshop with one parent signed in on a test client."""
    with app.app_context():
        db.create_all()
        user = User(
            organisation=Organisation(name="Bench"), email="b@x.org", name="B", role="admin"
        )
        user.set_password("benchmark password")
        db.session.add(user)
        workshop = workshops.create(user, "Bench", "making_connections", "en", date.today())
        db.session.commit()
        code = workshop.join_code
    client = app.test_client()
    client.post("/join", data={"code": code})
    client.post(f"/join/{code}", data={"nickname": "Kim", "language": "en"})
    client.post(f"/join/{code}/consent")
    return client


def timed(call, n: int) -> tuple[float, float]:
    """Median and 95th percentile in milliseconds."""
    times = []
    for i in range(n):
        start = time.perf_counter()
        call(i)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(0.95 * (n - 1))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300)
    n = parser.parse_args().requests
    folder = tempfile.mkdtemp()
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.sqlite3",
            "WTF_CSRF_ENABLED": False,
            "RATELIMIT_ENABLED": False,
            "SECRET_KEY": "bench",
        }
    )
    client = make_parent(app)
    step = client.get("/me/why_caring_adults/9", headers=GZIP)
    css = client.get("/static/css/app.css", headers=GZIP)
    js = client.get("/static/js/autosave.js", headers=GZIP)
    total = len(step.data) + len(css.data) + len(js.data)
    print(
        f"parent step page, gzip: html {len(step.data)} B, css {len(css.data)} B, "
        f"js {len(js.data)} B, total {total / 1024:.1f} KB"
    )
    etag = client.get("/me/live.json").headers["ETag"]
    rows = {
        "GET /ping": lambda i: client.get("/ping"),
        "GET /healthz": lambda i: client.get("/healthz"),
        "GET live.json 200": lambda i: client.get("/me/live.json"),
        "GET live.json 304": lambda i: client.get("/me/live.json", headers={"If-None-Match": etag}),
        "GET step page": lambda i: client.get("/me/why_caring_adults/9", headers=GZIP),
        "GET /me": lambda i: client.get("/me", headers=GZIP),
        "POST autosave": lambda i: client.post(
            "/me/answers",
            json={"prompt": "welcome-enjoys", "value": f"drawing {i}", "key": f"bench-key-{i:06d}"},
        ),
        "POST step form": lambda i: client.post(
            "/me/welcome/3",
            data={"answer": f"music {i}", "save_key": f"form-key-{i:06d}", "go": "next"},
        ),
    }
    print(f"{'request':<18} {'median ms':>10} {'p95 ms':>8}   ({n} requests each, in-process)")
    for name, call in rows.items():
        median, p95 = timed(call, n)
        print(f"{name:<18} {median:>10.2f} {p95:>8.2f}")
    client.get("/me/plan.pdf")  # the first PDF of a process loads WeasyPrint and fonts once
    median, p95 = timed(lambda i: client.get("/me/plan.pdf"), max(5, n // 30))
    print(f"{'GET plan PDF':<18} {median:>10.2f} {p95:>8.2f}")


if __name__ == "__main__":
    main()
