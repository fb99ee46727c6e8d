from django.urls import path

from hearings.web import views

urlpatterns = [
    path("cases/<int:pk>/hearing/", views.hearing_case, name="hearing-case"),
    path("cases/<int:pk>/hearing/open/", views.hearing_open, name="hearing-open"),
    path("cases/<int:pk>/hearing/apply/", views.hearing_apply, name="hearing-apply"),
    path("hearing-sessions/<int:pk>/", views.hearing_room, name="hearing-room"),
    path("hearing-sessions/<int:pk>/console/", views.hearing_console, name="hearing-console"),
    path("hearing-sessions/<int:pk>/live/", views.hearing_live, name="hearing-live"),
    path("hearing-sessions/<int:pk>/submit/", views.hearing_submit, name="hearing-submit"),
    path("hearing-sessions/<int:pk>/consent/", views.hearing_consent, name="hearing-consent"),
    path(
        "hearing-sessions/<int:pk>/nothing-to-add/",
        views.hearing_nothing_to_add,
        name="hearing-nothing-to-add",
    ),
    path("hearing-sessions/<int:pk>/question/", views.hearing_question, name="hearing-question"),
    path("hearing-sessions/<int:pk>/stages/<int:stage_id>/", views.hearing_stage, name="hearing-stage"),
    path("hearing-sessions/<int:pk>/close/", views.hearing_close, name="hearing-close"),
    path("hearing-sessions/<int:pk>/convert/", views.hearing_convert, name="hearing-convert"),
    path("hearing-sessions/<int:pk>/decision/", views.hearing_decide, name="hearing-decide"),
]
