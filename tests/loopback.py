"""A loopback TCP listener that counts the connections made to it: proof that a refused
request reached nothing (pyoxigraph's HTTP client is native code, out of reach of a
Python audit hook, so the connections are counted where they would arrive)."""

from __future__ import annotations

import contextlib
import socket
import threading


class Listener:
    def __init__(self):
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(16)
        self.port = self.socket.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.connections = 0
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.socket.accept()
            except OSError:
                return
            self.connections += 1
            conn.close()


@contextlib.contextmanager
def listening():
    listener = Listener()
    try:
        yield listener
    finally:
        listener.socket.close()
