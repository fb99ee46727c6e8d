from django.urls import path

from evidence.web import views

urlpatterns = [
    path("cases/<int:pk>/evidence/", views.evidence_catalogue, name="evidence-catalogue"),
    path(
        "cases/<int:pk>/evidence/catalogue.pdf", views.evidence_catalogue_pdf, name="evidence-catalogue-pdf"
    ),
    path("cases/<int:pk>/evidence/upload/", views.evidence_upload, name="evidence-upload"),
    path("cases/<int:pk>/evidence/declare/", views.evidence_declare, name="evidence-declare"),
    path("cases/<int:pk>/evidence/tribunal/", views.evidence_tribunal, name="evidence-tribunal"),
    path("evidence/<int:item_id>/finalize/", views.evidence_finalize, name="evidence-finalize"),
    path("evidence/<int:item_id>/download/", views.evidence_download, name="evidence-download"),
    path("evidence/<int:item_id>/opinion/", views.evidence_opinion, name="evidence-opinion"),
]
