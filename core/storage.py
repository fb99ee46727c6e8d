"""Evidence and document storage behind one interface: S3/MinIO in production, local disk embedded.

Clients upload and download through short-lived presigned URLs, so the app server never relays
evidence bytes. The local backend imitates that with signed URLs served by ``local_object`` below
(embedded profile only: there the app server is the only server).
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import reverse

from core import clock

if TYPE_CHECKING:
    from _typeshed import SupportsRead
    from minio import Minio

T = TypeVar("T")
log = logging.getLogger(__name__)

CHUNK = 1024 * 1024
# The most one upload may carry (the evidence API checks each declared size against its own limit).
MAX_UPLOAD_BYTES = 500 * 1024 * 1024


class StorageUnavailable(Exception):
    """The storage service cannot be reached or refused the operation."""


@dataclass(frozen=True)
class Presigned:
    url: str
    method: str
    expires_at: datetime
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class StoredObject:
    size: int
    content_type: str
    # The version the store gave these bytes (S3 with versioning); None where there are no versions.
    version_id: str | None = None


class ObjectStorage(ABC):
    backend: str

    @abstractmethod
    def ping(self) -> None:
        """Raise ``StorageUnavailable`` unless objects can be stored now."""

    @abstractmethod
    def presign_upload(self, key: str, content_type: str, expires: timedelta) -> Presigned: ...

    @abstractmethod
    def presign_download(
        self,
        key: str,
        expires: timedelta,
        filename: str | None = None,
        version_id: str | None = None,
        content_type: str | None = None,
    ) -> Presigned:
        """A link to these bytes, served as ``content_type`` (whatever header the upload carried) and
        as an attachment named ``filename``."""

    @abstractmethod
    def stat(self, key: str) -> StoredObject | None: ...

    @abstractmethod
    def chunks(self, key: str, version_id: str | None = None, size: int = CHUNK) -> Iterator[bytes]: ...

    @abstractmethod
    def put(self, key: str, data: bytes, content_type: str) -> None: ...

    @abstractmethod
    def delete(self, key: str) -> None: ...

    def purge(self, key: str) -> None:
        """Remove the object and, where the store keeps versions, every version of it."""
        self.delete(key)

    def retain(self, key: str, version_id: str | None, until: datetime) -> bool:
        """Lock this version against deletion until ``until`` where the store supports object lock;
        False where it does not (the app itself never deletes available evidence either way)."""
        return False

    def sha256(self, key: str) -> str:
        digest = hashlib.sha256()
        for chunk in self.chunks(key):
            digest.update(chunk)
        return digest.hexdigest()


class S3Storage(ObjectStorage):
    backend = "s3"

    def __init__(
        self, endpoint: str, public_endpoint: str, access_key: str, secret_key: str, bucket: str, region: str
    ):
        self.bucket = bucket
        self._client = self._make_client(endpoint, access_key, secret_key, region)
        # Presigned URLs must name the host clients reach, which may differ from the internal one.
        self._public = self._make_client(public_endpoint, access_key, secret_key, region)

    @staticmethod
    def _make_client(url: str, access_key: str, secret_key: str, region: str) -> Minio:
        import urllib3
        from minio import Minio

        parts = urlsplit(url)
        http = urllib3.PoolManager(
            timeout=urllib3.Timeout(connect=3, read=30),
            retries=urllib3.Retry(total=2, backoff_factor=0.2, status_forcelist=[502, 503, 504]),
            maxsize=10,
        )
        return Minio(
            parts.netloc,
            access_key=access_key,
            secret_key=secret_key,
            secure=parts.scheme == "https",
            region=region,
            http_client=http,
        )

    def _call(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        from minio.error import S3Error

        try:
            return fn(*args, **kwargs)
        except S3Error:
            raise
        except Exception as exc:  # urllib3/socket errors: the service is down or unreachable
            raise StorageUnavailable(str(exc)) from exc

    def ping(self) -> None:
        if not self._call(self._client.bucket_exists, self.bucket):
            raise StorageUnavailable(f"bucket {self.bucket!r} does not exist")

    def ensure_bucket(self) -> None:
        """Create the bucket with versioning and object lock (evidence is kept for years, R Art. 24);
        a server without object lock gets a versioned bucket."""
        from minio.commonconfig import ENABLED
        from minio.error import S3Error
        from minio.versioningconfig import VersioningConfig

        if self._call(self._client.bucket_exists, self.bucket):
            return
        try:
            self._call(self._client.make_bucket, self.bucket, object_lock=True)
        except S3Error:
            self._call(self._client.make_bucket, self.bucket)
        try:
            self._call(self._client.set_bucket_versioning, self.bucket, VersioningConfig(ENABLED))
        except S3Error:
            log.warning("bucket %s: the server does not keep object versions", self.bucket)

    def presign_upload(self, key: str, content_type: str, expires: timedelta) -> Presigned:
        url = self._public.presigned_put_object(self.bucket, key, expires=expires)
        return Presigned(
            url=url, method="PUT", expires_at=clock.now() + expires, headers={"Content-Type": content_type}
        )

    def presign_download(
        self,
        key: str,
        expires: timedelta,
        filename: str | None = None,
        version_id: str | None = None,
        content_type: str | None = None,
    ) -> Presigned:
        params: dict[str, str | list[str] | tuple[str]] = {}
        if filename:
            params["response-content-disposition"] = attachment_disposition(filename)
        if content_type:
            params["response-content-type"] = content_type
        url = self._public.presigned_get_object(
            self.bucket, key, expires=expires, response_headers=params or None, version_id=version_id
        )
        return Presigned(url=url, method="GET", expires_at=clock.now() + expires)

    def stat(self, key: str) -> StoredObject | None:
        from minio.error import S3Error

        try:
            info = self._call(self._client.stat_object, self.bucket, key)
        except S3Error as exc:
            if exc.code in ("NoSuchKey", "NoSuchObject", "NotFound"):
                return None
            raise StorageUnavailable(str(exc)) from exc
        version = info.version_id if info.version_id not in (None, "", "null") else None
        return StoredObject(size=info.size or 0, content_type=info.content_type or "", version_id=version)

    def chunks(self, key: str, version_id: str | None = None, size: int = CHUNK) -> Iterator[bytes]:
        response = self._call(self._client.get_object, self.bucket, key, version_id=version_id)
        try:
            yield from response.stream(size)
        finally:
            response.close()
            response.release_conn()

    def put(self, key: str, data: bytes, content_type: str) -> None:
        import io

        self._call(
            self._client.put_object, self.bucket, key, io.BytesIO(data), len(data), content_type=content_type
        )

    def delete(self, key: str) -> None:
        self._call(self._client.remove_object, self.bucket, key)

    def purge(self, key: str) -> None:
        versions = self._call(
            lambda: list(self._client.list_objects(self.bucket, prefix=key, include_version=True))
        )
        for obj in versions:
            if obj.object_name == key:
                self._call(self._client.remove_object, self.bucket, key, version_id=obj.version_id)
        self.delete(key)

    def retain(self, key: str, version_id: str | None, until: datetime) -> bool:
        from minio.commonconfig import COMPLIANCE
        from minio.error import S3Error
        from minio.retention import Retention

        try:
            self._call(
                self._client.set_object_retention,
                self.bucket,
                key,
                Retention(COMPLIANCE, until),
                version_id=version_id,
            )
        except S3Error as exc:  # a bucket without object lock, or a server that has none
            log.info("no object lock for %s: %s", key, exc.code)
            return False
        return True


class LocalStorage(ObjectStorage):
    backend = "local"
    _salt = "core.storage.local"

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, key: str) -> Path:
        target = (self.root / key).resolve()
        if self.root.resolve() not in target.parents:
            raise ValueError(f"storage key escapes the storage root: {key!r}")
        return target

    def ping(self) -> None:
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=self.root, prefix=".ping-"):
                pass
        except OSError as exc:
            raise StorageUnavailable(f"{self.root} is not writable: {exc.strerror}") from exc

    def _signed_url(self, key: str, method: str, expires: timedelta, **extra: str) -> Presigned:
        expires_at = clock.now() + expires
        token = signing.dumps({"k": key, "m": method, "e": expires_at.timestamp(), **extra}, salt=self._salt)
        url = settings.SITE_URL + reverse("local-storage-object", args=[token])
        return Presigned(url=url, method=method, expires_at=expires_at)

    def presign_upload(self, key: str, content_type: str, expires: timedelta) -> Presigned:
        # Bound to the content type, as a signed S3 header would be: the upload view checks it.
        signed = self._signed_url(key, "PUT", expires, c=content_type)
        return Presigned(signed.url, signed.method, signed.expires_at, {"Content-Type": content_type})

    def presign_download(
        self,
        key: str,
        expires: timedelta,
        filename: str | None = None,
        version_id: str | None = None,
        content_type: str | None = None,
    ) -> Presigned:
        return self._signed_url(key, "GET", expires, f=filename or "", t=content_type or "")

    def unsign(self, token: str, method: str | None) -> dict[str, str]:
        """The claims of a presigned URL's token; raises ``signing.BadSignature`` when invalid or expired."""
        claims = signing.loads(token, salt=self._salt)
        if claims.get("m") != method or clock.now().timestamp() > float(claims.get("e", 0)):
            raise signing.BadSignature("wrong method or expired")
        return claims

    def stat(self, key: str) -> StoredObject | None:
        path = self.path(key)
        if not path.is_file():
            return None
        meta = path.with_name(path.name + ".type")
        content_type = meta.read_text() if meta.is_file() else ""
        return StoredObject(size=path.stat().st_size, content_type=content_type)

    def chunks(self, key: str, version_id: str | None = None, size: int = CHUNK) -> Iterator[bytes]:
        with self.path(key).open("rb") as handle:
            while chunk := handle.read(size):
                yield chunk

    def write_stream(self, key: str, stream: SupportsRead[bytes], limit: int, content_type: str = "") -> int:
        """Store a request body; refuses (ValueError) more than ``limit`` bytes and leaves nothing."""
        path = self.path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        if content_type:
            path.with_name(path.name + ".type").write_text(content_type)
        written = 0
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".upload-")
        try:
            with os.fdopen(fd, "wb") as out:
                while chunk := stream.read(CHUNK):
                    written += len(chunk)
                    if written > limit:
                        raise ValueError("too large")
                    out.write(chunk)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return written

    def put(self, key: str, data: bytes, content_type: str) -> None:
        import io

        self.write_stream(key, io.BytesIO(data), len(data), content_type)

    def delete(self, key: str) -> None:
        path = self.path(key)
        path.unlink(missing_ok=True)
        path.with_name(path.name + ".type").unlink(missing_ok=True)


def attachment_disposition(filename: str) -> str:
    """``Content-Disposition`` for a download under ``filename`` in any script (RFC 6266 ``filename*``)."""
    from urllib.parse import quote

    return f"attachment; filename*=UTF-8''{quote(filename)}"


@cache
def get_storage() -> ObjectStorage:
    if settings.S3_ENDPOINT_URL:
        return S3Storage(
            endpoint=settings.S3_ENDPOINT_URL,
            public_endpoint=settings.S3_PUBLIC_ENDPOINT_URL or settings.S3_ENDPOINT_URL,
            access_key=settings.S3_ACCESS_KEY,
            secret_key=settings.S3_SECRET_KEY,
            bucket=settings.S3_BUCKET,
            region=settings.S3_REGION,
        )
    return LocalStorage(settings.STORAGE_DIR)


@receiver(setting_changed)
def _reset_storage(setting: str, **kwargs: object) -> None:
    if setting.startswith("S3_") or setting == "STORAGE_DIR":
        get_storage.cache_clear()
