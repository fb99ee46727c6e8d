from django.urls import path

from cases.web import care_pages, case_pages, group_pages

urlpatterns = [
    path("cases/", case_pages.case_list, name="case-list"),
    path("cases/apply/", case_pages.case_apply, name="case-apply"),
    path("cases/register/", case_pages.case_register, name="case-register"),
    path("cases/<int:pk>/", case_pages.case_detail, name="case-detail"),
    path("cases/<int:pk>/steps/<slug:name>/", case_pages.case_step, name="case-step"),
    path("cases/<int:pk>/consents/", case_pages.case_consents, name="case-consents"),
    path("cases/<int:pk>/agents/<int:agent_id>/mandate/", case_pages.case_mandate, name="case-mandate"),
    path("cases/<int:pk>/tribunal/", case_pages.case_tribunal, name="case-tribunal"),
    path("intake/", case_pages.intake_queue, name="intake-queue"),
    path("docket/", case_pages.docket, name="docket"),
    path("cases/<int:pk>/review/", care_pages.case_review, name="case-review"),
    path("service-reviews/", care_pages.review_follow_ups, name="review-follow-ups"),
    path("service-reviews/<int:pk>/follow-up/", care_pages.review_follow_up, name="review-follow-up"),
    path("case-groups/", group_pages.group_list, name="case-groups"),
    path(
        "case-groups/proposals/<int:pk>/<slug:decision>/",
        group_pages.proposal_decide,
        name="case-group-proposal",
    ),
    path("case-groups/<int:pk>/", group_pages.group_detail, name="case-group"),
    path("case-groups/<int:pk>/actions/<slug:name>/", group_pages.group_action, name="case-group-action"),
    path("case-groups/<int:pk>/unlink/", group_pages.group_unlink, name="case-group-unlink"),
]
