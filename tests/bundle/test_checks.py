"""The build's own checks (packaging/bundle_checks.py, bundle_licenses.py) on small folders."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))

from bundle_checks import BundleError, check_size  # noqa: E402
from bundle_licenses import trace, write_licenses  # noqa: E402


def test_size_budget_fails_the_build_when_over(tmp_path: Path) -> None:
    internal = tmp_path / "gridterm" / "_internal"
    internal.mkdir(parents=True)
    (internal / "big.so").write_bytes(b"\0" * 1_500_000)
    (internal / "small.so").write_bytes(b"\0" * 10_000)
    assert check_size(tmp_path / "gridterm", budget_mb=2) == pytest.approx(1.51)
    with pytest.raises(BundleError, match=r"1\.5 MB, over its 1 MB budget") as caught:
        check_size(tmp_path / "gridterm", budget_mb=1)
    assert "big.so" in str(caught.value)


def test_licences_follow_the_files_to_their_distributions(tmp_path: Path) -> None:
    yaml_file = Path(yaml.__file__)
    dists, _, python = trace([str(yaml_file), str(Path(shutil.__file__))])
    assert dists == {"pyyaml"}
    assert python
    notices = write_licenses([str(yaml_file)], tmp_path / "licenses")
    text = notices.read_text()
    assert "pyyaml" in text and "Qt" not in text  # no Qt file given, no Qt notice
    version = next(p for p in (tmp_path / "licenses").iterdir() if p.name.startswith("pyyaml-"))
    assert any(p.name.upper().startswith("LICEN") for p in version.iterdir())
