"""Outages (issue 17 point 1): PostgreSQL and Redis cut through a TCP proxy
this test starts, then restored.

While the database is unreachable every page answers 503 with Retry-After and
a page in the visitor's language (JSON under /api), never a bare server error
(the teardown, the user loader and the error pages used to fail on the dead
connection); sign-in attempts refused by the outage do not count as failed
sign-ins; once the proxy listens again the portal answers by itself. While
Redis is cut the rate limits count in memory and pages keep answering; once
it is back the counts go to Redis again.

The figures (requests, statuses, seconds until the first good answer) are
printed (``-s``); they are not asserted against a clock."""
from __future__ import annotations

import os
import re
import socket
import time
import uuid
from collections import Counter

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests.conftest import ACCOUNT_PASSWORD, seed_database, sign_in
from tests.tcp_proxy import TcpProxy

PG_DEFAULT = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
RECOVERY_DEADLINE = 120  # seconds: a bound for a failing test, not a speed requirement


def reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=2):
            return True
    except OSError:
        return False


@pytest.fixture(scope="module")
def postgres(database_server_url, tmp_path_factory):
    """A throw-away seeded PostgreSQL database (TEST_DATABASE_URL's server,
    else the local one) and a proxy in front of its server."""
    server = make_url(database_server_url or PG_DEFAULT)
    if not reachable(server.host or "127.0.0.1", server.port or 5432):
        pytest.skip(f"no PostgreSQL server at {server.host}:{server.port}")
    name = f"portal_outage_{uuid.uuid4().hex[:10]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    direct = server.set(database=name)
    world = seed_database(direct.render_as_string(hide_password=False),
                          tmp_path_factory.mktemp("outage-index") / "search-index")
    with world["sessions"]() as db:
        from catalog.accounts import users

        users.create_bureau_user(db, "outage@bureau.test", "值班", "bureau_admin", ACCOUNT_PASSWORD)
    world["engine"].dispose()
    with TcpProxy(server.host or "127.0.0.1", server.port or 5432) as proxy:
        world["proxied_url"] = direct.set(host="127.0.0.1", port=proxy.port).render_as_string(
            hide_password=False)
        yield world, proxy
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def make_app(tmp_path_factory):
    """Apps on the proxied database; their engines are disposed after the test
    (an open connection left to the garbage collector is a ResourceWarning)."""
    from portal import create_app
    from tests.conftest import NO_TRAFFIC_LIMITS

    made = []

    def make(url: str, index_dir, **overrides):
        made.append(create_app({
            "TESTING": True, "DATABASE_URL": url, "SEARCH_INDEX_DIR": str(index_dir),
            "PORTAL_DATA_DIR": str(tmp_path_factory.mktemp("outage-data")), "SECRET_KEY": "outage-secret",
            "SEARCH_WARM_START": False, **NO_TRAFFIC_LIMITS, **overrides}))
        return made[-1]

    yield make
    for app in made:
        app.extensions["db_engine"].dispose()


PAGES = ("/", "/catalogue", "/technologies/CE-01", "/search?q=余热", "/benchmarks")
API = ("/api/v1/technologies", "/api/v1/technologies/CE-01", "/healthz")
SIGNED_IN_PAGES = ("/account", "/notifications/", "/bureau/dashboard", "/no-such-page")


def csrf_of(client, path: str) -> str:
    page = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)


def test_pages_answer_503_while_postgresql_is_cut_and_recover_by_themselves(postgres, make_app):
    world, proxy = postgres
    app = make_app(world["proxied_url"], world["index_dir"],
                   LOGIN_LIMIT_PER_ACCOUNT="3 per minute", LOGIN_LIMIT_PER_IP="3 per minute")
    visitor, member, english = app.test_client(), app.test_client(), app.test_client()
    english.get("/?lang=en")
    assert sign_in(member, "outage@bureau.test").status_code == 302
    stale_token = csrf_of(member, "/account")
    login_token = csrf_of(visitor, "/login")
    assert all(visitor.get(p).status_code == 200 for p in PAGES + API)

    proxy.cut()
    statuses: Counter = Counter()

    def seen(response, expect_json: bool = False):
        statuses[response.status_code] += 1
        assert response.status_code == 503, (response.request.path, response.status_code)
        assert response.headers["Retry-After"].isdigit()
        if expect_json:
            assert "数据库" in response.get_json()["error"]["message"]
        return response

    for path in PAGES:
        assert "数据库暂时无法连接" in seen(visitor.get(path)).get_data(as_text=True)
        assert "the database cannot be reached" in seen(english.get(path)).get_data(as_text=True)
    for path in API:
        seen(visitor.get(path), expect_json=True)
    for path in SIGNED_IN_PAGES:
        page = seen(member.get(path)).get_data(as_text=True)
        assert "数据库暂时无法连接" in page and "outage@bureau.test" not in page
    # a form whose token no longer matches: the CSRF error page of a signed-in user
    seen(member.post("/logout", data={"csrf_token": "stale"}))
    seen(member.post("/logout", data={"csrf_token": stale_token}))
    # the right password, more often than the sign-in limit allows
    for _ in range(5):
        answer = seen(visitor.post("/login", data={"email": "outage@bureau.test",
                                                   "password": ACCOUNT_PASSWORD,
                                                   "csrf_token": login_token}))
        assert "检查" in answer.get_data(as_text=True)  # "check whether it was saved"
    outage_requests = sum(statuses.values())

    proxy.restore()
    restored = time.monotonic()
    attempts, first_good = 0, None
    while time.monotonic() - restored < RECOVERY_DEADLINE:
        attempts += 1
        if visitor.get("/catalogue").status_code == 200:
            first_good = time.monotonic() - restored
            break
        time.sleep(0.1)
    assert first_good is not None, "the portal did not recover after the database came back"
    assert all(visitor.get(p).status_code == 200 for p in PAGES + API)
    assert member.get("/account").status_code == 200  # still signed in: the outage ended nothing
    # outage refusals did not count as failed sign-ins: the right password works at once
    fresh = app.test_client()
    assert sign_in(fresh, "outage@bureau.test").status_code == 302
    print(f"\nPostgreSQL cut: {outage_requests} requests, statuses {dict(statuses)}; "
          f"first 200 {first_good:.2f} s after the restore ({attempts} attempts)")


@pytest.fixture
def redis_proxy():
    if not reachable("127.0.0.1", 6379):
        if os.environ.get("REQUIRE_REDIS") == "1":
            pytest.fail("REQUIRE_REDIS=1 but no Redis server at 127.0.0.1:6379")
        pytest.skip("no Redis server at 127.0.0.1:6379")
    with TcpProxy("127.0.0.1", 6379) as proxy:
        yield proxy


def test_rate_limits_keep_pages_answering_while_redis_is_cut_and_return_to_it(
        redis_proxy, make_accounts_app):
    import redis

    prefix = f"outage{uuid.uuid4().hex[:8]}"
    app = make_accounts_app(RATELIMIT_STORAGE_URI=f"redis://127.0.0.1:{redis_proxy.port}/0",
                            RATELIMIT_KEY_PREFIX=prefix, PUBLIC_LIMIT_PER_IP="3 per minute")
    direct = redis.Redis(host="127.0.0.1", port=6379)

    def visitor(address: str):
        client = app.test_client()
        client.environ_base["REMOTE_ADDR"] = address
        return client

    def keys_of(address: str) -> list:
        return [k for k in direct.scan_iter(match=f"*{prefix}*") if address.encode() in k]

    try:
        assert visitor("10.9.0.1").get("/search?q=余热").status_code == 200
        assert keys_of("10.9.0.1")  # counted in Redis
        redis_proxy.cut()
        cut = visitor("10.9.0.2")
        codes = [cut.get("/search?q=余热").status_code for _ in range(4)]
        assert codes == [200, 200, 200, 429]  # still limited, in this process's memory
        assert visitor("10.9.0.3").get("/catalogue").status_code == 200
        assert not keys_of("10.9.0.2")
        redis_proxy.restore()
        restored, attempts, back = time.monotonic(), 0, None
        while time.monotonic() - restored < RECOVERY_DEADLINE:
            attempts += 1
            address = f"10.9.1.{attempts % 250}"
            assert visitor(address).get("/search?q=余热").status_code == 200
            if keys_of(address):
                back = time.monotonic() - restored
                break
            time.sleep(0.2)
        assert back is not None, "the rate limits did not return to Redis"
        print(f"\nRedis cut: 5 requests answered {codes + [200]}; counts back in Redis "
              f"{back:.2f} s after the restore ({attempts} attempts)")
    finally:
        for key in direct.scan_iter(match=f"*{prefix}*"):
            direct.delete(key)
        direct.close()


def test_a_database_that_stops_answering_gives_503_after_the_connect_timeout(postgres, make_app):
    """Packets lost instead of refused: a new connection waits for an answer
    that never comes. The connect timeout turns that into a 503 (measured,
    not asserted: the request must finish, whatever the machine's speed)."""
    import threading

    world, proxy = postgres
    app = make_app(world["proxied_url"], world["index_dir"], DATABASE_CONNECT_TIMEOUT=2)
    client = app.test_client()
    assert client.get("/catalogue").status_code == 200
    proxy.stall()
    answers: list = []
    started = time.monotonic()
    worker = threading.Thread(target=lambda: answers.append(client.get("/catalogue")), daemon=True)
    worker.start()
    worker.join(RECOVERY_DEADLINE)
    waited = time.monotonic() - started
    proxy.restore()
    assert answers and answers[0].status_code == 503 and answers[0].headers["Retry-After"]
    restored, first_good = time.monotonic(), None
    while time.monotonic() - restored < RECOVERY_DEADLINE:
        if client.get("/catalogue").status_code == 200:
            first_good = time.monotonic() - restored
            break
        time.sleep(0.1)
    assert first_good is not None
    print(f"\nPostgreSQL stalled: 503 after {waited:.1f} s (connect timeout 2 s); "
          f"first 200 {first_good:.2f} s after the restore")


def test_mail_waits_in_the_outbox_while_the_queue_in_redis_is_cut(redis_proxy, make_accounts_app,
                                                                  accounts_db):
    """The task queue lives in Redis in production: a request that sends mail
    answers as usual while Redis is cut, the message waits in the outbox (the
    worker's periodic sender takes it), and the queue works again once Redis
    is back."""
    from huey import RedisHuey
    from sqlalchemy import func, select

    from catalog import models as m
    from portal.queue import enqueue

    name = f"outage-{uuid.uuid4().hex[:8]}"
    app = make_accounts_app(TASK_QUEUE="redis", TASK_QUEUE_NAME=name, WTF_CSRF_ENABLED=False,
                            REDIS_URL=f"redis://127.0.0.1:{redis_proxy.port}/0",
                            RATELIMIT_STORAGE_URI="memory://", MAIL_SERVER="127.0.0.1", MAIL_PORT=9)
    queue = RedisHuey(name, url="redis://127.0.0.1:6379/0")

    def waiting(address: str) -> int:
        with accounts_db["sessions"]() as db:
            return db.scalar(select(func.count()).select_from(m.OutboxMessage).where(
                m.OutboxMessage.to_addr == address, m.OutboxMessage.sent_at.is_(None)))

    try:
        redis_proxy.cut()
        before = waiting("member-a@world.test")
        response = app.test_client().post("/password/forgot?lang=zh", data={"email": "member-a@world.test"})
        assert response.status_code in (200, 302, 303)
        assert waiting("member-a@world.test") == before + 1
        assert queue.pending_count() == 0          # nothing reached the queue
        redis_proxy.restore()
        with app.app_context():
            enqueue("send_mail")                   # the periodic sender's task, queued again
        assert queue.pending_count() == 1
    finally:
        queue.storage.flush_all()
