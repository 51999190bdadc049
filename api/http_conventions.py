"""HTTP conventions on every answer: a strong ETag, Last-Modified (the graph's build time),
conditional GET answered with 304, and compression (gzip or Brotli, by Accept-Encoding)."""

from __future__ import annotations

from datetime import datetime

from bestuursgraaf.graph import formats
from flask import Flask, Response, request
from flask_compress import Compress

# Everything textual this API serves: the formats of graph/formats.py and the pages around them.
COMPRESSED_MEDIA_TYPES = sorted(
    {
        media
        for table in vars(formats).values()
        if isinstance(table, formats.FormatTable)
        for media in table.media_types()
    }
    | {
        "application/javascript",
        "application/problem+json",
        "application/xml",
        "image/svg+xml",
        "text/css",
        "text/javascript",
    }
)
# Answers that do not follow from the graph: they get an ETag, not the graph's Last-Modified.
NOT_FROM_THE_GRAPH = ("service.openapi", "docs.", "static")


def install_http_conventions(app: Flask, built: datetime | None) -> None:
    """Compress answers and make GET/HEAD answers conditional. Flask runs `after_request`
    hooks last-registered first, so the ETag is set on the plain body here before Compress
    (registered first) compresses it, suffixes the ETag with the coding and checks again."""
    app.config.setdefault("COMPRESS_MIMETYPES", COMPRESSED_MEDIA_TYPES)
    app.config.setdefault("COMPRESS_ALGORITHM", ["br", "gzip"])
    Compress(app)

    @app.after_request
    def conditional(response: Response) -> Response:
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        if response.is_streamed or response.direct_passthrough:
            return response
        endpoint = request.endpoint or ""
        if built is not None and not endpoint.startswith(NOT_FROM_THE_GRAPH):
            response.last_modified = built
        if not response.get_etag()[0]:
            response.add_etag()
        return response.make_conditional(request)
