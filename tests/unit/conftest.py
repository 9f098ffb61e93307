"""Fixtures the unit tests of the data and the pages share: policy.yaml loaded, and every page rendered from it.
Module-scoped, as each test module had them, so that a test changing its copy cannot reach another module."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from site_build import render
from site_build.policy_data import load_policy

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def policy() -> dict[str, Any]:
    return load_policy(ROOT / "policy.yaml")


@pytest.fixture(scope="module")
def pages(policy: dict[str, Any]) -> dict[str, dict[str, str]]:
    return {lang: render.render_site(policy, lang=lang) for lang in render.LANGS}
