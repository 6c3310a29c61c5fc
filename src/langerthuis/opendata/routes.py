"""The downloads under /data: the files of `langerthuis export`, made once per snapshot."""
from __future__ import annotations

from fastapi import FastAPI, HTTPException
from fastapi.responses import RedirectResponse, Response

from ..views.snapshot import Snapshot, Snapshots
from .export import build_downloads

MEDIA = {"csv": "text/csv; charset=utf-8", "json": "application/json",
         "jsonld": "application/ld+json",
         "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         "txt": "text/plain; charset=utf-8"}


def downloads(snapshot: Snapshot) -> dict[str, str | bytes]:
    return snapshot.artefact(("downloads",), lambda: build_downloads(snapshot))


def install(app: FastAPI, snapshots: Snapshots) -> None:
    @app.get("/data", include_in_schema=False)
    def folder():
        """To the downloads' folder, by a relative address: never one built from the Host
        header a client sent."""
        return RedirectResponse("/data/", status_code=308)

    @app.get("/data/{path:path}", include_in_schema=False)
    def download(path: str):
        snapshot = snapshots.current()
        content = downloads(snapshot).get(path)
        if content is None:
            raise HTTPException(404)
        headers = {"Cache-Control": "public, max-age=300",
                   "Link": '</data/LICENSE.txt>; rel="license"'}
        if snapshot.metadata is not None:
            headers["X-Licence"] = snapshot.metadata.licence_line()
        if not path.endswith((".json", ".jsonld")):
            headers["Content-Disposition"] = f'attachment; filename="{path.replace("/", "-")}"'
        return Response(content, media_type=MEDIA[path.rsplit(".", 1)[-1]], headers=headers)
