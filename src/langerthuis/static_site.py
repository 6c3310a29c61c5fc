"""A static copy of the whole site: every page reachable from the dashboards (in both
languages), its styles, the reports, the downloads and each API response that needs no
query parameters, with links rewritten to relative paths so that any plain static file
server (or the file system) can serve it. Pages are rendered from the snapshot's views by
the same function as the live site; no HTTP is involved."""
from __future__ import annotations

import functools
import json
import multiprocessing
import os
import posixpath
import re
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, quote, urlsplit

from .api.housing import static_housing
from .api.routes import openapi_document, static_responses
from .i18n import LANGUAGES
from .opendata.routes import downloads
from .report.routes import report_file, stored
from .views.snapshot import Snapshot
from .web.chartfiles import chart_file
from .web.embeds import embed_page
from .web.pages import build_page
from .addresses import PARAMETERS, ROUTES, url
from .config import load_settings
from .web.feeds import feed

_HREF = re.compile(r'(href|src|action)="(/[^"]*)"')
STATIC = Path(__file__).resolve().parent / "web" / "static"


def file_for(address: str) -> str:
    """The file a site URL is stored in: /monitor/2021 -> monitor/2021/index.html;
    /acties?actielijn=2 -> acties/actielijn=2/index.html; files keep their name."""
    parts = urlsplit(address)
    path = parts.path.strip("/")
    if parts.query:
        path = f"{path}/{quote(parts.query, safe='=&')}".strip("/")
    last = path.rsplit("/", 1)[-1]
    if "." in last and not parts.query:
        return path
    return f"{path}/index.html" if path else "index.html"


@functools.lru_cache(maxsize=65536)
def _relative(target_file: str, from_file: str) -> str:
    return posixpath.relpath(target_file, posixpath.dirname(from_file) or ".")


def _rewrite(html: str, own_file: str, relative: bool = True) -> tuple[str, list[str]]:
    """The page with its links made relative to its file (when `relative`), and the
    addresses it links to."""
    found = []

    def replace(match: re.Match) -> str:
        attribute, address = match.group(1), match.group(2).replace("&amp;", "&")
        if attribute == "action":  # a GET form: the static copy has no server to filter
            return match.group(0)
        found.append(address)
        if not relative:
            return match.group(0)
        return f'{attribute}="{_relative(file_for(address), own_file)}"'
    return _HREF.sub(replace, html), found


def _patterns() -> list[tuple[re.Pattern, str, str]]:
    out = []
    for page, paths in ROUTES.items():
        for lang, path in paths.items():
            regex = re.escape(path).replace(r"\{year\}", r"(?P<year>\d+)").replace(
                r"\{id\}", r"(?P<id>[^/]+)").replace(r"\{fmt\}", r"(?P<fmt>pdf|html|svg|png|csv)").replace(
                r"\{programme\}", r"(?P<programme>[^/]+)")
            out.append((re.compile(f"^{regex}$"), page, lang))
    return out


def resolve(address: str) -> tuple[str, str, dict, dict] | None:
    """(page, language, path parameters, query with English names) of a site address."""
    parts = urlsplit(address)
    for regex, page, lang in _patterns():
        hit = regex.match(parts.path)
        if hit:
            params = {k: int(v) if k == "year" else v for k, v in hit.groupdict().items()}
            back = {nl: en for en, nl in PARAMETERS.items()}
            query = {(back.get(k, k) if lang == "nl" else k): v
                     for k, v in parse_qsl(parts.query)}
            return page, lang, params, query
    return None


def _content(snapshot: Snapshot, address: str,
             data_dir: Path | None = None) -> bytes | str | None:
    """What the site answers at `address`: HTML text, file bytes, or None."""
    path = urlsplit(address).path
    if path.startswith("/static/"):
        file = STATIC / path.removeprefix("/static/")
        return file.read_bytes() if file.is_file() else None
    found = resolve(address)
    if found is None:
        return None
    page, lang, params, query = found
    if page == "home":
        return None
    if page == "report":
        key = (snapshot, params["year"], lang, params["fmt"])
        found = (data_dir and stored(*key, data_dir)) or report_file(*key)
        if found is None:
            return None
        # the HTML report's links back to the site are rewritten like a page's
        return found.content.decode("utf-8") if params["fmt"] == "html" else found.content
    if page == "chart":
        found = chart_file(snapshot, params["id"], lang, params["fmt"])
        return found.content if found else None
    if page.startswith("embed_"):
        return embed_page(snapshot, lang, page.removeprefix("embed_"), params["id"])
    if page in ("feed", "feed_of"):
        return feed(snapshot, lang, params.get("programme"), load_settings().base_url)
    result = build_page(snapshot, lang, page, params, query)
    return result.html if result.status == 200 else None


def _dynamic(address: str) -> bool:
    """Whether the application answers `address` in front of the files: pages with a
    query string (searches, filters) and the reports (made by the application on demand)."""
    found = resolve(address)
    return "?" in address or (found is not None and found[0] == "report")


def _crawl_start(snapshot: Snapshot) -> list[str]:
    """The addresses the crawl starts from: styles, the pages of every edition, the other
    pages of both languages."""
    start = ["/static/tokens.css", "/static/style.css"]
    for _id, year in snapshot.editions:
        for lang in LANGUAGES:
            start += [url(page, lang, year=year) for page in ("dashboard", "reflection", "methods")]
    start += [url(page, lang) for page in ("programme", "introduction", "actions", "map",
                                           "municipalities",
                                           "search", "about", "accessibility", "privacy")
              for lang in LANGUAGES]
    return start


@dataclass(frozen=True)
class _Export:
    """What every process writing part of the site shares (forked, not copied)."""
    snapshot: Snapshot
    target: Path
    standalone: bool
    data_dir: Path | None


_SHARED: _Export | None = None


def _export_one(address: str, job: _Export | None = None) -> tuple[str | None, list[str]]:
    """Render (or read) the file at `address`, write it; (its file or None, its links)."""
    job = job or _SHARED
    if not job.standalone and _dynamic(address):
        return None, []
    content = _content(job.snapshot, address, job.data_dir)
    if content is None:
        return None, []
    own = file_for(address)
    if isinstance(content, bytes):
        _write(job.target / own, content)
        return own, []
    html, links = _rewrite(content, own, relative=job.standalone)
    _write(job.target / own, html)
    return own, [link for link in links if not link.startswith(("/api", "/data"))]


def _pages(job: _Export, start: list[str], processes: int,
           progress: Callable[[int, int], None] | None) -> list[str]:
    """Crawl from `start`, each address rendered and written once: breadth first, a level
    of the crawl at a time spread over `processes` processes forked from the snapshot."""
    global _SHARED
    written, seen, level = [], set(start), list(start)
    pool = None
    if processes > 1:
        _SHARED = job
        pool = multiprocessing.get_context("fork").Pool(processes)
    try:
        while level:
            found = (pool.imap(_export_one, level, chunksize=8) if pool is not None
                     else (_export_one(address, job) for address in level))
            following = []
            for own, links in found:
                if own is not None:
                    written.append(own)
                for link in links:
                    if link not in seen:
                        seen.add(link)
                        following.append(link)
                if progress:
                    progress(len(written), len(seen))
            level = following
    finally:
        if pool is not None:
            pool.close()
            pool.join()
        _SHARED = None
    return written


def export_site(snapshot: Snapshot, target: Path, standalone: bool = True,
                data_dir: Path | None = None, processes: int | None = None,
                progress: Callable[[int, int], None] | None = None) -> list[str]:
    """Crawl the site from the dashboards and reflections of every edition and the other
    pages of both languages, and write it to `target`; returns the files written.

    A standalone copy (the default) works without the application: relative links, the
    home pages as redirects, the reports and the API responses as files. Otherwise the
    files are served in front of the application (deploy/nginx): links stay as the
    application writes them, and only what is the same for every request is written (the
    pages without a query string, styles and downloads); the rest is the application's.

    Every page is rendered once, in `processes` processes (default: one per core); the
    reports are read from `data_dir` where `load` made them (rendered when missing there).
    `progress(files written, addresses found)` follows the crawl."""
    written: list[str] = []
    for lang in LANGUAGES if standalone else ():
        home = ROUTES["home"][lang]
        dashboard = url("dashboard", lang, year=snapshot.latest_year)
        rel = _relative(file_for(dashboard), file_for(home))
        _write(target / file_for(home), f'<!doctype html><meta charset="utf-8"><meta '
                                        f'http-equiv="refresh" content="0; url={rel}">'
                                        f'<a href="{rel}">{rel}</a>')
        written.append(file_for(home))
    job = _Export(snapshot, target, standalone, data_dir)
    written += _pages(job, _crawl_start(snapshot), processes or os.cpu_count() or 1, progress)
    files = {f"data/{name}": content for name, content in downloads(snapshot).items()}
    if standalone:
        files.update({f"{path.strip('/')}.json": body
                      for path, body in {**static_responses(snapshot.resources),
                                         **static_housing(snapshot)}.items()})
        files["api/openapi.json"] = json.dumps(openapi_document(), ensure_ascii=False)
    for name, content in files.items():
        _write(target / name, content)
        written.append(name)
    return written


def _write(path: Path, content: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")



def publish_site(snapshot: Snapshot, site_dir: Path, keep: int = 2) -> Path:
    """Write the site to be served in front of the application into a new folder under
    `site_dir/releases` and then point the symbolic link `site_dir/current` at it in one
    step (a rename), so that a web server whose root is `current` serves either the whole
    previous site or the whole new one, never a half-written one. Keeps the newest `keep`
    releases (the previous one may still be serving a request) and returns the new one."""
    releases = site_dir / "releases"
    releases.mkdir(parents=True, exist_ok=True)
    remove_stale_partials(releases)
    name = time.strftime("%Y%m%dT%H%M%S", time.gmtime()) + f"-{os.getpid()}"
    partial = releases / f".{name}.partial"
    try:
        export_site(snapshot, partial, standalone=False)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)  # a failed release leaves nothing
        raise
    release = releases / name
    partial.rename(release)
    link = site_dir / f".current.{os.getpid()}"
    link.unlink(missing_ok=True)
    link.symlink_to(release.relative_to(site_dir))
    os.replace(link, site_dir / "current")
    for old in sorted(p for p in releases.iterdir() if not p.name.startswith("."))[:-keep]:
        shutil.rmtree(old, ignore_errors=True)
    return release


def remove_stale_partials(releases: Path) -> list[Path]:
    """Remove the half-written releases of loads that are no longer running (killed, or
    the machine stopped): `.<time>-<pid>.partial` whose process is gone. A partial of a
    load still running is left alone. Returns what was removed."""
    removed = []
    for partial in releases.glob(".*.partial"):
        pid = partial.name.removesuffix(".partial").rpartition("-")[2]
        if pid.isdigit() and _running(int(pid)):
            continue
        shutil.rmtree(partial, ignore_errors=True)
        removed.append(partial)
    return removed


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True
