"""Account pages: sign up, log in, log out, sign out everywhere, change password, two-factor
sign-in."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.messages.views import SuccessMessageMixin
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse, reverse_lazy
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from accounts import two_factor
from accounts.errors import LoginThrottled, TwoFactorCodeInvalid
from accounts.forms import LoginForm, PasswordChangePageForm, SignupForm, TwoFactorCodeForm
from accounts.models import User
from accounts.permissions import AuthenticatedRequest, user_is_administrator
from accounts.services import Door, client_ip, user_register, user_sessions_end
from storygen.exceptions import ApplicationError
from storygen.shortcuts import safe_next_url


@sensitive_post_parameters("password1", "password2")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect(safe_next_url(request) or resolve_url("home"))
    form = SignupForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            user = user_register(
                username=form.cleaned_data["username"],
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password1"],
            )
        except ApplicationError as exc:
            form.add_service_error(exc)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, f"Welcome to Storygen, {user.get_username()}!")
            return redirect(safe_next_url(request) or resolve_url("home"))
    return render(
        request,
        "accounts/signup.html",
        {"form": form, "next": safe_next_url(request)},
    )


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(self.request, f"Welcome back, {form.get_user().get_username()}.")
        return response


class LogoutView(auth_views.LogoutView):
    """POST only (Django's rule): a link or a prefetch cannot sign anyone out."""

    next_page = "home"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().post(request, *args, **kwargs)
        messages.info(request, "You have been logged out.")
        return response


@csrf_protect
@login_required
@require_http_methods(["POST"])
def sign_out_everywhere(request: AuthenticatedRequest) -> HttpResponse:
    """Ends every session of the user, this one included, and every API token: for a lost
    phone or a shared computer."""
    user_sessions_end(user=request.user)
    logout(request)
    messages.info(
        request,
        "You have been signed out everywhere: on every browser, and in every app using "
        "your account.",
    )
    return redirect("accounts:login")


class ThrottledPasswordChangeView(auth_views.PasswordChangeView):
    """Django's view, giving its form the client's address for the sign-in throttle: keeps
    this session signed in and ends the user's other sessions."""

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "ip": client_ip(self.request.META)}


class PasswordChangeView(SuccessMessageMixin, ThrottledPasswordChangeView):
    """The site's password change page.

    API tokens carry a fingerprint of the password (accounts.tokens), so the new password
    revokes every token issued before it, as any password change does.
    """

    form_class = PasswordChangePageForm
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("home")
    success_message = "Your password has been changed."


# --- two-factor sign-in (administrators) -------------------------------------------------------


def _administrator(request: HttpRequest) -> User:
    # Only administrators have a second step; everyone else gets the ordinary 404.
    user = request.user
    if not isinstance(user, User) or not user_is_administrator(user):
        raise Http404
    return user


@sensitive_post_parameters("code")
@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Set up the authenticator app: scan the QR code, confirm with a first code, then
    keep the recovery codes (shown on this response only)."""
    user = _administrator(request)
    if two_factor.two_factor_device(user) is not None:
        return redirect(_verify_or_next(request))
    device = two_factor.two_factor_setup_start(user=user)
    form = TwoFactorCodeForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            codes = two_factor.two_factor_confirm(user=user, code=form.cleaned_data["code"])
        except TwoFactorCodeInvalid as exc:
            form.add_error("code", exc.message)
        else:
            two_factor.session_mark_passed(request)
            return render(
                request,
                "accounts/two_factor_codes.html",
                {"codes": codes, "next": safe_next_url(request) or resolve_url("home")},
            )
    uri = two_factor.provisioning_uri(device)
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            # Markup made by the QR library from the app address, no user text in it.
            "qr_code": mark_safe(two_factor.qr_code_svg(uri)),  # noqa: S308
            "secret": two_factor.secret_for_display(device),
            "next": safe_next_url(request),
        },
        status=400 if form.errors else 200,
    )


@sensitive_post_parameters("code")
@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    """The second step of an administrator's sign-in: a code from the app or a recovery
    code. Once passed, this session may administer until it ends."""
    user = _administrator(request)
    if two_factor.two_factor_device(user) is None:
        return redirect(_with_next(reverse("accounts:two_factor_setup"), request))
    form = TwoFactorCodeForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            two_factor.two_factor_verify(
                user=user,
                code=form.cleaned_data["code"],
                ip=client_ip(request.META),
                door=Door.TWO_FACTOR_PAGE,
            )
        except (TwoFactorCodeInvalid, LoginThrottled) as exc:
            form.add_error("code", exc.message)
        else:
            two_factor.session_mark_passed(request)
            return redirect(safe_next_url(request) or resolve_url("admin:index"))
    return render(
        request,
        "accounts/two_factor_verify.html",
        {"form": form, "next": safe_next_url(request)},
        status=400 if form.errors else 200,
    )


def _with_next(url: str, request: HttpRequest) -> str:
    target = safe_next_url(request)
    return f"{url}?{urlencode({'next': target})}" if target else url


def _verify_or_next(request: HttpRequest) -> str:
    if two_factor.session_passed(request):
        return safe_next_url(request) or resolve_url("admin:index")
    return _with_next(reverse("accounts:two_factor_verify"), request)
