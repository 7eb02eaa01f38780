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


def run_on_tty(args, stream="stdout", env=None, timeout=300):
    """Run a command with `stream` (stdout or stderr) on a pseudo-terminal, the other one
    piped; return (what it wrote to the terminal, exit status)."""
    import os
    import pty
    import select
    import subprocess
    import time

    master, slave = pty.openpty()
    other = {"stdout": "stderr", "stderr": "stdout"}[stream]
    chunks = []
    try:
        p = subprocess.Popen(args, stdin=subprocess.DEVNULL, env=env,
                             **{stream: slave, other: subprocess.PIPE})
        os.close(slave)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:   # read as it comes: a full terminal would block it
            if not select.select([master], [], [], 1)[0]:
                continue
            try:
                data = os.read(master, 65536)
            except OSError:                  # EIO: the child closed the terminal
                break
            if not data:
                break
            chunks.append(data)
        p.communicate(timeout=timeout)
    finally:
        os.close(master)
    return b"".join(chunks).decode("utf-8", "replace"), p.returncode


# ---- headless Chromium, for the HTML reports ------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    if not (CHROMIUM and CHROMEDRIVER):
        pytest.skip("chromium and chromedriver are not installed (make browser)")
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium not installed")
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1280,1600",
                f"--user-data-dir={tmp_path_factory.mktemp('chrome-profile')}"):
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = webdriver.ChromeService(executable_path=CHROMEDRIVER)
    driver = webdriver.Chrome(options=opts, service=service)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()
