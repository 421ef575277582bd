"""A read-only SPARQL 1.1 Protocol endpoint over a dipkg graph (standard library HTTP server).

``/sparql`` answers ``GET ?query=``, ``POST`` form (``query=``) and ``POST``
``application/sparql-query``. Results by content negotiation (``Accept``, or a
``format=`` parameter): SELECT/ASK as JSON, XML, CSV or TSV; CONSTRUCT/DESCRIBE
as Turtle, N-Triples, RDF/XML or JSON-LD (formats: :mod:`kg.results`). ``/`` is
a small page describing it.

- Read-only: SPARQL Update (``update=``, ``application/sparql-update`` or an
  update sent as a query) is refused with ``403``.
- Timeout: each query runs in a worker thread; past ``timeout`` seconds the
  client gets ``503`` with a message and the worker is cancelled (Python
  evaluation at once; a native Oxigraph evaluation at its next result row).
  At most ``max_workers`` queries run at once (``503`` when busy).
- Result limit: at most ``max_results`` rows (or triples) are sent; a longer
  answer is truncated and flagged by the header ``X-Dipkg-Truncated: true``
  (``X-Dipkg-Result-Limit`` always gives the limit).
- Loopback by default; binding another address logs a warning.

>>> from kg.store import open_dataset
>>> server = make_server(open_dataset(), port=0)
>>> server.url.startswith("http://127.0.0.1:")
True
>>> server.server_close()
"""
from __future__ import annotations

import ctypes
import errno
import html
import ipaddress
import logging
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator
from urllib.parse import parse_qs, urlsplit

from kg.errors import DipkgError
from kg.results import (  # noqa: F401  (GRAPH_TYPES, RESULT_TYPES, serialize: public here too)
    GRAPH_TYPES, RESULT_TYPES, HttpError, QueryAnswer, media_type, negotiate, serialize)

__all__ = ["QueryAnswer", "SparqlServer", "evaluate", "make_server", "serve"]

log = logging.getLogger(__name__)

_UPDATE = re.compile(
    r"^(?:\s+|#[^\n]*\n?|PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>)*"
    r"(?:INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.IGNORECASE)
_MAX_BODY = 1_000_000
_GRACE = 1.0  # seconds a timed-out worker gets to stop by itself
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


class _Cancelled(BaseException):
    """Raised inside a worker thread whose query ran out of time."""


def is_update(text: str) -> bool:
    """True when ``text`` is a SPARQL Update request (after its prologue).

    >>> is_update("PREFIX x: <http://x#> INSERT DATA { x:a x:b x:c }"), is_update("SELECT * {?s ?p ?o}")
    (True, False)
    """
    return bool(_UPDATE.match(text))


def evaluate(dataset: Any, text: str, *, max_results: int = 10_000, cancel: threading.Event | None = None,
             parse_lock: Any = None) -> QueryAnswer:
    """Run one SPARQL query on ``dataset``, reading at most ``max_results`` rows or triples.

    >>> from kg.store import open_dataset
    >>> evaluate(open_dataset(), "ASK { ?s ?p ?o }").boolean
    False
    """
    from kg.store import native_store

    if is_update(text):
        raise HttpError(403, "this endpoint is read-only: SPARQL Update (INSERT, DELETE, LOAD...) is refused")
    inner = native_store(dataset)
    if inner is not None:
        return _evaluate_oxigraph(inner, dataset, text, max_results=max_results, cancel=cancel)
    try:  # rdflib's parser is not known to be thread-safe: parse under a lock
        from rdflib.plugins.sparql import prepareQuery

        with parse_lock or threading.Lock():
            prepared = prepareQuery(text, initNs=dict(dataset.namespaces()))
        result = dataset.query(prepared)
    except _Cancelled:
        raise
    except Exception as exc:  # rdflib's ParseException and evaluation errors
        raise _bad_query(exc) from exc
    answer = QueryAnswer(kind=result.type)
    if result.type == "ASK":
        answer.boolean = bool(result.askAnswer)
    elif result.type == "SELECT":
        answer.variables = [str(v) for v in result.vars or []]
        answer.rows.extend(tuple(row) for row in _take(result, answer, max_results=max_results, cancel=cancel))
    else:
        answer.graph = _result_graph(dataset)
        for triple in _take(result.graph, answer, max_results=max_results, cancel=cancel):
            answer.graph.add(triple)
    return answer


def _bad_query(exc: Exception) -> HttpError:
    return HttpError(400, f"cannot run the query: {' '.join(str(exc).split())[:300]}")


def _result_graph(dataset: Any) -> Any:
    """An empty graph for a CONSTRUCT/DESCRIBE answer, with the prefixes of ``dataset``."""
    from rdflib import Graph

    graph = Graph()
    for prefix, namespace in dataset.namespaces():
        graph.bind(prefix, namespace, override=True)
    return graph


def _take(items: Iterable[Any], answer: QueryAnswer, *, max_results: int,
          cancel: threading.Event | None) -> Iterator[Any]:
    """The first ``max_results`` of ``items`` (``answer.truncated`` set when there are more);
    raises ``_Cancelled`` once ``cancel`` is set."""
    for n, item in enumerate(items):
        if cancel is not None and cancel.is_set():
            raise _Cancelled()
        if n >= max_results:
            answer.truncated = True
            return
        yield item


def _evaluate_oxigraph(inner: Any, dataset: Any, text: str, *, max_results: int,
                       cancel: threading.Event | None) -> QueryAnswer:
    """Native Oxigraph evaluation, read lazily row by row (so that ``cancel`` stops it)."""
    import pyoxigraph as ox

    try:
        result = inner.query(text, prefixes={p: str(ns) for p, ns in dataset.namespaces() if p})
    except (SyntaxError, ValueError, RuntimeError, OSError) as exc:
        raise _bad_query(exc) from exc
    if isinstance(result, ox.QueryBoolean):
        return QueryAnswer(kind="ASK", boolean=bool(result))
    if isinstance(result, ox.QuerySolutions):
        answer = QueryAnswer(kind="SELECT", variables=[v.value for v in result.variables])
    else:
        answer = QueryAnswer(kind="CONSTRUCT", graph=_result_graph(dataset))
    for item in _take(result, answer, max_results=max_results, cancel=cancel):
        if answer.graph is None:
            answer.rows.append(tuple(_from_ox(item[i]) for i in range(len(answer.variables))))
        else:
            answer.graph.add((_from_ox(item.subject), _from_ox(item.predicate), _from_ox(item.object)))
    return answer


def _from_ox(term: Any) -> Any:
    """An rdflib term for a pyoxigraph term (None stays None; xsd:string literals plain, as in rdflib)."""
    import pyoxigraph as ox
    from rdflib import BNode, Literal, URIRef

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value) if datatype == _XSD_STRING else Literal(term.value, datatype=URIRef(datatype))
    raise HttpError(500, f"unsupported RDF term in a result: {term!r}")


# ---------------------------------------------------------------- HTTP


class SparqlServer(ThreadingHTTPServer):
    """The HTTP server; ``url`` is the endpoint's address."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], dataset: Any, *, timeout: float, max_results: int,
                 max_workers: int, owns_dataset: bool = False) -> None:
        self.dataset = dataset
        self.owns_dataset = False  # a failed bind calls server_close(): the caller keeps the dataset
        self.query_timeout = timeout
        self.max_results = max_results
        self.slots = threading.BoundedSemaphore(max_workers)
        self.parse_lock = threading.Lock()
        super().__init__(address, _Handler)
        self.owns_dataset = owns_dataset

    def server_close(self) -> None:
        """Stop listening; close the dataset if the server opened it (from a path)."""
        super().server_close()
        if self.owns_dataset:
            self.dataset.close()
            self.owns_dataset = False

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/sparql"

    def run(self, text: str) -> QueryAnswer:
        """Evaluate ``text`` in a worker thread within the timeout (HttpError 503 when exceeded)."""
        if not self.slots.acquire(timeout=self.query_timeout):
            raise HttpError(503, "server busy: all query workers are taken; retry later")
        cancel, done, state = threading.Event(), threading.Event(), threading.Lock()
        box: dict[str, Any] = {"finished": False}

        def work() -> None:
            try:
                try:
                    outcome: tuple[str, Any] = ("answer", evaluate(
                        self.dataset, text, max_results=self.max_results, cancel=cancel, parse_lock=self.parse_lock))
                except _Cancelled:
                    outcome = ("error", HttpError(503, "cancelled"))
                except BaseException as exc:  # noqa: BLE001 - handed to the request thread
                    outcome = ("error", exc)
                with state:
                    box["finished"] = True
                    box[outcome[0]] = outcome[1]
            except _Cancelled:  # an interruption delivered late
                pass
            finally:
                done.set()
                self.slots.release()

        def interrupt() -> None:
            """Last resort for a worker that does not see ``cancel`` (a long step with no result row):
            raise ``_Cancelled`` in it, again every second (Python drops an exception that lands in a
            weakref callback or a destructor)."""
            while not done.wait(_GRACE):
                with state:
                    if box["finished"] or not worker.is_alive() or worker.ident is None:
                        return
                    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(worker.ident),
                                                               ctypes.py_object(_Cancelled))

        worker = threading.Thread(target=work, name="dipkg-sparql-query", daemon=True)
        worker.start()
        if not done.wait(self.query_timeout):
            cancel.set()  # seen at the next result row
            threading.Thread(target=interrupt, name="dipkg-sparql-reaper", daemon=True).start()
            raise HttpError(503, f"query timeout: no answer within {self.query_timeout:g} s; add a LIMIT or "
                                 "narrow the patterns (or restart the server with a larger --timeout)")
        if "error" in box:
            raise box["error"]
        return box["answer"]


class _Handler(BaseHTTPRequestHandler):
    server: SparqlServer
    server_version = "dipkg-sparql"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        log.info("%s " + format, self.address_string(), *args)

    def _send(self, status: int, body: bytes, media: str, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", media + "; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Dipkg-Result-Limit", str(self.server.max_results))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, message: str) -> None:
        self._send(status, (message + "\n").encode("utf-8"), "text/plain")

    def do_GET(self) -> None:  # noqa: N802 - stdlib naming
        parts = urlsplit(self.path)
        params = parse_qs(parts.query, keep_blank_values=True)
        if parts.path in ("/", "/index.html"):
            return self._send(200, _home_page(self.server).encode("utf-8"), "text/html")
        if parts.path != "/sparql":
            return self._error(404, f"no such page {parts.path!r}: the endpoint is /sparql")
        if "update" in params:
            return self._error(403, "this endpoint is read-only: SPARQL Update is refused")
        if "query" not in params:
            return self._send(200, _home_page(self.server).encode("utf-8"), "text/html")
        self._answer(params)

    def do_POST(self) -> None:  # noqa: N802 - stdlib naming
        parts = urlsplit(self.path)
        if parts.path != "/sparql":
            return self._error(404, f"no such page {parts.path!r}: the endpoint is /sparql")
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if length < 0:
            return self._error(400, f"bad Content-Length {self.headers.get('Content-Length')!r}: "
                                    "send the body's size in bytes")
        if length > _MAX_BODY:
            return self._error(413, f"request body of {length} bytes is over the {_MAX_BODY} byte limit")
        body = self.rfile.read(length).decode("utf-8", errors="replace")
        media = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = parse_qs(parts.query, keep_blank_values=True)
        if media == "application/sparql-update":
            return self._error(403, "this endpoint is read-only: SPARQL Update is refused")
        if media == "application/sparql-query":
            params["query"] = [body]
        elif media == "application/x-www-form-urlencoded":
            for key, values in parse_qs(body, keep_blank_values=True).items():
                params.setdefault(key, []).extend(values)
        else:
            return self._error(415, f"unsupported Content-Type {media!r}: send application/sparql-query "
                                    "or application/x-www-form-urlencoded with query=")
        if "update" in params:
            return self._error(403, "this endpoint is read-only: SPARQL Update is refused")
        if "query" not in params:
            return self._error(400, "missing query: send query=... (SPARQL 1.1 Protocol)")
        self._answer(params)

    def _answer(self, params: dict[str, list[str]]) -> None:
        if len(params["query"]) != 1:
            return self._error(400, "send exactly one query= parameter")
        for name in ("default-graph-uri", "named-graph-uri"):
            if params.get(name):
                return self._error(400, f"{name} is not supported: use FROM / GRAPH in the query instead")
        try:
            answer = self.server.run(params["query"][0])
            fmt = negotiate(answer.kind, self.headers.get("Accept"), params.get("format", []))
            body = serialize(answer, fmt)
        except HttpError as exc:
            return self._error(exc.status, str(exc))
        media = media_type(answer, fmt)
        extra = {"X-Dipkg-Truncated": "true"} if answer.truncated else {}
        self._send(200, body, media, extra)


def _home_page(server: SparqlServer) -> str:
    """The page at ``/`` (``kg/templates/endpoint.html``)."""
    from urllib.parse import quote

    from kg.assets import fill_template

    example = "SELECT ?actor ?label WHERE { ?actor a dip:Actor ; rdfs:label ?label } ORDER BY ?label LIMIT 20"
    values = {"URL": html.escape(server.url), "TIMEOUT": f"{server.query_timeout:g}", "LIMIT": str(server.max_results),
              "EXAMPLEURL": html.escape("/sparql?query=" + quote(example)), "EXAMPLE": html.escape(example)}
    return fill_template("endpoint.html", values)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def make_server(graph: Any, *, host: str = "127.0.0.1", port: int = 7878, timeout: float = 10.0,
                max_results: int = 10_000, max_workers: int = 4) -> SparqlServer:
    """A ready (not yet serving) endpoint over ``graph`` (a Dataset, store directory or RDF file).

    ``port=0`` picks a free port (see ``server.url``). Call ``serve_forever()``.

    >>> from kg.store import open_dataset
    >>> server = make_server(open_dataset(), port=0, timeout=5.0, max_results=100)
    >>> server.max_results, server.url.endswith("/sparql")
    (100, True)
    >>> server.server_close()
    """
    from kg.store import open_dataset

    if timeout <= 0 or max_results < 1 or max_workers < 1:
        raise DipkgError(f"timeout ({timeout!r}), max_results ({max_results!r}) and max_workers "
                         f"({max_workers!r}) must be positive, e.g. timeout=10.0, max_results=10000")
    owns = isinstance(graph, (str, Path))
    if owns:
        graph = open_dataset(graph, read_only=Path(graph).is_dir())
    if not _is_loopback(host):
        log.warning("serving on %s: anyone who can reach this address can query the graph "
                    "(use --host 127.0.0.1 to keep it local)", host)
    try:
        return SparqlServer((host, port), graph, timeout=timeout, max_results=max_results, max_workers=max_workers,
                            owns_dataset=owns)
    except (OSError, OverflowError) as exc:  # OverflowError: a port outside 0-65535
        if owns:
            graph.close()
        reason = getattr(exc, "strerror", None) or str(exc).rstrip(".")
        port_fault = isinstance(exc, OverflowError) or exc.errno in (errno.EADDRINUSE, errno.EACCES)
        fix = "pick another --port" if port_fault else "check --host (e.g. --host 127.0.0.1)"
        raise DipkgError(f"cannot listen on {host}:{port}: {reason}; {fix}") from exc


def serve(graph: Any, *, host: str = "127.0.0.1", port: int = 7878, timeout: float = 10.0,
          max_results: int = 10_000, on_ready: Callable[[str], None] | None = None) -> None:
    """Serve ``graph`` at ``http://HOST:PORT/sparql`` until interrupted (Ctrl-C).

    ``on_ready(url)`` is called once the socket listens (default: a log line).
    """
    server = make_server(graph, host=host, port=port, timeout=timeout, max_results=max_results)
    if on_ready is None:
        log.info("SPARQL endpoint at %s (Ctrl-C to stop)", server.url)
    else:
        on_ready(server.url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
