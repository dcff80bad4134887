"""Debian's Chromium for the browser tests: found on PATH, never downloaded. Without it a browser test
module is skipped with a notice, unless CCHC_REQUIRE_BROWSER is set (CI), where that is an error."""

import os
import shutil

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def require_chromium(what: str) -> str:
    """Chromium's path; call at module level of a browser test module."""
    if CHROMIUM is None:
        if os.environ.get("CCHC_REQUIRE_BROWSER"):
            raise RuntimeError("CCHC_REQUIRE_BROWSER is set but no chromium is installed (apt-get install chromium)")
        pytest.skip(
            f"{what} skipped: Debian's chromium is not installed (apt-get install chromium; .ci/run installs it)",
            allow_module_level=True,
        )
    return CHROMIUM
