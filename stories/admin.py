"""The Django admin for generation runs and the option lists (stories: see moderation)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, QuerySet
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest, HttpResponseRedirect
from django.utils.text import Truncator

from stories import selectors
from stories.models import DynamicList, DynamicListItem, GenerationTask
from stories.services.lists import (
    dynamic_list_create,
    dynamic_list_delete,
    dynamic_list_item_create,
    dynamic_list_item_delete,
    dynamic_list_item_update,
    dynamic_list_update,
)
from storygen.exceptions import ApplicationError
from storygen.parsers import DepthCheckedJSONDecoder

EXCERPT_CHARS = 120


class ReadOnlyAdminMixin:
    """Nothing is added, changed or deleted here; objects are only viewed."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


# --- Generation runs -------------------------------------------------------------------------


@admin.register(GenerationTask)
class GenerationTaskAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = (
        "story",
        "user",
        "status",
        "progress",
        "attempts",
        "step_attempts",
        "total_retries",
        "failed_pages_count",
        "duration_seconds",
        "started_at",
        "completed_at",
        "error_excerpt",
    )
    list_select_related = ("story", "user")
    list_filter = ("status", "created_at", "started_at", "completed_at")
    search_fields = ("story__title", "user__username")
    ordering = ("-created_at",)
    actions = None
    readonly_fields = ("duration_seconds",)

    @admin.display(description="duration (s)", ordering="duration_ms")
    def duration_seconds(self, task: GenerationTask) -> float | None:
        return None if task.duration_ms is None else round(task.duration_ms / 1000, 1)

    @admin.display(description="error message")
    def error_excerpt(self, task: GenerationTask) -> str:
        return Truncator(task.error_message).chars(EXCERPT_CHARS)


# --- Option lists ----------------------------------------------------------------------------

IN_USE_DELETE = "Item '{label}' is in use ({usage}) and cannot be deleted. Deactivate it instead."
IN_USE_VALUE = (
    "This item is in use, so its value cannot change. Deactivate it and add a new item instead."
)


class DynamicListItemFormSet(BaseInlineFormSet):
    """Refuses deleting, or changing the value of, an item a story or character uses.

    The check reads the same selector the services use; the services check again under a
    lock when they write.
    """

    def clean(self) -> None:
        super().clean()
        list_name = self.instance.pk
        # Validation already copied the submitted values onto the instances: compare the
        # values as they are stored.
        stored = {
            form: DynamicListItem(
                pk=form.instance.pk,
                dynamic_list_id=list_name,
                item_value=form.initial.get("item_value", ""),
                item_label=form.initial.get("item_label", ""),
            )
            for form in self.initial_forms
        }
        touched = {
            form: item
            for form, item in stored.items()
            if self._should_delete_form(form)  # type: ignore[attr-defined]
            or "item_value" in form.changed_data
        }
        used = selectors.dynamic_list_values_in_use(
            list_name=list_name, values=[item.item_value for item in touched.values()]
        )
        refusals = []
        for form, item in touched.items():
            if item.item_value not in used:
                continue
            if self._should_delete_form(form):  # type: ignore[attr-defined]
                usage = "; ".join(selectors.dynamic_list_item_usage(item=item))
                refusals.append(IN_USE_DELETE.format(label=item.item_label, usage=usage))
            else:
                form.add_error("item_value", IN_USE_VALUE)
        if refusals:
            raise ValidationError(refusals)


class DynamicListItemInline(admin.TabularInline):
    model = DynamicListItem
    formset = DynamicListItemFormSet
    fields = ("item_value", "item_label", "is_active", "sort_order", "additional_config")
    ordering = ("sort_order", "item_label", "id")
    extra = 1

    def formfield_for_dbfield(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "additional_config" and isinstance(field, forms.JSONField):
            field.widget = forms.Textarea(attrs={"rows": 1, "cols": 30})
            field.decoder = DepthCheckedJSONDecoder
        return field


@admin.register(DynamicList)
class DynamicListAdmin(admin.ModelAdmin):
    """Option lists and their items, written through the list services."""

    list_display = ("list_name", "list_label", "item_count", "updated_at")
    search_fields = ("list_name", "list_label")
    ordering = ("list_name",)
    inlines = (DynamicListItemInline,)

    def get_queryset(self, request: HttpRequest) -> QuerySet[DynamicList]:
        return super().get_queryset(request).annotate(item_count=Count("items"))

    @admin.display(description="items", ordering="item_count")
    def item_count(self, dynamic_list: DynamicList) -> int:
        return dynamic_list.item_count  # type: ignore[attr-defined]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        # The name is the key stories refer to: set once, never renamed.
        return ("list_name",) if obj is not None else ()

    def save_model(self, request: HttpRequest, obj: DynamicList, form: Any, change: bool) -> None:
        if change:
            dynamic_list_update(
                list_name=obj.pk, list_label=obj.list_label, description=obj.description
            )
        else:
            created = dynamic_list_create(
                list_name=obj.list_name, list_label=obj.list_label, description=obj.description
            )
            obj.created_at, obj.updated_at = created.created_at, created.updated_at
            obj._state.adding = False

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        list_name = form.instance.pk
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for item_form in formset.initial_forms:
            item = item_form.instance
            if formset._should_delete_form(item_form):
                dynamic_list_item_delete(item_id=item.pk)
                formset.deleted_objects.append(item)
            elif item_form.has_changed():
                data = item_form.cleaned_data
                updated = dynamic_list_item_update(
                    item_id=item.pk,
                    item_value=data["item_value"],
                    item_label=data["item_label"],
                    is_active=data["is_active"],
                    sort_order=data["sort_order"],
                    additional_config=data["additional_config"],
                )
                formset.changed_objects.append((updated, item_form.changed_data))
        for item_form in formset.extra_forms:
            if not item_form.has_changed() or formset._should_delete_form(item_form):
                continue
            data = item_form.cleaned_data
            created = dynamic_list_item_create(
                list_name=list_name,
                item_value=data["item_value"],
                item_label=data["item_label"],
                is_active=data["is_active"],
                sort_order=data["sort_order"],
                additional_config=data["additional_config"],
            )
            formset.new_objects.append(created)

    def get_deleted_objects(
        self, objs: Any, request: HttpRequest
    ) -> tuple[list[Any], dict[str, int], set[str], list[str]]:
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        protected = list(protected)
        for dynamic_list in objs:
            items = list(dynamic_list.items.all())
            used = selectors.dynamic_list_values_in_use(
                list_name=dynamic_list.pk, values=[item.item_value for item in items]
            )
            protected += [
                f"{dynamic_list.pk}: item '{item.item_label}' is in use. "
                "Deactivate it instead of deleting the list."
                for item in items
                if item.item_value in used
            ]
        return deleted, counts, perms_needed, protected

    def delete_model(self, request: HttpRequest, obj: DynamicList) -> None:
        dynamic_list_delete(list_name=obj.pk)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[DynamicList]) -> None:
        for dynamic_list in queryset:
            dynamic_list_delete(list_name=dynamic_list.pk)

    # A service can still refuse a write the form checks allowed (another administrator
    # got there first). The admin's transaction rolls back and the refusal is shown.

    def _refusal_guard(self, request: HttpRequest, view: Callable[[], Any]) -> Any:
        try:
            with transaction.atomic():
                return view()
        except ApplicationError as exc:
            messages.error(request, f"Nothing was changed. {exc.message}")
            return HttpResponseRedirect(request.get_full_path())

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> Any:
        return self._refusal_guard(
            request,
            lambda: super(DynamicListAdmin, self).changeform_view(
                request, object_id, form_url, extra_context
            ),
        )

    def delete_view(
        self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None
    ) -> Any:
        return self._refusal_guard(
            request,
            lambda: super(DynamicListAdmin, self).delete_view(request, object_id, extra_context),
        )

    def response_action(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        return self._refusal_guard(
            request, lambda: super(DynamicListAdmin, self).response_action(request, *args, **kwargs)
        )
