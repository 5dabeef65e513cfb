"""Admins enter their local help lines and reporting contacts."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length, Optional, Regexp

from ..auth.access import admin_required
from ..extensions import db
from ..forms import EmptyForm
from . import services

bp = Blueprint("contacts", __name__, url_prefix="/team/contacts")


class ContactForm(FlaskForm):
    """One local contact."""

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


@bp.route("/", methods=["GET", "POST"])
@admin_required
def index():
    """The organisation's contacts, and a form to add one."""
    form = ContactForm()
    if form.validate_on_submit():
        services.add(
            current_user.organisation_id,
            form.name.data,
            form.phone.data or "",
            form.description.data or "",
        )
        db.session.commit()
        flash(_("Contact added. Parents see it on the safety screens and in their plan."))
        return redirect(url_for("contacts.index"))
    contacts = services.for_organisation(current_user.organisation_id)
    return render_template(
        "contacts/index.html", form=form, contacts=contacts, remove_form=EmptyForm()
    )


@bp.post("/<id:contact_id>/remove")
@admin_required
def remove(contact_id: int):
    """Remove a contact."""
    if EmptyForm().validate_on_submit():
        services.remove(current_user.organisation_id, contact_id)
        db.session.commit()
        flash(_("Contact removed."))
    return redirect(url_for("contacts.index"))
