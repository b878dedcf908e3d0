"""The Django admin for user accounts, and the confirm-with-a-reason step other admins share."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.views.main import ChangeList
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponseBase
from django.template.response import TemplateResponse
from django.urls import reverse

from accounts import quotas
from accounts.forms import AdminLoginForm, AdminPasswordChangePageForm
from accounts.models import User
from accounts.permissions import user_is_administrator
from accounts.selectors import (
    UsageReport,
    quota_defaults_get,
    quota_overrides_get,
    usage_get,
    usage_reports_get,
)
from accounts.services import (
    user_admin_update,
    user_restore,
    user_soft_delete,
    user_two_factor_reset,
)
from accounts.usage import quota_override_update
from accounts.views import ThrottledPasswordChangeView
from storygen.exceptions import ApplicationError

# The admin's login goes through the sign-in throttle like every other door.
admin.site.login_form = AdminLoginForm
admin.site.site_header = "Storygen administration"
admin.site.site_title = "Storygen admin"
admin.site.index_title = "Administration"
# Access is the admin role (kept equal to staff and superuser), not groups or permissions.
if admin.site.is_registered(Group):
    admin.site.unregister(Group)

REASON_MAX_LENGTH = 1000


def _password_change(
    request: HttpRequest, extra_context: dict[str, Any] | None = None
) -> HttpResponseBase:
    """The Django admin's own "Change password" page, with the current password checked
    through the sign-in throttle like every other door (Django's site has no setting for
    the form of this page, so the page is replaced)."""
    site = admin.site
    request.current_app = site.name
    options: dict[str, Any] = {
        "form_class": AdminPasswordChangePageForm,
        "success_url": reverse("admin:password_change_done", current_app=site.name),
        "extra_context": {**site.each_context(request), **(extra_context or {})},
    }
    if site.password_change_template is not None:
        options["template_name"] = site.password_change_template
    return ThrottledPasswordChangeView.as_view(**options)(request)


admin.site.password_change = _password_change  # type: ignore[method-assign, assignment]


def admin_actor(request: HttpRequest) -> User:
    """The administrator behind an admin request: the site lets staff in, and an action is
    taken only by an account ``user_is_administrator`` accepts."""
    if not isinstance(request.user, User) or not user_is_administrator(request.user):
        raise PermissionDenied
    return request.user


# --- Actions that ask for a reason and change all or nothing ---------------------------------


class ActionReasonForm(forms.Form):
    """The reason an administrator gives for an action; it goes into the audit log."""

    reason = forms.CharField(
        label="Reason",
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text="Kept in the moderation audit log with your name.",
    )

    def __init__(self, *args: Any, reason_required: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = reason_required


class _Refused(Exception):
    """Rolls back a batch action when one of its objects was refused."""


#: How many changed objects an action's message names before "and N more".
NAMES_SHOWN = 5


def apply_to_each(
    request: HttpRequest,
    objects: Iterable[models.Model],
    act: Callable[[Any], object],
    *,
    done: str,
) -> bool:
    """Call ``act`` on every object in one transaction; any refusal undoes the whole batch.

    A refusal (an ApplicationError from the service) becomes an error message naming each
    refused object, and nothing is changed; otherwise ``done`` is shown, its ``{names}``
    naming what changed. Returns whether the batch was applied.
    """
    refusals: list[str] = []
    changed: list[str] = []
    try:
        with transaction.atomic():
            for obj in objects:
                try:
                    act(obj)
                    changed.append(f"“{obj}”")
                except ApplicationError as exc:
                    refusals.append(f"{obj}: {exc.message}")
            if refusals:
                raise _Refused
    except _Refused:
        messages.error(request, "Nothing was changed. " + " ".join(refusals))
        return False
    shown = ", ".join(changed[:NAMES_SHOWN])
    if len(changed) > NAMES_SHOWN:
        shown += f" and {len(changed) - NAMES_SHOWN} more"
    messages.success(request, done.format(names=shown))
    return True


def confirm_with_reason(
    modeladmin: admin.ModelAdmin[Any],
    request: HttpRequest,
    queryset: QuerySet[Any],
    *,
    title: str,
    apply: Callable[[str], object],
    reason_required: bool = True,
) -> TemplateResponse | None:
    """An admin action's intermediate page: list the selection and ask for a reason.

    On the confirming POST with a valid reason, calls ``apply(reason)`` and returns None
    (the admin goes back to the change list); otherwise renders the page.
    """
    if request.POST.get("post"):
        form = ActionReasonForm(request.POST, reason_required=reason_required)
        if form.is_valid():
            apply(form.cleaned_data["reason"])
            return None
    else:
        form = ActionReasonForm(reason_required=reason_required)
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": title,
        "subtitle": None,
        "opts": modeladmin.model._meta,
        "queryset": queryset,
        "form": form,
        "action": request.POST.get("action", ""),
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "media": modeladmin.media,
    }
    return TemplateResponse(request, "admin/action_reason.html", context)


# --- Users -----------------------------------------------------------------------------------


def _limit_field(rule: quotas.QuotaRule) -> forms.IntegerField:
    return forms.IntegerField(
        label=rule.label, required=False, min_value=0, max_value=quotas.QUOTA_MAX
    )


class UserAdminChangeForm(UserChangeForm):
    """Edits username, email, role and active flag through ``user_admin_update``.

    The service runs as the last step of validation (inside the admin view's transaction),
    so its refusals — acting on one's own account, the last admin, a name or address
    already taken — become form errors and nothing is saved. The service, not the model,
    checks names and addresses, ignoring case.
    """

    reason = forms.CharField(
        label="Reason for the change",
        required=False,
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
        help_text="Optional; kept in the moderation audit log.",
    )
    concurrent_runs = _limit_field(quotas.CONCURRENT_RUNS)
    stories_per_day = _limit_field(quotas.STORIES_PER_DAY)
    pictures_per_day = _limit_field(quotas.PICTURES_PER_DAY)
    rewrites_per_day = _limit_field(quotas.REWRITES_PER_DAY)
    #: The administrator making the change; set by UserAdmin.get_form.
    actor: User | None = None

    SERVICE_FIELDS = ("username", "email", "role", "is_active")
    QUOTA_FIELDS = tuple(rule.override for rule in quotas.RULES)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        username = self.fields.get("username")
        if username is not None:
            username.validators.append(User.username_validator)
        defaults = quota_defaults_get()
        own = quota_overrides_get(user=self.instance) if self.instance.pk else {}
        for name in self.QUOTA_FIELDS:
            field = self.fields[name]
            field.initial = own.get(name)
            field.help_text = f"Empty: the default ({defaults[name]}). 0: none allowed."

    def quota_changes(self) -> dict[str, int | None] | None:
        """The account's limits as entered, when any of them changed (else None)."""
        if not any(name in self.changed_data for name in self.QUOTA_FIELDS):
            return None
        return {name: self.cleaned_data.get(name) for name in self.QUOTA_FIELDS}

    def _get_validation_exclusions(self) -> set[str]:
        # The model's unique checks on these are case-sensitive or unnamed constraints;
        # the service gives the precise message instead.
        return {*super()._get_validation_exclusions(), "username", "email"}  # type: ignore[misc]

    def _post_clean(self) -> None:
        super()._post_clean()  # type: ignore[misc]
        if self.errors or self.instance.pk is None or self.actor is None:
            return
        changes = {
            field: self.cleaned_data[field]
            for field in self.SERVICE_FIELDS
            if field in self.changed_data
        }
        if not changes:
            return
        try:
            self.instance = user_admin_update(
                actor=self.actor,
                user=self.instance,
                reason=self.cleaned_data.get("reason", ""),
                **changes,
            )
        except ApplicationError as exc:
            placed = False
            for field, problems in exc.errors.items():
                if field in self.fields:
                    for problem in problems:
                        self.add_error(field, problem)
                    placed = True
            if not placed:
                self.add_error(None, exc.message)


#: Where the user list keeps each listed account's usage report.
USAGE_ATTRIBUTE = "_usage_report"


class UserChangeList(ChangeList):
    """The user list, with the usage of every account on the page read at once (a constant
    number of queries, whatever the page size)."""

    def get_results(self, request: HttpRequest) -> None:
        super().get_results(request)
        users = list(self.result_list)
        for user, report in zip(users, usage_reports_get(users=users), strict=True):
            setattr(user, USAGE_ATTRIBUTE, report)
        self.result_list = users


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """Accounts: search, filters, soft delete and restore; no hard delete, no adding here."""

    form = UserAdminChangeForm
    list_display = (
        "username",
        "email",
        "role",
        "is_active",
        "is_deleted",
        "stories_today",
        "pictures_today",
        "runs_now",
        "date_joined",
        "last_login",
    )
    list_filter = ("role", "is_active", "is_deleted")
    search_fields = ("username", "email")
    ordering = ("username",)
    filter_horizontal = ()
    actions = ("soft_delete_users", "restore_users", "reset_two_factor")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Contact", {"fields": ("first_name", "last_name", "email")}),
        ("Access", {"fields": ("role", "is_active", "is_staff", "is_superuser")}),
        ("Status", {"fields": ("is_deleted", "deleted_at", "last_login", "date_joined")}),
        ("Usage of the last 24 hours", {"fields": ("usage_summary",)}),
        (
            "Limits on AI work (empty: the default; 0: none allowed)",
            {"fields": UserAdminChangeForm.QUOTA_FIELDS},
        ),
        ("Audit", {"fields": ("reason",)}),
    )
    readonly_fields = (
        "first_name",
        "last_name",
        "is_staff",
        "is_superuser",
        "is_deleted",
        "deleted_at",
        "last_login",
        "date_joined",
        "usage_summary",
    )

    def get_changelist(self, request: HttpRequest, **kwargs: Any) -> type[ChangeList]:
        return UserChangeList

    @staticmethod
    def _usage(obj: User) -> UsageReport:
        """The report the user list read for the page, or the account's own (its page)."""
        report: UsageReport | None = getattr(obj, USAGE_ATTRIBUTE, None)
        return report if report is not None else usage_get(user=obj)

    @admin.display(description="Stories (24 h)")
    def stories_today(self, obj: User) -> str:
        report = self._usage(obj)
        return f"{report.stories.used} / {report.stories.limit}"

    @admin.display(description="Pictures (24 h)")
    def pictures_today(self, obj: User) -> str:
        report = self._usage(obj)
        return f"{report.pictures.used} / {report.pictures.limit}"

    @admin.display(description="Being made")
    def runs_now(self, obj: User) -> str:
        report = self._usage(obj)
        return f"{report.running_runs} / {report.concurrent_runs_limit}"

    @admin.display(description="Usage")
    def usage_summary(self, obj: User) -> str:
        if obj.pk is None:
            return "—"
        report = self._usage(obj)
        cost = (
            f"about ${report.estimated_cost_usd:.2f}"
            if report.estimated_cost_usd is not None
            else "no cost estimate: prices not set"
        )
        return (
            f"Stories: {report.stories.used} of {report.stories.limit}. "
            f"Pictures: {report.pictures.used} of {report.pictures.limit}. "
            f"Page rewrites: {report.rewrites.used} of {report.rewrites.limit}. "
            f"Being made now: {report.running_runs} of {report.concurrent_runs_limit} at once. "
            f"Tokens: {report.input_tokens} in, {report.output_tokens} out ({cost})."
        )

    def has_add_permission(self, request: HttpRequest) -> bool:
        # People sign up themselves; the first admin comes from the createadmin command.
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        readonly = tuple(self.readonly_fields)
        if obj is not None and obj.is_deleted:
            # A deleted account is restored first (the action), then edited.
            return (*readonly, "username", "email", "role", "is_active")
        return readonly

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> type[forms.ModelForm[Any]]:
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"actor": admin_actor(request)})

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        # UserAdminChangeForm already saved the change through user_admin_update; the
        # limits, when changed, go through their own service in the same transaction.
        limits = form.quota_changes()
        if limits is not None:
            quota_override_update(
                actor=admin_actor(request),
                user=obj,
                reason=form.cleaned_data.get("reason", ""),
                **limits,
            )

    @admin.action(description="Soft-delete selected users")
    def soft_delete_users(
        self, request: HttpRequest, queryset: QuerySet[User]
    ) -> TemplateResponse | None:
        return confirm_with_reason(
            self,
            request,
            queryset,
            title="Soft-delete users",
            reason_required=False,
            apply=lambda reason: apply_to_each(
                request,
                queryset,
                lambda user: user_soft_delete(actor=admin_actor(request), user=user, reason=reason),
                done="Soft-deleted, and signed out everywhere: {names}.",
            ),
        )

    @admin.action(description="Restore selected users")
    def restore_users(
        self, request: HttpRequest, queryset: QuerySet[User]
    ) -> TemplateResponse | None:
        return confirm_with_reason(
            self,
            request,
            queryset,
            title="Restore users",
            reason_required=False,
            apply=lambda reason: apply_to_each(
                request,
                queryset,
                lambda user: user_restore(actor=admin_actor(request), user=user, reason=reason),
                done="Restored: {names}.",
            ),
        )

    @admin.action(description="Reset two-factor sign-in of selected users")
    def reset_two_factor(
        self, request: HttpRequest, queryset: QuerySet[User]
    ) -> TemplateResponse | None:
        return confirm_with_reason(
            self,
            request,
            queryset,
            title="Reset two-factor sign-in",
            apply=lambda reason: apply_to_each(
                request,
                queryset,
                lambda user: user_two_factor_reset(
                    actor=admin_actor(request), user=user, reason=reason
                ),
                done="Reset; they set up their authenticator app again: {names}.",
            ),
        )
