"""A small TCP proxy for outage tests: 127.0.0.1:<port> forwards to a real
server (PostgreSQL, Redis). ``cut()`` closes the listening socket and resets
every open connection, as a stopped server would; ``stall()`` resets them too
but then accepts new connections and never answers, as a lost network would;
``restore()`` forwards on the same port again."""
from __future__ import annotations

import contextlib
import socket
import threading


class TcpProxy:
    def __init__(self, upstream_host: str, upstream_port: int):
        self.upstream = (upstream_host, upstream_port)
        self.port = 0
        self.listener: socket.socket | None = None
        self.connections: set[socket.socket] = set()
        self.held: list[socket.socket] = []  # accepted while stalled, never answered
        self.stalled = False
        self.lock = threading.Lock()

    def __enter__(self) -> TcpProxy:
        self.restore()
        return self

    def __exit__(self, *_exc) -> None:
        self.cut()

    def restore(self) -> None:
        self.stalled = False
        for conn in self.held:
            with contextlib.suppress(OSError):
                conn.close()
        self.held = []
        if self.listener is not None:
            return
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self.port = listener.getsockname()[1]
        self.listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def cut(self) -> None:
        listener, self.listener = self.listener, None
        if listener is not None:
            with contextlib.suppress(OSError):
                listener.shutdown(socket.SHUT_RDWR)
            listener.close()
        self._reset_all()

    def stall(self) -> None:
        self.stalled = True
        self._reset_all()

    def _reset_all(self) -> None:
        with self.lock:
            doomed, self.connections = self.connections, set()
        for conn in doomed:
            with contextlib.suppress(OSError):
                # RST instead of FIN: the client sees "connection reset"
                conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
                conn.close()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _addr = listener.accept()
            except OSError:
                return
            if self.stalled:
                self.held.append(client)
                continue
            try:
                server = socket.create_connection(self.upstream, timeout=5)
            except OSError:
                client.close()
                continue
            server.settimeout(None)
            with self.lock:
                self.connections.update((client, server))
            for source, target in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(source, target), daemon=True).start()

    def _pump(self, source: socket.socket, target: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        finally:
            for conn in (source, target):
                with contextlib.suppress(OSError):
                    conn.close()
            with self.lock:
                self.connections.difference_update((source, target))
