"""One version, in pyproject.toml: `hamtimer --version` says it."""

from __future__ import annotations

import pytest

from hamtimer.cli import main
from tests.support.install import project_version


def test_version_is_the_one_in_pyproject(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out == f"hamtimer {project_version()}\n"
