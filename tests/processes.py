"""Real processes for the queue and scale-out tests (issue 19): the worker
(``flask --app portal worker``) and web servers (gunicorn), each with its own
environment, logging to a file that a failing test prints; a small HTTP
client that keeps its cookies itself (the production recipe's cookies are
``Secure``, which an HTTP test client would otherwise not send back)."""
from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from http.cookies import SimpleCookie
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
# settings the test gives explicitly; anything inherited from the shell would mix in
CLEARED = ("DATABASE_URL", "REDIS_URL", "PORTAL_DATA_DIR", "PORTAL_ENV", "SECRET_KEY", "MAIL_SERVER",
           "TASK_QUEUE", "TASK_QUEUE_NAME", "FILE_STORAGE", "JOB_LEASE_SECONDS", "JOB_MAX_ATTEMPTS")


def environment(**settings: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in CLEARED and not k.startswith("FLASK_")}
    env.update({k: str(v) for k, v in settings.items()})
    return env


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(check: Callable[[], object], what: str, timeout: float = 120, logs: tuple[Path, ...] = ()):
    """Poll ``check`` until it returns something true (a wait, not a timed
    assertion: the limit only ends a hung run, with the logs)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"gave up waiting for {what}\n" + "\n".join(tail(log) for log in logs))


def tail(log: Path, lines: int = 60) -> str:
    text = log.read_text(errors="replace").splitlines() if log.exists() else []
    return f"--- {log.name}\n" + "\n".join(text[-lines:])


class Process:
    """A started command and its log file."""

    def __init__(self, name: str, command: list[str], env: dict[str, str], log_dir: Path):
        self.name, self.log = name, log_dir / f"{name}.log"
        self.out = self.log.open("ab")
        self.popen = subprocess.Popen(command, cwd=ROOT, env=env, stdout=self.out, stderr=subprocess.STDOUT,
                                      start_new_session=True)

    def running(self) -> bool:
        return self.popen.poll() is None

    def kill(self) -> None:
        """SIGKILL: no clean-up, no goodbye (what a crashed host looks like)."""
        if self.running():
            self.popen.send_signal(signal.SIGKILL)
        self.popen.wait()
        self.out.close()  # left to the garbage collector it is a ResourceWarning in a later test

    def stop(self) -> None:
        if self.running():
            os.killpg(self.popen.pid, signal.SIGTERM)
            try:
                self.popen.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.popen.pid, signal.SIGKILL)
                self.popen.wait()
        self.out.close()


def start_worker(env: dict[str, str], log_dir: Path, name: str = "worker") -> Process:
    worker = Process(name, [str(BIN / "flask"), "--app", "portal", "worker", "--workers", "1"], env, log_dir)
    def started() -> bool:
        return not worker.running() or "Huey consumer started" in worker.log.read_text(errors="replace")

    with stopped_on_failure(worker):
        wait_for(started, f"{name} to start", logs=(worker.log,))
        assert worker.running(), tail(worker.log)
    return worker


def start_web(env: dict[str, str], log_dir: Path, name: str) -> tuple[Process, str]:
    port = free_port()
    web = Process(name, [str(BIN / "gunicorn"), "-w", "1", "-b", f"127.0.0.1:{port}", "--timeout", "120",
                         "portal:create_app()"], env, log_dir)
    base = f"http://127.0.0.1:{port}"

    def up() -> bool:
        if not web.running():
            return True
        try:
            return requests.get(f"{base}/healthz", timeout=5).status_code == 200
        except requests.RequestException:
            return False

    with stopped_on_failure(web):
        wait_for(up, f"{name} to answer", logs=(web.log,))
        assert web.running(), tail(web.log)
    return web, base


@contextlib.contextmanager
def stopped_on_failure(process: Process):
    """A process that did not come up is stopped (and its log closed) before the error goes on."""
    try:
        yield
    except BaseException:
        process.stop()
        raise


class Client:
    """HTTP with its own cookie jar (sent whatever their Secure flag) and the
    CSRF token of the last page read."""

    def __init__(self, base: str, cookies: dict[str, str] | None = None):
        self.base = base
        self.cookies: dict[str, str] = dict(cookies or {})

    def on(self, base: str) -> Client:
        """The same visitor (cookies) on another server."""
        return Client(base, self.cookies)

    def request(self, method: str, path: str, **kwargs) -> requests.Response:
        headers = dict(kwargs.pop("headers", {}))
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        response = requests.request(method, self.base + path, headers=headers, allow_redirects=False,
                                    timeout=120, **kwargs)
        for header in response.raw.headers.getlist("Set-Cookie"):
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response

    def get(self, path: str, **kwargs) -> requests.Response:
        return self.request("GET", path, **kwargs)

    def post_form(self, page: str, path: str, data: dict, files=None) -> requests.Response:
        """POST to ``path`` with the CSRF token of ``page``."""
        html = self.get(page).text
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html)
        return self.request("POST", path, data={**data, **({"csrf_token": token.group(1)} if token else {})},
                            files=files)

    def sign_in(self, email: str, password: str) -> requests.Response:
        return self.post_form("/login", "/login", {"email": email, "password": password})
