"""Root URL configuration."""

from __future__ import annotations

from csp.constants import SELF, UNSAFE_INLINE
from csp.decorators import csp_replace
from django.conf import settings
from django.contrib import admin
from django.contrib.staticfiles import finders
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.urls import include, path
from django.views import defaults
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from storygen.exceptions import TOO_LARGE, NotFound, request_too_large
from storygen.files import private_picture_response
from storygen.routing import is_api_path
from storygen.signed_media import URL_NAME as SIGNED_MEDIA
from storygen.signed_media import signed_picture_open

api_prefix = settings.API_PREFIX.strip("/") + "/"


@require_safe
@cache_control(public=True, max_age=86400)
def favicon(request: HttpRequest) -> FileResponse:
    """The site icon where browsers and feed readers look for it without asking the page
    (pages name the SVG one; this is the same picture for those that want an ICO)."""
    found = finders.find("img/favicon.ico")
    if not isinstance(found, str):
        raise Http404
    return FileResponse(open(found, "rb"), content_type="image/x-icon")


@require_safe
def signed_picture(request: HttpRequest, signed_path: str) -> FileResponse:
    """A private picture, to whoever holds the signed address its owner was given (no
    sign-in: clients of the reference product show these with a plain ``<img>``)."""
    try:
        picture = signed_picture_open(signed_path)
    except NotFound as exc:
        raise Http404(exc.message) from None
    return private_picture_response(
        picture.path, filename=f"picture{picture.path.suffix}", max_age=picture.seconds_left
    )


urlpatterns = [
    path("favicon.ico", favicon),
    path("static_content/<path:signed_path>", signed_picture, name=SIGNED_MEDIA),
    path("", include("stories.home_urls")),
    path("accounts/", include("accounts.urls")),
    # Before the story pages: API routes the reference product's client calls at the root.
    path("", include("stories.api.root_urls")),
    path("", include("stories.urls")),
    path("", include("moderation.urls")),
    path("characters/", include("characters.urls")),
    path("admin/", admin.site.urls),
    path("", include("monitoring.urls")),
    path(api_prefix, include("accounts.api.urls")),
    path(api_prefix, include("stories.api.urls")),
    path(api_prefix, include("characters.api.urls")),
    path(f"{api_prefix}admin/", include("moderation.api.urls")),
    path(f"{api_prefix}admin/", include("stories.api.admin_urls")),
    path(f"{api_prefix}admin/monitoring/", include("monitoring.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # Swagger UI starts from a script file (the split view), but keeps an inline <style>.
    path(
        "api/docs/",
        csp_replace({"style-src": [SELF, UNSAFE_INLINE]})(
            SpectacularSwaggerSplitView.as_view(url_name="api-schema")
        ),
        name="api-docs",
    ),
    path("admin-tools/monitoring/", include("monitoring.page_urls")),
]


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/") or is_api_path(request.path)


def handler404(request: HttpRequest, exception: Exception) -> HttpResponse:
    if _is_api(request):
        return JsonResponse({"detail": "Not found.", "code": "not_found"}, status=404)
    return defaults.page_not_found(request, exception)


def handler500(request: HttpRequest) -> HttpResponse:
    if _is_api(request):
        return JsonResponse(
            {
                "detail": "Something went wrong on our side. Please try again.",
                "code": "server_error",
            },
            status=500,
        )
    return defaults.server_error(request)


def handler400(request: HttpRequest, exception: Exception) -> HttpResponse:
    if isinstance(exception, TOO_LARGE):
        too_large = request_too_large(exception)
        if _is_api(request):
            return JsonResponse(
                {"detail": too_large.message, "code": too_large.code}, status=too_large.status_code
            )
        return HttpResponse(
            loader.render_to_string("413.html", {"message": too_large.message}),
            status=too_large.status_code,
        )
    if _is_api(request):
        return JsonResponse({"detail": "Malformed request.", "code": "bad_request"}, status=400)
    return defaults.bad_request(request, exception)


def handler403(request: HttpRequest, exception: Exception) -> HttpResponse:
    if _is_api(request):
        return JsonResponse(
            {
                "detail": "You do not have permission to perform this action.",
                "code": "permission_denied",
            },
            status=403,
        )
    return defaults.permission_denied(request, exception)
