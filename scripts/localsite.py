"""The built site as a reader gets it, offline: served on 127.0.0.1 and opened in Debian's Chromium.

Shared by tests/browser/ and scripts/screenshots.py. Nothing here fetches from the network: the browser is
Debian's /usr/bin/chromium (scripts/install-system-deps.sh installs it), never one `playwright install` downloads.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import os
import re
import shutil
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# The pages every check visits, in both languages. More pages appear at these addresses as the site grows:
# a page missing from the build fails its checks, it is never skipped.
PAGES = [
    "/",
    "/zh/",
    "/articles/licheng-gangnam-sister-city-ties/",
    "/zh/articles/licheng-gangnam-sister-city-ties/",
    "/articles/qingdao-delegation-xue-qingguo-tokyo/",
    "/zh/articles/qingdao-delegation-xue-qingguo-tokyo/",
    "/zh/articles/qingdao-delegation-xue-qingguo-tokyo-hant/",
    "/tags/jinan/",
    "/zh/tags/jinan/",
    "/tags/",
    "/zh/tags/",
    "/404.html",
]

# Viewports a reader has: a common Android phone and a laptop.
PHONE = {"width": 412, "height": 915}
DESKTOP = {"width": 1280, "height": 800}

# True once the search (docs/assets/search.js) has answered `query` ("3 results for X", "找到 3 个 X 的相关结果",
# "No results for X"; not "Searching for X…"): the reader sees the finished list.
SEARCH_ANSWERED = """([query]) => {
    const status = document.querySelector('.archive-search__status')?.textContent ?? '';
    return status.includes(query) && !status.endsWith('…');
}"""

CHROMIUM = "/usr/bin/chromium"
# No sandbox (we run as root in CI), no GPU (none there), and nothing that phones home: no network but localhost.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


# Served gzipped to browsers that ask, as GitHub Pages and every CDN do, so that Lighthouse times what readers get.
COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")
# Files holding the address the site was built for (site_url), which the server rewrites to its own.
ADDRESSED_TYPES = ("text/html", "application/xml", "text/xml")


class SiteHandler(SimpleHTTPRequestHandler):
    """Serves the built site as its host would: at the address it was built for, gzipped, with its own 404 page."""

    site_url = b""  # as built, e.g. b"http://127.0.0.1:8000/"
    base_url = b""  # as served, e.g. b"http://127.0.0.1:41234/"
    sent: list[tuple[str, int]] | None = None  # when a list: (path, bytes of body) of each response, as sent

    def do_GET(self) -> None:
        self.send_file(with_body=True)

    def do_HEAD(self) -> None:
        self.send_file(with_body=False)

    def send_file(self, *, with_body: bool) -> None:
        """Send the file the request names (a folder's index.html), else the site's 404.html with status 404."""
        path = Path(self.translate_path(self.path))
        if path.is_dir() and not urllib.parse.urlsplit(self.path).path.endswith("/"):
            return super().do_GET() if with_body else super().do_HEAD()  # the redirect to the folder's URL
        path = path / "index.html" if path.is_dir() else path
        status = 200 if path.is_file() else 404
        path = path if status == 200 else Path(self.directory) / "404.html"
        body, content_type = path.read_bytes(), self.guess_type(str(path))
        if self.site_url and content_type in ADDRESSED_TYPES:
            body = body.replace(self.site_url, self.base_url)
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        if content_type.startswith(COMPRESSED_TYPES) and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, compresslevel=6, mtime=0)
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        # As GitHub Pages: a file fetched again within ten minutes comes from the browser's cache (each search worker
        # loads Pagefind's script and WebAssembly; only the first download counts).
        self.send_header("Cache-Control", "max-age=600")
        # LinkChecker waits 0.1-0.6 s between requests to a host unless the host sends this header.
        self.send_header("LinkChecker", "no rate limit on this local test server")
        self.end_headers()
        # The browser may go on to another page before this file (say, the search index) has arrived.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            if with_body:
                self.wfile.write(body)
                if self.sent is not None:
                    self.sent.append((self.path, len(body)))

    def log_message(self, format: str, *args: object) -> None:
        pass


def built_for(site_dir: Path) -> str:
    """The address the site was built for (mkdocs.yml's site_url), read from the home page's canonical link."""
    home = (site_dir / "index.html").read_text(encoding="utf-8")
    match = re.search(r'<link rel="canonical" href="([^"]+)"', home)
    return match[1] if match else ""


@contextmanager
def serve(site_dir: Path, sent: list[tuple[str, int]] | None = None) -> Iterator[str]:
    """Serve site_dir on a free port of 127.0.0.1 until the block ends; yield its base URL (no trailing slash).
    `sent`, when given, gets (path, bytes) of each response body sent, compressed as sent."""
    handler = type("Handler", (SiteHandler,), {"site_url": built_for(site_dir).encode(), "sent": sent})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site_dir)))
    base_url = f"http://127.0.0.1:{server.server_address[1]}"
    handler.base_url = f"{base_url}/".encode()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield base_url
    finally:
        server.shutdown()
        server.server_close()


def slug_of(path: str) -> str:
    """A file-name-safe name for a page path: '/' -> 'index', '/zh/tags/' -> 'zh-tags', '/404.html' -> '404'."""
    name = path.strip("/").removesuffix(".html").replace("/", "-")
    return name or "index"


def status_of(url: str) -> int:
    """The HTTP status a reader's browser would get for url."""
    try:
        with urllib.request.urlopen(url) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def copy_project(target: Path, with_seeds: bool = True) -> Path:
    """The files a build needs (configs, scripts, hand-written docs, overrides, seeds) in a scratch folder."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "pagefind.yml"):
        shutil.copy(ROOT / name, target / name)
    shutil.copytree(ROOT / "overrides", target / "overrides")
    shutil.copytree(ROOT / "scripts", target / "scripts", ignore=shutil.ignore_patterns("__pycache__"))
    (target / "docs").mkdir()
    shutil.copytree(ROOT / "docs" / "assets", target / "docs" / "assets")
    if with_seeds:
        shutil.copytree(ROOT / "seeds", target / "seeds")
    return target


def build_env() -> dict[str, str]:
    """The environment `make build` gives MkDocs, with mkdocs.yml's default site address."""
    return {**{k: v for k, v in os.environ.items() if k != "SITE_URL"}, "NO_MKDOCS_2_WARNING": "1"}


def run_build(project: Path) -> Path:
    """Build a project copy exactly as `make build` does (archive build, then both languages and search); site/."""
    env = build_env()
    subprocess.run([sys.executable, "scripts/build_site.py"], cwd=project, env=env, check=True, capture_output=True)
    return project / "site"
