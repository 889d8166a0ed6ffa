from __future__ import annotations

from pathlib import Path

import pytest

from guide.articles import Guide, load_guide


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep every test away from the user's real plans."""
    data = tmp_path / "data"
    monkeypatch.setenv("REMOTE_GUIDE_DATA_DIR", str(data))
    return data


@pytest.fixture(scope="session")
def shipped_guide() -> Guide:
    return load_guide()
