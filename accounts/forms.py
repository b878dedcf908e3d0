"""Account forms: sign up, log in and change a password (the site and the Django admin, all
throttled), two-factor codes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm, AdminPasswordChangeForm
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.core.exceptions import ValidationError
from django.views.decorators.debug import sensitive_variables

from accounts.errors import EmailTaken, InvalidCredentials, LoginThrottled, UsernameTaken
from accounts.services import Door, client_ip, user_authenticate, user_password_confirm
from storygen.exceptions import ApplicationError, InvalidInput
from storygen.forms import PageForm

# Pages add a Show/Hide button to inputs marked with this attribute (static/js/accounts.js).
_REVEALABLE = {"data-password-toggle": ""}


def _password_help() -> str:
    # Plain sentences from the configured validators, so the page never needs |safe.
    return " ".join(password_validation.password_validators_help_texts())


class SignupForm(PageForm):
    """What a new user types; the rules that matter are checked by ``user_register``."""

    username = forms.RegexField(
        regex=r"^[\w.@+-]+\Z",
        max_length=150,
        error_messages={"invalid": "Use letters, digits and @ . + - _ only."},
        help_text="Letters, digits and @ . + - _ only.",
        widget=forms.TextInput(
            attrs={"autocomplete": "username", "autocapitalize": "none", "autofocus": True}
        ),
    )
    email = forms.EmailField(widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    password1 = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password", **_REVEALABLE}),
    )
    password2 = forms.CharField(
        label="Confirm password",
        strip=False,
        help_text="Type the same password again.",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password", **_REVEALABLE}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["password1"].help_text = _password_help()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", "The two passwords don't match.")
        return cleaned

    def add_service_error(self, error: ApplicationError) -> None:
        """Show an error raised by ``user_register`` on the field it is about."""
        if isinstance(error, UsernameTaken):
            self.add_error("username", "That username is already taken.")
        elif isinstance(error, EmailTaken):
            self.add_error("email", "An account with that email already exists.")
        elif isinstance(error, InvalidInput) and error.errors:
            for field, problems in error.errors.items():
                target = "password1" if field == "password" else field
                for problem in problems:
                    self.add_error(target if target in self.fields else None, problem)
        else:
            self.add_error(None, error.message)


class ThrottledLoginForm(AuthenticationForm):
    """Django's login form with the password checked by ``user_authenticate``, so every
    sign-in page goes through the same throttle as the API."""

    #: Which sign-in door this form is, for the security log.
    door = Door.LOG_IN_PAGE

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if username is not None and password:
            ip = client_ip(self.request.META) if self.request is not None else None
            try:
                self.user_cache = user_authenticate(
                    username=username, password=password, ip=ip, door=self.door
                )
            except LoginThrottled as exc:
                raise ValidationError(exc.message, code="throttled") from exc
            except InvalidCredentials as exc:
                raise self.get_invalid_login_error() from exc
            self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data


class LoginForm(ThrottledLoginForm):
    """The site's log-in page form."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "That username and password don't match.",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs["autocapitalize"] = "none"
        self.fields["password"].widget.attrs.update(_REVEALABLE)


class AdminLoginForm(ThrottledLoginForm, AdminAuthenticationForm):
    """The Django admin's login form (staff only, its own wording), checked through the
    sign-in throttle like every other door."""

    door = Door.ADMIN_LOG_IN


class ThrottledPasswordChangeForm(PasswordChangeForm):
    """Django's password change form with the current password checked by
    ``user_password_confirm``, through the same throttle as every sign-in.

    ``ip`` is the client's address (``client_ip``), given by the view.
    """

    #: Which door this form is, for the security log.
    door = Door.PASSWORD_CHANGE_PAGE

    def __init__(self, *args: Any, ip: str | None, **kwargs: Any) -> None:
        self.ip = ip
        super().__init__(*args, **kwargs)

    @sensitive_variables("old_password")
    def clean_old_password(self) -> str:
        old_password: str = self.cleaned_data["old_password"]
        try:
            user_password_confirm(user=self.user, password=old_password, ip=self.ip, door=self.door)
        except LoginThrottled as exc:
            raise ValidationError(exc.message, code="throttled") from exc
        except InvalidCredentials as exc:
            raise ValidationError(
                self.error_messages["password_incorrect"], code="password_incorrect"
            ) from exc
        return old_password


class PasswordChangePageForm(ThrottledPasswordChangeForm):
    """The site's password change form, with plain help text and Show/Hide buttons."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].help_text = _password_help()
        self.fields["new_password2"].help_text = "Type the new password again."
        for name in ("old_password", "new_password1", "new_password2"):
            self.fields[name].widget.attrs.update(_REVEALABLE)


class AdminPasswordChangePageForm(ThrottledPasswordChangeForm, AdminPasswordChangeForm):
    """The Django admin's password change form (its own look), throttled like the site's."""

    door = Door.ADMIN_PASSWORD_CHANGE


class TwoFactorCodeForm(PageForm):
    """A six-digit code from the authenticator app (or, to sign in, a recovery code)."""

    code = forms.CharField(
        label="Code",
        max_length=32,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autocapitalize": "none",
                "spellcheck": "false",
                "autofocus": True,
            }
        ),
    )
