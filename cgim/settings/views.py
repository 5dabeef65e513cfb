"""Each organisation's settings page, for its admins: name, retention, help lines, worry sign.

Everything here reads and writes the signed-in admin's own organisation only: no id is ever
taken from the request, so there is nothing of another organisation to ask for.
"""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..audit import services as audit
from ..auth import organisations
from ..auth import services as accounts
from ..auth.access import MANAGE_ORGANISATION, requires
from ..contacts import services as contacts
from ..errors import InvalidInput
from ..extensions import db
from .forms import NameForm, RetentionForm, WorryFlagForm

bp = Blueprint("settings", __name__, url_prefix="/team/settings")


def settings_page(name=None, retention=None, flag=None, status: int = 200):
    """The page with its three forms: one may come back with what was typed and its errors."""
    organisation = current_user.organisation
    on = organisation.flag_serious_worries
    page = render_template(
        "settings/page.html",
        organisation=organisation,
        name_form=name or NameForm(formdata=None, obj=organisation),
        retention=retention or RetentionForm(formdata=None, obj=organisation),
        flag_form=flag or WorryFlagForm(formdata=None, flag="on" if on else "off"),
        flag_on=on,
        help_lines=contacts.for_organisation(organisation.id),
    )
    return page, status


def saved(action: str, message: str, what: str = ""):
    """Log the change, commit it, say so, and go back to the page."""
    audit.record(current_user, action, what=what)
    db.session.commit()
    flash(message)
    return redirect(url_for("settings.page"))


@bp.get("")
@requires(MANAGE_ORGANISATION)
def page():
    """The organisation's settings, each with its own form."""
    return settings_page()


@bp.post("/name")
@requires(MANAGE_ORGANISATION)
def name():
    """Rename the organisation."""
    form = NameForm()
    if form.validate_on_submit():
        try:
            organisations.rename(current_user.organisation, form.name.data)
        except InvalidInput as problem:
            form.name.errors.append(str(problem.message))
        else:
            return saved("change settings", _("Saved. Staff now see the new name."), "name")
    return settings_page(name=form, status=400)


@bp.post("/retention")
@requires(MANAGE_ORGANISATION)
def retention():
    """How long the organisation keeps parents' data, resume codes and audit rows."""
    form = RetentionForm()
    if form.validate_on_submit():
        try:
            accounts.set_retention(
                current_user.organisation,
                form.keep_parents_days.data,
                form.resume_days.data,
                form.keep_audit_days.data,
            )
        except InvalidInput as problem:
            getattr(form, problem.field).errors.append(str(problem.message))
        else:
            return saved(
                "change retention",
                _("Saved. Data older than this is deleted when cgim purge next runs."),
            )
    return settings_page(retention=form, status=400)


@bp.post("/serious-worries")
@requires(MANAGE_ORGANISATION)
def serious_worries():
    """Whether a serious worry shows staff the discreet, unnamed sign; the consent screen says."""
    form = WorryFlagForm()
    if form.validate_on_submit():
        contacts.set_flag_serious_worries(current_user.organisation_id, form.flag.data == "on")
        return saved(
            "change worry sign",
            _("Saved. The consent screen now tells parents what staff see."),
            form.flag.data,
        )
    return settings_page(flag=form, status=400)
