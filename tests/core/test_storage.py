"""Both storage backends behind one interface: bytes go straight to storage through presigned URLs."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
import requests

from core.storage import LocalStorage, S3Storage, StorageUnavailable, get_storage

DATA = "证据：工资条 2026-10".encode() * 1000


def test_s3_presigned_upload_and_download_round_trip():
    storage = get_storage()
    assert isinstance(storage, S3Storage)
    upload = storage.presign_upload("cases/1/evidence/a.txt", "text/plain", timedelta(minutes=10))
    assert upload.method == "PUT"
    assert requests.put(upload.url, data=DATA, headers=upload.headers, timeout=10).status_code == 200
    stored = storage.stat("cases/1/evidence/a.txt")
    assert stored.size == len(DATA)
    assert storage.sha256("cases/1/evidence/a.txt") == hashlib.sha256(DATA).hexdigest()
    download = storage.presign_download("cases/1/evidence/a.txt", timedelta(minutes=5), filename="工资条.txt")
    fetched = requests.get(download.url, timeout=10)
    assert fetched.content == DATA


def test_s3_stat_of_a_missing_object_is_none():
    assert get_storage().stat("nothing/here") is None


def test_s3_down_raises_storage_unavailable(settings):
    settings.S3_ENDPOINT_URL = "http://127.0.0.1:9"  # nothing listens on the discard port
    with pytest.raises(StorageUnavailable):
        get_storage().ping()


@pytest.mark.django_db
def test_local_disk_presigned_urls_are_served_by_the_app(settings, tmp_path, live_server):
    settings.S3_ENDPOINT_URL = None
    settings.STORAGE_DIR = tmp_path
    settings.SITE_URL = live_server.url
    storage = get_storage()
    assert isinstance(storage, LocalStorage)
    upload = storage.presign_upload("cases/2/b.bin", "application/octet-stream", timedelta(minutes=10))
    assert requests.put(upload.url, data=DATA, headers=upload.headers, timeout=10).status_code == 200
    assert storage.sha256("cases/2/b.bin") == hashlib.sha256(DATA).hexdigest()
    download = storage.presign_download("cases/2/b.bin", timedelta(minutes=5))
    assert requests.get(download.url, timeout=10).content == DATA
    # A download link cannot be used to upload, and a forged one is refused.
    assert requests.put(download.url, data=b"x", timeout=10).status_code == 403
    assert requests.get(download.url[:-3] + "xyz", timeout=10).status_code == 403


def test_local_keys_cannot_escape_the_root(tmp_path):
    with pytest.raises(ValueError):
        LocalStorage(tmp_path).path("../etc/passwd")


@pytest.mark.django_db
def test_a_local_upload_over_the_limit_is_413_and_leaves_nothing(
    settings, tmp_path, live_server, monkeypatch
):
    from core import storage as storage_module
    from core.web import views

    settings.S3_ENDPOINT_URL = None
    settings.STORAGE_DIR = tmp_path
    settings.SITE_URL = live_server.url
    monkeypatch.setattr(views, "MAX_UPLOAD_BYTES", 1000)
    local = get_storage()
    upload = local.presign_upload("cases/3/big.bin", "application/octet-stream", timedelta(minutes=10))
    response = requests.put(upload.url, data=b"x" * 1200, headers=upload.headers, timeout=10)
    assert response.status_code == 413
    assert response.json()["code"] == "too_large"
    assert local.stat("cases/3/big.bin") is None
    assert storage_module.MAX_UPLOAD_BYTES > 1000
