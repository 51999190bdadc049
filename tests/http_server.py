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
    (the trigger, open channels), so every dispatcher in its map is closed, in the loop itself."""
    server = create_server(app, host="127.0.0.1", port=0)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        server.task_dispatcher.shutdown()
        # Close every dispatcher from inside the server's own loop (through its trigger), so the
        # loop never selects on a socket another thread closed, and ends with an empty map.
        server.trigger.pull_trigger(lambda: [d.close() for d in list(server._map.values())])
        thread.join(timeout=10)
    assert not thread.is_alive(), "the test HTTP server did not stop"
