from django.urls import path

from cases.api import care_views, case_views, group_views, service_views

urlpatterns = [
    path("case-groups/", group_views.CaseGroupListView.as_view(), name="api-case-groups"),
    path("case-groups/proposals/", group_views.ProposalListView.as_view(), name="api-case-group-proposals"),
    path(
        "case-groups/proposals/<int:pk>/confirm/",
        group_views.ProposalConfirmView.as_view(),
        name="api-case-group-proposal-confirm",
    ),
    path(
        "case-groups/proposals/<int:pk>/dismiss/",
        group_views.ProposalDismissView.as_view(),
        name="api-case-group-proposal-dismiss",
    ),
    path("case-groups/<int:pk>/", group_views.CaseGroupDetailView.as_view(), name="api-case-group"),
    path(
        "case-groups/<int:pk>/members/",
        group_views.CaseGroupMembersView.as_view(),
        name="api-case-group-members",
    ),
    path("case-groups/<int:pk>/lead/", group_views.CaseGroupLeadView.as_view(), name="api-case-group-lead"),
    path(
        "case-groups/<int:pk>/unlink/",
        group_views.CaseGroupUnlinkView.as_view(),
        name="api-case-group-unlink",
    ),
    path(
        "case-groups/<int:pk>/actions/<str:name>/",
        group_views.CaseGroupActionView.as_view(),
        name="api-case-group-action",
    ),
    path("arbitrators/", case_views.ArbitratorListView.as_view(), name="api-arbitrators"),
    path("cases/", case_views.CaseListView.as_view(), name="api-cases"),
    path("cases/bind/", case_views.CaseBindView.as_view(), name="api-case-bind"),
    path("cases/status-counts/", case_views.CaseStatusCountsView.as_view(), name="api-case-status-counts"),
    path("cases/<int:pk>/", case_views.CaseDetailView.as_view(), name="api-case"),
    path(
        "cases/<int:pk>/transitions/<str:name>/",
        case_views.CaseTransitionView.as_view(),
        name="api-case-transition",
    ),
    path("cases/<int:pk>/actions/<str:name>/", case_views.CaseActionView.as_view(), name="api-case-action"),
    path("cases/<int:pk>/events/", case_views.CaseEventsView.as_view(), name="api-case-events"),
    path("cases/<int:pk>/consents/", case_views.CaseConsentsView.as_view(), name="api-case-consents"),
    path(
        "cases/<int:pk>/agents/<int:agent_id>/mandate/",
        case_views.CaseAgentMandateView.as_view(),
        name="api-case-agent-mandate",
    ),
    path("cases/<int:pk>/legal-aid/", care_views.CaseLegalAidView.as_view(), name="api-case-legal-aid"),
    path("cases/<int:pk>/review/", care_views.CaseReviewView.as_view(), name="api-case-review"),
    path("service-reviews/", care_views.ReviewFollowUpsView.as_view(), name="api-service-reviews"),
    path(
        "service-reviews/<int:pk>/follow-up/",
        care_views.ReviewFollowUpView.as_view(),
        name="api-service-review-follow-up",
    ),
    path("cases/<int:pk>/tribunal/", case_views.CaseTribunalView.as_view(), name="api-case-tribunal"),
    path("cases/<int:pk>/services/", service_views.CaseServicesView.as_view(), name="api-case-services"),
    path(
        "cases/<int:pk>/services/<int:service_id>/open/",
        service_views.ServiceOpenView.as_view(),
        name="api-case-service-open",
    ),
]
