from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from cases.api.urls import catch_all as api_not_found
from cases.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/v1/", include("cases.api.urls")),
    path("api/", include(api_not_found)),
    path("", include("cases.web.urls")),
]

handler400 = "cases.web.views.error_400"
handler403 = "cases.web.views.error_403"
handler404 = "cases.web.views.error_404"
