"""The access helpers: every view asks these, never checks a role or an organisation itself.

- `role_required(*roles)`: a view decorator. Anonymous visitors go to the login page; a signed-in user
  without one of the roles gets 403.
- `evaluations_for(user)`: the evaluations a user may see (a unit its own; a bureau its region's, once
  reported). Views look objects up in this queryset, so another tenant's object is a 404, never a 403
  that would confirm it exists.
- `get_evaluation_for_user(request, pk)`: that lookup.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from jixiao.web.accounts.models import BUREAU_ROLES, UNIT_ROLES, Membership, Organisation, Region, Role

if TYPE_CHECKING:
    from jixiao.web.evaluations.models import Evaluation

View = Callable[..., HttpResponse]


def membership(user: Any) -> Membership | None:
    """The user's membership: read with a signed-in user (accounts/backends.py), else looked up once."""
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        found: Membership = user.membership
    except Membership.DoesNotExist:
        return None
    return found


def role_required(*roles: str) -> Callable[[View], View]:
    def decorate(view: View) -> View:
        @wraps(view)
        def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            member = membership(request.user)
            if member is None or member.role not in roles:
                raise PermissionDenied("您的角色无权访问此页面。")
            return view(request, *args, **kwargs)

        guarded.roles = roles  # type: ignore[attr-defined]  # read by the tests' URL table
        return guarded

    return decorate


unit_member_required = role_required(*UNIT_ROLES)
preparer_required = role_required(Role.PREPARER)
bureau_required = role_required(*BUREAU_ROLES)
reviewer_required = role_required(Role.REVIEWER)
admin_required = role_required(Role.ADMIN)


def evaluations_for(user: Any) -> QuerySet[Evaluation]:
    from jixiao.web.evaluations.models import BUREAU_VISIBLE, Evaluation

    member = membership(user)
    everything = Evaluation.objects.select_related("unit__region")
    if member is None:
        return everything.none()
    if member.role in UNIT_ROLES:
        return everything.filter(unit_id=member.organisation_id)
    return everything.filter(unit__region_id=member.organisation.region_id, state__in=BUREAU_VISIBLE)


def get_evaluation_for_user(request: HttpRequest, pk: int) -> Evaluation:
    return get_object_or_404(evaluations_for(request.user), pk=pk)


def own_unit(request: HttpRequest) -> Organisation:
    """The unit of a unit member (views under `unit_member_required` only)."""
    member = membership(request.user)
    assert member is not None and member.role in UNIT_ROLES
    return member.organisation


def own_region_id(request: HttpRequest) -> int:
    return own_region(request).pk


def own_region(request: HttpRequest) -> Region:
    """The user's region, as read with the membership at the start of this request."""
    member = membership(request.user)
    assert member is not None
    return member.organisation.region


def membership_context(request: HttpRequest) -> dict[str, Any]:
    """`membership` in every template, for the navigation."""
    return {"membership": membership(getattr(request, "user", None))}


def published_evaluations() -> QuerySet[Evaluation]:
    """What the public may read: published evaluations only, of any region."""
    from jixiao.web.evaluations.models import Evaluation, State

    return Evaluation.objects.select_related("unit__region").filter(state=State.PUBLISHED)
