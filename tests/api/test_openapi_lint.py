"""The OpenAPI document passes the Dutch API Design Rules' Spectral ruleset: 0 errors.

The ruleset lives beside the repository (../shared/standards/); it extends only
Spectral's built-in `spectral:oas`, so the lint needs no network. Spectral comes
from the npm registry (package.json devDependencies). Under CI a missing ruleset
or npx fails the test; elsewhere it fails too, with the reason: never a skip.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

RULESET = settings.BASE_DIR.parent / "shared/standards/nl-api-design-rules.spectral.yaml"


@pytest.fixture
def openapi_file(tmp_path: Path, api_client) -> Path:
    response = api_client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response["API-Version"] == "1.0.0"
    document = response.json()
    assert set(document["paths"]) == {
        "/answers/{id}/accept",
        "/answers/{id}/rating",
        "/cases",
        "/cases/{externalId}",
        "/gemeenten",
        "/gemeenten/{code}",
        "/invitations",
        "/invitations/{id}/accept",
        "/invitations/{id}/decline",
        "/invitations/{id}/pass-on",
        "/lessons",
        "/lessons/{externalId}",
        "/municipalities",
        "/municipalities/{code}",
        "/questions",
        "/questions/{id}",
        "/questions/{id}/answers",
        "/questions/{id}/close",
        "/questions/{id}/invitations",
        "/routing/preview",
        "/search",
    }
    assert document["servers"] == [{"url": "/api/v1", "description": "Kennisbank API v1"}]
    path = tmp_path / "openapi.json"
    path.write_bytes(response.content)
    return path


@pytest.mark.django_db
def test_openapi_document_has_no_spectral_errors(openapi_file: Path, tmp_path: Path):
    if not RULESET.is_file():
        pytest.fail(f"The ADR ruleset is missing: {RULESET}", pytrace=False)
    npx = shutil.which("npx")
    if npx is None:
        pytest.fail("npx is missing: install Node.js and run `npm ci`.", pytrace=False)
    report = tmp_path / "spectral.json"
    result = subprocess.run(
        [
            npx,
            "--no-install",
            "spectral",
            "lint",
            "--ruleset",
            str(RULESET),
            str(openapi_file),
            "-f",
            "json",
            "--output",
            str(report),
            "--fail-severity",
            "error",
        ],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert report.is_file(), result.stderr
    findings = json.loads(report.read_text())
    errors = [f for f in findings if f["severity"] == 0]
    assert errors == [], json.dumps(errors, indent=2)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.django_db
def test_every_response_documents_the_version_and_errors_are_problems(openapi_file: Path):
    document = json.loads(openapi_file.read_text())
    for operations in document["paths"].values():
        for operation in operations.values():
            for status, response in operation["responses"].items():
                assert "API-Version" in response["headers"]
                if status[0] in "45":
                    assert list(response["content"]) == ["application/problem+json"]
            assert {"400", "401", "429", "500"} <= set(operation["responses"])
