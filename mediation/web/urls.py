from django.urls import path

from mediation.web import views

urlpatterns = [
    path("mediation/", views.mediation_workspace, name="mediation-workspace"),
    path("cases/<int:pk>/mediation/", views.mediation_case, name="mediation-case"),
    path("cases/<int:pk>/mediation/work/", views.mediation_dispute, name="mediation-dispute"),
    path("cases/<int:pk>/mediation/mine/", views.mediation_party, name="mediation-party"),
    path("cases/<int:pk>/mediation/messages/", views.mediation_post, name="mediation-post"),
    path("cases/<int:pk>/mediation/agreement/", views.mediation_agreement, name="mediation-agreement"),
    path("cases/<int:pk>/mediation/outcome/<slug:name>/", views.mediation_outcome, name="mediation-outcome"),
    path(
        "mediation-agreements/<int:agreement_id>/confirm/", views.mediation_confirm, name="mediation-confirm"
    ),
    path("mediation-agreements/<int:agreement_id>/renege/", views.mediation_renege, name="mediation-renege"),
    path(
        "mediation-agreements/<int:agreement_id>/payments/", views.mediation_payment, name="mediation-payment"
    ),
    path("mediation/reviews/", views.mediation_reviews, name="mediation-reviews"),
    path("mediation/performance/", views.mediation_performance, name="mediation-performance"),
    path("mediation-agreements/<int:agreement_id>/review/", views.mediation_review, name="mediation-review"),
    path(
        "mediation-agreements/<int:agreement_id>/review/apply/",
        views.mediation_review_apply,
        name="mediation-review-apply",
    ),
    path(
        "mediation-agreements/<int:agreement_id>/review/decision/",
        views.mediation_review_decide,
        name="mediation-review-decide",
    ),
    path(
        "mediation-agreements/<int:agreement_id>/agreement.pdf",
        views.mediation_agreement_pdf,
        name="mediation-agreement-pdf",
    ),
    path(
        "mediation-agreements/<int:agreement_id>/document.pdf",
        views.mediation_document,
        name="mediation-document-pdf",
    ),
]
