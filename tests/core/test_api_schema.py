from __future__ import annotations

import pytest
import yaml

pytestmark = pytest.mark.django_db


def test_the_openapi_schema_lists_the_contract_paths(client):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    assert schema["openapi"].startswith("3.")
    for path in ["/api/v1/auth/token/", "/api/v1/me/", "/api/v1/parties/", "/api/v1/notifications/"]:
        assert path in schema["paths"], path


def test_the_docs_page_renders_from_local_assets(client):
    page = client.get("/api/docs/").content.decode()
    assert "swagger-ui" in page
    assert "cdn.jsdelivr" not in page and "unpkg.com" not in page
