"""Rendered pages kept in memory until the content is loaded again (keyed on the content
version), so that a page is computed once per load rather than once per request."""
from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable

from fastapi.responses import Response


class PageCache:
    def __init__(self, size: int = 512):
        self.size = size
        self._items: OrderedDict[tuple, tuple[bytes, int, str]] = OrderedDict()
        self._lock = threading.Lock()

    def get_or_build(self, key: tuple, build: Callable[[], Response]) -> Response:
        with self._lock:
            hit = self._items.get(key)
            if hit is not None:
                self._items.move_to_end(key)
        if hit is not None:
            body, status, media = hit
            return Response(body, status_code=status, media_type=media)
        response = build()
        if response.status_code in (200, 404) and hasattr(response, "body"):
            with self._lock:
                self._items[key] = (bytes(response.body), response.status_code,
                                    response.media_type or "text/html")
                while len(self._items) > self.size:
                    self._items.popitem(last=False)
        return response
