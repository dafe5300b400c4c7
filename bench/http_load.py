"""HTTP measuring parts of ``bench/run_all.py``: a gunicorn server, timed
requests over one keep-alive connection, signing in, ``wrk`` for the mixed
load and worker memory as PSS. Prints nothing itself; returns figures."""
from __future__ import annotations

import http.client
import http.cookies
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]


def pct(samples: list[float], p: float) -> float:
    s = sorted(samples)
    return s[min(len(s) - 1, int(round(p * (len(s) - 1))))]


@dataclass
class Timing:
    label: str
    samples: list[float]
    statuses: dict[int, int]

    @property
    def p50(self) -> float:
        return statistics.median(self.samples)

    @property
    def p95(self) -> float:
        return pct(self.samples, 0.95)


@dataclass
class Server:
    """gunicorn --preload on 127.0.0.1:port with the bench's environment."""
    env: dict[str, str]
    port: int = 5077
    workers: int = 3
    process: subprocess.Popen | None = None
    log: Path = field(default_factory=lambda: Path(tempfile.mkstemp(prefix="gunicorn-", suffix=".log")[1]))

    def start(self) -> None:
        cmd = [str(ROOT / ".venv/bin/gunicorn"), "--preload", "-w", str(self.workers),
               "-b", f"127.0.0.1:{self.port}", "--timeout", "120", "portal:create_app()"]
        self.process = subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, **self.env},
                                        stdout=self.log.open("w"), stderr=subprocess.STDOUT,
                                        start_new_session=True)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if Client(self.port).get("/healthz").status < 500:
                    return
            except OSError:
                time.sleep(0.5)
        raise RuntimeError(f"gunicorn did not start; see {self.log}")

    def worker_pids(self) -> list[int]:
        out = subprocess.run(["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True)
        return [int(p) for p in out.stdout.split()]

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)


def pss_mib(pid: int) -> float:
    """Proportional set size: shared pages (e.g. from --preload) split between sharers."""
    text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    return int(re.search(r"^Pss:\s+(\d+) kB", text, re.M).group(1)) / 1024


class Client:
    """One keep-alive connection with a cookie jar (enough to sign in)."""

    def __init__(self, port: int):
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: bytes | None = None,
                headers: dict[str, str] | None = None) -> http.client.HTTPResponse:
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            self.conn.request(method, path, body=body, headers=headers)
            resp = self.conn.getresponse()
        except (http.client.HTTPException, ConnectionError):
            self.conn.close()
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
            self.conn.request(method, path, body=body, headers=headers)
            resp = self.conn.getresponse()
        resp.text = resp.read().decode("utf-8", "replace")
        for header in resp.headers.get_all("Set-Cookie") or []:
            morsel = http.cookies.SimpleCookie(header)
            self.cookies.update({k: v.value for k, v in morsel.items()})
        return resp

    def get(self, path: str) -> http.client.HTTPResponse:
        return self.request("GET", path)

    def post_json(self, path: str, payload: dict) -> http.client.HTTPResponse:
        return self.request("POST", path, json.dumps(payload).encode(),
                            {"Content-Type": "application/json"})

    def sign_in(self, email: str, password: str) -> bool:
        form = self.get("/login").text
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', form)
        body = urlencode({"csrf_token": token.group(1) if token else "", "email": email,
                          "password": password}).encode()
        resp = self.request("POST", "/login", body,
                            {"Content-Type": "application/x-www-form-urlencoded"})
        return resp.status in (302, 303)


def time_requests(client: Client, label: str, paths: list[str], payloads: list[dict] | None = None,
                  warmup: int = 3) -> Timing:
    """Each path (or payload, POSTed to paths[0]) once, in order, after a few warm-up calls."""
    send = ((lambda i: client.post_json(paths[0], payloads[i % len(payloads)])) if payloads
            else (lambda i: client.get(paths[i % len(paths)])))
    count = len(payloads) if payloads else len(paths)
    for i in range(min(warmup, count)):
        send(i)
    samples, statuses = [], {}
    for i in range(count):
        started = time.perf_counter()
        resp = send(i)
        samples.append((time.perf_counter() - started) * 1000)
        statuses[resp.status] = statuses.get(resp.status, 0) + 1
    return Timing(label, samples, statuses)


WRK_SCRIPT = """
local groups = {}
local function load(name)
  local t = {}
  for line in io.lines(name) do t[#t + 1] = line end
  return t
end
init = function(args)
  for i = 1, #args do groups[i] = load(args[i]) end
  math.randomseed(os.time() + math.floor(os.clock() * 1000))
end
request = function()
  local g = groups[math.random(#groups)]
  return wrk.format("GET", g[math.random(#g)])
end
"""


@dataclass
class LoadResult:
    requests_per_s: float
    latency_ms: dict[str, float]
    errors: int
    non_2xx: int
    raw: str


def wrk_mixed(port: int, groups: list[list[str]], connections: int, seconds: int) -> LoadResult:
    """Equal parts of each URL group, chosen at random per request."""
    if not shutil.which("wrk"):
        raise RuntimeError("wrk is not installed (Debian: apt-get install wrk)")
    work = Path(tempfile.mkdtemp(prefix="wrk-"))
    (work / "mixed.lua").write_text(WRK_SCRIPT)
    files = []
    for n, urls in enumerate(groups):
        path = work / f"group{n}.txt"
        path.write_text("\n".join(urls) + "\n")
        files.append(str(path))
    out = subprocess.run(["wrk", "-t", "2", "-c", str(connections), "-d", f"{seconds}s", "--latency",
                          "--timeout", "10s", "-s", str(work / "mixed.lua"),
                          f"http://127.0.0.1:{port}", "--", *files],
                         capture_output=True, text=True, check=True).stdout
    return LoadResult(
        requests_per_s=float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        latency_ms={p: _ms(v) for p, v in re.findall(r"^\s+(50|75|90|99)%\s+(\S+)", out, re.M)},
        errors=sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out)),
        non_2xx=int((re.search(r"Non-2xx or 3xx responses: (\d+)", out) or [0, 0])[1]),
        raw=out)


def _ms(value: str) -> float:
    number, unit = re.match(r"([\d.]+)(\w+)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]
