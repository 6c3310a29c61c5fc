"""Running a server on a free loopback port for tests and benchmarks, and stopping it."""
from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager


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
    server = subprocess.Popen([sys.executable, "-m", *args], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                urllib.request.urlopen(url + probe).read()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError(f"{' '.join(args)} did not answer on {url}{probe}")
                time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        server.wait(10)
