"""Security headers and cookies on every response: HSTS, CSP, framing, sniffing, referrer."""

from __future__ import annotations

import base64
import hashlib
import re
import uuid
from collections.abc import Iterator
from http.cookies import SimpleCookie
from typing import Any

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, path, reverse

from accounts.models import User
from accounts.tests.factories import PASSWORD, UserFactory
from characters.tests.factories import CharacterFactory
from moderation.tests.factories import AdminFactory
from stories.models import DynamicList
from stories.tests.factories import GenerationTaskFactory, PageFactory, StoryFactory
from storygen import urls as root_urls

pytestmark = pytest.mark.django_db

ONE_YEAR = 365 * 24 * 3600
# A request as the TLS proxy in front forwards it: the client's Host, and the scheme it used.
HTTPS = {"HTTP_X_FORWARDED_PROTO": "https", "HTTP_HOST": "testserver"}


def _crash(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("the page broke")


# This module doubles as a URL configuration: the real one plus a page that fails.
urlpatterns = [path("crash/", _crash), *root_urls.urlpatterns]
handler404 = root_urls.handler404
handler500 = root_urls.handler500


@pytest.fixture(autouse=True)
def _production(settings: Any) -> None:
    """The production security settings, as the app runs them behind its TLS proxy."""
    settings.DEBUG = False
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_HSTS_SECONDS = ONE_YEAR
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True


def _csp(response: HttpResponse) -> dict[str, list[str]]:
    header = response.headers.get("Content-Security-Policy", "")
    directives: dict[str, list[str]] = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def _header_problems(
    response: HttpResponse, *, https: bool = True, inline_styles: bool = False
) -> list[str]:
    """What the response lacks of the headers every response must carry.

    ``inline_styles`` accepts ``style-src 'unsafe-inline'`` (staff tools we do not render).
    """
    problems = []
    if https:
        hsts = response.headers.get("Strict-Transport-Security", "")
        age = re.search(r"max-age=(\d+)", hsts)
        if not age or int(age.group(1)) < ONE_YEAR or "includeSubDomains" not in hsts:
            problems.append(f"HSTS {hsts!r}")
    expected = {
        "X-Content-Type-Options": {"nosniff"},
        "Referrer-Policy": {"same-origin", "strict-origin-when-cross-origin"},
        "Cross-Origin-Opener-Policy": {"same-origin"},
        "X-Frame-Options": {"DENY"},
    }
    for name, allowed in expected.items():
        if response.headers.get(name) not in allowed:
            problems.append(f"{name} {response.headers.get(name)!r}")
    if "Content-Security-Policy" not in response.headers:
        return [*problems, "no Content-Security-Policy"]
    csp = _csp(response)
    required = {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
    for name, values in required.items():
        if csp.get(name) != values:
            problems.append(f"CSP {name} {csp.get(name)}")
    style = csp.get("style-src", [])
    if "'self'" not in style or ("'unsafe-inline'" in style and not inline_styles):
        problems.append(f"CSP style-src {style}")
    return problems


def _named_patterns(
    patterns: list[Any], namespace: tuple[str, ...] = ()
) -> Iterator[tuple[str, list[str]]]:
    """Every named URL pattern: its reversible name and the names of its arguments."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = (*namespace, pattern.namespace) if pattern.namespace else namespace
            yield from _named_patterns(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield ":".join((*namespace, pattern.name)), list(pattern.pattern.regex.groupindex)


def _crawl_urls(owner: User) -> list[str]:
    """One URL for every named pattern: real objects of ``owner`` where the pattern has ids."""
    story = StoryFactory(owner=owner)
    page = PageFactory(story=story)
    character = CharacterFactory(owner=owner)
    task = GenerationTaskFactory(story=story)
    dynamic_list = DynamicList.objects.order_by("pk").first()
    values: dict[str, Any] = {
        "story_id": story.pk,
        "draft_id": story.pk,
        "page_id": page.pk,
        "image_id": 1,
        "variant": "thumbnail",
        "character_id": character.pk,
        "task_id": task.pk,
        "job_id": uuid.uuid4(),
        "list_name": dynamic_list.pk if dynamic_list else "genres",
        "item_id": 1,
        "user_id": owner.pk,
        "id": owner.pk,
        "object_id": story.pk,
        "content_type_id": 1,
        "app_label": "stories",
        "key": "new",
        "step": "basics",
        "log_file": "app.log",
        # Unsigned, so not found: a 404 carries the headers too.
        "signed_path": f"images/user_{owner.pk}/characters/{character.pk}/1-thumbnail.png",
    }
    urls = []
    for name, arguments in _named_patterns(get_resolver().url_patterns):
        missing = [argument for argument in arguments if argument not in values]
        assert not missing, f"give the crawler a value for {missing} (URL {name})"
        urls.append(reverse(name, kwargs={argument: values[argument] for argument in arguments}))
    return urls


@pytest.mark.parametrize("role", ["anonymous", "user", "admin"])
def test_every_url_answers_with_the_security_headers_over_https(role: str) -> None:
    owner = AdminFactory() if role == "admin" else UserFactory()
    client = Client(**HTTPS)
    client.raise_request_exception = False
    if role != "anonymous":
        client.force_login(owner)
    urls = _crawl_urls(owner)
    assert len(urls) > 150  # every page, API endpoint and admin screen
    # Unknown paths (404 page and API), slash redirects and an error page are responses too.
    urls += ["/no-such-page/", "/api/v1/no-such-endpoint", "/stories", "/api/v1/stories"]

    problems = {}
    statuses: set[int] = set()
    for url in urls:
        if url == reverse("api-docs"):
            continue  # test_the_swagger_ui_page_meets_the_same_policy
        response = client.get(url)
        statuses.add(response.status_code)
        if response.status_code == 500:
            problems[url] = ["status 500"]
        elif found := _header_problems(response):
            problems[url] = found
    assert problems == {}
    assert {200, 404} <= statuses
    assert statuses & {301, 302}


def test_the_swagger_ui_page_meets_the_same_policy() -> None:
    client = Client(**HTTPS)
    client.force_login(AdminFactory())
    response = client.get(reverse("api-docs"))
    assert response.status_code == 200
    # Swagger UI's own page may keep its inline <style> block; never an inline script.
    assert _header_problems(response, inline_styles=True) == []
    assert "<script>" not in response.content.decode()
    script = client.get(reverse("api-docs"), {"script": ""})
    assert script["Content-Type"].startswith("application/javascript")
    assert _header_problems(script, inline_styles=True) == []


@pytest.mark.urls(__name__)
def test_the_500_page_carries_the_headers_and_its_styles_are_allowed_by_hash(
    client: Client,
) -> None:
    client.raise_request_exception = False
    response = client.get("/crash/", **HTTPS)
    assert response.status_code == 500
    assert _header_problems(response) == []
    # The 500 page is self-contained: its one <style> block is allowed by its exact hash.
    styles = re.findall(r"<style>(.*?)</style>", response.content.decode(), flags=re.DOTALL)
    assert len(styles) == 1
    digest = base64.b64encode(hashlib.sha256(styles[0].encode()).digest()).decode()
    assert f"'sha256-{digest}'" in _csp(response)["style-src"]


def test_plain_http_is_redirected_to_https_with_the_headers(client: Client) -> None:
    response = client.get(reverse("stories:library"))
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/stories/"
    assert _header_problems(response, https=False) == []
    assert "Strict-Transport-Security" not in response.headers


def test_the_health_probes_answer_over_plain_http(client: Client) -> None:
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert _header_problems(response, https=False) == []


def test_a_client_cannot_claim_https_when_no_proxy_is_trusted(
    client: Client, settings: Any
) -> None:
    settings.SECURE_PROXY_SSL_HEADER = None
    response = client.get(reverse("stories:library"), **HTTPS)
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


def test_pages_allow_style_attributes_but_no_inline_scripts(client: Client) -> None:
    csp = _csp(client.get(reverse("accounts:login"), **HTTPS))
    assert csp["style-src-attr"] == ["'unsafe-inline'"]
    assert not {"'unsafe-inline'", "'unsafe-eval'"} & set(csp["script-src"])
    # The photo preview shows the chosen file from a blob: URL before it is uploaded.
    assert {"'self'", "blob:"} <= set(csp["img-src"])


# --- cookies --------------------------------------------------------------------------------


def _set_cookies(response: HttpResponse) -> dict[str, dict[str, str]]:
    """The Set-Cookie lines of a response, parsed: name -> attributes (lower-case keys)."""
    cookies = {}
    for line in response.cookies.output(header="Set-Cookie:").splitlines():
        name, _, rest = line.removeprefix("Set-Cookie:").strip().partition("=")
        _, *attributes = rest.split(";")
        parsed = {}
        for attribute in attributes:
            key, _, value = attribute.strip().partition("=")
            parsed[key.lower()] = value
        cookies[name] = parsed
    return cookies


def _sign_in(client: Client, user: User) -> tuple[HttpResponse, HttpResponse]:
    form = client.get(reverse("accounts:login"), **HTTPS)
    token = form.cookies["csrftoken"].value
    response = client.post(
        reverse("accounts:login"),
        {"username": user.username, "password": PASSWORD, "csrfmiddlewaretoken": token},
        HTTP_REFERER="https://testserver/accounts/login/",
        **HTTPS,
    )
    return form, response


def test_signing_in_over_https_sets_secure_lax_cookies_and_a_bounded_session(
    user: User,
) -> None:
    client = Client(enforce_csrf_checks=True)
    form, response = _sign_in(client, user)
    assert response.status_code == 302

    csrf = _set_cookies(form)["csrftoken"]
    assert "secure" in csrf
    assert csrf["samesite"] == "Lax"

    cookies = _set_cookies(response)
    session = cookies["sessionid"]
    assert "secure" in session
    assert "httponly" in session
    assert session["samesite"] == "Lax"
    assert 0 < int(session["max-age"]) <= 14 * 24 * 3600
    # Nothing that signs a person in travels without Secure.
    assert all("secure" in attributes for attributes in cookies.values())


def test_the_admin_sign_in_sets_the_same_cookie_flags() -> None:
    admin = AdminFactory()
    client = Client(enforce_csrf_checks=True)
    form = client.get(reverse("admin:login"), **HTTPS)
    response = client.post(
        reverse("admin:login"),
        {
            "username": admin.username,
            "password": PASSWORD,
            "csrfmiddlewaretoken": form.cookies["csrftoken"].value,
        },
        HTTP_REFERER="https://testserver/admin/login/",
        **HTTPS,
    )
    assert response.status_code == 302
    assert _header_problems(response) == []
    session = _set_cookies(response)["sessionid"]
    assert {"secure", "httponly"} <= set(session)
    assert session["samesite"] == "Lax"


def test_the_session_cookie_is_not_renewed_by_simply_browsing(user: User) -> None:
    client = Client(enforce_csrf_checks=True)
    _sign_in(client, user)
    response = client.get(reverse("stories:library"), **HTTPS)
    assert response.status_code == 200
    assert "sessionid" not in SimpleCookie(response.cookies.output(header=""))
