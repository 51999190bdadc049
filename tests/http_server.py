"""A real HTTP server (waitress, as in production) for an app, on 127.0.0.1, started and stopped."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from waitress.server import create_server


@contextmanager
def serving(app) -> Iterator[str]:
    """Serve `app` on a free port of 127.0.0.1 in a thread; yield its base URL; stop it.

    Closing the listening socket alone leaves waitress's loop running on its other dispatchers
    (the trigger, open channels), so every dispatcher in its map is closed."""
    server = create_server(app, host="127.0.0.1", port=0)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        server.close()
        server.task_dispatcher.shutdown()
        for dispatcher in list(server._map.values()):
            dispatcher.close()
        thread.join(timeout=10)
    assert not thread.is_alive(), "the test HTTP server did not stop"
