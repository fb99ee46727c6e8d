"""The reports the district plan names (domain.md §7), made in the background and kept as snapshots.

- ``quarterly_bulletin`` 办案指标季度通报: the quarter's figures against their targets, by month,
  presiding arbitrator, street and mediation organisation;
- ``major_cases`` 重案月报: the month's collective disputes and large claims among the cases it handled
  (pending at its start or accepted in it), and the cases open and past their ruling due date at its end;
- ``special_cases`` 特案专报: chosen cases, each summarised (parties, claims, dates, tribunal, timeline).

Every number comes from the figure functions (``figures.summary``) and every list of cases from the
drill-down (``drilldown.entries``), so a report says what the API and the dashboard say. A report is made
once (``report_generate``, the Celery task ``arbitration.tasks.generate_report``): what it says is kept in
``SupervisionReport.figures`` and the Excel and PDF files made from that snapshot go to object storage
with their SHA-256, so a later change to the cases (or to the definitions) leaves a published report as it
was. The files are in Chinese, like the commission's formal documents; the Excel puts each rate beside a
``=numerator/denominator`` formula so a statistician can check it.
"""

from __future__ import annotations

import hashlib
import io
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Count, QuerySet
from django.utils import translation

from accounts.models import User
from arbitration.documents import DOCUMENT_LANGUAGE, _one_line, cn_date, money, render_markup
from arbitration.models import ReportKind, ReportStatus, SupervisionReport
from arbitration.pdf import markup_pdf
from arbitration.supervision import drilldown
from arbitration.supervision.figures import FIGURES, Period, summary
from cases.models import CaseParty, ClaimCategory, Deadline, EventKind, Side
from cases.models.deadlines import DeadlineKind
from cases.selectors import cases_visible_to
from core import clock, outbox
from core.storage import Presigned, get_storage

log = logging.getLogger(__name__)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"
CONTENT_TYPES = {"xlsx": XLSX, "pdf": PDF}
DOWNLOAD_TTL = timedelta(minutes=5)
TITLES = {
    ReportKind.QUARTERLY_BULLETIN: "办案指标季度通报",
    ReportKind.MAJOR_CASES: "重案月报",
    ReportKind.SPECIAL_CASES: "特案专报",
}
# The groups of the bulletin, in its order: (summary's group_by, heading).
BULLETIN_GROUPS = (
    ("month", "按月"),
    ("arbitrator", "按仲裁员"),
    ("street", "按街道"),
    ("organisation", "按调解组织"),
)
# The figures the bulletin's group tables show (all of them are in its first table).
GROUP_FIGURES = ("closure_rate", "mediation_success_rate", "on_time_closure_rate", "open_overdue")
CASE_COLUMNS = (
    ("case_number", "案号"),
    ("received_on", "收案日期"),
    ("accepted_on", "立案日期"),
    ("closed_on", "结案日期"),
    ("status_label", "状态"),
    ("claims_total", "请求金额（元）"),
    ("applicants", "申请人数"),
    ("street", "街道"),
    ("arbitrator", "首席仲裁员"),
    ("ruling_due", "审限届满日"),
)
# The timeline shown for each case of a special-case report: its latest events.
SPECIAL_EVENTS = 30


# --- requesting, making, downloading ------------------------------------------------------------------------


def reports_visible_to(user: User) -> QuerySet[SupervisionReport]:
    """Every report, to the supervisors who may ask for them (the views check the role)."""
    return SupervisionReport.objects.select_related("requested_by")


def report_request(
    *, user: User, kind: str, period: Period | None, parameters: dict[str, Any]
) -> SupervisionReport:
    """Record the request and queue its making (after this transaction commits)."""
    with transaction.atomic():
        report = SupervisionReport.objects.create(
            kind=kind,
            period_from=period.first if period else None,
            period_to=period.last if period else None,
            parameters=parameters,
            requested_by=user,
            created_at=clock.now(),
        )
        from arbitration.tasks import generate_report

        outbox.enqueue(generate_report, report.pk)
    return report


def _progress(report_id: int, progress: int) -> None:
    SupervisionReport.objects.filter(pk=report_id).update(progress=progress)


def report_generate(report_id: int) -> None:
    """Make the report: its snapshot, then the Excel and the PDF from it, then store them. Claimed with a
    conditional UPDATE, so a task delivered twice makes it once; a failure is recorded on the report."""
    if not SupervisionReport.objects.filter(pk=report_id, status=ReportStatus.QUEUED).update(
        status=ReportStatus.RUNNING, progress=5
    ):
        return
    report = SupervisionReport.objects.select_related("requested_by").get(pk=report_id)
    kind = KINDS[ReportKind(report.kind)]
    try:
        with translation.override(DOCUMENT_LANGUAGE):
            snapshot = kind.snapshot(report)
            _progress(report_id, 40)
            made = {"xlsx": kind.workbook(report, snapshot)}
            _progress(report_id, 60)
            made["pdf"] = markup_pdf(kind.markup(report, snapshot))
            _progress(report_id, 80)
        storage = get_storage()
        files = {}
        for extension, content in made.items():
            key = f"reports/{report_id}/report.{extension}"
            storage.put(key, content, CONTENT_TYPES[extension])
            files[extension] = {
                "key": key,
                "sha256": hashlib.sha256(content).hexdigest(),
                "size": len(content),
            }
    except Exception as exc:  # recorded on the report for the supervisor to see; the log has the trace
        log.exception("report %s failed", report_id)
        SupervisionReport.objects.filter(pk=report_id).update(
            status=ReportStatus.FAILED, error=str(exc)[:300], finished_at=clock.now()
        )
        return
    SupervisionReport.objects.filter(pk=report_id).update(
        status=ReportStatus.DONE, progress=100, figures=snapshot, files=files, finished_at=clock.now()
    )


def filename(report: SupervisionReport, extension: str) -> str:
    return f"{title_of(report)}.{extension}"


def report_download(report: SupervisionReport, extension: str) -> Presigned:
    """A short-lived link to one of the report's files, straight from storage (the server never relays the
    bytes when the storage is S3)."""
    stored = report.files[extension]
    return get_storage().presign_download(
        stored["key"],
        DOWNLOAD_TTL,
        filename=filename(report, extension),
        content_type=CONTENT_TYPES[extension],
    )


# --- what is in each ---------------------------------------------------------------------------------------


def period_of(report: SupervisionReport) -> Period:
    assert report.period_from is not None and report.period_to is not None
    return Period(report.period_from, report.period_to)


def title_of(report: SupervisionReport) -> str:
    title = TITLES[ReportKind(report.kind)]
    p = report.parameters
    if report.kind == ReportKind.QUARTERLY_BULLETIN:
        return f"{title}（{p['year']}年第{p['quarter']}季度）"
    if report.kind == ReportKind.MAJOR_CASES:
        return f"{title}（{p['year']}年{p['month']}月）"
    return f"{title}（{p['title']}）" if p.get("title") else title


def _figures_only(body: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in body.items() if key not in ("group_by", "groups")}


def _bulletin_snapshot(report: SupervisionReport) -> dict[str, Any]:
    period = period_of(report)
    snapshot = {"summary": _figures_only(summary(period))}
    for group_by, _heading in BULLETIN_GROUPS:
        snapshot[f"by_{group_by}"] = summary(period, group_by)["groups"]
    return snapshot


def _case_rows(entries: list[drilldown.Entry]) -> list[dict[str, Any]]:
    ids = [e.case.pk for e in entries]
    due = dict(
        Deadline.objects.filter(case_id__in=ids, kind=DeadlineKind.RULING, key="").values_list(
            "case_id", "due_on"
        )
    )
    applicants = dict(
        CaseParty.objects.filter(case_id__in=ids, side=Side.APPLICANT)
        .values("case_id")
        .annotate(n=Count("pk"))
        .values_list("case_id", "n")
        .order_by()
    )
    rows = []
    for entry in entries:
        case = entry.case
        rows.append(
            {
                **drilldown.entry_data(entry),
                "status_label": str(case.get_status_display()),
                "claims_total": f"{case.claims_total:.2f}",
                "is_collective": case.is_collective,
                "applicants": applicants.get(case.pk, 0),
                "ruling_due": due[case.pk].isoformat() if due.get(case.pk) else "",
            }
        )
    return rows


def _major_snapshot(report: SupervisionReport) -> dict[str, Any]:
    period = period_of(report)
    user = report.requested_by
    threshold = Decimal(report.parameters["amount_at_least"])
    handled = drilldown.entries(user, figure="closure_rate", part="denominator", period=period)
    overdue = drilldown.entries(user, figure="open_overdue", part="numerator", period=period)
    return {
        "summary": _figures_only(summary(period)),
        "amount_at_least": f"{threshold:.2f}",
        "collective": _case_rows([e for e in handled if e.case.is_collective]),
        "large_amount": _case_rows([e for e in handled if e.case.claims_total >= threshold]),
        "overdue": _case_rows(overdue),
    }


def _special_snapshot(report: SupervisionReport) -> dict[str, Any]:
    wanted = report.parameters["cases"]
    found = {
        c.pk: c
        for c in cases_visible_to(report.requested_by)
        .filter(pk__in=wanted)
        .select_related("presiding_arbitrator", "mediation_organisation")
        .prefetch_related("parties__party", "claims")
    }
    cases = []
    for case_id in wanted:
        case = found.get(case_id)
        if case is None:  # gone, or no longer visible to whoever asked: said so rather than left out
            cases.append({"id": case_id, "missing": True})
            continue
        parties = sorted(case.parties.all(), key=lambda r: (r.side, r.position, r.pk))
        events = list(case.events.order_by("-created_at", "-id")[:SPECIAL_EVENTS])
        cases.append(
            {
                "id": case.pk,
                "case_number": case.case_number or "",
                "status_label": str(case.get_status_display()),
                "closure_type": str(case.get_closure_type_display()) if case.closure_type else "",
                "is_collective": case.is_collective,
                "street": case.street,
                "arbitrator": str(case.presiding_arbitrator) if case.presiding_arbitrator else "",
                "organisation": case.mediation_organisation.name if case.mediation_organisation else "",
                "received_on": clock.local_date(case.received_at).isoformat(),
                "accepted_on": clock.local_date(case.accepted_at).isoformat() if case.accepted_at else "",
                "closed_on": clock.local_date(case.closed_at).isoformat() if case.closed_at else "",
                "claims_total": f"{case.claims_total:.2f}",
                "applicants": [r.party.name for r in parties if r.side == Side.APPLICANT],
                "respondents": [r.party.name for r in parties if r.side == Side.RESPONDENT],
                "claims": [
                    {
                        "category": str(ClaimCategory(c.category).label),
                        "amount": "" if c.amount is None else f"{c.amount:.2f}",
                        "withdrawn": c.withdrawn,
                    }
                    for c in sorted(case.claims.all(), key=lambda c: (c.position, c.pk))
                ],
                "events": [
                    {"on": clock.local_date(e.created_at).isoformat(), "event": _event_label(e.kind)}
                    for e in reversed(events)
                ],
            }
        )
    return {
        "title": report.parameters.get("title", ""),
        "note": report.parameters.get("note", ""),
        "cases": cases,
    }


def _event_label(kind: str) -> str:
    return str(EventKind(kind).label) if kind in EventKind.values else kind


# --- the Excel ---------------------------------------------------------------------------------------------


def _percent(value: str | None) -> str:
    return "—" if value is None else f"{Decimal(value) * 100:.2f}%"


def _number(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def _met(met: bool | None) -> str:
    return "" if met is None else ("是" if met else "否")


def _save(workbook: Any) -> bytes:
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _new_workbook() -> Any:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    return workbook


def _header(sheet: Any, cells: list[str]) -> None:
    from openpyxl.styles import Font

    sheet.append(cells)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)


def _rate_cells(
    sheet: Any, row: int, numerator_column: str, denominator_column: str, rate_columns: str
) -> None:
    """The stored rate as a percentage, and beside it the formula that recomputes it from the two counts."""
    value, formula = (f"{c}{row}" for c in rate_columns)
    sheet[value].number_format = "0.00%"
    sheet[formula] = f'=IF({denominator_column}{row}=0,"",{numerator_column}{row}/{denominator_column}{row})'
    sheet[formula].number_format = "0.00%"


def _figures_sheet(workbook: Any, title: str, body: dict[str, Any]) -> None:
    sheet = workbook.create_sheet(title)
    _header(sheet, ["指标", "代码", "分子", "分母", "比率", "比率（公式=分子/分母）", "目标", "达标"])
    for figure in FIGURES:
        result = body[figure.name]
        target = _number(result["target"])
        sheet.append(
            [
                str(figure.label),
                figure.name,
                result["numerator"],
                result["denominator"],
                _number(result["value"]),
                None,
                target,
                _met(result["met"]),
            ]
        )
        _rate_cells(sheet, sheet.max_row, "C", "D", "EF")
        if target is not None:
            sheet[f"G{sheet.max_row}"].number_format = "0.00%"
    days = body["days_to_close"]
    sheet.append(["平均结案天数", "days_to_close.average", None, days["cases"], _number(days["average"])])
    sheet.append(["结案天数中位数", "days_to_close.median", None, days["cases"], _number(days["median"])])
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["F"].width = 22


def _groups_sheet(workbook: Any, title: str, groups: list[dict[str, Any]]) -> None:
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(title)
    header = ["分组", "代码"]
    labels = {f.name: str(f.label) for f in FIGURES}
    for name in GROUP_FIGURES:
        header += [f"{labels[name]}·分子", "分母", "比率", "比率（公式）"]
    _header(sheet, header)
    for group in groups:
        row: list[Any] = [group["label"], group["key"]]
        for name in GROUP_FIGURES:
            result = group[name]
            row += [result["numerator"], result["denominator"], _number(result["value"]), None]
        sheet.append(row)
        for index in range(len(GROUP_FIGURES)):
            first = 3 + 4 * index
            n, d, v, f = (get_column_letter(first + k) for k in range(4))
            _rate_cells(sheet, sheet.max_row, n, d, v + f)
    sheet.column_dimensions["A"].width = 22


def _cases_sheet(workbook: Any, title: str, rows: list[dict[str, Any]]) -> None:
    sheet = workbook.create_sheet(title)
    _header(sheet, [heading for _key, heading in CASE_COLUMNS])
    for row in rows:
        sheet.append(
            [Decimal(row[key]) if key == "claims_total" else row[key] or "" for key, _heading in CASE_COLUMNS]
        )
    sheet.append(["合计", len(rows)])
    sheet.column_dimensions["A"].width = 26


def _bulletin_workbook(report: SupervisionReport, snapshot: dict[str, Any]) -> bytes:
    workbook = _new_workbook()
    _figures_sheet(workbook, "汇总", snapshot["summary"])
    for group_by, heading in BULLETIN_GROUPS:
        _groups_sheet(workbook, heading, snapshot[f"by_{group_by}"])
    return _save(workbook)


def _major_workbook(report: SupervisionReport, snapshot: dict[str, Any]) -> bytes:
    workbook = _new_workbook()
    _cases_sheet(workbook, "集体争议", snapshot["collective"])
    _cases_sheet(workbook, "大额案件", snapshot["large_amount"])
    _cases_sheet(workbook, "超审限未结", snapshot["overdue"])
    _figures_sheet(workbook, "当月指标", snapshot["summary"])
    return _save(workbook)


def _special_workbook(report: SupervisionReport, snapshot: dict[str, Any]) -> bytes:
    workbook = _new_workbook()
    sheet = workbook.create_sheet("案件")
    columns = [
        ("case_number", "案号"),
        ("status_label", "状态"),
        ("received_on", "收案日期"),
        ("accepted_on", "立案日期"),
        ("closed_on", "结案日期"),
        ("closure_type", "结案方式"),
        ("claims_total", "请求金额（元）"),
        ("street", "街道"),
        ("arbitrator", "首席仲裁员"),
        ("organisation", "调解组织"),
    ]
    _header(sheet, ["编号", *(h for _k, h in columns), "申请人", "被申请人", "集体争议"])
    for case in snapshot["cases"]:
        if case.get("missing"):
            sheet.append([case["id"], "（无此案件或无权查看）"])
            continue
        values = [Decimal(case[k]) if k == "claims_total" else case[k] for k, _h in columns]
        sheet.append(
            [
                case["id"],
                *values,
                "、".join(case["applicants"]),
                "、".join(case["respondents"]),
                "是" if case["is_collective"] else "否",
            ]
        )
    events = workbook.create_sheet("经过")
    _header(events, ["案号", "日期", "事项"])
    for case in snapshot["cases"]:
        for event in case.get("events", []):
            events.append([case["case_number"] or case["id"], event["on"], event["event"]])
    return _save(workbook)


# --- the PDF (arbitration.pdf's line markup) --------------------------------------------------------------


def _row(*cells: Any) -> str:
    return "| " + " | ".join(_one_line(str(c)) for c in cells) + " |"


def _heading_lines(report: SupervisionReport) -> list[str]:
    lines = [f"= {TITLES[ReportKind(report.kind)]}", render_markup("_commission", {}).strip()]
    if report.period_from and report.period_to:
        lines.append(f"~ {cn_date(report.period_from)}至{cn_date(report.period_to)}")
    return lines


def _figures_table(body: dict[str, Any]) -> list[str]:
    lines = [_row("指标", "分子", "分母", "比率", "目标", "达标")]
    for figure in FIGURES:
        r = body[figure.name]
        target = _percent(r["target"]) if r["target"] else "—"
        lines.append(
            _row(figure.label, r["numerator"], r["denominator"], _percent(r["value"]), target, _met(r["met"]))
        )
    days = body["days_to_close"]
    average, median = days["average"] or "—", days["median"] or "—"
    lines.append(f"结案 {days['cases']} 件，平均结案天数 {average} 天，中位数 {median} 天。")
    return lines


def _fraction(result: dict[str, Any]) -> str:
    return f"{result['numerator']}/{result['denominator']} {_percent(result['value'])}"


def _bulletin_markup(report: SupervisionReport, snapshot: dict[str, Any]) -> str:
    lines = _heading_lines(report)
    p = report.parameters
    lines.insert(2, f"~ {p['year']}年第{p['quarter']}季度")
    lines += ["## 一、主要指标", *_figures_table(snapshot["summary"])]
    labels = {f.name: str(f.label) for f in FIGURES}
    numerals = "二三四五六"
    for index, (group_by, heading) in enumerate(BULLETIN_GROUPS):
        lines.append(f"## {numerals[index]}、{heading}")
        groups = snapshot[f"by_{group_by}"]
        if not groups:
            lines.append("无。")
            continue
        lines.append(_row("分组", *(labels[name] for name in GROUP_FIGURES)))
        lines += [_row(g["label"], *(_fraction(g[name]) for name in GROUP_FIGURES)) for g in groups]
    lines += ["---", f"> {cn_date(clock.today())}"]
    return "\n".join(lines)


def _case_table(rows: list[dict[str, Any]]) -> list[str]:
    if not rows:
        return ["无。"]
    lines = [_row("案号", "立案日期", "状态", "请求金额（元）", "申请人数", "首席仲裁员", "审限届满日")]
    lines += [
        _row(
            r["case_number"],
            r["accepted_on"],
            r["status_label"],
            money(Decimal(r["claims_total"])),
            r["applicants"],
            r["arbitrator"],
            r["ruling_due"],
        )
        for r in rows
    ]
    lines.append(f"共 {len(rows)} 件。")
    return lines


def _major_markup(report: SupervisionReport, snapshot: dict[str, Any]) -> str:
    lines = _heading_lines(report)
    p = report.parameters
    lines.insert(2, f"~ {p['year']}年{p['month']}月")
    lines.append(
        "本月办理的案件（月初未结及本月立案）中的集体争议和请求金额在"
        f"{money(Decimal(snapshot['amount_at_least']))}元以上的案件，以及月末未结且已超过审理期限的案件。"
    )
    lines += ["## 一、集体争议", *_case_table(snapshot["collective"])]
    lines += [f"## 二、大额案件（{money(Decimal(snapshot['amount_at_least']))}元以上）"]
    lines += _case_table(snapshot["large_amount"])
    lines += ["## 三、超审限未结案件", *_case_table(snapshot["overdue"])]
    lines += ["## 四、当月指标", *_figures_table(snapshot["summary"])]
    lines += ["---", f"> {cn_date(clock.today())}"]
    return "\n".join(lines)


def _special_markup(report: SupervisionReport, snapshot: dict[str, Any]) -> str:
    lines = _heading_lines(report)
    if snapshot["title"]:
        lines.append(f"~ {snapshot['title']}")
    if snapshot["note"]:
        lines += [_one_line(line) for line in snapshot["note"].splitlines() if line.strip()]
    for number, case in enumerate(snapshot["cases"], start=1):
        if case.get("missing"):
            lines += [f"## {number}. 编号{case['id']}", "无此案件或无权查看。"]
            continue
        lines.append(f"## {number}. {case['case_number'] or '编号' + str(case['id'])}")
        lines.append(
            _one_line(
                f"申请人：{'、'.join(case['applicants'])}；被申请人：{'、'.join(case['respondents'])}；"
                f"{'集体争议；' if case['is_collective'] else ''}街道：{case['street'] or '—'}；"
                f"首席仲裁员：{case['arbitrator'] or '—'}；状态：{case['status_label']}"
                f"{'（' + case['closure_type'] + '）' if case['closure_type'] else ''}。"
            )
        )
        lines.append(
            f"收案{case['received_on']}，立案{case['accepted_on'] or '—'}，结案{case['closed_on'] or '—'}；"
            f"请求金额合计{money(Decimal(case['claims_total']))}元。"
        )
        if case["claims"]:
            lines.append(_row("请求事项", "金额（元）"))
            lines += [
                _row(c["category"] + ("（已撤回）" if c["withdrawn"] else ""), c["amount"] or "—")
                for c in case["claims"]
            ]
        if case["events"]:
            lines.append(_row("日期", "经过"))
            lines += [_row(e["on"], e["event"]) for e in case["events"]]
    lines += ["---", f"> {cn_date(clock.today())}"]
    return "\n".join(lines)


@dataclass(frozen=True)
class Kind:
    snapshot: Callable[[SupervisionReport], dict[str, Any]]
    workbook: Callable[[SupervisionReport, dict[str, Any]], bytes]
    markup: Callable[[SupervisionReport, dict[str, Any]], str]


KINDS = {
    ReportKind.QUARTERLY_BULLETIN: Kind(_bulletin_snapshot, _bulletin_workbook, _bulletin_markup),
    ReportKind.MAJOR_CASES: Kind(_major_snapshot, _major_workbook, _major_markup),
    ReportKind.SPECIAL_CASES: Kind(_special_snapshot, _special_workbook, _special_markup),
}
