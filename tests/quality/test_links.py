"""Links: every internal link and anchor of the built site works (offline, every run); the
external check finds 404s, time-outs and refused connections on a local server, follows
redirects, keeps a cache and never presses one host with more than two requests at once."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from exchange import PROJECT_ROOT
from exchange.quality.links import PoliteCheck, check_external_links, check_internal_links, format_external_report

PAGE = "<!doctype html><html lang=en><head><meta charset=utf-8><title>{title}</title></head><body>{body}</body></html>"


def write_page(folder: Path, relative: str, body: str) -> None:
    path = folder / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(PAGE.format(title=relative, body=body), encoding="utf-8")


def test_every_internal_link_and_anchor_of_the_built_site_works(built_site):
    assert [str(problem) for problem in check_internal_links(built_site)] == []


def test_the_internal_check_finds_missing_pages_and_anchors(tmp_path):
    write_page(tmp_path, "index.html", """<h2 id="here">Here</h2>
      <a href="guidance/">a folder with a page</a> <a href="/guidance/#plans">absolute, anchor exists</a>
      <a href="#here">anchor on this page</a> <a href="contacts/">no such page</a>
      <a href="guidance/#nowhere">no such anchor there</a> <a href="#gone">no such anchor here</a>
      <a href="https://example.org/">external: not checked offline</a> <a href="mailto:someone@example.org">mail</a>""")
    write_page(tmp_path, "guidance/index.html", '<h2 id="plans">Plans</h2><a href="../">home</a>')
    problems = check_internal_links(tmp_path)
    broken = sorted(problem.message.split(" (page")[0] for problem in problems)
    assert broken == ["broken link to /contacts", "broken link to /guidance#nowhere", "broken link to /index.html#gone"]
    assert sorted((Path(problem.path).name, problem.line) for problem in problems) == [("index.html", 3), ("index.html", 4), ("index.html", 4)]
    assert any("no anchor '#nowhere'" in problem.message for problem in problems)


def test_the_internal_check_finds_missing_stylesheets_pictures_and_scripts(tmp_path):
    write_page(tmp_path, "index.html", '<link rel="stylesheet" href="stylesheets/site.css"><link rel="stylesheet" href="stylesheets/gone.css">'
               '<script src="javascripts/site.js"></script><script src="/javascripts/gone.js" defer></script><img src="gone.png" alt="">')
    (tmp_path / "stylesheets").mkdir()
    (tmp_path / "stylesheets" / "site.css").write_text("body {}", encoding="utf-8")
    (tmp_path / "javascripts").mkdir()
    (tmp_path / "javascripts" / "site.js").write_text("", encoding="utf-8")
    broken = sorted(problem.message.split(" (page")[0] for problem in check_internal_links(tmp_path))
    assert broken == ["broken link to /gone.png", "broken link to /stylesheets/gone.css", "broken script /javascripts/gone.js"]


def test_the_links_command_prints_each_broken_link_and_fails(tmp_path):
    write_page(tmp_path, "index.html", '<a href="missing/">missing</a>')
    completed = subprocess.run([sys.executable, str(PROJECT_ROOT / "scripts" / "check_links.py"), str(tmp_path)], capture_output=True, text=True)
    assert completed.returncode == 1
    assert f"{tmp_path}/index.html:1: broken link to /missing" in completed.stdout
    not_built = subprocess.run([sys.executable, str(PROJECT_ROOT / "scripts" / "check_links.py"), str(tmp_path / "nowhere")], capture_output=True, text=True)
    assert not_built.returncode == 2 and "make build" in not_built.stderr


# ---------------------------------------------------------------- external links


class FakeWeb(BaseHTTPRequestHandler):
    """Answers like the web does: a page, a moved page, a missing page and a server that hangs."""

    hits: Counter = Counter()
    in_flight = 0
    most_in_flight = 0
    lock = threading.Lock()

    def do_GET(self):  # noqa: N802 (the standard library's name)
        cls = type(self)
        with cls.lock:
            cls.hits[self.path] += 1
        if self.path.startswith("/busy/"):
            with cls.lock:
                cls.in_flight += 1
                cls.most_in_flight = max(cls.most_in_flight, cls.in_flight)
            time.sleep(0.2)  # long enough for requests to overlap if the checker allowed it
            with cls.lock:
                cls.in_flight -= 1  # before answering, so the next request cannot overlap in our count
            self.answer(200)
        elif self.path == "/report.pdf":
            self.answer(200)
        elif self.path == "/old-report":
            self.answer(301, location="/report.pdf")
        elif self.path == "/hangs":
            time.sleep(3)  # longer than the check's one-second timeout
            self.answer(200)
        else:
            self.answer(404)

    do_HEAD = do_GET

    def answer(self, code: int, location: str = "") -> None:
        try:
            self.send_response(code)
            if location:
                self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the checker gave up waiting, as it should

    def log_message(self, *arguments):
        pass


@pytest.fixture
def fake_web():
    """A fresh fake web server for each test, with its own counts."""
    handler = type("OneTestsWeb", (FakeWeb,), {"hits": Counter(), "in_flight": 0, "most_in_flight": 0, "lock": threading.Lock()})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", handler
    server.shutdown()
    server.server_close()


def closed_port() -> int:
    """A port on this machine where nothing listens, so a connection is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


QUICK = PoliteCheck(timeout_seconds=1, max_retries=0, retry_wait_seconds=1, host_request_interval="0ms")


def test_the_external_check_reports_each_broken_link_with_its_pages(tmp_path, fake_web):
    fake_web, _ = fake_web
    refused = f"http://127.0.0.1:{closed_port()}/anything"
    site = tmp_path / "site"
    write_page(site, "index.html", f'<a href="{fake_web}/report.pdf">fine</a> <a href="{fake_web}/old-report">moved</a> <a href="{fake_web}/gone">gone</a> <a href="guidance/">internal</a>')
    write_page(site, "guidance/index.html", f'<a href="{fake_web}/gone">gone again</a> <a href="{fake_web}/hangs">hangs</a> <a href="{refused}">refused</a>')
    report = check_external_links(site, tmp_path / "cache", QUICK)
    broken = {link.url: (link.reason, sorted(link.pages)) for link in report.broken}
    assert set(broken) == {f"{fake_web}/gone", f"{fake_web}/hangs", refused}
    assert broken[f"{fake_web}/gone"] == ("the server answered 404 (404 Not Found)", ["/", "/guidance/"])
    assert "timeout" in broken[f"{fake_web}/hangs"][0] and broken[f"{fake_web}/hangs"][1] == ["/guidance/"]
    assert "refused" in broken[refused][0].lower()
    assert [(link.url, link.moved_to) for link in report.moved] == [(f"{fake_web}/old-report", f"{fake_web}/report.pdf")]
    assert report.checked == 5 and report.pages == 2
    text = format_external_report(report, "2026-01-05")
    assert "Checked 5 external links on 2 pages on 2026-01-05: 3 broken, 1 moved permanently." in text
    gone = text.split(f"- {fake_web}/gone – the server answered 404 (404 Not Found)\n", 1)[1].splitlines()
    assert [line.split(" (")[0] for line in gone[:2]] == ["  - on /", "  - on /guidance/"]
    assert f"- {fake_web}/old-report – now at {fake_web}/report.pdf" in text
    assert sorted(problem.message.split(")")[0] for problem in report.problems()) == sorted(
        [f"broken external link {fake_web}/gone (on /", f"broken external link {fake_web}/gone (on /guidance/", f"broken external link {fake_web}/hangs (on /guidance/", f"broken external link {refused} (on /guidance/"]
    )


def test_links_that_worked_come_from_the_cache_and_broken_ones_are_asked_again(tmp_path, fake_web):
    fake_web, web = fake_web
    site = tmp_path / "site"
    write_page(site, "index.html", f'<a href="{fake_web}/report.pdf">fine</a> <a href="{fake_web}/gone">gone</a>')
    check_external_links(site, tmp_path / "cache", QUICK)
    first = Counter(web.hits)
    second_report = check_external_links(site, tmp_path / "cache", QUICK)
    assert web.hits["/report.pdf"] == first["/report.pdf"] >= 1
    assert web.hits["/gone"] > first["/gone"] >= 1
    assert [link.url for link in second_report.broken] == [f"{fake_web}/gone"]


def test_the_external_check_sends_at_most_two_requests_at_once_to_a_host(tmp_path, fake_web):
    fake_web, web = fake_web
    site = tmp_path / "site"
    write_page(site, "index.html", " ".join(f'<a href="{fake_web}/busy/{number}">page {number}</a>' for number in range(8)))
    report = check_external_links(site, tmp_path / "cache", QUICK)
    assert report.broken == [] and sum(web.hits[f"/busy/{number}"] for number in range(8)) == 8
    assert 1 <= web.most_in_flight <= QUICK.host_concurrency == 2
