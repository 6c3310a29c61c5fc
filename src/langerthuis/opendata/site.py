"""A static copy of the whole site: every page reachable from the dashboards (in both
languages), its styles, the downloads and each API response that needs no query
parameters, with links rewritten to relative paths so that any plain static file server
(or the file system) can serve it."""
from __future__ import annotations

import posixpath
import re
from collections import deque
from pathlib import Path
from urllib.parse import quote, urlsplit

from fastapi.testclient import TestClient

_HREF = re.compile(r'(href|src|action)="(/[^"]*)"')


def file_for(url: str) -> str:
    """The file a site URL is stored in: /monitor/2021 -> monitor/2021/index.html;
    /acties?actielijn=2 -> acties/actielijn=2/index.html; files keep their name."""
    parts = urlsplit(url)
    path = parts.path.strip("/")
    if parts.query:
        path = f"{path}/{quote(parts.query, safe='=&')}".strip("/")
    last = path.rsplit("/", 1)[-1]
    if "." in last and not parts.query:
        return path
    return f"{path}/index.html" if path else "index.html"


def _relative(target_file: str, from_file: str) -> str:
    return posixpath.relpath(target_file, posixpath.dirname(from_file) or ".")


def _rewrite(html: str, own_file: str) -> tuple[str, list[str]]:
    found = []

    def replace(match: re.Match) -> str:
        attribute, url = match.group(1), match.group(2)
        if attribute == "action":  # a GET form: the static copy has no server to filter
            return match.group(0)
        found.append(url.replace("&amp;", "&"))
        return f'{attribute}="{_relative(file_for(url.replace("&amp;", "&")), own_file)}"'
    return _HREF.sub(replace, html), found


def export_site(app, target: Path, api_paths: list[str], download_paths: list[str],
                start: list[str]) -> list[str]:
    """Crawl the site from `start` and write it to `target`; returns the files written."""
    client = TestClient(app)
    written: list[str] = []
    queue, seen = deque(start), set(start)
    while queue:
        url = queue.popleft()
        response = client.get(url, follow_redirects=False)
        if response.status_code in (301, 302, 307):
            location = response.headers["location"]
            if location not in seen:
                seen.add(location)
                queue.append(location)
            own = file_for(url)
            rel = _relative(file_for(location), own)
            _write(target / own, f'<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" '
                                 f'content="0; url={rel}"><a href="{rel}">{rel}</a>')
            written.append(own)
            continue
        if response.status_code != 200:
            continue
        own = file_for(url)
        content_type = response.headers.get("content-type", "")
        if content_type.startswith("text/html"):
            html, links = _rewrite(response.text, own)
            _write(target / own, html)
            for link in links:
                if link.startswith(("/api", "/data")) or link in seen:
                    continue
                seen.add(link)
                queue.append(link)
        else:
            (target / own).parent.mkdir(parents=True, exist_ok=True)
            (target / own).write_bytes(response.content)
        written.append(own)
    for url in download_paths + api_paths:
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url}: HTTP {response.status_code}")
        name = url.strip("/")
        if url.startswith("/api") and not name.endswith(".json"):
            name += ".json"
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        (target / name).write_bytes(response.content)
        written.append(name)
    return written


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
