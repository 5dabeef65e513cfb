"""The `cgim` command: serve, database, accounts, retention, content checks and eco-map tools."""

import sys

import click

from .auth.models import ROLES
from .content.loader import ContentError
from .ecomap.cli import ecomap

USAGE_ERROR = 2


@click.group(help="cgim: caregiver-initiated mentoring workshops.")
def cli():
    """Top-level command group."""


def make_app():
    """Create the app, turning content errors into a one-line command error."""
    from . import create_app

    given = handed_in_app()
    if given is not None:
        return given
    try:
        return create_app()
    except ContentError as exc:
        raise click.ClickException(
            f"content is invalid: {exc.problems[0]} "
            f"(run 'cgim content check' for all {len(exc.problems)})"
        ) from None


def handed_in_app():
    """The app Flask's test runner (`app.test_cli_runner()`) hands a command, if any.

    Its database is already set up by whoever made it, so no migration runs on it.
    """
    from flask.cli import ScriptInfo

    context = click.get_current_context(silent=True)
    info = context.find_object(ScriptInfo) if context else None
    return info.load_app() if info is not None else None


def upgrade_database(app) -> None:
    """Create or upgrade the schema; several processes starting at once take turns."""
    from flask_migrate import upgrade

    from .migration_lock import migration_lock

    if app is handed_in_app():
        return
    with app.app_context(), migration_lock(app):
        upgrade()


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1, 64))
@click.option(
    "--connection-limit",
    default=1000,
    show_default=True,
    type=click.IntRange(10, 10000),
    help="Open connections at once (every tablet keeps one open).",
)
def serve(host: str, port: int, threads: int, connection_limit: int):
    """Serve the app with waitress (database created or upgraded first); log each request."""
    from waitress import serve as waitress_serve

    from .request_log import RequestLog, log_to_stderr

    app = make_app()
    upgrade_database(app)
    log_to_stderr()
    click.echo(f"cgim is running on http://{host}:{port}/  (Ctrl+C to stop)")
    waitress_serve(
        RequestLog(app),
        host=host,
        port=port,
        threads=threads,
        connection_limit=connection_limit,
        ident="cgim",
    )


@cli.group()
def db():
    """Database schema."""


@db.command("upgrade")
def db_upgrade():
    """Create or upgrade the database schema."""
    upgrade_database(make_app())
    click.echo("Database is up to date.")


@cli.group()
def org():
    """Organisations: each agency's staff and families are kept apart from every other's."""


@org.command("create")
@click.argument("name")
def org_create(name: str):
    """Add an organisation and print its id; then `cgim create-user --organisation NAME`."""
    from .auth.cli import add_organisation

    app = make_app()
    upgrade_database(app)
    with app.app_context():
        click.echo(add_organisation(name))


@org.command("list")
def org_list():
    """Every organisation: its id, a tab, its name."""
    from .auth.cli import list_organisations

    app = make_app()
    upgrade_database(app)
    with app.app_context():
        for line in list_organisations():
            click.echo(line)


@cli.command("create-user")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option("--role", type=click.Choice(ROLES), default="facilitator", show_default=True)
@click.option(
    "--organisation",
    help="Organisation name or id (made by `cgim org create`; created if there is none yet).",
)
@click.password_option(envvar="CGIM_NEW_PASSWORD", help="Or set CGIM_NEW_PASSWORD.")
def create_user(email: str, name: str, role: str, organisation: str | None, password: str):
    """Add a staff account."""
    from .auth.cli import add_account

    app = make_app()
    upgrade_database(app)
    with app.app_context():
        click.echo(add_account(email, name, role, organisation, password))


@cli.command("reset-password")
@click.argument("email")
@click.option("--organisation", default=None, help="Name or id, when the e-mail is in several.")
def reset_password(email: str, organisation: str | None):
    """Print a one-time link (24 hours) for this account to choose a new password.

    The link starts with CGIM_PUBLIC_URL (else http://127.0.0.1:5000); hand it over yourself.
    """
    from .auth.cli import CommandError, named_or_numbered
    from .auth.resets import for_email
    from .errors import InvalidInput

    app = make_app()
    upgrade_database(app)
    with app.app_context():
        try:
            where = named_or_numbered(organisation, True).id if organisation else None
            click.echo(for_email(email, where))
        except InvalidInput as problem:
            raise CommandError(str(problem.message)) from None


@cli.command()
@click.option("--dry-run", is_flag=True, help="Count what would go; delete nothing.")
def purge(dry_run: bool):
    """Delete what is past each organisation's retention period; print counts per kind."""
    from .retention import purge as run_purge

    app = make_app()
    upgrade_database(app)
    with app.app_context():
        counts = run_purge(dry_run=dry_run)
    for kind, number in counts.items():
        click.echo(f"{kind}: {number}")
    if dry_run:
        click.echo("Dry run: nothing was deleted.")


@cli.group()
def content():
    """Workshop content."""


@content.command("check")
@click.argument("directory", required=False, type=click.Path(file_okay=False, exists=True))
def content_check(directory: str | None):
    """Validate content; exit 0, or 1 listing every problem."""
    from .content.library import load_library
    from .paths import content_dir

    try:
        library = load_library(directory or content_dir())
    except ContentError as exc:
        for problem in exc.problems:
            click.echo(problem, err=True)
        click.echo(f"{len(exc.problems)} problem(s) found.", err=True)
        sys.exit(1)
    for code, language in library.languages.items():
        steps = sum(len(m.steps) for m in language.modules.values())
        click.echo(
            f"{code}: {len(language.formats)} formats, {len(language.modules)} modules, "
            f"{steps} steps: OK"
        )


def main() -> None:
    """Entry point: bad input prints one line and exits 2, never a traceback."""
    cli.add_command(ecomap)
    try:
        # Without standalone mode click returns the exit code of ctx.exit() instead of exiting.
        code = cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(1)
    except click.ClickException as exc:
        click.echo(f"Error: {exc.format_message()}", err=True)
        sys.exit(USAGE_ERROR)
    sys.exit(code if isinstance(code, int) else 0)
