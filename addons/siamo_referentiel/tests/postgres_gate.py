"""A gate on 127.0.0.1 between an Odoo server and PostgreSQL, for the tests of what the
server answers when its database goes away: it relays every connection to PostgreSQL until
told to :meth:`PostgresGate.cut` them (as a PostgreSQL restart drops them) or to
:meth:`PostgresGate.close` (new connections then meet a refusal, as while PostgreSQL is down).
"""

import contextlib
import socket
import threading


class PostgresGate:
    """Relays ``127.0.0.1:self.port`` to ``(host, port)`` while open."""

    def __init__(self, host, port):
        self.target = (host, port)
        self.port = None
        self._listener = None
        self._pairs = []
        self._lock = threading.Lock()

    def open(self):
        """Accept connections again (on the same port once chosen)."""
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port or 0))
        listener.listen(64)
        self.port = listener.getsockname()[1]
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()
        return self

    def close(self):
        """Refuse new connections (``connection refused``) and cut those relayed."""
        listener, self._listener = self._listener, None
        if listener:
            with contextlib.suppress(OSError):
                listener.shutdown(socket.SHUT_RDWR)
            listener.close()
        self.cut()

    def cut(self):
        """Drop every relayed connection, both ways, as a PostgreSQL restart does."""
        with self._lock:
            pairs, self._pairs = self._pairs, []
        for client, server in pairs:
            for end in (client, server):
                with contextlib.suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)
                end.close()

    def _accept(self, listener):
        while True:
            try:
                client, _address = listener.accept()
            except OSError:
                return  # closed
            try:
                server = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            server.settimeout(None)
            with self._lock:
                self._pairs.append((client, server))
            for source, sink in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pump(source, sink):
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                sink.sendall(data)
        for end in (source, sink):
            with contextlib.suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)
