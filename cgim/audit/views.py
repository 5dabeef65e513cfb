"""/team/audit: an organisation's admins read and download who looked at or changed what."""

from flask import Blueprint, Response, render_template, request
from flask_login import current_user

from ..auth.access import admin_required
from ..database import writes_on_read
from ..ecomap.core.formats import csv_line
from ..extensions import db
from . import search, services
from .forms import FilterForm
from .words import words_for

bp = Blueprint("audit", __name__, url_prefix="/team")
PAGE_SIZE = 50
CSV_HEADER = ["time_utc", "staff", "action", "words", "detail", "family", "family_id"]
CSV_HEADER += ["workshop", "workshop_id"]


@bp.app_template_global("audit_words")
def audit_words(action: str, what: str = "") -> str:
    """For any page that lists audit rows: the plain words for one."""
    return words_for(action, what)


def filter_form() -> FilterForm:
    """The filters as the address gives them, with the organisation's staff and workshops."""
    form = FilterForm(formdata=request.args)
    organisation = current_user.organisation_id
    form.set_choices(search.staff_of(organisation), search.workshops_of(organisation))
    return form


def filters_of(form: FilterForm) -> search.Filters:
    """What the valid form asks for."""

    def number(value):
        value = (value or "").strip()
        return int(value) if value.isdigit() and len(value) <= 10 else None

    return search.Filters(
        user_id=number(form.staff.data),
        workshop_id=number(form.workshop.data),
        nickname=(form.nickname.data or "").strip() or None,
        parent_id=number(form.family.data),
        since=form.since.data,
        until=form.until.data,
    )


@bp.get("/audit")
@admin_required
@writes_on_read
def log():
    """The organisation's log, newest first, 50 to a page, with its filters."""
    form = filter_form()
    if not form.validate():
        return render_template("audit/log.html", form=form, page=None, names=None), 400
    organisation = current_user.organisation_id
    query = search.query_for(organisation, filters_of(form))
    page = services.page_of(query, request.args.get("page", 1, type=int), PAGE_SIZE)
    names = search.names_for(organisation, page.events)
    services.record_seen(current_user, "view audit log", None, [])
    db.session.commit()
    return render_template("audit/log.html", form=form, page=page, names=names, args=args())


def args() -> dict:
    """The filters in the address, without the page number (for page links and the CSV)."""
    return {k: v for k, v in request.args.items() if k != "page" and v}


@bp.get("/audit.csv")
@admin_required
@writes_on_read
def log_csv():
    """The filtered log as a spreadsheet-safe CSV file."""
    form = filter_form()
    if not form.validate():
        return render_template("audit/log.html", form=form, page=None, names=None), 400
    organisation = current_user.organisation_id
    lines = [csv_line(CSV_HEADER)]
    for events in search.all_rows(organisation, filters_of(form)):
        names = search.names_for(organisation, events)
        lines += [csv_line(row_of(event, names)) for event in events]
    services.record(current_user, "export audit log")
    db.session.commit()
    return Response(
        "\r\n".join(lines) + "\r\n",
        mimetype="text/csv",
        headers={"Content-Disposition": 'attachment; filename="audit-log.csv"'},
    )


def row_of(event, names: search.Names) -> list:
    """One row of the CSV file."""
    return [
        event.created_at.strftime("%Y-%m-%d %H:%M:%S"),
        event.staff_name,
        event.action,
        words_for(event.action),
        event.what,
        names.family(event) or "",
        event.parent_id,
        names.workshop(event) or "",
        event.workshop_id,
    ]
