from django.urls import path

from evidence.api import views

urlpatterns = [
    path("cases/<int:pk>/evidence/", views.CaseEvidenceView.as_view(), name="api-case-evidence"),
    path(
        "cases/<int:pk>/evidence/catalogue.pdf",
        views.CaseEvidenceCatalogueView.as_view(),
        name="api-case-evidence-catalogue",
    ),
    path("evidence/<int:pk>/", views.EvidenceDetailView.as_view(), name="api-evidence"),
    path("evidence/<int:pk>/finalize/", views.EvidenceFinalizeView.as_view(), name="api-evidence-finalize"),
    path("evidence/<int:pk>/download/", views.EvidenceDownloadView.as_view(), name="api-evidence-download"),
    path("evidence/<int:pk>/opinions/", views.EvidenceOpinionsView.as_view(), name="api-evidence-opinions"),
    path("evidence/<int:pk>/accesses/", views.EvidenceAccessesView.as_view(), name="api-evidence-accesses"),
]
