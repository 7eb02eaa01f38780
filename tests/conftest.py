import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples"


def need_shared(*parts) -> Path:
    """Path under ../shared, or skip with a clear reason when it is absent."""
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"{p} is absent (../shared is not beside the checkout)")
    return p


def need_apertium():
    if not shutil.which("apertium"):
        pytest.skip("apertium is not installed (scripts/system-deps.sh apertium)")


@pytest.fixture
def shared():
    return need_shared
