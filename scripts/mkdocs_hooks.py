"""MkDocs glue for the pages scripts/build.py generates. Content decisions live in the build; this only
hands MkDocs and Material what the build prepared in each page's front matter:

- `lastmod`: the sitemap date (the article's date), instead of the build date (not deterministic);
- `alternates`: language links for a page that exists in one language only (the Traditional original);
- `lang`: the page's BCP 47 language (zh-Hans, zh-Hant) on <html>, which Material sets to plain "zh";
- `head_html`: Open Graph, JSON-LD and feed links, escaped by the build, inserted before </head>;
- and it drops Material's per-page hreflang <link>s from the head: the theme's script fetches sitemap.xml
  beside each one (a 404 per page view); the sitemap carries the same alternates.

Language links are made absolute from site_url, as hreflang requires.

Under `mkdocs serve` (which `make serve` runs), every rebuild first reruns the archive build, so editing a
seed, a translation or seeds/tags.yml updates the page in the browser; mkdocs.yml watches seeds/.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from mkdocs.plugins import event_priority

_serving = False
_inputs_seen: tuple = ()


def on_startup(command, dirty):
    global _serving
    _serving = command == "serve"


def on_pre_build(config):
    """While serving, regenerate docs/ from seeds/ first; with errors, print them and keep the last good pages."""
    if not _serving:
        return
    import sys
    from pathlib import Path

    scripts = Path(__file__).resolve().parent
    if str(scripts) not in sys.path:
        sys.path.insert(0, str(scripts))
    import build  # scripts/build.py: the same build `make docs` runs

    # mkdocs-static-i18n builds once per language: regenerate only when an input file really changed.
    global _inputs_seen
    seen = tuple(sorted((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in (scripts.parent / "seeds").iterdir()))
    if seen != _inputs_seen:
        _inputs_seen = seen
        build.main([])


_HTML_LANG = re.compile(r'<html lang="([^"]*)"')
# Material prefetches sitemap.xml beside every <link rel="alternate"> in the head; beside a page URL that is
# a 404 on every page view. The hreflang alternates are in the sitemap instead (Google reads them there).
_HREFLANG_LINK = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')
# Material writes plain "zh"; our Chinese pages are in Simplified characters unless they say otherwise.
_DEFAULT_LANG = {"zh": "zh-Hans"}


@event_priority(-50)  # after mkdocs-static-i18n (priority 50) has set this page's language links
def on_page_context(context, page, config, nav):
    meta = page.meta or {}
    page.update_date = str(meta["lastmod"]) if meta.get("lastmod") else None
    alternates = meta.get("alternates") or {}
    # mkdocs-static-i18n sets the per-page links as an attribute, which is what Jinja reads first.
    for alternate in getattr(config.extra, "alternate", None) or config.extra.get("alternate") or []:
        link = alternates.get(alternate["lang"]) or alternate["link"]
        alternate["link"] = urljoin(config.site_url or "/", link.lstrip("/"))
    return context


# Material's search dialog has no accessible name (axe: aria-dialog-name); name it in the page's language.
_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
_SEARCH_LABEL = {"en": "Search", "zh": "搜索"}


def _name_search_dialog(output: str, lang: str) -> str:
    label = _SEARCH_LABEL.get(lang.split("-")[0], _SEARCH_LABEL["en"])
    return output.replace(_SEARCH_DIALOG, _SEARCH_DIALOG[:-1] + f' aria-label="{label}">', 1)


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
    output = _HTML_LANG.sub('<html lang="en"', output, count=1)  # English first; the Chinese text says zh-Hans
    return _name_search_dialog(output, "en")


def on_post_page(output, page, config):
    meta = page.meta or {}
    output = _HTML_LANG.sub(
        lambda m: f'<html lang="{meta.get("lang") or _DEFAULT_LANG.get(m[1], m[1])}"', output, count=1
    )
    output = _HREFLANG_LINK.sub("", output)
    output = _name_search_dialog(output, meta.get("lang") or config.theme.get("language") or "en")
    if meta.get("head_html"):
        output = output.replace("</head>", meta["head_html"] + "</head>", 1)
    return output
