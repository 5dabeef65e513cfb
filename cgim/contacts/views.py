"""Admins enter their help lines; what staff see after a serious worry is set in cgim/settings."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import RadioField, StringField
from wtforms.validators import DataRequired, Length, Optional, Regexp

from ..audit import services as audit
from ..auth.access import admin_required
from ..extensions import db
from ..forms import EmptyForm, Form, choices
from . import services

bp = Blueprint("contacts", __name__, url_prefix="/team/contacts")


class ContactForm(Form):
    """One help line: local (shown first) or the national fallback."""

    name = StringField(
        _l("Name of the service"),
        validators=[DataRequired(_l("Please type a name.")), Length(max=120)],
    )
    phone = StringField(
        _l("Phone number"),
        validators=[
            Optional(),
            Length(max=40),
            Regexp(r"^[0-9+() \-]*$", message=_l("Please use digits, spaces, +, ( ) and - only.")),
        ],
    )
    description = StringField(_l("What it is for"), validators=[Optional(), Length(max=300)])
    kind = RadioField(
        _l("Which kind of line"),
        choices=choices(
            [
                (services.LOCAL, _l("Local: shown first")),
                (services.NATIONAL, _l("National fallback: shown after the local lines")),
            ]
        ),
        default=services.LOCAL,
    )


@bp.app_template_global()
def serious_worry_flag(organisation_id: int | None) -> bool:
    """For the consent screen: does this organisation show staff the unnamed sign?"""
    return services.flags_serious_worries(organisation_id)


@bp.app_template_global()
def no_help_lines() -> bool:
    """For staff pages: the signed-in staff member's organisation has no help line yet."""
    return current_user.is_authenticated and not services.has_help_lines(
        current_user.organisation_id
    )


@bp.route("/", methods=["GET", "POST"])
@admin_required
def index():
    """The organisation's help lines and a form to add one (the serious-worry sign: settings)."""
    org_id = current_user.organisation_id
    form = ContactForm()
    if form.validate_on_submit():
        data = form.data
        services.add(
            org_id, data["name"], data["phone"] or "", data["description"] or "", data["kind"]
        )
        audit.record(current_user, "add help line", what=data["name"])
        db.session.commit()
        flash(_("Contact added. Parents see it on the safety screens and in their plan."))
        return redirect(url_for("contacts.index"))
    on = services.flags_serious_worries(org_id)
    return render_template(
        "contacts/index.html",
        form=form,
        flag_on=on,
        contacts=services.for_organisation(org_id),
        remove_form=EmptyForm(),
    )


@bp.route("/<id:contact_id>/edit", methods=["GET", "POST"])
@admin_required
def edit(contact_id: int):
    """Change a help line's name, number, words or kind."""
    contact = services.get(current_user.organisation_id, contact_id) or abort(404)
    form = ContactForm(obj=contact)
    if form.validate_on_submit():
        data = form.data
        services.change(
            contact, data["name"], data["phone"] or "", data["description"] or "", data["kind"]
        )
        audit.record(current_user, "edit help line", what=data["name"])
        db.session.commit()
        flash(_("Contact saved."))
        return redirect(url_for("contacts.index"))
    return render_template("contacts/edit.html", form=form, contact=contact)


@bp.post("/<id:contact_id>/remove")
@admin_required
def remove(contact_id: int):
    """Remove a contact (another organisation's, or none, is 404: its existence stays private)."""
    services.get(current_user.organisation_id, contact_id) or abort(404)
    if EmptyForm().validate_on_submit():
        services.remove(current_user.organisation_id, contact_id)
        audit.record(current_user, "remove help line", what=str(contact_id))
        db.session.commit()
        flash(_("Contact removed."))
    return redirect(url_for("contacts.index"))
