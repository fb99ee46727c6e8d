from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from core.api.urls import catch_all as api_not_found
from core.health import healthz
from core.web import views as core_web_views

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    # The switch also stores the choice as the user's language (notifications outside the pages).
    path("i18n/setlang/", core_web_views.set_language),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/v1/", include("core.api.urls")),
    path("api/v1/", include("accounts.api.urls")),
    path("api/v1/", include("cases.api.urls")),
    path("api/v1/", include("evidence.api.urls")),
    path("api/v1/", include("hearings.api.urls")),
    path("api/v1/", include("mediation.api.urls")),
    path("api/v1/", include("arbitration.api.urls")),
    path("api/", include(api_not_found)),
    path("", include("core.web.urls")),
    path("", include("accounts.web.urls")),
    path("", include("cases.web.urls")),
    path("", include("evidence.web.urls")),
    path("", include("hearings.web.urls")),
    path("", include("mediation.web.urls")),
    path("", include("arbitration.web.urls")),
]

handler400 = "core.web.views.error_400"
handler403 = "core.web.views.error_403"
handler404 = "core.web.views.error_404"
handler500 = "core.web.views.error_500"
