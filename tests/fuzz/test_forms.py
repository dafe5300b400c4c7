"""A seeded random fuzz of every HTML page, form and filter, as anonymous and
in each of the six roles: the routes come from the app's URL map with real
ids (and a few missing or huge ones), the forms and their fields from the
pages themselves; each form is submitted with random values — real choices,
blanks, odd text, huge and non-finite numbers, random files. No answer may
be a 5xx. FUZZ_SEED picks the seed, FORM_FUZZ_ROUNDS the tries per form."""
from __future__ import annotations

import os
import random
import re
from collections import Counter
from urllib.parse import quote, urlsplit

from sqlalchemy import select

from catalog import models as m
from tests.conftest import sign_in
from tests.fuzz import ONCE, SEED
from tests.fuzz.forms import form_data, forms_of, table_ids, values_for_argument

pytestmark = ONCE
ROUNDS = int(os.environ.get("FORM_FUZZ_ROUNDS", "3"))
SKIPPED = {"static", "auth.logout"}  # signing out would end the role's walk


def fill(rule, rng: random.Random, ids: dict, codes: list[str]) -> str:
    def value(match: re.Match) -> str:
        return quote(rng.choice(values_for_argument(match.group(1), ids, codes)), safe="")
    return re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", value, rule.rule)


class Walk:
    """One role's client, and what it met."""

    def __init__(self, app, role: str | None, email: str | None, rng: random.Random, seen: set):
        self.client, self.role, self.rng, self.seen = app.test_client(), role or "anonymous", rng, seen
        self.statuses: Counter = Counter()
        self.errors: list[str] = []
        self.forms = 0
        if email:
            assert sign_in(self.client, email).status_code == 302, email

    def request(self, method: str, url: str, **kwargs):
        resp = self.client.open(url, method=method, **kwargs)
        self.statuses[resp.status_code] += 1
        if resp.status_code >= 500:
            self.errors.append(f"{self.role} {method} {url} {str(kwargs.get('data'))[:300]} → "
                               f"{resp.status_code}")
        return resp

    def page(self, url: str) -> None:
        resp = self.request("GET", url)
        if resp.status_code == 200 and resp.mimetype == "text/html":
            for form in forms_of(url, resp.get_data(as_text=True)):
                self.submit(form)

    def submit(self, form) -> None:
        path = urlsplit(form.action).path
        key = (self.role, form.method, re.sub(r"\d+", "#", path), tuple(sorted(form.fields)))
        if path == "/logout" or key in self.seen:
            return
        self.seen.add(key)
        self.forms += 1
        for _ in range(ROUNDS):
            data = form_data(self.rng, form)
            if form.method == "get":
                self.request("GET", path, query_string={k: v for k, v in data.items()
                                                        if not isinstance(v, tuple)})
            else:
                self.request("POST", path, data=data, content_type="multipart/form-data")


def test_every_form_and_filter_in_every_role(fuzz_app, fuzz_db, fuzz_world):
    rng = random.Random(SEED)
    with fuzz_db["sessions"]() as db:
        ids = table_ids(db)
        codes = list(db.scalars(select(m.Technology.code).limit(20)))
    rules = sorted((r for r in fuzz_app.url_map.iter_rules() if r.endpoint not in SKIPPED),
                   key=lambda r: r.rule)
    seen: set = set()
    walks = []
    for role, email in [(None, None), *fuzz_world["emails"].items()]:
        walk = Walk(fuzz_app, role, email, rng, seen)
        for rule in rules:
            for _ in range(2):
                url = fill(rule, rng, ids, codes)
                if "GET" in rule.methods:
                    walk.page(url)
                else:
                    walk.request("POST", url, data={"status": rng.choice(["", "x", "open", "1e400"])})
        walks.append(walk)
    total = sum((w.statuses for w in walks), Counter())
    print(f"\nform fuzz (seed {SEED}): {sum(total.values())} requests, {sum(w.forms for w in walks)} forms "
          f"× {ROUNDS} submissions, statuses {dict(sorted(total.items()))}")
    errors = [e for w in walks for e in w.errors]
    assert not errors, "\n".join(errors[:20])
    assert total[200] > 500 and sum(w.forms for w in walks) > 50
