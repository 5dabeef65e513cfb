"""Sending the barrage: one request at a time, every 500 and raised exception kept with the
request that caused it, grouped by root cause (exception type and the app line it came from)."""

import io
import time
import traceback
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

ROOT = Path(__file__).resolve().parent.parent
APP_CODE = str(ROOT / "cgim")


def short(value) -> str:
    """A value as Python source, long values shortened so a repro stays readable."""
    if isinstance(value, bytes | str) and len(value) > 120:
        if len(set(value[:2000])) == 1:
            return f"{value[:1]!r} * {len(value)}"
        return f"{value[:60]!r} + ...({len(value)} long)"
    return repr(value)


@dataclass
class Request:
    """One request as the barrage sends it; `describe()` is its repro."""

    state: str
    method: str
    path: str
    form: list[tuple[str, str]] | None = None
    body: bytes | None = None
    content_type: str | None = None
    files: dict[str, tuple[bytes, str]] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    why: str = ""

    def describe(self) -> str:
        """The request as a test-client call, for the failure list."""
        parts = [short(self.path)]
        if self.form is not None:
            parts.append("data=[" + ", ".join(f"({n!r}, {short(v)})" for n, v in self.form) + "]")
        for name, (content, filename) in self.files.items():
            parts.append(f"file {name}=({short(content)}, {filename!r})")
        if self.body is not None:
            parts.append(f"data={short(self.body)}")
        if self.content_type:
            parts.append(f"content_type={self.content_type!r}")
        if self.headers:
            parts.append(f"headers={self.headers!r}")
        call = f"[{self.state}] {self.method} " + ", ".join(parts)
        return call + (f"  # {self.why}" if self.why else "")

    def size(self) -> int:
        return len(self.describe())

    def send(self, client):
        """Send it with a test client (multipart built in memory: no temporary file left open)."""
        kwargs: dict = {"method": self.method, "headers": self.headers}
        if self.body is not None:
            kwargs["data"] = self.body
        elif self.files:
            data = MultiDict(self.form or [])
            for name, (content, filename) in self.files.items():
                data.add(name, FileStorage(io.BytesIO(content), filename))
            boundary, body = encode_multipart(data)
            kwargs["data"] = body
            kwargs["content_type"] = f"multipart/form-data; boundary={boundary}"
        elif self.form is not None:
            kwargs["data"] = MultiDict(self.form)
        if self.content_type:
            kwargs["content_type"] = self.content_type
        return client.open(self.path, **kwargs)


def app_frame(tb) -> str:
    """file:line of the deepest frame in the app's own code (else the deepest frame)."""
    frames = traceback.extract_tb(tb)
    mine = [f for f in frames if f.filename.startswith(APP_CODE)] or frames
    frame = mine[-1]
    name = frame.filename
    return f"{Path(name).relative_to(ROOT) if name.startswith(str(ROOT)) else name}:{frame.lineno}"


@dataclass
class Failure:
    """One root cause: how often, a sample message and the smallest request that caused it."""

    key: str
    message: str
    count: int
    smallest: Request
    trace: str
    first: Request  # the first time: for a stored value, the read right after the write
    writes: list[Request]  # the writes that went through just before it (a stored value?)


class Barrage:
    """Counts hostile requests and collects failures by root cause."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.sent = 0
        self.failures: dict[str, Failure] = {}
        self.spent: Counter = Counter()  # seconds per method and path, to see what is slow
        self.calls: Counter = Counter()
        self.statuses: dict[str, Counter] = defaultdict(Counter)  # 2xx, 3xx, 4xx per path
        self.checked = 0  # requests that only look (crawling, checking afterwards)
        self.writes: list[Request] = []  # every write that went through, in order
        self.fine_until: dict[str, int] = {}  # per page: how many writes it last opened after

    def send(self, client, request: Request, hostile: bool = True):
        """The response, or None when the app raised (the exception is recorded)."""
        self.sent += hostile
        self.checked += not hostile
        where = f"{request.method} {request.path.split('?')[0][:50]}"
        self.calls[where] += 1
        started = time.perf_counter()
        try:
            response = request.send(client)
        except Exception as error:  # every escaped exception is a finding
            self.spent[where] += time.perf_counter() - started
            self.record_error(error, request, looking=not hostile)
            return None
        self.spent[where] += time.perf_counter() - started
        self.statuses[f"{request.state:9} {where}"][response.status_code // 100] += hostile
        if response.status_code >= 500:
            message = response.get_data(as_text=True)[:300]
            key = f"HTTP {response.status_code} from {where}"
            self.record(key, message, request, "", looking=not hostile)
        elif hostile and request.method != "GET" and response.status_code < 400:
            self.writes.append(request)
        elif not hostile and response.status_code == 200:
            self.fine_until[request.path] = len(self.writes)
        return response

    def record_error(self, error: BaseException, request: Request, looking=False) -> None:
        """An exception, keyed by its type and the app line it came from."""
        key = f"{type(error).__name__} at {app_frame(error.__traceback__)}"
        trace = "".join(traceback.format_exception(error, limit=-6))
        self.record(key, str(error)[:300], request, trace, looking)

    def get(self, client, state: str, url: str, why: str):
        """A plain look at a page (not counted as hostile); None if it failed."""
        return self.send(client, Request(state, "GET", url, why=why), hostile=False)

    def record(self, key: str, message: str, request: Request, trace: str, looking=False) -> None:
        """Count a failure under its root cause; a plain look that fails names the writes
        since that page last opened (one of them stored what it cannot show)."""
        found = self.failures.get(key)
        if found is None:
            since = self.fine_until.get(request.path, 0) if looking else len(self.writes)
            writes = self.writes[since:]
            self.failures[key] = Failure(key, message, 1, request, trace, request, writes)
            return
        found.count += 1
        if request.size() < found.smallest.size():
            found.smallest = request

    def report(self) -> str:
        """Distinct root causes, most frequent first, each with its smallest repro."""
        lines = [
            f"{len(self.failures)} distinct failures in {self.sent} requests, seed {self.seed}"
        ]
        for failure in sorted(self.failures.values(), key=lambda f: -f.count):
            lines.append(f"\n{failure.key}  ({failure.count}x): {failure.message[:200]}")
            lines.append(f"  repro: {failure.smallest.describe()[:600]}")
            if failure.first is not failure.smallest:
                lines.append(f"  first: {failure.first.describe()[:700]}")
            if failure.writes:
                lines.append(f"  {len(failure.writes)} writes since that page last opened:")
            for write in failure.writes[-8:]:
                lines.append(f"    {write.describe()[:400]}")
            if failure.trace:
                lines.append("  " + failure.trace.strip().replace("\n", "\n  ")[-1500:])
        return "\n".join(lines)

    def profile(self, statuses: bool = False) -> str:
        """Where the time went (slowest paths), and with `statuses` the answers per path."""
        lines = [f"  {t:6.2f} s {self.calls[k]:5d}x {k}" for k, t in self.spent.most_common(12)]
        if statuses:
            lines += [
                f"  {k:70} {dict(sorted(c.items()))}" for k, c in sorted(self.statuses.items())
            ]
        return "\n".join(lines)
