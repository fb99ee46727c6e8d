from django.urls import path

from hearings.api import views

urlpatterns = [
    path("joint-hearings/<int:pk>/", views.JointHearingView.as_view(), name="api-joint-hearing"),
    path(
        "joint-hearings/<int:pk>/submissions/",
        views.JointSubmissionsView.as_view(),
        name="api-joint-hearing-submissions",
    ),
    path(
        "cases/<int:pk>/hearing-sessions/", views.CaseSessionsView.as_view(), name="api-case-hearing-sessions"
    ),
    path("hearing-sessions/<int:pk>/", views.SessionDetailView.as_view(), name="api-hearing-session"),
    path(
        "hearing-sessions/<int:pk>/decision/",
        views.SessionDecisionView.as_view(),
        name="api-hearing-decision",
    ),
    path(
        "hearing-sessions/<int:pk>/consent/", views.SessionConsentView.as_view(), name="api-hearing-consent"
    ),
    path(
        "hearing-sessions/<int:pk>/submissions/",
        views.SessionSubmissionsView.as_view(),
        name="api-hearing-submissions",
    ),
    path("hearing-sessions/<int:pk>/events/", views.SessionEventsView.as_view(), name="api-hearing-events"),
    path(
        "hearing-sessions/<int:pk>/stages/<int:stage_id>/",
        views.StageAdjustView.as_view(),
        name="api-hearing-stage",
    ),
    path(
        "hearing-sessions/<int:pk>/nothing-to-add/",
        views.NothingToAddView.as_view(),
        name="api-hearing-nothing-to-add",
    ),
    path("hearing-sessions/<int:pk>/close/", views.SessionCloseView.as_view(), name="api-hearing-close"),
    path(
        "hearing-sessions/<int:pk>/convert/", views.SessionConvertView.as_view(), name="api-hearing-convert"
    ),
    path(
        "hearing-sessions/<int:pk>/record.pdf",
        views.SessionRecordPdfView.as_view(),
        name="api-hearing-record",
    ),
    path(
        "hearing-sessions/<int:pk>/record/confirm/",
        views.SessionRecordConfirmView.as_view(),
        name="api-hearing-record-confirm",
    ),
]
