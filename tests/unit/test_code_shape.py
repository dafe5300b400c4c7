"""The code's shape (issue 17 point 5): one domain error hierarchy rooted in
catalog/errors.py, AccountError only for the accounts services."""
from __future__ import annotations

import re
from pathlib import Path

from catalog.accounts.checks import InvalidFields
from catalog.accounts.errors import AccountError
from catalog.errors import DomainError, InvalidInput, NotFound, RuleError

ROOT = Path(__file__).resolve().parents[2]
ACCOUNT_SERVICES = {"members", "organisations", "passwords", "privacy", "registration", "tokens", "users",
                    "uscc", "errors", "__init__"}


def test_one_hierarchy_rooted_in_catalog_errors():
    for error in (RuleError, InvalidFields, AccountError, InvalidInput, NotFound):
        assert issubclass(error, DomainError)
    assert issubclass(AccountError, RuleError) and issubclass(InvalidFields, RuleError)
    assert not issubclass(InvalidFields, AccountError)  # the shared checker is not the accounts'
    problem = RuleError("need.title", "title", maximum=120)
    assert (problem.code, problem.field, problem.params) == ("need.title", "title", {"maximum": 120})


def test_account_error_is_used_by_the_accounts_services_only():
    users = [str(path.relative_to(ROOT))
             for folder in ("catalog", "portal") for path in (ROOT / folder).rglob("*.py")
             if re.search(r"\bAccountError\b", path.read_text("utf-8"))
             and not (path.parent == ROOT / "catalog" / "accounts" and path.stem in ACCOUNT_SERVICES)
             and path != ROOT / "catalog" / "errors.py"]  # its docstring draws the hierarchy
    assert users == []


def test_every_area_brings_its_whole_blueprint_the_same_way():
    """``import portal.<area>`` alone gives ``bp`` with every route of the area
    (no route module imported from elsewhere to join a blueprint), and
    create_app registers every area the same way."""
    import importlib
    import subprocess
    import sys

    from portal import AREAS, create_app

    app = create_app({"TESTING": True, "DATABASE_URL": "sqlite://", "SECRET_KEY": "x",
                      "SEARCH_WARM_START": False})
    assert set(app.blueprints) == set(AREAS)
    script = ("import importlib, sys; area = importlib.import_module('portal.' + sys.argv[1]); "
              "print(len(area.bp.deferred_functions))")
    for name in AREAS:
        out = subprocess.run([sys.executable, "-c", script, name], capture_output=True, text=True, cwd=ROOT)
        in_app = len(importlib.import_module(f"portal.{name}").bp.deferred_functions)
        assert out.returncode == 0 and int(out.stdout) == in_app, (name, out.stderr[-300:])
        assert any(rule.endpoint.startswith(name + ".") for rule in app.url_map.iter_rules())
    assert "import_issue5_routes" not in (ROOT / "portal" / "__init__.py").read_text("utf-8")
