"""Shared test fixtures: the fixture content set, editable copies of it, and databases.

The code is tested on the fixture content (tests/fixtures/content): small, fast and made
to use every concept of the domain model. The bundled content (content/) has its own tests
in tests/bundled/, marked `bundled`. Expensive things are built once per session: the
geography registry and the support ratio from the open data, a database of each content
set (with and without geography), a server of the fixture site, its static export, and
the browser."""
from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import yaml

from langerthuis.config import CHECKOUT, load_settings, sqlite_url
from langerthuis.store import make_engine

FIXTURE_CONTENT = Path(__file__).parent / "fixtures" / "content"
BUNDLED_CONTENT = CHECKOUT / "content"
OPEN_DATA = load_settings().open_data_dir


@pytest.fixture
def content_dir(tmp_path: Path) -> Path:
    """An editable copy of the fixture content."""
    target = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, target)
    return target


def edit_yaml(path: Path, change: Callable[[Any], None]) -> None:
    """Apply `change` to the parsed YAML in `path` and write it back."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    return sqlite_url(tmp_path / "db" / "langerthuis.sqlite")


@pytest.fixture
def engine(database_url: str):
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


# --- databases of the content sets, without geography ------------------------------------------

def _content_database(tmp_path_factory, name: str, root: Path):
    from langerthuis.content import check_content
    from langerthuis.store import load_content
    url = sqlite_url(tmp_path_factory.mktemp(name) / f"{name}.sqlite")
    engine = make_engine(url)
    load_content(engine, check_content(root))
    return url, engine


@pytest.fixture(scope="session")
def fixture_database(tmp_path_factory):
    """A database with the fixture content (no geography), shared read-only by the tests:
    returns its URL and engine."""
    return _content_database(tmp_path_factory, "fixture", FIXTURE_CONTENT)


@pytest.fixture(scope="session")
def bundled_database(tmp_path_factory):
    """A database with the bundled content (no geography), shared read-only by the tests:
    returns its URL and engine."""
    return _content_database(tmp_path_factory, "bundled", BUNDLED_CONTENT)


# --- the open data: one registry and one support ratio per session ------------------------------

class OpenDataOnce:
    """The geography registry and the support ratio built from the open data, each at most
    once per session, when first needed. While `reused()` is active, prepare() (and so
    `langerthuis load` and `langerthuis geo`) takes them instead of building them again: the
    same computation on the same files. Other open data is built as usual."""

    def __init__(self, root: Path):
        from langerthuis.compute import derived
        from langerthuis.geography import registry as registry_module
        from langerthuis.geography.sources import OpenData
        self.data = OpenData(root)
        self._build_registry = registry_module.build_registry
        from langerthuis.compute import population
        self._support_ratio_2021 = derived.support_ratio_2021
        self._age_bands = population.age_bands
        self._registry = self._support_ratio = self._population = None

    def _ours(self, data) -> bool:
        return Path(data.root).resolve() == Path(self.data.root).resolve()

    def registry(self, data=None):
        if data is not None and not self._ours(data):
            return self._build_registry(data)
        if self._registry is None:
            self._registry = self._build_registry(self.data)
        return self._registry

    def support_ratio(self, data=None, registry=None, engine: str = "duckdb"):
        if (data is not None and not self._ours(data)) or engine != "duckdb" or \
                (registry is not None and registry is not self._registry):
            return self._support_ratio_2021(data, registry, engine)
        if self._support_ratio is None:
            self._support_ratio = self._support_ratio_2021(self.data, self.registry())
        return self._support_ratio

    def population(self, data=None, registry=None):
        if (data is not None and not self._ours(data)) or \
                (registry is not None and registry is not self._registry):
            return self._age_bands(data, registry)
        if self._population is None:
            self._population = self._age_bands(self.data, self.registry())
        return self._population

    @contextmanager
    def reused(self) -> Iterator[None]:
        from langerthuis.compute import derived, population
        from langerthuis.geography import registry as registry_module
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(registry_module, "build_registry", self.registry)
            patch.setattr(derived, "support_ratio_2021", self.support_ratio)
            patch.setattr(population, "age_bands", self.population)
            yield


_OPEN_DATA_ONCE: list[OpenDataOnce] = []


def open_data_once() -> OpenDataOnce | None:
    """The session's OpenDataOnce, or None without the open data."""
    if not OPEN_DATA.is_dir():
        return None
    if not _OPEN_DATA_ONCE:
        _OPEN_DATA_ONCE.append(OpenDataOnce(OPEN_DATA))
    return _OPEN_DATA_ONCE[0]


def needs_open_data() -> OpenDataOnce:
    once = open_data_once()
    if once is None:
        pytest.skip("open data not beside the checkout")
    return once


@pytest.fixture(scope="session")
def open_data():
    return needs_open_data().data


@pytest.fixture(scope="session")
def registry():
    """The geography registry built from the open data (read-only)."""
    return needs_open_data().registry()


@pytest.fixture(scope="session")
def support_ratio():
    """The oldest-old support ratio of 1 January 2021 from the open data: (country,
    municipal, regional, notes)."""
    return needs_open_data().support_ratio()


@pytest.fixture(scope="session")
def population():
    """Residents per municipality and age band on 1 January 2021 from the open data, as
    `load` stores them: (year, [(code, age band, persons)])."""
    return needs_open_data().population()


@contextmanager
def reusing_open_data() -> Iterator[None]:
    """prepare() and the `geo` commands reuse the session's registry and support ratio."""
    once = open_data_once()
    if once is None:
        yield
    else:
        with once.reused():
            yield


@pytest.fixture
def session_geography() -> Iterator[None]:
    """In the test, loads and `geo` commands reuse the session's registry and support ratio
    (when the open data is there)."""
    with reusing_open_data():
        yield


def load_site(url: str, content_root: Path) -> None:
    """`langerthuis load --content ROOT --database URL`, as a user runs it: with the open
    data the load checks the municipality references and adds the support ratio."""
    from click.testing import CliRunner

    from langerthuis.cli import main
    result = CliRunner().invoke(main, ["load", "--content", str(content_root),
                                       "--database", url],
                                env={"LANGERTHUIS_OPEN_DATA_DIR": str(OPEN_DATA)})
    assert result.exit_code == 0, result.output


def _site(tmp_path_factory, name: str, root: Path) -> str:
    url = sqlite_url(tmp_path_factory.mktemp(name) / f"{name}.sqlite")
    with reusing_open_data():  # without the open data: no map and no support ratio
        load_site(url, root)
    return url


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> str:
    """The URL of a database with the fixture content loaded as `langerthuis load` does:
    with geography and the support ratio computed from the open data. Read-only."""
    return _site(tmp_path_factory, "fixture-site", FIXTURE_CONTENT)


@pytest.fixture(scope="session")
def bundled_site(tmp_path_factory) -> str:
    """The same for the bundled content: the whole monitor as a user loads it."""
    return _site(tmp_path_factory, "bundled-site", BUNDLED_CONTENT)


@pytest.fixture(scope="session")
def static_site(fixture_site, tmp_path_factory) -> Path:
    """`langerthuis export-site` of the fixture site, made once and read by the tests of
    the files and, in a browser, by the tests of its pages."""
    from click.testing import CliRunner

    from langerthuis.cli import main
    target = tmp_path_factory.mktemp("static") / "site"
    result = CliRunner().invoke(main, ["export-site", str(target), "--database", fixture_site])
    assert result.exit_code == 0, result.output
    return target


# --- the report -------------------------------------------------------------------------------

def build_report(url: str, target: Path, lang: str = "nl", fmt: str = "pdf",
                 edition: str = "2021") -> Path:
    """`langerthuis report` of an edition into `target`, as a user runs it."""
    from click.testing import CliRunner

    from langerthuis.cli import main
    result = CliRunner().invoke(main, ["report", "--edition", edition, "--format", fmt,
                                       "--lang", lang, "--output", str(target),
                                       "--database", url])
    assert result.exit_code == 0, result.output
    return target


@pytest.fixture(scope="session")
def bundled_report(bundled_site, tmp_path_factory) -> Callable[[str], Path]:
    """The 2021 report of the whole bundled monitor (loaded as a user loads it) as PDF:
    `bundled_report("en")` is the path of the English one, made once per session."""
    folder = tmp_path_factory.mktemp("bundled-report")
    made: dict[str, Path] = {}

    def report(lang: str) -> Path:
        if lang not in made:
            made[lang] = build_report(bundled_site, folder / f"monitor-2021-{lang}.pdf", lang)
        return made[lang]
    return report


# --- PostgreSQL ---------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def pg_engine():
    """An engine on a throw-away PostgreSQL server. CI installs PostgreSQL, so there a
    missing server is a failure, not a skip."""
    import postgres
    if not postgres.available():
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL is not installed; the test command installs it")
        pytest.skip("PostgreSQL is not installed")
    with postgres.temporary_server() as url:
        engine = make_engine(url)
        yield engine
        engine.dispose()


@pytest.fixture
def own_pg_engine(pg_engine):
    """An engine on a database of its own on the throw-away server, dropped after the test:
    for tests that leave rows no content load clears (accounts, audit trail, revisions)."""
    import uuid
    from sqlalchemy import text
    name = f"own_{uuid.uuid4().hex[:12]}"
    with pg_engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine = make_engine(pg_engine.url.set(database=name).render_as_string(hide_password=False))
    try:
        yield engine
    finally:
        engine.dispose()
        with pg_engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)])
def editing_db(request):
    """An engine with the fixture content, on SQLite and on the shared PostgreSQL server,
    for the tests of editing. `load` keeps the audit trail and the assignments, so each test
    starts without them."""
    from sqlalchemy import delete
    from sqlalchemy.orm import Session

    from langerthuis import model as m
    from langerthuis.content import check_content
    from langerthuis.store import load_content
    engine = request.getfixturevalue("engine" if request.param == "sqlite" else "pg_engine")
    load_content(engine, check_content(FIXTURE_CONTENT))
    with Session(engine) as session, session.begin():
        session.execute(delete(m.AuditEvent))
        session.execute(delete(m.Assignment))
    return engine


# --- servers and the browser --------------------------------------------------------------------

#: `serve --workers N` for the tests that start a server: LANGERTHUIS_TEST_SERVE_WORKERS=2
#: runs them on two of uvicorn's worker processes.
SERVE_WORKERS = os.environ.get("LANGERTHUIS_TEST_SERVE_WORKERS", "1")


def serve(database: str, workers: str = SERVE_WORKERS):
    """`langerthuis serve` of a database on a free port, as a context manager of its URL."""
    from langerthuis.web.local import local_server
    return local_server(["langerthuis.cli", "serve", "--port", "{port}", "--database",
                         database, "--workers", workers], "/monitor/2021",
                        timeout=120)  # worker processes start slowly on a busy machine


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE = CHECKOUT / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"


def _browser_missing() -> str | None:
    if not Path(CHROMIUM).exists():
        return "chromium is not installed (the test command installs it)"
    if not AXE.exists():
        return "axe-core is not installed (the test command runs npm install in tests/browser)"
    try:
        import playwright  # noqa: F401  (only whether it is installed)
    except ImportError:
        return "playwright is not installed"
    return None


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by Playwright. In CI a missing browser is a failure."""
    reason = _browser_missing()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run", "--disable-sync"])
        yield b
        b.close()


VIEWPORT = {"width": 1280, "height": 900}


@pytest.fixture
def page(browser):
    """A page of its own (in a fresh context) for the test."""
    context = browser.new_context(viewport=VIEWPORT)
    pg = context.new_page()
    yield pg
    context.close()


@pytest.fixture(scope="session")
def axe_page(browser):
    """One page for the axe checks, with axe loaded into every document it opens; each
    test navigates it to the page it checks. (A fresh context and page and the injection of
    axe cost more than the check itself.) The site's Content-Security-Policy allows no script,
    so this context lets axe in; the other pages keep the policy."""
    context = browser.new_context(viewport=VIEWPORT, bypass_csp=True)
    context.add_init_script(path=str(AXE))
    pg = context.new_page()
    yield pg
    context.close()


def check_with_axe(page) -> None:
    """axe finds no WCAG 2.1 A or AA violation on the page."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate("""async () => await axe.run(document, {runOnly: {type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})""")
    problems = [(v["id"], v["impact"], [n["target"] for n in v["nodes"][:3]])
                for v in result["violations"]]
    assert problems == []
