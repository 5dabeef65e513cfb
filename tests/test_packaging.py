"""The wheel runs: it holds the templates, static files, content, config and migrations, and a
fresh install serves the app from an unrelated folder (not from this checkout).

The venv borrows the dependencies from the running Python (--system-site-packages) and gets
only the wheel itself (--no-deps), so the whole round trip takes seconds, offline.
"""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ("templates", "static", "content")  # top-level folders the wheel bundles
BUNDLED = "cgim/bundled/"
START_TIMEOUT = 30
PASSWORD = "a long enough password"


def run(args: list, **kwargs) -> subprocess.CompletedProcess:
    """Run a command; fail with its output if it fails."""
    done = subprocess.run(args, capture_output=True, text=True, timeout=180, **kwargs)
    assert done.returncode == 0, f"{args} failed:\n{done.stdout}\n{done.stderr}"
    return done


def files_of_the_checkout(*folders: str) -> list[str]:
    """Files git tracks or would track (ignored ones left out) under folders, that exist now."""
    listed = run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", *folders], cwd=ROOT
    ).stdout.split()
    return sorted(path for path in listed if (ROOT / path).is_file())


def free_port() -> int:
    """A port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel built from this checkout, as `pip wheel` builds it."""
    out = tmp_path_factory.mktemp("wheel")
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(ROOT)])
    [built] = out.glob("cgim-*.whl")
    return built


@pytest.fixture(scope="module")
def names(wheel) -> set[str]:
    """Every file in the wheel."""
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def test_the_wheel_holds_every_template_static_and_content_file(names):
    expected = [BUNDLED + path for path in files_of_the_checkout(*SHIPPED)]
    assert BUNDLED + "templates/base.html" in expected
    assert BUNDLED + "content/en/formats.yaml" in expected
    assert any(p.startswith(BUNDLED + "static/css/") for p in expected)
    assert any(p.startswith(BUNDLED + "static/js/") for p in expected)
    assert sorted(set(expected) - names) == []
    assert BUNDLED + "config.py" in names


def test_the_wheel_holds_the_code_migrations_and_translations(names):
    code = [p for p in files_of_the_checkout("cgim") if not p.startswith(BUNDLED)]
    migrations = [p for p in code if p.startswith("cgim/migrations/versions/")]
    assert migrations and all(p.endswith(".py") for p in migrations)
    assert any(p.startswith("cgim/translations/") for p in code)
    for needed in ("cgim/migrations/env.py", "cgim/migrations/alembic.ini", "cgim/cli.py"):
        assert needed in code
    assert sorted(set(code) - names) == []
    # Only the package: no checkout folders at the top of site-packages, no tests.
    assert {name.split("/")[0] for name in names} == {"cgim", "cgim-0.1.0.dist-info"}


@pytest.fixture(scope="module")
def venv(wheel, tmp_path_factory) -> Path:
    """A fresh venv with the wheel installed (dependencies come from the running Python)."""
    home = tmp_path_factory.mktemp("venv") / "env"
    run([sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", str(home)])
    python = home / "bin" / "python"
    run([str(python), "-m", "pip", "install", "--no-deps", "--quiet", str(wheel)])
    return home


@pytest.fixture(scope="module")
def elsewhere(tmp_path_factory, venv) -> tuple[Path, dict]:
    """An unrelated folder to run from, and an environment that knows nothing of the checkout."""
    folder = tmp_path_factory.mktemp("elsewhere")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CGIM_", "PYTHON", "FLASK_"))}
    env.update(
        CGIM_DATABASE_URL=f"sqlite:///{folder / 'cgim.sqlite3'}",
        CGIM_SECRET_KEY="packaging-test",
        CGIM_NEW_PASSWORD=PASSWORD,
        PATH=f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}",
    )
    return folder, env


def test_the_venv_imports_the_wheel_not_the_checkout(venv, elsewhere):
    folder, env = elsewhere
    script = (
        "import json, cgim, cgim.paths as p; print(json.dumps([cgim.__file__, str(p.TEMPLATES),"
        " str(p.STATIC), str(p.CONTENT), str(p.CONFIG), str(p.MIGRATIONS)]))"
    )
    where = json.loads(
        run([str(venv / "bin" / "python"), "-c", script], cwd=folder, env=env).stdout
    )
    site = (venv / "lib").resolve()
    for path in where:
        assert Path(path).resolve().is_relative_to(site), path
        assert not Path(path).resolve().is_relative_to(ROOT), path
    assert "bundled" in where[1] and "bundled" in where[3]


def fetch(url: str) -> tuple[int, str, bytes]:
    """(status, content type, body) of a GET, without following redirects' pages."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - our own server
            return response.status, response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.headers.get_content_type(), error.read()


@pytest.fixture(scope="module")
def served(venv, elsewhere):
    """`cgim serve` from the venv, started in the unrelated folder; stopped afterwards."""
    folder, env = elsewhere
    cgim = str(venv / "bin" / "cgim")
    # The first account: the command line from the wheel, and the migrations it ships.
    account = ["--email", "ada@example.org", "--name", "Ada", "--role", "admin"]
    run([cgim, "create-user", *account, "--organisation", "Centre"], cwd=folder, env=env)
    port = free_port()
    server = subprocess.Popen(
        [cgim, "serve", "--port", str(port)],
        cwd=folder,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            assert server.poll() is None, f"cgim serve stopped:\n{server.stdout.read()}"
            try:
                if fetch(base + "/healthz")[0] == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "cgim serve did not answer in time"
            time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)
        server.stdout.close()


@pytest.mark.parametrize("path", ["/", "/join", "/login"])
def test_the_installed_app_serves_its_pages(served, path):
    status, kind, body = fetch(served + path)
    assert (status, kind) == (200, "text/html")
    page = body.decode()
    assert '<link rel="stylesheet" href="/static/css/app.css">' in page
    assert "</html>" in page


def test_the_installed_app_reports_healthy(served):
    status, kind, body = fetch(served + "/healthz")
    assert (status, kind) == (200, "application/json")
    assert json.loads(body) == {"status": "ok", "database": "ok", "dialect": "sqlite"}


@pytest.mark.parametrize(
    ("path", "kinds"),
    [
        ("css/app.css", {"text/css"}),
        # Python's table says text/javascript; older system tables say application/javascript.
        ("js/autosave.js", {"text/javascript", "application/javascript"}),
    ],
)
def test_the_installed_app_serves_the_real_static_files(served, wheel, path, kinds):
    status, kind, body = fetch(f"{served}/static/{path}")
    assert status == 200
    assert kind in kinds
    with zipfile.ZipFile(wheel) as archive:
        shipped = archive.read(f"{BUNDLED}static/{path}")
    assert body == shipped
    assert len(body) > 1000
    assert fetch(f"{served}/static/no-such-file.css")[0] == 404
