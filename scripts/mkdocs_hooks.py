"""MkDocs glue for the pages scripts/build.py generates. Content decisions live in the build; this only
hands MkDocs and Material what the build prepared in each page's front matter:

- `lastmod`: the page's date for Material's templates (the build writes the sitemaps; the theme's is off);
- `alternates`: language links for a page that exists in one language only (the Traditional original);
- `lang`: the page's BCP 47 language (zh-Hans, zh-Hant) on <html>, which Material sets to plain "zh";
- `head_html`: Open Graph, JSON-LD and feed links, escaped by the build, inserted before </head>;
- and it drops Material's per-page hreflang <link>s from the head: the theme's script fetches sitemap.xml
  beside each one (a 404 per page view); the sitemap carries the same alternates.

Search: once every language is built, the build's search documents (build/search/) are indexed into
site_dir/pagefind/ by scripts/searchindex.py (Pagefind, settings in pagefind.yml, in runs of bounded size merged into
one bundle per shard). For `make build`, scripts/build_site.py starts that itself, beside the rest, and one MkDocs
process per language in parallel (ARCHIVE_BUILD_LANGUAGE names the one a process renders; it skips the other
language's pages), then merges them.

Language links are made absolute from site_url, as hreflang requires.

Under `mkdocs serve` (which `make serve` runs), every rebuild first reruns the archive build, so editing a
seed, a translation or seeds/tags.yml updates the page in the browser; mkdocs.yml watches seeds/.
"""

from __future__ import annotations

import functools
import importlib.util
import os
import re
import subprocess
import sys
import zlib
from pathlib import Path
from urllib.parse import urljoin

from markdown import Extension
from markdown.preprocessors import Preprocessor
from mkdocs.plugins import event_priority

SCRIPTS = Path(__file__).resolve().parent  # the archive package and build.py
if str(SCRIPTS) not in sys.path:  # MkDocs puts a hook's folder on sys.path only while it loads the hook
    sys.path.insert(0, str(SCRIPTS))
from archive.rules import RAW_HTML_MARK  # noqa: E402


@functools.cache
def build_module():
    """scripts/build.py, the same build `make docs` runs; loaded from its file, since a build/ folder in the
    project (where the search documents go) would shadow `import build`."""
    spec = importlib.util.spec_from_file_location("archive_build", SCRIPTS / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# Pages every build keeps whatever language it renders: nav links to them, and strict mode fails without them.
_NAV_PAGES = {"index.md", "tags/index.md"}

_serving = False
_inputs_seen: tuple = ()


def on_startup(command, dirty):
    global _serving
    _serving = command == "serve"


class RawHtml(Preprocessor):
    """Store each block the build marked as raw HTML (see rules.RAW_HTML_MARK) without parsing it.

    The build escaped every text in it; Python-Markdown's own raw-HTML handling would parse every tag of it in
    Python, which was most of MkDocs' time on listing and article pages.
    """

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        block: list[str] | None = None
        for line in [*lines, ""]:
            if block is None and line.startswith(RAW_HTML_MARK):
                block = [line[len(RAW_HTML_MARK) :]]
            elif block is not None and line.strip():
                block.append(line)
            else:
                if block is not None:
                    out += [self.md.htmlStash.store("\n".join(block)), ""]
                    block = None
                out.append(line)
        return out[:-1]


# Python-Markdown extensions MkDocs adds to every site that the archive's pages never use (see on_config).
UNUSED_BUILTINS = ("tables", "fenced_code")


class RawHtmlExtension(Extension):
    def extendMarkdown(self, md) -> None:
        md.preprocessors.register(RawHtml(md), "archive_raw_html", 25)  # before html_block (20)


def on_config(config):
    """Raw HTML blocks pass through unparsed; the build writes both sitemaps, so Material's is off.

    Under mkdocs-static-i18n the theme's sitemap.xml is rendered by the last language's pass and dates that
    language's pages with the day of the build.
    """
    if not any(isinstance(extension, RawHtmlExtension) for extension in config.markdown_extensions):
        config.markdown_extensions.append(RawHtmlExtension())
    # MkDocs always adds these two. The build writes neither a table nor a code fence, and a seed's text cannot make
    # one (render.escape keeps each text on a line of its own; both need two lines); fenced_code alone scans every
    # page's whole text, about 3% of MkDocs' time at 5,000 articles.
    config.markdown_extensions[:] = [name for name in config.markdown_extensions if name not in UNUSED_BUILTINS]
    config.theme.static_templates.discard("sitemap.xml")
    return config


def on_pre_build(config):
    """While serving, regenerate docs/ from seeds/ first; with errors, print them and keep the last good pages."""
    if not _serving:
        return
    build = build_module()

    # mkdocs-static-i18n builds once per language: regenerate only when an input file really changed.
    global _inputs_seen
    seen = input_files(SCRIPTS.parent / "seeds")
    if seen != _inputs_seen:
        _inputs_seen = seen
        build.main([])


def input_files(seeds: Path) -> tuple[tuple[str, int, int], ...]:
    """The seeds folder's files as (name, modification time, size), sorted: what the build reads. Hidden files are
    left out, as the build leaves them: an editor's lock or swap file (Emacs's .#name is a link to nothing) may
    come and go at any moment, and one gone between listing and asking would stop the rebuild."""
    seen = []
    with os.scandir(seeds) as entries:
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                info = entry.stat()
            except FileNotFoundError:  # gone since listed, or a link to nothing: the build will say so if it matters
                continue
            seen.append((entry.name, info.st_mtime_ns, info.st_size))
    return tuple(sorted(seen))


_HTML_LANG = re.compile(r'<html lang="([^"]*)"')
# Material prefetches sitemap.xml beside every <link rel="alternate"> in the head; beside a page URL that is
# a 404 on every page view. The hreflang alternates are in the sitemap instead (Google reads them there).
_HREFLANG_LINK = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')
# Material writes plain "zh"; our Chinese pages are in Simplified characters unless they say otherwise.
_DEFAULT_LANG = {"zh": "zh-Hans"}


_held: dict[str, bytes] = {}  # page → its HTML, compressed, until its template renders (see on_page_content)


@event_priority(-100)  # last: nothing after this needs the page's Markdown or HTML until its template renders
def on_page_content(html, page, config, files):
    """Keep the page's HTML compressed until its turn to be written, and drop its Markdown.

    MkDocs converts every page before it writes any, holding each page's Markdown and HTML: about 1 GB for one
    language at 5,000 articles, against 0.26 GB with this (restored in on_page_context, dropped in on_post_page).
    """
    page.markdown = ""
    _held[page.file.src_uri] = zlib.compress(html.encode("utf-8"), 1)
    return ""


@event_priority(-50)  # after mkdocs-static-i18n (priority 50) has set this page's language links
def on_page_context(context, page, config, nav):
    if page.file.src_uri in _held:
        page.content = zlib.decompress(_held.pop(page.file.src_uri)).decode("utf-8")
    meta = page.meta or {}
    page.update_date = str(meta["lastmod"]) if meta.get("lastmod") else None
    alternates = meta.get("alternates") or {}
    # mkdocs-static-i18n sets the per-page links as an attribute, which is what Jinja reads first.
    for alternate in getattr(config.extra, "alternate", None) or config.extra.get("alternate") or []:
        link = alternates.get(alternate["lang"]) or alternate["link"]
        alternate["link"] = urljoin(config.site_url or "/", link.lstrip("/"))
    return context


def on_template_context(context, template_name, config):
    """The 404 page is one for both languages: its language links lead to the two home pages."""
    if template_name == "404.html":
        for alternate in getattr(config.extra, "alternate", None) or config.extra.get("alternate") or []:
            root = "" if alternate["lang"] == "en" else f"{alternate['lang']}/"
            alternate["link"] = urljoin(config.site_url or "/", root)
    return context


def on_post_template(output, template_name, config):
    if template_name != "404.html":
        return output
    return _HTML_LANG.sub('<html lang="en"', output, count=1)  # English first; the Chinese text says zh-Hans


def on_post_page(output, page, config):
    meta = page.meta or {}
    output = _HTML_LANG.sub(
        lambda m: f'<html lang="{meta.get("lang") or _DEFAULT_LANG.get(m[1], m[1])}"', output, count=1
    )
    page.content = ""  # written: see on_page_content
    head, body = output.split("</head>", 1)  # the links are in <head>: no need to scan the whole page
    return _HREFLANG_LINK.sub("", head) + (meta.get("head_html") or "") + "</head>" + body


def _i18n(config):
    return config.plugins["i18n"]


# A line of our scripts that holds only a comment: what they are built from is docs/assets/, commented for whoever
# maintains them; a reader's browser gets them without those lines (search.js comes with every page, 1.5 KB less
# gzipped; search-engine.js with a first search, 1.3 KB less).
_COMMENT_LINE = re.compile(r"^[ \t]*//.*\n", re.MULTILINE)


def shipped_script(source: str) -> str:
    """One of docs/assets/*.js as the site serves it: without its comment-only lines."""
    return _COMMENT_LINE.sub("", source)


@event_priority(0)  # before mkdocs-static-i18n (-100) sorts the files and works out every page's alternates
def on_files(files, config):
    """In a one-language process of `make build`, the other language's pass renders only what nav needs; its other
    pages are dropped before mkdocs-static-i18n spends time on them."""
    only = os.environ.get("ARCHIVE_BUILD_LANGUAGE")
    if not only or _i18n(config).current_language == only:
        return files
    locales = "|".join(re.escape(language.locale) for language in _i18n(config).config.languages)
    suffix = re.compile(rf"\.(?:{locales})(?=\.md$)")  # index.zh.md → index.md
    for file in [file for file in files if file.is_documentation_page()]:
        if suffix.sub("", file.src_uri) not in _NAV_PAGES:
            files.remove(file)
    return files


@event_priority(-200)  # after mkdocs-static-i18n (-100) has built the other languages into site_dir
def on_post_build(config):
    """Our scripts, copied into site_dir, lose their comment lines (shipped_script; mkdocs-static-i18n makes its
    own copy of every file MkDocs lists, so what on_files would give it is lost). Give the site its search index
    once every language is in site_dir (not after each language's pass)."""
    for source in sorted(Path(config.docs_dir, "assets").glob("*.js")):
        shipped = Path(config.site_dir, "assets", source.name)
        if shipped.is_file():
            shipped.write_text(shipped_script(source.read_text(encoding="utf-8")), encoding="utf-8")
    if _i18n(config).building or os.environ.get("ARCHIVE_BUILD_LANGUAGE"):
        return
    search = build_module().search_folder(Path(config.docs_dir))
    finish_index(index_search(str(search), os.path.join(config.site_dir, "pagefind")))


def index_search(documents: str, bundle: str, run_size: int | None = None) -> subprocess.Popen:
    """Start indexing the build's search documents into the Pagefind bundle (scripts/searchindex.py: Pagefind in
    runs of at most run_size documents, settings in pagefind.yml, merged into one bundle per shard); wait with
    finish_index."""
    command = [sys.executable, str(SCRIPTS / "searchindex.py"), documents, os.path.abspath(bundle)]
    if run_size:
        command += ["--run-size", str(run_size)]
    return subprocess.Popen(command, cwd=SCRIPTS.parent, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def finish_index(process: subprocess.Popen) -> None:
    output, _ = process.communicate()
    if process.returncode != 0:
        raise SystemExit(f"search index failed:\n{output}")
