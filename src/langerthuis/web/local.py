"""Running a server on a free loopback port for tests and benchmarks, and stopping it:
the application, or nginx in front of it as deployed (deploy/nginx)."""
from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..config import CHECKOUT

#: Debian's nginx (package `nginx`) is in /usr/sbin, often not on a user's PATH.
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def local_server(module_args: list[str], probe: str = "/", env: dict | None = None,
                 timeout: float = 30) -> Iterator[str]:
    """Run `python -m <module_args> --port PORT`-style commands: `module_args` may contain
    "{port}", which is filled in. Yields the base URL once `probe` answers."""
    port = free_port()
    args = [a.format(port=port) for a in module_args]
    with _running([sys.executable, "-m", *args], port, probe, timeout, env) as url:
        yield url


@contextmanager
def _running(command: list[str], port: int, probe: str, timeout: float,
             env: dict | None = None) -> Iterator[str]:
    """Start `command`, yield its base URL once it answers at `probe` (any status counts),
    and stop it afterwards."""
    log = tempfile.TemporaryFile()  # a file, not a pipe: a server that logs never blocks
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=log)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                urllib.request.urlopen(url + probe).read()
                break
            except urllib.error.HTTPError:
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    server.kill()
                    server.wait(10)
                    log.seek(0)
                    raise RuntimeError(f"{' '.join(command)} did not answer on {url}{probe}: "
                                       f"{log.read().decode(errors='replace')[-2000:]}")
                time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        server.wait(10)
        log.close()


NGINX_CONF = CHECKOUT / "deploy" / "nginx" / "langerthuis.conf"


def nginx_config(app_port: int, port: int, site_root: Path, conf: Path = NGINX_CONF) -> str:
    """The repository's nginx site configuration with the lines marked ADJUST filled in:
    the application's port, nginx's own (loopback) port and the site's root."""
    text = conf.read_text(encoding="utf-8")
    lines = {r"server 127\.0\.0\.1:\d+;": f"server 127.0.0.1:{app_port};",
             r"listen \d+;": f"listen 127.0.0.1:{port};",
             r"root \S+;": f"root {site_root};"}
    for pattern, line in lines.items():
        text, count = re.subn(pattern + r"(?=\s*# ADJUST)", line, text)
        if count != 1:
            raise ValueError(f"{conf}: expected one line `{pattern}` marked ADJUST")
    return text


@contextmanager
def nginx_server(app_port: int, site_root: Path, workdir: Path, site_conf: str | None = None,
                 workers: int = 1, port: int | None = None) -> Iterator[str]:
    """Debian's nginx on a free loopback port (or `port`) with everything it writes in
    `workdir` (no root needed), serving `site_root` in front of the application on
    `app_port` with the repository's configuration, or with `site_conf` (a whole server
    block, listening on `port`) instead. Yields the base URL once nginx answers."""
    port = port or free_port()
    workdir.mkdir(parents=True, exist_ok=True)
    (workdir / "site.conf").write_text(
        site_conf or nginx_config(app_port, port, site_root), encoding="utf-8")
    temp = " ".join(f"{kind}_temp_path {workdir / kind};" for kind in
                    ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    # Started as root, nginx's workers would run as `nobody`, who may not read the files.
    user = "user root;" if os.geteuid() == 0 else ""
    (workdir / "nginx.conf").write_text(
        f"daemon off; {user} worker_processes {workers}; pid {workdir / 'nginx.pid'};\n"
        f"error_log {workdir / 'error.log'} warn;\n"
        "events { worker_connections 4096; }\n"
        f"http {{ include /etc/nginx/mime.types; default_type application/octet-stream;\n"
        f"  access_log off; sendfile on; tcp_nopush on; {temp}\n"
        f"  include {workdir / 'site.conf'}; }}\n", encoding="utf-8")
    with _running([NGINX, "-p", str(workdir), "-c", str(workdir / "nginx.conf")], port,
                  "/", 10) as url:
        yield url
