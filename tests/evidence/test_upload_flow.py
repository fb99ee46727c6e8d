"""Evidence through object storage over real HTTP: declare → presigned PUT → finalize → available."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
import requests

from core import clock
from core.storage import get_storage
from evidence.models import EvidenceAccess, EvidenceItem
from evidence.tasks import expire_declarations
from tests.evidence.conftest import EXE, PDF, PNG, declare, finalize, put, submit
from tests.helpers import api

pytestmark = pytest.mark.django_db


def test_a_worker_uploads_a_pay_slip_and_both_sides_and_the_tribunal_can_open_it(personas, case):
    declared = declare(personas.applicant, case.pk, PDF)
    assert declared.status_code == 201, declared.json()
    body = declared.json()
    assert (body["status"], body["upload"]["method"]) == ("pending", "PUT")
    assert body["upload"]["headers"] == {"Content-Type": "application/pdf"}
    # Nothing usable before the upload is checked: the other side does not even see it yet.
    assert api(personas.respondent).get(f"/api/v1/evidence/{body['id']}/").status_code == 404

    assert put(body, PDF).status_code == 200
    done = finalize(personas.applicant, body["id"])
    assert done.status_code == 200, done.json()
    assert (done.json()["status"], done.json()["number"], done.json()["side"]) == (
        "available",
        1,
        "applicant",
    )
    item = EvidenceItem.objects.get(pk=body["id"])
    assert item.detected_type == "application/pdf"
    assert item.key == f"cases/{case.pk}/evidence/{item.pk}/{hashlib.sha256(PDF).hexdigest()}.pdf"

    for user in (personas.respondent, personas.arbitrator, personas.applicant):
        link = api(user).get(f"/api/v1/evidence/{item.pk}/download/")
        assert link.status_code == 200, (user.username, link.json())
        fetched = requests.get(link.json()["url"], timeout=30)
        assert fetched.content == PDF
        assert fetched.headers["Content-Type"] == "application/pdf"
        assert "attachment" in fetched.headers.get("Content-Disposition", "")
    # Every opening is recorded, and the tribunal sees the log; the parties do not.
    assert EvidenceAccess.objects.filter(item=item).count() == 3
    log = api(personas.arbitrator).get(f"/api/v1/evidence/{item.pk}/accesses/")
    assert log.status_code == 200 and log.json()["count"] == 3
    assert {row["user"]["username"] for row in log.json()["results"]} == {
        "p-respondent",
        "p-arbitrator",
        "p-applicant",
    }
    assert api(personas.respondent).get(f"/api/v1/evidence/{item.pk}/accesses/").status_code == 403

    # An outsider learns nothing: 404 everywhere.
    for path in ("", "download/", "accesses/"):
        assert api(personas.outsider).get(f"/api/v1/evidence/{item.pk}/{path}").status_code == 404
    assert finalize(personas.outsider, item.pk).status_code == 404
    assert api(personas.outsider).get(f"/api/v1/cases/{case.pk}/evidence/").status_code == 404
    assert declare(personas.outsider, case.pk, PDF).status_code == 404
    # The catalogue lists it for both sides.
    for user in (personas.applicant, personas.respondent, personas.clerk):
        catalogue = api(user).get(f"/api/v1/cases/{case.pk}/evidence/").json()
        assert [row["id"] for row in catalogue["results"]] == [item.pk]


def test_tampered_bytes_are_refused_and_nothing_usable_is_kept(personas, case):
    declared = declare(personas.applicant, case.pk, PDF).json()
    tampered = PDF[:-5] + b"XXXXX"  # same size, other bytes
    assert put(declared, tampered).status_code == 200
    refused = finalize(personas.applicant, declared["id"])
    assert refused.status_code == 422
    assert refused.json()["code"] == "checksum_mismatch"
    item = EvidenceItem.objects.get(pk=declared["id"])
    assert item.status == "rejected"
    assert get_storage().stat(item.key) is None  # the object is gone
    # The same answer again; and no download, no opinion.
    again = finalize(personas.applicant, declared["id"])
    assert (again.status_code, again.json()["code"]) == (422, "checksum_mismatch")
    assert api(personas.applicant).get(f"/api/v1/evidence/{item.pk}/download/").status_code == 409

    shorter = declare(personas.applicant, case.pk, PDF).json()
    assert put(shorter, PDF[:-1]).status_code == 200
    refused = finalize(personas.applicant, shorter["id"])
    assert (refused.status_code, refused.json()["code"]) == (422, "size_mismatch")


def test_finalize_before_the_upload_says_so_and_the_item_can_still_be_finished(personas, case):
    declared = declare(personas.applicant, case.pk, PNG, filename="照片.png", content_type="image/png").json()
    early = finalize(personas.applicant, declared["id"])
    assert (early.status_code, early.json()["code"]) == (422, "missing_object")
    assert EvidenceItem.objects.get(pk=declared["id"]).status == "pending"
    assert put(declared, PNG).status_code == 200
    first = finalize(personas.applicant, declared["id"])
    second = finalize(personas.applicant, declared["id"])
    assert first.status_code == second.status_code == 200
    assert first.json() == second.json()
    assert EvidenceItem.objects.get(pk=declared["id"]).detected_type == "image/png"


def test_an_executable_renamed_pdf_is_refused_by_its_content(personas, case):
    declared = declare(personas.applicant, case.pk, EXE, filename="合同.pdf").json()
    assert put(declared, EXE).status_code == 200
    refused = finalize(personas.applicant, declared["id"])
    assert (refused.status_code, refused.json()["code"]) == (400, "unsupported_type")
    assert get_storage().stat(EvidenceItem.objects.get(pk=declared["id"]).key) is None


@pytest.mark.parametrize(
    ("changes", "status", "field"),
    [
        ({"sha256": "not-a-hash"}, 400, "sha256"),
        ({"sha256": "0" * 63}, 400, "sha256"),
        ({"size": 0}, 400, "size"),
        ({"size": "lots"}, 400, "size"),
        ({"size": 2**70}, 400, "size"),
        ({"content_type": "application/x-msdownload", "filename": "a.exe"}, 400, "content_type"),
        ({"title": "工资\u202e条"}, 400, "title"),
        ({"filename": ""}, 400, "filename"),
        ({"size": 21 * 1024 * 1024}, 413, "size"),
        ({"content_type": "video/mp4", "filename": "录像.mp4", "size": 501 * 1024 * 1024}, 413, "size"),
    ],
)
def test_bad_declarations_are_refused_with_field_messages_and_nothing_written(
    personas, case, changes, status, field
):
    response = declare(personas.applicant, case.pk, PDF, **changes)
    assert response.status_code == status, response.json()
    assert field in response.json()["fields"]
    assert not EvidenceItem.objects.exists()


def test_a_big_video_may_be_declared_under_the_media_cap(personas, case):
    response = declare(
        personas.applicant, case.pk, PDF, content_type="video/mp4", filename="录像.mp4", size=400 * 2**20
    )
    assert response.status_code == 201, response.json()


def test_unfinished_declarations_expire_and_the_periodic_job_removes_their_objects(personas, case):
    declared = declare(personas.applicant, case.pk, PDF).json()
    assert put(declared, PDF).status_code == 200  # uploaded, never finalized
    kept = submit(personas.applicant, case.pk, PNG, filename="照片.png", content_type="image/png")
    item = EvidenceItem.objects.get(pk=declared["id"])
    assert get_storage().stat(item.key) is not None
    assert expire_declarations.apply().get() == 0  # not yet

    later = clock.now() + timedelta(hours=25)
    import time_machine

    with time_machine.travel(later, tick=False):
        assert expire_declarations.apply().get() == 1
    item = EvidenceItem.objects.get(pk=item.pk)
    assert item.status == "expired"
    assert get_storage().stat(item.key) is None
    # The finished item is untouched; finalizing the expired one is refused.
    assert EvidenceItem.objects.get(pk=kept["id"]).status == "available"
    assert get_storage().stat(EvidenceItem.objects.get(pk=kept["id"]).key) is not None
    assert finalize(personas.applicant, item.pk).status_code == 409


def test_storage_down_answers_503_and_writes_nothing(personas, case, settings):
    ready = submit(personas.applicant, case.pk)
    pending = declare(personas.applicant, case.pk, PNG, filename="照片.png", content_type="image/png").json()
    settings.S3_ENDPOINT_URL = "http://127.0.0.1:9"  # nothing listens on the discard port
    settings.S3_PUBLIC_ENDPOINT_URL = "http://127.0.0.1:9"
    before = EvidenceItem.objects.count()
    response = declare(personas.applicant, case.pk, PDF)
    assert (response.status_code, response.json()["code"]) == (503, "unavailable")
    assert EvidenceItem.objects.count() == before
    response = finalize(personas.applicant, pending["id"])
    assert (response.status_code, response.json()["code"]) == (503, "unavailable")
    assert EvidenceItem.objects.get(pk=pending["id"]).status == "pending"
    response = api(personas.respondent).get(f"/api/v1/evidence/{ready['id']}/download/")
    assert (response.status_code, response.json()["code"]) == (503, "unavailable")
    assert not EvidenceAccess.objects.exists()
    health = api(personas.clerk).get("/healthz")
    assert health.status_code == 503


def test_the_same_flow_on_the_local_disk_backend(personas, case, settings, tmp_path, live_server):
    settings.S3_ENDPOINT_URL = None
    settings.STORAGE_DIR = tmp_path
    settings.SITE_URL = live_server.url
    declared = declare(personas.applicant, case.pk, PDF).json()
    # The link is bound to the declared type, and an upload cannot be replaced once there.
    assert (
        put({"upload": {**declared["upload"], "headers": {"Content-Type": "text/html"}}}, PDF).status_code
        == 403
    )
    assert put(declared, PDF).status_code == 200
    assert put(declared, PDF[:-1]).status_code == 409
    done = finalize(personas.applicant, declared["id"])
    assert done.status_code == 200, done.json()
    link = api(personas.respondent).get(f"/api/v1/evidence/{declared['id']}/download/").json()
    fetched = requests.get(link["url"], timeout=30)
    assert fetched.content == PDF
    assert fetched.headers["Content-Type"] == "application/pdf"
    tampered = declare(personas.applicant, case.pk, PNG, filename="照片.png", content_type="image/png").json()
    assert put(tampered, PNG[:-3] + b"abc").status_code == 200
    assert finalize(personas.applicant, tampered["id"]).json()["code"] == "checksum_mismatch"
    assert not list(tmp_path.rglob(f"*{hashlib.sha256(PNG).hexdigest()}*"))
