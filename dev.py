#!/usr/bin/env python3
"""Developer entry point that needs nothing but Python 3.11+.

    python3 dev.py run    # create .venv, install, set up, serve http://127.0.0.1:5000
    python3 dev.py test   # create .venv, install, run the whole test suite
    python3 dev.py setup  # install and run `flask --app portal setup` only
    python3 dev.py setup-env  # only create .venv and install the packages

Standard library only: it runs before anything is installed.
"""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / "python"
REQUIREMENTS = ("requirements.txt", "requirements-dev.txt")


def requirements_digest() -> str:
    digest = hashlib.sha256()
    for name in REQUIREMENTS:
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def install() -> None:
    """Create the virtualenv and install the pinned packages, once per change
    of the requirement files."""
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py runs before any check can
        sys.exit(f"Python 3.11 or newer is needed; this is {sys.version.split()[0]}.")
    stamp = VENV / ".requirements.sha256"
    if stamp.exists() and stamp.read_text() == requirements_digest() and PY.exists():
        return
    if not PY.exists():
        say("creating .venv (this folder's own Python environment) …")
        venv.create(VENV, with_pip=True)
    say("installing the pinned packages (about two minutes the first time) …")
    run([PY, "-m", "pip", "install", "--quiet", "--upgrade", "pip"])
    pip_install(ROOT / "requirements-dev.txt")
    stamp.write_text(requirements_digest())


def say(text: str) -> None:
    print(f"[dev.py] {text}", flush=True)


def pip_install(requirements: Path) -> None:
    """pip install -r, showing each package as pip collects it (one updating
    line on a terminal), so a first set-up is visibly moving; pip's whole
    output is shown only if it fails."""
    cmd = [str(PY), "-m", "pip", "install", "--progress-bar", "off", "-r", str(requirements)]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines, count, tty = [], 0, sys.stdout.isatty()
    for line in proc.stdout or ():
        lines.append(line)
        if line.startswith("Collecting "):
            count += 1
            name = line.split()[1]
            if tty:
                print(f"\r  {count} packages · {name:40.40}", end="", flush=True)
            elif count % 10 == 1:
                print(f"  {count} packages · {name}", flush=True)
    if tty and count:
        print()
    if proc.wait():
        sys.stdout.write("".join(lines[-40:]))
        sys.exit(proc.returncode)
    say(f"packages ready ({count} installed or updated)")


def embedded_development() -> bool:
    """The default set-up (SQLite in instance/, development), where the demo
    world is loaded; PORTAL_DEMO=0 leaves the database empty."""
    env = os.environ
    return not env.get("DATABASE_URL") and env.get("PORTAL_ENV", "development") == "development" \
        and env.get("PORTAL_DEMO", "1") != "0"


def run(cmd: list, **kwargs) -> None:
    result = subprocess.run([str(c) for c in cmd], cwd=ROOT, **kwargs)
    if result.returncode:
        sys.exit(result.returncode)


def flask(*args: str) -> None:
    run([BIN / "flask", "--app", "portal", *args])


def main(argv: list[str]) -> None:
    command = argv[0] if argv else "run"
    install()
    if command == "setup-env":
        return
    if command == "setup":
        flask("setup")
    elif command == "run":
        say("setting up the database, reference data, seed catalogue and search index …")
        flask("setup")
        if embedded_development():  # idempotent: loads the demo world once, then only lists its sign-ins
            say("the demo world (fictional 示例 organisations and their sign-ins) …")
            flask("demo", "world")
        port = os.environ.get("PORT", "5000")
        say(f"serving http://127.0.0.1:{port} — another port: PORT=8080 python3 dev.py run; "
            f"e-mails it sends: http://127.0.0.1:{port}/dev/outbox; stop: Ctrl+C")
        # the background worker (issue 19: jobs, mail, scans) beside the web server; Ctrl+C stops both
        worker = subprocess.Popen([str(BIN / "flask"), "--app", "portal", "worker"], cwd=ROOT)
        try:
            flask("run", "--host", "127.0.0.1", "--port", port)
        finally:
            worker.terminate()
            worker.wait()
    elif command == "test":
        run([PY, "-m", "pytest", *argv[1:]])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
