"""Real Chromium (Debian's /usr/bin/chromium) driven by Playwright against the
app served on 127.0.0.1. Without a browser these tests skip with the reason,
unless REQUIRE_BROWSER=1 (as in .ci/run), where a missing browser fails."""
from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"]


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"REQUIRE_BROWSER=1 but no Chromium at {CHROMIUM}")
        pytest.skip(f"no Chromium at {CHROMIUM}: install Debian's chromium to run browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


def serve(app):
    """Serve ``app`` on a free port of 127.0.0.1 in a thread; yields its URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()


@pytest.fixture(scope="session")
def live_server(app):
    """The read-only seeded catalogue."""
    yield from serve(app)


@pytest.fixture(scope="module")
def accounts_server(make_accounts_app, world):
    """An app on the writable accounts database, with ``world``'s users."""
    yield from serve(make_accounts_app())


@pytest.fixture
def page(browser):
    """A fresh context; records every request and every console error."""
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    page.requested_urls = []
    page.console_errors = []
    page.on("request", lambda req: page.requested_urls.append(req.url))
    page.on("console", lambda msg: msg.type == "error" and page.console_errors.append(msg.text))
    page.on("pageerror", lambda exc: page.console_errors.append(str(exc)))
    yield page
    context.close()


def pytest_collection_modifyitems(items):
    """Chromium may drop a connection while the live server streams a static
    file; the server thread's file is then closed by the garbage collector,
    which Python reports as a ResourceWarning. That is the browser hanging up,
    not a leak in the portal, so it must not fail a browser test."""
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.filterwarnings("ignore::ResourceWarning"))
            item.add_marker(pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning"))
