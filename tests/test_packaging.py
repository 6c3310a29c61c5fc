"""The wheel as a user installs it: built from the source, installed into a fresh virtual
environment that sees only the distributions the declared runtime requirements need, and
the command line run from there, outside the checkout and without network.

The fresh environment gets its dependencies from this test environment, through a folder
of symbolic links to exactly the files of the needed distributions, named in a .pth file
(so that test-only packages such as httpx and pytest stay out of reach)."""
from __future__ import annotations

import email
import json
import os
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from conftest import FIXTURE_CONTENT

pytestmark = pytest.mark.packaging

ROOT = Path(__file__).resolve().parents[1]
CLOSURE_SCRIPT = Path(__file__).with_name("dependency_closure.py")
EDITION = "2021"  # an edition of the fixture content
# Packages of the test extra and of optional extras: the fresh environment must run without.
NOT_AT_RUN_TIME = ["httpx", "httpx2", "pytest", "playwright", "schemathesis", "frictionless",
                   "pypdf", "pyspark", "psycopg", "cbsodata"]


@dataclass
class Fresh:
    """A virtual environment with the wheel installed."""
    root: Path
    site: Path  # its site-packages
    deps: Path  # the folder of links to the runtime dependencies

    @property
    def python(self) -> Path:
        return self.root / "bin" / "python"

    @property
    def langerthuis(self) -> Path:
        return self.root / "bin" / "langerthuis"


def run(args: list, **kwargs) -> subprocess.CompletedProcess:
    """Run a command, failing with its output when it fails."""
    result = subprocess.run([str(a) for a in args], capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        pytest.fail(f"{' '.join(map(str, args))} exited with {result.returncode}\n"
                    f"{result.stdout}\n{result.stderr}", pytrace=False)
    return result


# --- building and installing --------------------------------------------------------------

def build_wheel(work: Path) -> Path:
    """Build the wheel from a clean copy of the source (so that the checkout gets no build/
    or egg-info folders), offline and with this environment's setuptools."""
    source = work / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    shutil.copytree(ROOT / "src", source / "src",
                    ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "--no-index", "--disable-pip-version-check", "--wheel-dir", work / "dist", source])
    [wheel] = (work / "dist").glob("langerthuis-*.whl")
    return wheel


def runtime_requirements(wheel: Path) -> list[str]:
    """The wheel's Requires-Dist without those of an extra."""
    with zipfile.ZipFile(wheel) as z:
        [name] = [n for n in z.namelist() if n.endswith(".dist-info/METADATA")]
        message = email.message_from_bytes(z.read(name))
    return [r for r in message.get_all("Requires-Dist", []) if "extra ==" not in r]


def closure(python: Path | str, *args: str) -> dict:
    """What dependency_closure.py finds when run by `python`."""
    return json.loads(run([python, CLOSURE_SCRIPT, *args]).stdout)


def link_distributions(distributions: dict, target: Path) -> None:
    """Mirror the installed files of `distributions` into `target` as symbolic links."""
    made = set()
    for name, dist in distributions.items():
        assert dist["files"] is not None, f"{name} was installed without a RECORD"
        root = Path(dist["root"])
        for relative in dist["files"]:
            link = target / relative
            if link.parent not in made:
                link.parent.mkdir(parents=True, exist_ok=True)
                made.add(link.parent)
            if not link.is_symlink():
                link.symlink_to(root / relative)


def make_fresh(work: Path, wheel: Path) -> Fresh:
    root = work / "fresh"
    run([sys.executable, "-m", "venv", root])
    run([root / "bin" / "pip", "install", "--quiet", "--no-index", "--no-deps",
         "--disable-pip-version-check", wheel])
    site = Path(run([root / "bin" / "python", "-c",
                     "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).stdout.strip())
    needed = closure(sys.executable, *runtime_requirements(wheel))
    assert needed["unmet"] == [], "the test environment lacks runtime dependencies"
    deps = work / "deps"
    link_distributions(needed["distributions"], deps)
    (site / "langerthuis-runtime-deps.pth").write_text(f"{deps}\n", encoding="utf-8")
    return Fresh(root, site, deps)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    """A folder for this module's builds, environments and outputs, removed afterwards."""
    folder = tmp_path_factory.mktemp("packaging")
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def wheel(scratch: Path) -> Path:
    return build_wheel(scratch)


@pytest.fixture(scope="module")
def fresh(scratch: Path, wheel: Path) -> Fresh:
    return make_fresh(scratch, wheel)


# --- running the command line from the fresh environment ------------------------------------

@pytest.fixture(scope="module")
def workdir(scratch: Path) -> Path:
    """The current folder of the commands: not the checkout."""
    folder = scratch / "work"
    folder.mkdir()
    return folder


def cli_env(fresh: Fresh, workdir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("LANGERTHUIS_", "PYTHON", "VIRTUAL_ENV"))}
    env.update(PATH=f"{fresh.root / 'bin'}{os.pathsep}{env.get('PATH', '')}",
               VIRTUAL_ENV=str(fresh.root), PYTHONNOUSERSITE="1",
               LANGERTHUIS_DATA_DIR=str(workdir / "data"),
               LANGERTHUIS_CONTENT_DIR=str(FIXTURE_CONTENT),
               LANGERTHUIS_OPEN_DATA_DIR=str(workdir / "no-open-data"))  # no geography: quick
    return env


def langerthuis(fresh: Fresh, workdir: Path, *args) -> subprocess.CompletedProcess:
    return run([fresh.langerthuis, *args], cwd=workdir, env=cli_env(fresh, workdir),
               timeout=120)


@pytest.fixture(scope="module")
def loaded(fresh: Fresh, workdir: Path) -> Path:
    """The working folder after `langerthuis load` of the fixture content."""
    result = langerthuis(fresh, workdir, "load")
    assert "Loaded" in result.stdout
    assert (workdir / "data" / "langerthuis.sqlite").is_file()
    return workdir


# --- the tests -------------------------------------------------------------------------------

def package_files(root: Path) -> set[str]:
    """Every file of the package in the source, as a path in the wheel."""
    return {p.relative_to(root).as_posix() for p in (root / "langerthuis").rglob("*")
            if p.is_file() and "__pycache__" not in p.parts}


def test_wheel_carries_every_file_of_the_package(wheel: Path):
    with zipfile.ZipFile(wheel) as z:
        carried = set(z.namelist())
    expected = package_files(ROOT / "src")
    assert any(not f.endswith(".py") for f in expected)
    assert sorted(expected - carried) == []


def test_runtime_requirements_name_no_test_or_optional_package(wheel: Path):
    names = {canonicalize_name(Requirement(r).name) for r in runtime_requirements(wheel)}
    assert names.isdisjoint(NOT_AT_RUN_TIME)


PROBE = """
import importlib.util, json, sys
import langerthuis
print(json.dumps({"file": langerthuis.__file__, "prefix": sys.prefix,
                  "found": [m for m in sys.argv[1:] if importlib.util.find_spec(m)]}))
"""


def test_fresh_environment_imports_the_wheel_and_no_test_package(fresh: Fresh):
    # without PYTHONPATH and the like of the test run (which may point at a checkout's src)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    result = run([fresh.python, "-c", PROBE, *NOT_AT_RUN_TIME], cwd=fresh.root, env=env)
    probe = json.loads(result.stdout)
    assert Path(probe["file"]).is_relative_to(fresh.site), probe["file"]
    assert Path(probe["prefix"]) == fresh.root
    assert probe["found"] == []


def test_fresh_environment_meets_every_runtime_requirement(fresh: Fresh):
    result = closure(fresh.python, "--installed", "langerthuis")
    assert result["unmet"] == []
    assert "ibis-framework" in result["distributions"]


def test_load_export_and_report_from_wheel(fresh: Fresh, loaded: Path):
    out = loaded / "export"
    langerthuis(fresh, loaded, "export", out)
    for name in ("key-figures.csv", "breakdowns.csv", "monitor.json", "monitor.xlsx",
                 "datapackage.json", "LICENSE.txt"):
        assert (out / name).is_file(), name
    html, pdf = loaded / "report.html", loaded / "report.pdf"
    langerthuis(fresh, loaded, "report", "--edition", EDITION, "--format", "html",
                "--output", html)
    assert html.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")
    langerthuis(fresh, loaded, "report", "--edition", EDITION, "--format", "pdf",
                "--output", pdf)
    assert pdf.read_bytes().startswith(b"%PDF")


def test_export_site_from_wheel(fresh: Fresh, loaded: Path):
    site = loaded / "site"
    langerthuis(fresh, loaded, "export-site", site)
    assert (site / "index.html").is_file()
    dashboard = site / "monitor" / EDITION / "index.html"
    assert EDITION in dashboard.read_text(encoding="utf-8")
    assert list(site.rglob("*.css")), "no style sheet in the static site"
    assert (site / "data" / "key-figures.csv").is_file()
