"""The evidence pages: the phone upload page, the catalogue (证据目录) with cross-examination, the
tribunal's opinions matrix with the access log, and the download link.

Visibility first (a case or item the user may not see is a 404, from ``cases.selectors`` and
``evidence.selectors``), then the service. The upload page's script sends the bytes straight to storage;
the two small endpoints it calls (declare, finalize) answer JSON in the page's language, validated by
the same input shape as the API (``evidence.inputs`` through ``evidence.web.forms``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.models import Role, User
from accounts.requests import AuthenticatedHttpRequest
from accounts.roles import COUNTER_ROLES, PARTY_ROLES, has_role
from cases import selectors as case_selectors
from cases.models import Case, Side
from cases.models.case import TERMINAL
from cases.web.case_pages import case_label
from core.errors import ApplicationError, Conflict
from core.storage import StorageUnavailable, attachment_disposition
from core.web.forms import attempt, describe
from evidence import selectors, services, sniff
from evidence.documents import catalogue_pdf
from evidence.models import CrossExamination, EvidenceItem, Opinion, Status
from evidence.web.forms import DeclareForm, OpinionForm

T = TypeVar("T")

OPINION_ASPECTS = ("authenticity", "legality", "relevance")


def _attempt(call: Callable[[], T]) -> tuple[T | None, ApplicationError | None]:
    """Run a service; a refusal (or storage being down) comes back as the error to show."""
    try:
        return attempt(
            call,
            conflicts=(IntegrityError,),
            lost_race=_("Someone else changed this at the same time; reload and try again."),
        )
    except StorageUnavailable:
        return None, ApplicationError(
            _("Evidence storage is unavailable; nothing was saved. Please try again later."),
            code="unavailable",
            status_code=503,
        )


# --- who may do what (the services decide; these only choose what the pages offer) -------------------------


def may_submit(case: Case, user: User) -> bool:
    """Whether the upload page is offered: what ``services.submitting_side`` would accept."""
    if case.status in TERMINAL:
        return False
    if has_role(user, PARTY_ROLES):
        return case.side_of(user) is not None
    if has_role(user, COUNTER_ROLES):
        return True
    return user.role == Role.ARBITRATOR and case.presiding_arbitrator_id == user.pk


def is_staff(case: Case, user: User) -> bool:
    """The tribunal's view and the access log are for the commission's people, never the parties."""
    return user.is_authenticated and not has_role(user, PARTY_ROLES)


# --- the upload page and the two calls its script makes -------------------------------------------------


def _accept_attribute() -> str:
    extensions = [".pdf", ".jpg", ".jpeg", ".png", ".heic", ".heif", ".doc", ".docx", ".xls", ".xlsx"]
    extensions += [".mp3", ".m4a", ".amr", ".mp4"]
    return ",".join([*dict.fromkeys(t.mime for t in sniff.ALLOWED), *extensions])


# What a browser that leaves ``File.type`` empty (HEIC, AMR on some phones) means by the name's ending.
TYPES_BY_EXTENSION = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "heic": "image/heic",
    "heif": "image/heic",
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
    "docx": sniff.DOCX.mime,
    "xlsx": sniff.XLSX.mime,
    "mp3": "audio/mpeg",
    "m4a": "audio/mp4",
    "amr": "audio/amr",
    "mp4": "video/mp4",
}


def _script_messages() -> dict[str, str]:
    """Everything the upload script says, in the page's language (no JavaScript catalogue needed)."""
    return {
        "hashing": _("Computing the fingerprint…"),
        "declaring": _("Registering the file…"),
        "uploading": _("Uploading…"),
        "checking": _("Checking the uploaded file…"),
        "done": _("Done: in the catalogue as No. %(number)s."),
        "failed": _("The upload did not finish."),
        "network": _("The connection dropped. Check your signal, then retry: the upload resumes."),
        "expired": _("The upload link expired; retrying registers the file again."),
        "400": _("This file cannot be accepted."),
        "413": _("This file is too large."),
        "422": _("The file that arrived does not match the one chosen; retry to send it again."),
        "403": _("You may not submit evidence on this case."),
        "404": _("This case or item was not found."),
        "409": _("This cannot be done now."),
        "503": _("Evidence storage is unavailable; nothing was saved. Please try again later."),
        "other": _("Something went wrong; please retry."),
        "no_crypto": _(
            "This browser cannot compute the file's fingerprint (it needs a secure HTTPS connection)."
        ),
        "need_title": _("Give each file a title and its purpose of proof."),
        "need_side": _("Say which side handed this evidence in."),
        "nothing": _("Choose at least one file."),
        "title": _("Title"),
        "purpose": _("Purpose of proof"),
        "purpose_help": _("What this file proves, e.g. the monthly wage was 8,000 yuan."),
        "retry": _("Retry"),
        "remove": _("Remove"),
        "all_done": _("All files were uploaded."),
    }


@login_required
@require_GET
def evidence_upload(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = case_selectors.case_get(request.user, pk)
    if not may_submit(case, request.user):
        raise PermissionDenied
    corrects = None
    if request.GET.get("supersedes"):
        corrects = selectors.evidence_get(request.user, request.GET["supersedes"])
        if corrects.case_id != case.pk:
            corrects = None
    return render(
        request,
        "evidence/upload.html",
        {
            "case": case,
            "label": case_label(case),
            "accept": _accept_attribute(),
            "types": ", ".join(dict.fromkeys(t.label for t in sniff.ALLOWED)),
            "ask_side": has_role(request.user, COUNTER_ROLES),
            "sides": Side.choices,
            "corrects": corrects,
            "script": {
                "declareUrl": reverse("evidence-declare", args=[case.pk]),
                "catalogueUrl": reverse("evidence-catalogue", args=[case.pk]),
                "types": TYPES_BY_EXTENSION,
                "messages": _script_messages(),
                "supersedes": corrects.pk if corrects else None,
            },
        },
    )


def _json_error(error: ApplicationError) -> JsonResponse:
    return JsonResponse(
        {
            "code": error.code,
            "detail": describe(error),
            "fields": {key: [str(m) for m in values] for key, values in error.fields.items()},
        },
        status=error.status_code,
        json_dumps_params={"ensure_ascii": False},
    )


@login_required
@require_POST
def evidence_declare(request: AuthenticatedHttpRequest, pk: int) -> JsonResponse:
    """Step 1 for the upload script: record the declaration, answer the presigned PUT."""
    case = case_selectors.case_get(request.user, pk)
    form = DeclareForm(request.POST)
    if not form.is_valid():
        fields = {key: [str(m) for m in values] for key, values in form.errors.items()}
        return _json_error(ApplicationError(_("Invalid input."), fields=fields))
    declared, error = _attempt(
        lambda: services.evidence_declare(case=case, user=request.user, **form.validated)
    )
    if error is not None:
        return _json_error(error)
    assert declared is not None
    upload = declared.upload
    return JsonResponse(
        {
            "id": declared.item.pk,
            "upload": {
                "url": upload.url,
                "method": upload.method,
                "headers": upload.headers,
                "expires_at": upload.expires_at.isoformat(),
            },
            "finalize_url": reverse("evidence-finalize", args=[declared.item.pk]),
        },
        status=201,
    )


@login_required
@require_POST
def evidence_finalize(request: AuthenticatedHttpRequest, item_id: int) -> JsonResponse:
    """Step 3 for the upload script, after the PUT: have the stored file checked."""
    item = selectors.evidence_get(request.user, item_id)
    done, error = _attempt(lambda: services.evidence_finalize(item=item, user=request.user))
    if error is not None:
        return _json_error(error)
    assert done is not None
    return JsonResponse({"id": done.pk, "status": done.status, "number": done.number})


# --- the catalogue ----------------------------------------------------------------------------------------


@dataclass
class Row:
    item: EvidenceItem
    opinions: list[CrossExamination]
    superseded_by: EvidenceItem | None
    form: OpinionForm | None = None
    can_correct: bool = False


def _newer(item: EvidenceItem) -> EvidenceItem | None:
    try:
        newer = item.superseded_by
    except EvidenceItem.DoesNotExist:
        return None
    return newer if newer is not None and newer.status == Status.AVAILABLE else None


def _sections(rows: list[Row]) -> list[dict[str, Any]]:
    """Each side's catalogue, the applicant's first; what the tribunal collected itself last."""
    order = [Side.APPLICANT.value, Side.RESPONDENT.value, ""]
    headings = {
        Side.APPLICANT.value: _("Applicant's evidence"),
        Side.RESPONDENT.value: _("Respondent's evidence"),
        "": _("Evidence collected by the tribunal"),
    }
    sections = []
    for side in order:
        side_rows = [r for r in rows if r.item.side == side]
        if side_rows or side:
            sections.append({"side": side, "heading": headings[side], "rows": side_rows})
    return sections


def _catalogue_page(
    request: AuthenticatedHttpRequest, case: Case, *, failed: dict[int, OpinionForm] | None = None
) -> HttpResponse:
    user = request.user
    own_side = case.side_of(user) if has_role(user, PARTY_ROLES) else None
    open_case = case.status not in TERMINAL
    rows = []
    for item in selectors.catalogue(user, case.pk).select_related("supersedes"):
        opinions = list(item.opinions.all())
        row = Row(item=item, opinions=opinions, superseded_by=_newer(item))
        answered = any(o.side == own_side for o in opinions)
        if (
            own_side is not None
            and open_case
            and item.side not in (own_side, "")
            and item.status == Status.AVAILABLE
            and not answered
        ):
            row.form = (failed or {}).get(item.pk) or OpinionForm(item_id=item.pk)
        row.can_correct = (
            open_case
            and own_side is not None
            and item.side == own_side
            and item.status == Status.AVAILABLE
            and row.superseded_by is None
        )
        rows.append(row)
    status = 400 if failed else 200
    return render(
        request,
        "evidence/catalogue.html",
        {
            "case": case,
            "label": case_label(case),
            "sections": _sections(rows),
            "own_side": own_side,
            "can_submit": may_submit(case, user),
            "staff": is_staff(case, user),
        },
        status=status,
    )


@login_required
@require_GET
def evidence_catalogue(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = case_selectors.case_get(request.user, pk)
    return _catalogue_page(request, case)


@login_required
@require_POST
def evidence_opinion(request: AuthenticatedHttpRequest, item_id: int) -> HttpResponse:
    """The opposing side's cross-examination opinion on one item, from the catalogue."""
    item = selectors.evidence_get(request.user, item_id)
    case = item.case
    form = OpinionForm(request.POST, item_id=item.pk)
    if not form.is_valid():
        messages.error(request, _("Please correct the marked fields."))
        return _catalogue_page(request, case, failed={item.pk: form})
    _opinion, error = _attempt(
        lambda: services.evidence_opinion_record(item=item, user=request.user, **form.validated)
    )
    if error is not None:
        if error.fields and not isinstance(error, Conflict):
            form.add_field_errors(error.fields)
            messages.error(request, describe(error))
            return _catalogue_page(request, case, failed={item.pk: form})
        messages.error(request, describe(error))
    else:
        messages.success(request, _("Your opinion on No. %(number)s was recorded.") % {"number": item.number})
    return redirect(f"{reverse('evidence-catalogue', args=[case.pk])}#item-{item.pk}")


@login_required
@require_GET
def evidence_download(request: AuthenticatedHttpRequest, item_id: int) -> HttpResponse:
    """A short-lived link to the file, recorded in the access log, then straight to it."""
    item = selectors.evidence_get(request.user, item_id)
    link, error = _attempt(lambda: services.evidence_download(item=item, user=request.user))
    if error is not None:
        messages.error(request, describe(error))
        return redirect(f"{reverse('evidence-catalogue', args=[item.case_id])}#item-{item.pk}")
    assert link is not None
    return redirect(link.url)


# --- the tribunal's view ------------------------------------------------------------------------------------


@login_required
@require_GET
def evidence_tribunal(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Items × opinions (authenticity, legality, relevance per side, with reasons) and who opened each."""
    case = case_selectors.case_get(request.user, pk)
    if not is_staff(case, request.user):
        raise PermissionDenied
    sides = list(Side.choices)
    side_labels = dict(sides)
    aspects = [
        ("authenticity", _("Authenticity")),
        ("legality", _("Legality")),
        ("relevance", _("Relevance")),
    ]
    rows = []
    for item in selectors.evidence_with_accesses(request.user, case.pk).select_related("supersedes"):
        by_side = {o.side: o for o in item.opinions.all()}
        cells = []
        for side, label in sides:
            opinion = by_side.get(side)
            cells.append(
                {
                    "side": side,
                    "label": label,
                    "own": side == item.side,
                    "opinion": opinion,
                    "aspects": [
                        (
                            aspect_label,
                            getattr(opinion, aspect),
                            dict(Opinion.choices)[getattr(opinion, aspect)],
                        )
                        for aspect, aspect_label in aspects
                    ]
                    if opinion
                    else [],
                }
            )
        rows.append(
            {
                "item": item,
                "side_label": side_labels.get(item.side, _("Tribunal")),
                "cells": cells,
                "superseded_by": _newer(item),
                "accesses": list(item.accesses.all()),
            }
        )
    return render(
        request,
        "evidence/tribunal.html",
        {
            "case": case,
            "label": case_label(case),
            "sides": sides,
            "rows": rows,
        },
    )


@login_required
@require_GET
def evidence_catalogue_pdf(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The catalogue (证据目录) as a PDF for the case file: what this user may see."""
    case = case_selectors.case_get(request.user, pk)
    response = HttpResponse(
        catalogue_pdf(case, selectors.catalogue(request.user, case.pk)), content_type="application/pdf"
    )
    name = f"{case.case_number or case.pk}-证据目录.pdf"
    response["Content-Disposition"] = attachment_disposition(name)
    return response
