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
        print("creating .venv …", flush=True)
        venv.create(VENV, with_pip=True)
    run([PY, "-m", "pip", "install", "--quiet", "--upgrade", "pip"])
    run([PY, "-m", "pip", "install", "--quiet", "-r", ROOT / "requirements-dev.txt"])
    stamp.write_text(requirements_digest())


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
        flask("setup")
        flask("run", "--host", "127.0.0.1", "--port", os.environ.get("PORT", "5000"))
    elif command == "test":
        run([PY, "-m", "pytest", *argv[1:]])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
