"""The stored reports (办案指标季度通报, 重案月报, 特案专报): asked for over the API, made in the background,
kept as snapshots in object storage and downloaded through a short-lived storage link. The numbers are
checked against /api/v1/metrics/summary/ and against the hand-worked figures of the ``docket`` fixture
(tests/arbitration/test_supervision_figures.py)."""

from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
from decimal import Decimal

import pytest
import requests
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from arbitration.models import SupervisionReport
from arbitration.supervision.reports import report_generate
from cases.models import Case
from tests.arbitration import supervision_data as d
from tests.helpers import api

pytestmark = pytest.mark.django_db

REPORTS = "/api/v1/metrics/reports/"


def ask(user, body, django_capture_on_commit_callbacks, expect=202):
    """POST the request; the task queued after commit runs here (Celery is eager in the tests)."""
    with django_capture_on_commit_callbacks(execute=True):
        response = api(user).post(REPORTS, body, format="json")
    assert response.status_code == expect, response.json()
    return response.json()


def fetch(user, report_id):
    response = api(user).get(f"{REPORTS}{report_id}/")
    assert response.status_code == 200, response.json()
    return response.json()


def download(user, report_id, extension):
    response = api(user).get(f"{REPORTS}{report_id}/download/", {"file": extension})
    assert response.status_code == 200, response.json()
    url = response.json()["url"]
    assert url.startswith("http://127.0.0.1:")  # the storage server's presigned link, not this server
    got = requests.get(url, timeout=10)
    assert got.status_code == 200
    return got.content


def pdftotext(pdf: bytes) -> str:
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return "".join(result.stdout.decode().split())


def summary_api(user, **params):
    response = api(user).get("/api/v1/metrics/summary/", params)
    assert response.status_code == 200
    return response.json()


def test_the_quarterly_bulletin_is_made_in_the_background_and_its_excel_has_the_apis_figures(
    personas, docket, django_capture_on_commit_callbacks
):
    asked = ask(
        personas.supervisor,
        {"kind": "quarterly_bulletin", "year": 2026, "quarter": 1},
        django_capture_on_commit_callbacks,
    )
    assert asked["status"] == "queued" and asked["progress"] == 0
    report = fetch(personas.supervisor, asked["id"])
    assert (report["status"], report["progress"]) == ("done", 100)
    assert (report["period_from"], report["period_to"]) == ("2026-01-01", "2026-03-31")
    assert report["title"] == "办案指标季度通报（2026年第1季度）"

    content = download(personas.supervisor, asked["id"], "xlsx")
    assert hashlib.sha256(content).hexdigest() == report["files"]["xlsx"]["sha256"]
    book = load_workbook(io.BytesIO(content))
    assert book.sheetnames == ["汇总", "按月", "按仲裁员", "按街道", "按调解组织"]
    sheet = book["汇总"]
    rows = {row[1].value: row for row in sheet.iter_rows(min_row=2) if row[1].value}
    api_figures = summary_api(personas.supervisor, **{"from": "2026-01-01", "to": "2026-03-31"})
    for name in (
        "closure_rate",
        "mediation_success_rate",
        "final_award_share",
        "finality_rate",
        "on_time_closure_rate",
        "open_overdue",
    ):
        row = rows[name]
        figure = api_figures[name]
        assert (row[2].value, row[3].value) == (figure["numerator"], figure["denominator"]), name
        assert Decimal(str(row[4].value)) == Decimal(figure["value"]), name
        r = row[0].row
        assert row[5].value == f'=IF(D{r}=0,"",C{r}/D{r})'  # the statistician's check beside the value
    # By hand (the docket): closure 3 of 6 against 0.90, not met; mediation 2 of 5.
    closure = rows["closure_rate"]
    assert [c.value for c in closure[:4]] == ["仲裁结案率", "closure_rate", 3, 6]
    assert Decimal(str(closure[4].value)) == Decimal("0.5")
    assert Decimal(str(closure[6].value)) == Decimal("0.9") and closure[7].value == "否"
    assert (rows["mediation_success_rate"][2].value, rows["mediation_success_rate"][3].value) == (2, 5)
    # By month: January closed A of A, B, H pending or accepted.
    months = list(book["按月"].iter_rows(min_row=2, values_only=True))
    assert [m[1] for m in months] == ["2026-01", "2026-02", "2026-03"]
    assert months[0][2:4] == (1, 3)
    streets = {row[1]: row for row in book["按街道"].iter_rows(min_row=2, values_only=True)}
    assert streets["石牌街"][2:4] == (1, 2)  # A closed, B open


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (make poppler) is missing")
def test_the_bulletins_pdf_reads_back(personas, docket, django_capture_on_commit_callbacks):
    asked = ask(
        personas.supervisor,
        {"kind": "quarterly_bulletin", "year": 2026, "quarter": 1},
        django_capture_on_commit_callbacks,
    )
    pdf = download(personas.supervisor, asked["id"], "pdf")
    assert pdf.startswith(b"%PDF")
    assert (
        hashlib.sha256(pdf).hexdigest() == fetch(personas.supervisor, asked["id"])["files"]["pdf"]["sha256"]
    )
    text = pdftotext(pdf)
    assert "办案指标季度通报" in text and "广州市天河区劳动人事争议仲裁委员会" in text
    assert "2026年1月1日至2026年3月31日" in text
    assert "仲裁结案率" in text and "50.00%" in text and "90.00%" in text
    assert "石牌街" in text and "仲裁员丙" in text


def test_a_published_report_does_not_change_when_the_cases_do(
    personas, docket, travel, django_capture_on_commit_callbacks
):
    asked = ask(
        personas.supervisor,
        {"kind": "quarterly_bulletin", "year": 2026, "quarter": 2},
        django_capture_on_commit_callbacks,
    )
    before = fetch(personas.supervisor, asked["id"])
    # As of 04-15: pending B, G, D; D withdrawn 04-10 — 1 of 3.
    assert before["figures"]["summary"]["closure_rate"]["numerator"] == 1
    assert before["figures"]["summary"]["closure_rate"]["denominator"] == 3
    d.award(personas, travel, docket["B"], "2026-05-06")
    d.at(travel, "2026-05-10")
    assert (
        summary_api(personas.supervisor, **{"from": "2026-04-01", "to": "2026-06-30"})["closure_rate"][
            "numerator"
        ]
        == 2
    )
    after = fetch(personas.supervisor, asked["id"])
    assert after["figures"] == before["figures"] and after["files"] == before["files"]
    content = download(personas.supervisor, asked["id"], "xlsx")
    assert hashlib.sha256(content).hexdigest() == before["files"]["xlsx"]["sha256"]


def test_the_monthly_major_case_report_lists_large_and_overdue_cases(
    personas, docket, django_capture_on_commit_callbacks
):
    asked = ask(
        personas.supervisor,
        {"kind": "major_cases", "year": 2026, "month": 3, "amount_at_least": "30000"},
        django_capture_on_commit_callbacks,
    )
    report = fetch(personas.supervisor, asked["id"])
    assert report["status"] == "done", report["error"]
    assert report["parameters"]["amount_at_least"] == "30000.00"
    numbers = {k: case_numbers(report["figures"][k]) for k in ("collective", "large_amount", "overdue")}
    case_number = {key: _number(case_id) for key, case_id in docket.items()}
    # Handled in March: B, G, D (pending or accepted), H (pending, awarded 03-20); only H claims 50000.
    assert numbers["large_amount"] == [case_number["H"]]
    assert numbers["collective"] == []
    # Open at 03-31 and past the ruling due date: B and G — the open_overdue figure's numerator.
    assert sorted(numbers["overdue"]) == sorted([case_number["B"], case_number["G"]])
    march = summary_api(personas.supervisor, **{"from": "2026-03-01", "to": "2026-03-31"})
    assert march["open_overdue"]["numerator"] == len(numbers["overdue"])

    book = load_workbook(io.BytesIO(download(personas.supervisor, asked["id"], "xlsx")))
    assert book.sheetnames == ["集体争议", "大额案件", "超审限未结", "当月指标"]
    large = list(book["大额案件"].iter_rows(min_row=2, values_only=True))
    assert large[0][0] == case_number["H"] and Decimal(str(large[0][5])) == Decimal("50000")
    assert large[-1][:2] == ("合计", 1)
    assert list(book["超审限未结"].iter_rows(min_row=2, values_only=True))[-1][:2] == ("合计", 2)


def case_numbers(rows):
    return [r["case_number"] for r in rows]


def _number(case_id):
    return Case.objects.get(pk=case_id).case_number


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (make poppler) is missing")
def test_a_special_case_report_summarises_the_chosen_cases(
    personas, docket, django_capture_on_commit_callbacks
):
    asked = ask(
        personas.supervisor,
        {
            "kind": "special_cases",
            "cases": [docket["H"], 999999],
            "title": "大额欠薪",
            "note": "报区人社局。",
        },
        django_capture_on_commit_callbacks,
    )
    report = fetch(personas.supervisor, asked["id"])
    assert report["status"] == "done", report["error"]
    assert report["title"] == "特案专报（大额欠薪）"
    first, missing = report["figures"]["cases"]
    assert first["claims_total"] == "50000.00" and first["arbitrator"] == "仲裁员丙"
    assert first["accepted_on"] == "2026-01-05" and first["closed_on"] == "2026-03-20"
    assert missing == {"id": 999999, "missing": True}
    text = pdftotext(download(personas.supervisor, asked["id"], "pdf"))
    assert "特案专报" in text and "大额欠薪" in text and "报区人社局。" in text
    assert _number(docket["H"]) in text and "50,000.00" in text and "无此案件或无权查看" in text
    book = load_workbook(io.BytesIO(download(personas.supervisor, asked["id"], "xlsx")))
    first_row = next(book["案件"].iter_rows(min_row=2, max_row=2, values_only=True))
    assert first_row[1] == _number(docket["H"])


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"kind": "nonsense"}, "kind"),
        ({"kind": "quarterly_bulletin", "year": 2026}, "quarter"),
        ({"kind": "quarterly_bulletin", "year": 2026, "quarter": 5}, "quarter"),
        ({"kind": "quarterly_bulletin", "year": "abc", "quarter": 1}, "year"),
        ({"kind": "quarterly_bulletin", "year": 2027, "quarter": 1}, "quarter"),
        ({"kind": "major_cases", "year": 2026}, "month"),
        ({"kind": "major_cases", "year": 2026, "month": 3, "amount_at_least": "-1"}, "amount_at_least"),
        ({"kind": "special_cases"}, "cases"),
        ({"kind": "special_cases", "cases": []}, "cases"),
        ({"kind": "special_cases", "cases": ["x"]}, "cases.0"),
    ],
)
def test_bad_parameters_are_named(personas, travel, body, field):
    d.at(travel, "2026-04-15")
    response = api(personas.supervisor).post(REPORTS, body, format="json")
    assert response.status_code == 400
    assert field in response.json()["fields"], response.json()
    assert not SupervisionReport.objects.exists()


def test_only_supervisors_ask_for_see_and_download_reports(
    personas, docket, django_capture_on_commit_callbacks
):
    asked = ask(
        personas.supervisor,
        {"kind": "quarterly_bulletin", "year": 2026, "quarter": 1},
        django_capture_on_commit_callbacks,
    )
    for user in (personas.clerk, personas.arbitrator, personas.applicant):
        assert (
            api(user)
            .post(REPORTS, {"kind": "quarterly_bulletin", "year": 2026, "quarter": 1}, format="json")
            .status_code
            == 403
        )
        assert api(user).get(REPORTS).status_code == 403
        assert api(user).get(f"{REPORTS}{asked['id']}/").status_code == 403
        assert api(user).get(f"{REPORTS}{asked['id']}/download/").status_code == 403
    assert api().get(REPORTS).status_code == 401
    assert api(personas.supervisor).get(f"{REPORTS}999999/").status_code == 404
    bad_file = api(personas.supervisor).get(f"{REPORTS}{asked['id']}/download/", {"file": "doc"})
    assert bad_file.status_code == 400 and "file" in bad_file.json()["fields"]
    listed = api(personas.supervisor).get(REPORTS).json()
    assert listed["count"] == 1 and listed["results"][0]["id"] == asked["id"]


def test_the_reports_page_shows_progress_and_downloads(personas, docket, django_capture_on_commit_callbacks):
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    client.force_login(personas.supervisor)
    # The test's transaction never commits, so the task queued on commit waits: made by hand below.
    response = client.post("/supervision/reports/", {"kind": "major_cases", "year": "2026", "month": "3"})
    assert response.status_code == 302
    report = SupervisionReport.objects.get()
    # Not made yet (the task waits for the commit): the page polls its progress.
    html = client.get("/supervision/reports/").content.decode()
    assert (
        "重案月报（2026年3月）" in html
        and f'data-progress-url="/supervision/reports/{report.pk}/progress/"' in html
    )
    assert client.get(f"/supervision/reports/{report.pk}/progress/").json()["status"] == "queued"
    report_generate(report.pk)
    state = client.get(f"/supervision/reports/{report.pk}/progress/").json()
    assert (state["status"], state["progress"], state["files"]) == ("done", 100, ["pdf", "xlsx"])
    html = client.get("/supervision/reports/").content.decode()
    assert f'data-testid="download-{report.pk}-xlsx"' in html
    redirected = client.get(f"/supervision/reports/{report.pk}/xlsx/")
    assert redirected.status_code == 302 and redirected["Location"].startswith("http://127.0.0.1:")
    load_workbook(io.BytesIO(requests.get(redirected["Location"], timeout=10).content))
    # A bad request is named on the page; others may not look.
    bad = client.post("/supervision/reports/", {"kind": "quarterly_bulletin", "year": "2026"})
    assert bad.status_code == 400 and 'data-testid="error-quarter"' in bad.content.decode()
    clerk = Client()
    clerk.force_login(personas.clerk)
    assert clerk.get("/supervision/reports/").status_code == 403
    assert clerk.get(f"/supervision/reports/{report.pk}/progress/").status_code == 403
    assert clerk.get(f"/supervision/reports/{report.pk}/xlsx/").status_code == 403


def test_a_report_that_cannot_be_stored_is_marked_failed(
    personas, travel, settings, django_capture_on_commit_callbacks
):
    d.at(travel, "2026-04-15")
    settings.S3_BUCKET = "no-such-bucket"  # the storage refuses every put
    asked = ask(
        personas.supervisor,
        {"kind": "quarterly_bulletin", "year": 2026, "quarter": 1},
        django_capture_on_commit_callbacks,
    )
    report = fetch(personas.supervisor, asked["id"])
    assert report["status"] == "failed" and report["error"] and report["files"] == {}
    response = api(personas.supervisor).get(f"{REPORTS}{asked['id']}/download/", {"file": "xlsx"})
    assert response.status_code == 409


def test_the_list_costs_the_same_queries_for_one_report_or_many(
    personas, travel, django_capture_on_commit_callbacks
):
    d.at(travel, "2026-04-15")
    body = {"kind": "quarterly_bulletin", "year": 2026, "quarter": 1}
    ask(personas.supervisor, body, django_capture_on_commit_callbacks)
    client = api(personas.supervisor)
    with CaptureQueriesContext(connection) as one:
        assert client.get(REPORTS).json()["count"] == 1
    for _ in range(3):
        ask(personas.supervisor, body, django_capture_on_commit_callbacks)
    with CaptureQueriesContext(connection) as four:
        assert client.get(REPORTS).json()["count"] == 4
    assert len(four.captured_queries) == len(one.captured_queries), "\n".join(
        q["sql"] for q in four.captured_queries
    )
