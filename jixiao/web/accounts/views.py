"""Signing in and out, the home page each role lands on, and the administrator's pages: the year's
settings (deadline, rulebook) and the region's users."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from jixiao.web.accounts.access import admin_required, membership, own_region_id
from jixiao.web.accounts.models import UNIT_ROLES, Membership, Organisation, Role, YearSettings


def home(request: HttpRequest) -> HttpResponse:
    member = membership(request.user)
    if member is None:
        return redirect("public:index")
    if member.role in UNIT_ROLES:
        return redirect("evaluations:unit_home")
    return redirect("review:board")


class YearForm(forms.ModelForm):
    class Meta:
        model = YearSettings
        fields = ["fiscal_year", "deadline", "rulebook"]
        widgets = {"deadline": forms.DateInput(attrs={"type": "date"})}


@admin_required
def year_settings(request: HttpRequest) -> HttpResponse:
    region_id = own_region_id(request)
    years = YearSettings.objects.filter(region_id=region_id)
    form = YearForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        YearSettings.objects.update_or_create(
            region_id=region_id,
            fiscal_year=form.cleaned_data["fiscal_year"],
            defaults={"deadline": form.cleaned_data["deadline"], "rulebook": form.cleaned_data["rulebook"]},
        )
        messages.success(request, f"已保存{form.cleaned_data['fiscal_year']}年度设置。")
        return redirect("accounts:year_settings")
    return render(request, "accounts/year_settings.html", {"years": years, "form": form})


class UserForm(forms.Form):
    username = forms.CharField(label="登录名", max_length=150)
    full_name = forms.CharField(label="姓名", max_length=150)
    organisation = forms.ModelChoiceField(label="单位", queryset=Organisation.objects.none())
    role = forms.ChoiceField(label="角色", choices=Role.choices)
    password = forms.CharField(label="初始密码", widget=forms.PasswordInput)

    def __init__(self, region_id: int, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["organisation"].queryset = Organisation.objects.filter(region_id=region_id)  # type: ignore[attr-defined]

    def clean_username(self) -> str:
        name = self.cleaned_data["username"]
        if get_user_model().objects.filter(username=name).exists():
            raise ValidationError("该登录名已被使用。")
        return str(name)

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        org, role = data.get("organisation"), data.get("role")
        if org is not None and role is not None:
            unit_role = role in UNIT_ROLES
            if unit_role != (org.kind == Organisation.UNIT):
                raise ValidationError("填报人、单位负责人属于预算单位；财政审核、管理员属于财政局。")
        password = data.get("password")
        if password:
            try:
                validate_password(str(password))
            except ValidationError as exc:
                self.add_error("password", exc)
        return data


@admin_required
def users(request: HttpRequest) -> HttpResponse:
    region_id = own_region_id(request)
    form = UserForm(region_id, request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            user = get_user_model().objects.create_user(
                form.cleaned_data["username"], password=form.cleaned_data["password"],
                first_name=form.cleaned_data["full_name"],
            )  # fmt: skip
            Membership.objects.create(user=user, organisation=form.cleaned_data["organisation"], role=form.cleaned_data["role"])
        messages.success(request, f"已添加用户 {user.username}。")
        return redirect("accounts:users")
    members = Membership.objects.filter(organisation__region_id=region_id).select_related("user", "organisation")
    return render(request, "accounts/users.html", {"members": members.order_by("organisation__name"), "form": form})


@admin_required
@require_POST
def deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    """An administrator switches a user of the region off (or on again); never their own account."""
    member = get_object_or_404(Membership.objects.select_related("user"), pk=pk, organisation__region_id=own_region_id(request))
    if member.user_id != request.user.pk:
        member.user.is_active = not member.user.is_active
        member.user.save(update_fields=["is_active"])
        messages.success(request, f"已{'启用' if member.user.is_active else '停用'}用户 {member.user.username}。")
    return redirect("accounts:users")
