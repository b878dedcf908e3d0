"""Account pages: sign up, log in, log out, change password."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.messages.views import SuccessMessageMixin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from accounts.forms import LoginForm, PasswordChangePageForm, SignupForm
from accounts.services import user_register
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


class PasswordChangeView(SuccessMessageMixin, auth_views.PasswordChangeView):
    """Django's view: keeps this session signed in and ends the user's other sessions.

    API tokens carry a hash of the password (SimpleJWT's CHECK_REVOKE_TOKEN), so the new
    password revokes every token issued before it, as any password change does.
    """

    form_class = PasswordChangePageForm
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("home")
    success_message = "Your password has been changed."
