"""Serving the app with waitress, whose own error answers (a malformed request line or header,
headers too large, a body over its limit, a failure before the app answered) are
application/problem+json like the app's, instead of waitress's plain text."""

from __future__ import annotations

import json

from bestuursgraaf.api.errors import PROBLEM_MEDIA_TYPE, PROBLEMS, problem_type_for
from flask import Flask
from waitress.channel import HTTPChannel
from waitress.server import BaseWSGIServer, create_server
from waitress.task import ErrorTask

# waitress's error statuses and the problem type each one is.
WAITRESS_PROBLEMS = {
    400: "bad-request",
    413: "request-too-large",
    431: "request-header-fields-too-large",
    500: "internal-error",
    501: "not-implemented",
}


class ProblemErrorTask(ErrorTask):
    """waitress's answer to a request it could not hand to the app, as a problem document."""

    def execute(self) -> None:
        error = self.request.error
        slug = WAITRESS_PROBLEMS.get(
            error.code, "internal-error" if error.code >= 500 else "bad-request"
        )
        title = PROBLEMS[slug][1]
        body = json.dumps(
            {
                "type": problem_type_for(self.channel.server.problem_base_iri, slug),
                "title": title,
                "status": error.code,
                "detail": str(error.body),
            }
        ).encode("utf-8")
        self.status = f"{error.code} {error.reason}"
        self.response_headers.append(("Content-Type", PROBLEM_MEDIA_TYPE))
        self.set_close_on_finish()
        self.content_length = len(body)
        self.write(body)


class ProblemChannel(HTTPChannel):
    error_task_class = ProblemErrorTask


def serve(app: Flask, **adjustments) -> None:
    """Serve `app` until interrupted, with waitress's adjustments (host, port, threads, ...)."""
    base_iri = app.config["BESTUURSGRAAF_SETTINGS"].base_iri
    sockets: dict = {}
    server = create_server(app, map=sockets, **adjustments)
    for dispatcher in list(sockets.values()):  # one listening server per address
        if isinstance(dispatcher, BaseWSGIServer):
            dispatcher.channel_class = ProblemChannel
            dispatcher.problem_base_iri = base_iri
    server.run()
