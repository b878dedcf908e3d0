"""Operations endpoints at the site root: liveness, readiness and metrics."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from monitoring import readiness
from monitoring.metrics import metrics_allowed, metrics_response


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """The process is up and serving requests (no dependency is checked)."""
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def readyz(request: HttpRequest) -> JsonResponse:
    """Ready for traffic: the database answers, the broker accepts connections and some
    worker sent a heartbeat recently. 503 names the failing checks with a short reason."""
    checks = readiness.readiness()
    ready = all(check.ok for check in checks.values())
    return JsonResponse(
        {
            "status": "ready" if ready else "not_ready",
            "checks": {name: check.as_dict() for name, check in checks.items()},
        },
        status=200 if ready else 503,
    )


@never_cache
@require_GET
def metrics(request: HttpRequest) -> HttpResponse:
    """Prometheus metrics, for administrators, the metrics token or allowlisted addresses.

    Anyone else gets the ordinary 404: the endpoint does not admit it exists.
    """
    if not metrics_allowed(request):
        raise Http404
    return metrics_response()
