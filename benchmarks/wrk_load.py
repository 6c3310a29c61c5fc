"""wrk (Debian package `wrk`), the load generator of the benchmarks: one run over a list of
paths in turn, with its figures read back as JSON from a small Lua script. Used by
nginx_deploy.py, soak.py and api_vs_datasette.py; not a benchmark by itself."""
from __future__ import annotations

import json
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

WRK = shutil.which("wrk")

SCRIPT = """
local paths = {%s}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i %% #paths) + 1])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('\\nRESULT {"requests": %%d, "seconds": %%f, "connect": %%d, ' ..
    '"read": %%d, "write": %%d, "status": %%d, "timeouts": %%d, "p50": %%f, "p99": %%f, ' ..
    '"max": %%f}\\n', summary.requests, summary.duration / 1e6, e.connect, e.read, e.write,
    e.status, e.timeout, latency:percentile(50) / 1e3, latency:percentile(99) / 1e3,
    latency.max / 1e3))
end
"""


def _command(url: str, paths: list[str], connections: int, seconds: float, threads: int,
             timeout: float, script: Path) -> list[str]:
    script.write_text(SCRIPT % ", ".join(json.dumps(p) for p in paths), encoding="utf-8")
    return [WRK, f"-c{connections}", f"-t{threads}", f"-d{int(seconds)}s",
            f"--timeout={int(timeout)}s", "-s", str(script), url]


def _result(output: str) -> dict:
    """requests, rps, errors (connect, read, write, and HTTP status 400 or more), timeouts,
    and latency p50/p99/max in milliseconds."""
    line = next(line for line in output.splitlines() if line.startswith("RESULT "))
    r = json.loads(line.removeprefix("RESULT "))
    r["rps"] = r["requests"] / r["seconds"]
    r["errors"] = r["connect"] + r["read"] + r["write"] + r["status"]
    return r


def wrk(url: str, paths: list[str], connections: int = 64, seconds: float = 10,
        threads: int = 2, timeout: float = 10) -> dict:
    """One wrk run of `seconds` over `paths` (each connection asks them in turn)."""
    if WRK is None:
        raise SystemExit("wrk is not installed (apt-get install wrk; scripts/test does)")
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run(_command(url, paths, connections, seconds, threads, timeout,
                                      Path(tmp) / "paths.lua"),
                             capture_output=True, text=True, check=True)
    return _result(out.stdout)


class Running:
    """wrk running in the background until `stop()` (or `limit` seconds at most), for a load
    of unknown length: the soak. `stop()` interrupts it and returns its figures."""

    def __init__(self, url: str, paths: list[str], connections: int = 64, limit: float = 900,
                 threads: int = 2, timeout: float = 10):
        self._tmp = tempfile.TemporaryDirectory()
        self._process = subprocess.Popen(
            _command(url, paths, connections, limit, threads, timeout,
                     Path(self._tmp.name) / "paths.lua"),
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def stop(self) -> dict:
        if self._process.poll() is None:
            self._process.send_signal(signal.SIGINT)  # wrk stops and reports
        out, err = self._process.communicate(timeout=60)
        self._tmp.cleanup()
        if "RESULT " not in out:
            raise RuntimeError(f"wrk reported nothing: {out} {err}")
        return _result(out)
