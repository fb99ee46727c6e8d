"""Linked cases (串案) for the commission's staff: the proposals, the groups, one step on every member.

The pages call the same services as the API (``cases.services.groups``) and read through the same
selectors, so a group is visible here exactly when it is there; anyone else gets 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.requests import AuthenticatedHttpRequest
from accounts.roles import COUNTER_ROLES, has_role
from cases import selectors
from cases.registry import GROUP_ACTIONS, GroupAction
from cases.services import groups
from cases.web.case_forms import arbitrator_choices
from cases.web.case_pages import case_label, case_rows
from core import clock
from core.errors import flatten_fields
from core.web.forms import attempt, describe

RESULTS = "case_group_results"
# The actions these pages offer with a form of their own; an app gives its action a form through
# ``GroupAction.page_template`` (the award and agreement templates); any other is taken through the API.
PAGE_ACTIONS = ("accept", "set_tribunal", "serve_application", "open_hearing", "start_mediation")
# The hearing's stage kinds with their labels (the same words as ``hearings.models.StageKind``, which
# ``cases`` may not import; the hearing's own service checks the kinds).
STAGE_KINDS = (
    ("statements", gettext_lazy("Statements and defence")),
    ("evidence", gettext_lazy("Evidence")),
    ("cross_examination", gettext_lazy("Cross-examination")),
    ("inquiry", gettext_lazy("Questions and answers")),
    ("final_statements", gettext_lazy("Final statements")),
)


def _staff(request: AuthenticatedHttpRequest) -> None:
    if not selectors.sees_groups(request.user):
        raise Http404


@login_required
def group_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    _staff(request)
    proposals = list(selectors.proposal_list(request.user))
    today = clock.today()
    return render(
        request,
        "cases/group_list.html",
        {
            "groups": list(selectors.case_group_list(request.user)[:200]),
            "proposals": [{"proposal": p, "rows": case_rows(p.cases.all(), today)} for p in proposals],
            "may_link": has_role(request.user, COUNTER_ROLES),
            "arbitrators": arbitrator_choices(),
        },
    )


@login_required
@require_POST
def proposal_decide(request: AuthenticatedHttpRequest, pk: int, decision: str) -> HttpResponse:
    proposal = selectors.proposal_get(request.user, pk)
    if decision == "confirm":
        chosen = [int(v) for v in request.POST.getlist("cases") if v.isdigit()]
        lead = request.POST.get("lead_arbitrator", "")
        group, error = attempt(
            lambda: groups.group_proposal_confirm(
                proposal=proposal,
                user=request.user,
                cases=chosen or None,
                label=request.POST.get("label", "")[:200],
                lead_arbitrator=int(lead) if lead.isdigit() else None,
            )
        )
        if error is not None or group is None:
            messages.error(request, describe(error) if error else _("Not linked."))
            return redirect("case-groups")
        messages.success(request, _("The cases are linked."))
        return redirect("case-group", group.pk)
    if decision != "dismiss":
        raise Http404
    _done, error = attempt(
        lambda: groups.group_proposal_dismiss(
            proposal=proposal, user=request.user, reason=request.POST.get("reason", "")[:2000]
        )
    )
    if error is not None:
        messages.error(request, describe(error))
    else:
        messages.success(request, _("The proposal was dismissed."))
    return redirect("case-groups")


@login_required
def group_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    group = selectors.case_group_get(request.user, pk)
    members = selectors.case_group_members(group)
    results = request.session.pop(RESULTS, None)
    if results and results.get("group") != group.pk:
        results = None
    offered = [a for a in GROUP_ACTIONS.all() if a.permission(group, request.user)]
    on_page = [a for a in offered if _on_page(a)]
    return render(
        request,
        "cases/group_detail.html",
        {
            "group": group,
            "rows": case_rows(members, clock.today()),
            "show_arbitrator": True,
            "actions": [
                {
                    "name": a.name,
                    "label": a.label,
                    "template": a.page_template,
                    "form": a.page_context(group, members) if a.page_context else {},
                }
                for a in on_page
            ],
            "elsewhere": [a for a in offered if not _on_page(a)],
            "may_link": has_role(request.user, COUNTER_ROLES),
            "arbitrators": arbitrator_choices(),
            "stage_kinds": STAGE_KINDS,
            "results": results,
        },
    )


def _on_page(action: GroupAction) -> bool:
    return action.name in PAGE_ACTIONS or bool(action.page_template)


def _action_body(name: str, post: Any) -> dict[str, Any]:
    if name in ("accept", "set_tribunal"):
        arbitrator = post.get("arbitrator", "")
        return {"arbitrators": [int(arbitrator)]} if arbitrator.isdigit() else {}
    if name == "serve_application":
        return {"method": post.get("method", "")} if post.get("method") else {}
    if name == "open_hearing":
        # One window per stage the arbitrator filled in, in the order of the page (Asia/Shanghai times).
        stages = [
            {
                "stage": kind,
                "opens_at": post.get(f"{kind}_opens", ""),
                "closes_at": post.get(f"{kind}_closes", ""),
            }
            for kind, _label in STAGE_KINDS
            if post.get(f"{kind}_opens") or post.get(f"{kind}_closes")
        ]
        return {"stages": [{k: _local(v) if k != "stage" else v for k, v in st.items()} for st in stages]}
    if name == "start_mediation":
        return {"reason": post.get("reason", "")}
    return {}


def _local(value: str) -> str:
    """A ``datetime-local`` value read as Beijing time (the input shape wants an offset)."""
    return f"{value}:00+08:00" if len(value) == 16 else value


@login_required
@require_POST
def group_action(request: AuthenticatedHttpRequest, pk: int, name: str) -> HttpResponse:
    group = selectors.case_group_get(request.user, pk)
    action = GROUP_ACTIONS.get(name)
    if action is None or not _on_page(action):
        raise Http404
    body = action.page_body(request.POST) if action.page_body else _action_body(name, request.POST)
    serializer = action.input(data=body)
    if not serializer.is_valid():
        errors = flatten_fields(serializer.errors)
        messages.error(request, " ".join(m for ms in errors.values() for m in ms))
        return redirect("case-group", group.pk)
    result, error = attempt(
        lambda: groups.group_act(
            group=group, user=request.user, name=name, data=dict(serializer.validated_data)
        )
    )
    if error is not None or result is None:
        messages.error(request, describe(error) if error else _("Nothing was done."))
        return redirect("case-group", group.pk)
    request.session[RESULTS] = {
        "group": group.pk,
        "action": str(action.label),
        "rows": [
            {
                "case": m.case.pk,
                "label": case_label(m.case),
                "outcome": m.outcome,
                "status": m.status,
                "detail": m.detail,
            }
            for m in result.members
        ],
    }
    done = sum(1 for m in result.members if m.outcome == "done")
    messages.success(
        request,
        _("%(action)s: done for %(done)d of %(total)d members.")
        % {"action": action.label, "done": done, "total": len(result.members)},
    )
    return redirect("case-group", group.pk)


@login_required
@require_POST
def group_unlink(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    group = selectors.case_group_get(request.user, pk)
    case = request.POST.get("case", "")
    _member, error = attempt(
        lambda: groups.group_unlink(
            group=group,
            user=request.user,
            case=int(case) if case.isdigit() else 0,
            reason=request.POST.get("reason", "")[:2000],
        )
    )
    if error is not None:
        messages.error(request, describe(error))
    else:
        messages.success(request, _("The case was taken out of the group; its timeline records it."))
    return redirect("case-group", group.pk)
