from django.urls import path

from mediation.api import views

urlpatterns = [
    path("mediation-organisations/", views.OrganisationsView.as_view(), name="api-mediation-organisations"),
    path("cases/<int:pk>/mediation/", views.CaseMediationView.as_view(), name="api-case-mediation"),
    path("cases/<int:pk>/mediation/messages/", views.MessagesView.as_view(), name="api-mediation-messages"),
    path(
        "cases/<int:pk>/mediation/agreement/", views.AgreementView.as_view(), name="api-mediation-agreement"
    ),
    path("cases/<int:pk>/mediation/decline/", views.DeclineView.as_view(), name="api-mediation-decline"),
    path("cases/<int:pk>/mediation/end/", views.EndView.as_view(), name="api-mediation-end"),
    path(
        "mediation-agreements/performance/",
        views.PerformanceView.as_view(),
        name="api-mediation-performance",
    ),
    path(
        "mediation-agreements/<int:pk>/confirm/",
        views.AgreementConfirmView.as_view(),
        name="api-mediation-agreement-confirm",
    ),
    path(
        "mediation-agreements/<int:pk>/payments/",
        views.PaymentsView.as_view(),
        name="api-mediation-agreement-payments",
    ),
    path(
        "mediation-agreements/<int:pk>/renege/",
        views.AgreementRenegeView.as_view(),
        name="api-mediation-agreement-renege",
    ),
    path(
        "mediation-agreements/<int:pk>/pdf/",
        views.AgreementPdfView.as_view(),
        name="api-mediation-agreement-pdf",
    ),
    path(
        "mediation-agreements/<int:pk>/document/",
        views.MediationDocumentPdfView.as_view(),
        name="api-mediation-document-pdf",
    ),
    path("mediation-agreements/<int:pk>/review/", views.ReviewView.as_view(), name="api-mediation-review"),
    path(
        "mediation-agreements/<int:pk>/review/decision/",
        views.ReviewDecisionView.as_view(),
        name="api-mediation-review-decision",
    ),
]
