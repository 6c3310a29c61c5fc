"""Settings, from environment variables with defaults that work in a checkout.

| variable                    | default                                  |
|-----------------------------|------------------------------------------|
| LANGERTHUIS_DATABASE_URL    | sqlite:///<data dir>/langerthuis.sqlite  |
| LANGERTHUIS_DATA_DIR        | ./var (where the SQLite file lives)      |
| LANGERTHUIS_CONTENT_DIR     | the checkout's content/ folder           |
| LANGERTHUIS_OPEN_DATA_DIR   | ../shared/data beside the checkout       |
| LANGERTHUIS_BASE_URL        | empty: links relative to the site        |
| LANGERTHUIS_PREBUILD_REPORTS| 1: `load` makes every report; `serve` any missing one after a load |
| LANGERTHUIS_SECURE_COOKIES  | 1: sign-in cookies only over HTTPS (0 for a local server on http) |
| LANGERTHUIS_SITE_DIR        | empty: `load` writes no static site; else the folder whose `current` link nginx serves (deploy/nginx) |
| LANGERTHUIS_TRUSTED_PROXIES | empty: `serve` ignores X-Forwarded-For; else the proxies' addresses (nginx on the host: 127.0.0.1) whose X-Forwarded-For gives the client's address |
| LANGERTHUIS_IDLE_MINUTES    | 30: an editor's session ends after this many minutes without a request (and 8 hours after sign-in in any case) |
| LANGERTHUIS_OPERATOR_NAME   | empty: who runs this site (the organisation), shown in the colophon and footer |
| LANGERTHUIS_OPERATOR_EMAIL  | empty: the site's contact e-mail address |
| LANGERTHUIS_OPERATOR_ADDRESS| empty: the site's postal address |
| LANGERTHUIS_PRIVACY_URL     | empty: the operator's own privacy statement, linked from the privacy page |
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

#: The checkout this package runs from (src layout: src/langerthuis/config.py).
CHECKOUT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Settings:
    database_url: str
    content_dir: Path
    open_data_dir: Path
    base_url: str = ""  # where the site is published, for absolute links (no trailing /)
    data_dir: Path = Path("var")  # the SQLite file and the reports made for each load
    prebuild_reports: bool = True  # the server makes every report after each load
    secure_cookies: bool = True  # the editor's cookies are sent over HTTPS only
    site_dir: Path | None = None  # where `load` publishes the pages as files (deploy/nginx)
    trusted_proxies: str = ""  # uvicorn's forwarded_allow_ips; empty: no proxy headers
    idle_minutes: int = 30  # an editor's session ends after this long without a request


@dataclass(frozen=True)
class Operator:
    """Who runs this site, apart from who publishes each monitor: set per installation."""
    name: str = ""
    email: str = ""
    address: str = ""
    privacy_url: str = ""

    def __bool__(self) -> bool:
        return bool(self.name or self.email or self.address)


def site_operator(env: dict[str, str] | None = None) -> Operator:
    env = dict(os.environ if env is None else env)
    return Operator(*(" ".join(env.get(f"LANGERTHUIS_{key}", "").split()) for key in (
        "OPERATOR_NAME", "OPERATOR_EMAIL", "OPERATOR_ADDRESS", "PRIVACY_URL")))


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path.resolve()}"


def load_settings(env: dict[str, str] | None = None) -> Settings:
    env = dict(os.environ if env is None else env)
    data_dir = Path(env.get("LANGERTHUIS_DATA_DIR", "var"))
    url = env.get("LANGERTHUIS_DATABASE_URL") or sqlite_url(data_dir / "langerthuis.sqlite")
    content = Path(env.get("LANGERTHUIS_CONTENT_DIR", CHECKOUT / "content"))
    open_data = Path(env.get("LANGERTHUIS_OPEN_DATA_DIR", CHECKOUT.parent / "shared" / "data"))
    site = env.get("LANGERTHUIS_SITE_DIR", "")
    return Settings(url, content, open_data,
                    env.get("LANGERTHUIS_BASE_URL", "").rstrip("/"), data_dir,
                    env.get("LANGERTHUIS_PREBUILD_REPORTS", "1") != "0",
                    env.get("LANGERTHUIS_SECURE_COOKIES", "1") != "0",
                    Path(site) if site else None,
                    trusted_proxies=env.get("LANGERTHUIS_TRUSTED_PROXIES", "").strip(),
                    idle_minutes=_minutes(env.get("LANGERTHUIS_IDLE_MINUTES", "30")))


def _minutes(text: str) -> int:
    if not text.strip().isdigit() or not 1 <= int(text) <= 24 * 60:
        raise ValueError(f"LANGERTHUIS_IDLE_MINUTES is '{text[:20]}'; write a whole number of "
                         "minutes from 1 to 1440, such as 30.")
    return int(text)
