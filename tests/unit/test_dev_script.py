"""`python3 dev.py run` (issue 20): it says what it is doing, loads the demo
world after the set-up on the embedded default only, and serves on PORT. The
commands are recorded instead of run (the real commands are tested in
tests/functional/test_first_hour.py and the browser journeys)."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

DEV = Path(__file__).resolve().parents[2] / "dev.py"


@pytest.fixture
def dev(monkeypatch):
    spec = importlib.util.spec_from_file_location("dev_script", DEV)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    calls: list[tuple[str, ...]] = []

    class Process:  # a background process dev.py may start beside the server
        def __init__(self, cmd, **_kwargs):
            calls.append(("started", *map(str, cmd[-1:])))

        def terminate(self):
            calls.append(("stopped",))

        def wait(self):
            return 0

    monkeypatch.setattr(module, "install", lambda: None)
    monkeypatch.setattr(module, "flask", lambda *args: calls.append(args))
    monkeypatch.setattr(module.subprocess, "Popen", Process)
    for name in ("DATABASE_URL", "PORTAL_ENV", "PORTAL_DEMO", "PORT"):
        monkeypatch.delenv(name, raising=False)
    module.calls = calls
    return module


def flask_calls(dev) -> list[tuple[str, ...]]:
    return [c for c in dev.calls if c[0] not in ("started", "stopped")]


def test_first_run_sets_up_loads_the_demo_world_and_serves(dev, capsys):
    dev.main(["run"])
    calls = flask_calls(dev)
    assert calls[0] == ("setup",) and calls[1] == ("demo", "world")
    assert calls[-1] == ("run", "--host", "127.0.0.1", "--port", "5000")
    out = capsys.readouterr().out
    assert "[dev.py]" in out and "PORT=8080" in out and "/dev/outbox" in out and "demo world" in out
    # the worker (jobs, mail, periodic scans) starts before the server and stops after it
    order = dev.calls
    assert order.index(("started", "worker")) < order.index(calls[-1]) < order.index(("stopped",))


@pytest.mark.parametrize("env", [{"DATABASE_URL": "postgresql://db/portal"}, {"PORTAL_ENV": "production"},
                                 {"PORTAL_DEMO": "0"}])
def test_no_demo_world_off_the_embedded_default(dev, monkeypatch, env):
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    dev.main(["run"])
    assert ("demo", "world") not in flask_calls(dev)


def test_port_comes_from_the_environment(dev, monkeypatch, capsys):
    monkeypatch.setenv("PORT", "8123")
    dev.main(["run"])
    assert flask_calls(dev)[-1][-1] == "8123" and "http://127.0.0.1:8123" in capsys.readouterr().out
