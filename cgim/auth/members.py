"""An admin looks after one colleague's account: role, reset link, deactivate and reactivate."""

from flask import Blueprint, flash, make_response, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..errors import InvalidInput
from ..extensions import db
from ..forms import EmptyForm
from . import lifecycle, resets
from .access import admin_required
from .account_forms import ROLE_WORDS, DeactivateForm, RoleForm
from .announce import announce
from .models import User

bp = Blueprint("members", __name__)


def member_page(member: User, role_form=None, leave_form=None, status: int = 200):
    """One colleague: what they hold, their role, a reset link, and leaving or coming back."""
    admin = current_user._get_current_object()
    takers = lifecycle.takers(admin, member)
    page = render_template(
        "auth/member.html",
        member=member,
        holds=lifecycle.holdings(member),
        role_form=role_form or RoleForm(formdata=None, role=member.role),
        leave_form=leave_form or DeactivateForm(takers, formdata=None, successor=str(admin.id)),
        role_words=ROLE_WORDS,
        is_me=member.id == admin.id,
        last_admin=not lifecycle.keeps_an_admin(member),
    )
    return page, status


@bp.get("/team/<id:user_id>")
@admin_required
def member(user_id: int):
    """The page where an admin manages one colleague's account."""
    return member_page(lifecycle.member_of(current_user, user_id))


@bp.post("/team/<id:user_id>/role")
@admin_required
def role(user_id: int):
    """Give a colleague another role; the organisation keeps at least one admin."""
    member = lifecycle.member_of(current_user, user_id)
    form = RoleForm()
    if form.validate_on_submit():
        try:
            lifecycle.change_role(current_user, member, form.role.data)
        except InvalidInput as problem:
            form.role.errors.append(str(problem.message))
            return member_page(member, role_form=form, status=400)
        db.session.commit()
        words = ROLE_WORDS.get(member.role, member.role)
        flash(_("%(name)s's role is now: %(role)s.", name=member.name, role=words))
    return redirect(url_for("members.member", user_id=member.id))


@bp.post("/team/<id:user_id>/reset-link")
@admin_required
def reset_link(user_id: int):
    """A new one-time link for a colleague to choose a password; it is shown only this once."""
    member = lifecycle.member_of(current_user, user_id)
    if not EmptyForm().validate_on_submit() or not member.is_active:
        return redirect(url_for("members.member", user_id=member.id))
    token, expires = resets.issue(member)
    announce(current_user, "issue reset link", what=member.name)
    db.session.commit()
    page = render_template(
        "auth/reset_link.html", member=member, link=resets.link_for(token), expires=expires
    )
    response = make_response(page)
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/team/<id:user_id>/deactivate")
@admin_required
def deactivate(user_id: int):
    """The colleague is signed out everywhere and cannot sign in; their work passes on."""
    admin = current_user._get_current_object()
    member = lifecycle.member_of(admin, user_id)
    form = DeactivateForm(lifecycle.takers(admin, member))
    if not form.validate_on_submit():
        return redirect(url_for("members.member", user_id=member.id))
    try:
        successor, moved = lifecycle.deactivate(admin, member, form.successor_id())
    except InvalidInput as problem:
        form.successor.errors.append(str(problem.message))
        return member_page(member, leave_form=form, status=400)
    db.session.commit()
    flash(_("%(name)s's account is deactivated and signed out everywhere.", name=member.name))
    if moved:
        flash(_("Passed to %(name)s: %(what)s.", name=successor.name, what=", ".join(moved)))
    return redirect(url_for("members.member", user_id=member.id))


@bp.post("/team/<id:user_id>/reactivate")
@admin_required
def reactivate(user_id: int):
    """The colleague may sign in again."""
    member = lifecycle.member_of(current_user, user_id)
    if EmptyForm().validate_on_submit():
        lifecycle.reactivate(current_user, member)
        db.session.commit()
        flash(_("%(name)s can sign in again.", name=member.name))
    return redirect(url_for("members.member", user_id=member.id))
