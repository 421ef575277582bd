"""Shared fixtures: the spaCy pipeline is loaded once per test session."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
SHARED = ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def nlp():
    """The full dipkg pipeline (model + dipkg_actors + dipkg_events)."""
    from pipelines.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def test_data() -> Path:
    return DATA
