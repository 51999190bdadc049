"""The `bestuursgraaf` command: a thin layer that parses arguments and calls the library."""

from __future__ import annotations

import argparse
import dataclasses
import functools
import signal
import sys
from pathlib import Path

from bestuursgraaf.graph.config import BUNDLED_CORPUS, Settings
from bestuursgraaf.graph.formats import DUMPS, PRINTED_ROWS

from bestuursgraaf import __version__

EXIT_ERROR = 1
EXIT_USAGE = 2


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _fail(message: str, code: int = EXIT_ERROR) -> int:
    for line in str(message).splitlines() or [""]:
        print(f"bestuursgraaf: error: {line}", file=sys.stderr)
    return code


def _params(pairs: list[str]) -> dict[str, str]:
    values = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise ValueError(f"--param {pair!r}: expected NAME=VALUE")
        values[key.strip()] = value
    return values


def _store(args: argparse.Namespace, settings: Settings):
    from bestuursgraaf.graph.store import open_persistent, open_store

    endpoint = getattr(args, "endpoint", None) or settings.endpoint
    if endpoint:
        return open_store(endpoint=endpoint, settings=settings)
    graph_path = Path(args.graph) if args.graph else settings.default_graph_path
    return open_persistent(graph_path, progress=_say)


def cmd_build(args: argparse.Namespace, settings: Settings) -> int:
    from bestuursgraaf.graph.build import build
    from bestuursgraaf.graph.namespaces import Minter
    from bestuursgraaf.graph.pipeline import default_jobs

    out = Path(args.out) if args.out else settings.default_graph_path
    if args.jobs is not None and args.jobs < 1:
        return _fail(f"--jobs must be 1 or more, not {args.jobs}", EXIT_USAGE)
    cache = None if args.no_cache else Path(args.cache) if args.cache else out.with_suffix(".cache")
    report = build(
        Path(args.corpus),
        out,
        Minter(args.base or settings.base_iri),
        progress=None if args.quiet else _say,
        jobs=args.jobs or default_jobs(),
        cache_dir=cache,
    )
    print(report.path)
    return 0


def cmd_load(args: argparse.Namespace, settings: Settings) -> int:
    from bestuursgraaf.graph.store import load_store, store_dir_for

    graph_path = Path(args.graph) if args.graph else settings.default_graph_path
    source = Path(args.file) if args.file else graph_path
    load_store(graph_path, progress=_say, source=source)
    print(store_dir_for(graph_path))
    return 0


def cmd_validate(args: argparse.Namespace, settings: Settings) -> int:
    from bestuursgraaf.graph.pipeline import default_jobs
    from bestuursgraaf.graph.validate_units import validate_in_units
    from rdflib import Dataset

    graph_path = Path(args.graph) if args.graph else settings.default_graph_path
    if not graph_path.is_file():
        return _fail(f"no built graph at {graph_path}; run `bestuursgraaf build` first")
    dataset = Dataset()
    dataset.parse(graph_path, format="nquads" if graph_path.suffix == ".nq" else "trig")
    if args.jobs is not None and args.jobs < 1:
        return _fail(f"--jobs must be 1 or more, not {args.jobs}", EXIT_USAGE)
    # unit by unit in `--jobs` processes: the same results as the union (graph/validate_units.py)
    report = validate_in_units(
        dataset.quads((None, None, None, None)), jobs=args.jobs or default_jobs(),
        progress=None if args.quiet else lambda message: print(message, file=sys.stderr),
    )
    for violation in report.violations:
        print(violation)
    if report.conforms:
        print(f"{graph_path}: conforms to the shapes")
        return 0
    print(f"{graph_path}: {len(report.violations)} violations", file=sys.stderr)
    return EXIT_ERROR


def cmd_query(args: argparse.Namespace, settings: Settings) -> int:
    from bestuursgraaf.graph.namespaces import Minter
    from bestuursgraaf.graph.queries import (
        expand_parameters,
        load_query,
        result_to_csv,
        result_to_json,
        result_to_table,
    )

    query = load_query(args.name)
    base = Minter(settings.base_iri).base
    sparql = query.bind(expand_parameters(query, _params(args.param), base))
    result = _store(args, settings).select(sparql)
    table = functools.partial(result_to_table, base=base)
    render = {"csv": result_to_csv, "json": result_to_json, "table": table}[args.format]
    sys.stdout.write(render(result).rstrip("\n") + "\n")
    return 0


def _queries_epilog() -> str:
    """The named queries and their parameters, for `bestuursgraaf query --help`."""
    from bestuursgraaf.graph.queries import list_queries

    lines = ["named queries and their parameters (--param NAME=VALUE):"]
    for query in list_queries():
        lines.append(f"  {query.name}: {query.title}")
        for parameter in query.parameters:
            flags = ", ".join(
                word for word, on in (("optional", parameter.optional), ("default " + str(parameter.default), parameter.default)) if on
            )
            lines.append(f"      {parameter.name} ({parameter.kind}{', ' + flags if flags else ''}) {parameter.doc}".rstrip())
    lines.append("IRIs of the data may be given as the short keys the table prints (doc/…, actie/…).")
    return "\n".join(lines)


def cmd_queries(args: argparse.Namespace, settings: Settings) -> int:
    from bestuursgraaf.graph.queries import list_queries

    for query in list_queries():
        params = ", ".join(p.name + ("?" if p.optional else "") for p in query.parameters)
        print(f"{query.name:28} {query.title}" + (f"  [{params}]" if params else ""))
    return 0


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    from bestuursgraaf.api import create_app
    from bestuursgraaf.api.server import serve
    from bestuursgraaf.graph.build import build
    from bestuursgraaf.graph.namespaces import Minter

    endpoint = args.endpoint or settings.endpoint
    from bestuursgraaf.graph.store import store_dir_for

    default = settings.default_graph_path
    if not endpoint and not args.graph and not default.is_file() and not store_dir_for(default).is_dir():
        _say(f"no graph at {settings.default_graph_path} yet: building it from the bundled corpus")
        build(BUNDLED_CORPUS, settings.default_graph_path, Minter(settings.base_iri), progress=_say)
    from bestuursgraaf.graph.publish.dataset import build_time

    store = _store(args, settings)
    pool = None if endpoint else _query_pool(args, settings)
    graph_path = Path(args.graph) if args.graph else settings.default_graph_path
    if args.graph:  # the app's search index and build time belong to the graph it serves
        settings = dataclasses.replace(settings, graph_file=graph_path)
    built = None if endpoint else build_time(graph_path)
    app = create_app(store, settings, query_pool=pool, built=built)
    workers = f", {len(pool.worker_pids())} query workers" if pool else ""
    _say(f"serving {len(store)} quads on http://{args.host}:{args.port}/ (waitress, {args.threads} threads{workers})")
    signal.signal(signal.SIGTERM, _exit_on_signal)  # so that the workers are stopped below
    try:
        serve(
            app,
            host=args.host,
            port=args.port,
            threads=args.threads,
            ident="bestuursgraaf",
            channel_timeout=settings.channel_timeout_s,
            cleanup_interval=max(1, min(30, settings.channel_timeout_s // 2)),
            connection_limit=settings.connection_limit,
            channel_request_lookahead=1,  # lets a query see that its client went away
        )
    finally:
        if pool is not None:
            pool.close()
    return 0


def _exit_on_signal(signum: int, frame: object) -> None:
    raise SystemExit(0)


def _query_pool(args: argparse.Namespace, settings: Settings):
    """Worker processes over the on-disk store, which run every query within its budget."""
    from bestuursgraaf.graph.store import store_dir_for
    from bestuursgraaf.graph.store.query_pool import PoolSettings, QueryPool

    if settings.query_workers <= 0:
        return None
    graph_path = Path(args.graph) if args.graph else settings.default_graph_path
    return QueryPool(
        store_dir_for(graph_path),
        PoolSettings(
            timeout_s=settings.query_timeout_s,
            quick_s=settings.quick_query_s,
            quick_workers=settings.query_workers,
            long_workers=max(1, settings.long_query_workers),
            quick_queue=settings.query_queue,
            long_queue=settings.long_query_queue,
            memory_mb=settings.query_memory_mb,
        ),
    )


def cmd_export(args: argparse.Namespace, settings: Settings) -> int:
    from bestuursgraaf.graph.build import write_atomically
    from bestuursgraaf.graph.namespaces import Minter
    from bestuursgraaf.graph.publish import dump, read_built_graph, with_description
    from bestuursgraaf.graph.publish.dataset import build_time

    graph_path = Path(args.graph) if args.graph else settings.default_graph_path
    minter = Minter(args.base or settings.base_iri)
    dataset = with_description(read_built_graph(graph_path), minter, build_time(graph_path))
    data = dump(dataset, args.format)
    if args.out:
        write_atomically(Path(args.out), data)
        _say(f"wrote {args.format} to {args.out}")
    else:
        sys.stdout.write(data.decode("utf-8"))
    return 0


def cmd_diff(args: argparse.Namespace, settings: Settings) -> int:
    from bestuursgraaf.graph.publish import diff_datasets, format_summary, read_built_graph

    old, new = read_built_graph(Path(args.old)), read_built_graph(Path(args.new))
    sys.stdout.write(format_summary(diff_datasets(old, new), lines=not args.summary_only))
    return 0


def cmd_diwoo(args: argparse.Namespace, settings: Settings) -> int:
    from bestuursgraaf.graph.build import union_graph, write_atomically
    from bestuursgraaf.graph.publish import read_built_graph
    from bestuursgraaf.graph.publish.diwoo import diwoo_filename, diwoo_record, source_documents

    graph_path = Path(args.graph) if args.graph else settings.default_graph_path
    if not graph_path.is_file():
        return _fail(f"no built graph at {graph_path}; run `bestuursgraaf build` first")
    union = union_graph(read_built_graph(graph_path))
    out = Path(args.out)
    for document in source_documents(union):
        target = out / diwoo_filename(union, document)
        write_atomically(target, diwoo_record(union, document))
        print(target)
    return 0


def cmd_fetch(args: argparse.Namespace, settings: Settings) -> int:
    from bestuursgraaf.graph.sources.fetch import FetchSettings, fetch
    from bestuursgraaf.graph.sources.http import FetchError

    try:
        report = fetch(
            Path(args.corpus), FetchSettings.from_env(settings.data_dir), identifiers=args.identifier,
            dossier=args.dossier, query=args.query,
            sources=("koop", "tk") if args.source == "both" else (args.source,),
            progress=None if args.quiet else _say, toezeggingen=args.toezeggingen, minister=args.minister,
        )
    except FetchError as error:
        return _fail(f"{error}; {args.corpus} was left as it was")
    _say(
        f"{report.documents} Kamerstukken, {report.motions} open-data answers on motions, "
        f"{report.toezeggingen} toezeggingen; "
        f"{report.requests} requests, {report.from_cache} answered from the cache"
    )
    print(args.corpus)
    return 0


def cmd_export_toezeggingen(args: argparse.Namespace, settings: Settings) -> int:
    from bestuursgraaf.graph.build import write_atomically
    from bestuursgraaf.graph.register_export import export_commitments
    from rdflib import Dataset
    from rdflib.exceptions import ParserError

    graph_path = Path(args.graph) if args.graph else settings.default_graph_path
    if not graph_path.is_file():
        return _fail(f"{graph_path}: no built graph; run `bestuursgraaf build` first")
    dataset = Dataset()
    try:
        dataset.parse(graph_path, format="nquads")
    except (OSError, UnicodeDecodeError, ParserError) as error:
        return _fail(f"{graph_path}: not N-Quads: {' '.join(str(error).split())}")
    write_atomically(Path(args.out), export_commitments(dataset))
    print(args.out)
    return 0


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(
        prog="bestuursgraaf",
        description="A knowledge graph of Dutch inter-governmental relations and commitments.",
    )
    root.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = root.add_subparsers(dest="command", required=True)

    p = sub.add_parser("build", help="build the graph from a corpus of letters")
    p.add_argument("--corpus", default=str(BUNDLED_CORPUS), help="folder of .txt letters (+ .json sidecars)")
    p.add_argument("--out", help="where to write the graph (.nq); default: the data directory")
    p.add_argument("--base", help="base IRI of the resources (default: $BESTUURSGRAAF_BASE_IRI or w3id)")
    p.add_argument("--quiet", action="store_true", help="no progress lines")
    p.add_argument(
        "--jobs", type=int, help="worker processes extracting documents (default: all cores)"
    )
    p.add_argument(
        "--cache",
        help="folder keeping each document's facts by content hash (default: next to --out, <name>.cache)",
    )
    p.add_argument("--no-cache", action="store_true", help="extract every document again; keep no cache")
    p.set_defaults(run=cmd_build)

    p = sub.add_parser("fetch", help="fetch Kamerstukken (KOOP) and a dossier's motions (Tweede Kamer) into a corpus")
    p.add_argument("identifier", nargs="*", help="Kamerstuk identifiers such as kst-33047-27")
    p.add_argument("--corpus", required=True, help="the corpus folder to fetch into (made when missing)")
    p.add_argument("--dossier", help="every Kamerstuk of this dossier (33047, 36600-VII) and its motions")
    p.add_argument("--query", help="a CQL query for KOOP's SRU search, e.g. 'dt.title any \"wethouders\"'")
    p.add_argument(
        "--source", choices=["both", "koop", "tk"], default="both",
        help="for --dossier: KOOP's search, the Tweede Kamer's open data (motions), or both",
    )
    p.add_argument(
        "--toezeggingen", action="store_true",
        help="with --dossier: also the dossier's toezeggingen from the Tweede Kamer's register",
    )
    p.add_argument("--minister", help="the register's toezeggingen of this minister (by name, e.g. 'Bruins Slot')")
    p.add_argument("--quiet", action="store_true", help="no progress lines")
    p.set_defaults(run=cmd_fetch)

    p = sub.add_parser(
        "export-toezeggingen",
        help="write the letters' commitments in the shape of the Tweede Kamer's register of toezeggingen (XML)",
    )
    p.add_argument("--out", required=True, help="the XML file to write (valid against ontology/toezeggingen-export.xsd)")
    p.add_argument("--graph", help="the built graph (.nq); default: the data directory's")
    p.set_defaults(run=cmd_export_toezeggingen)

    p = sub.add_parser("load", help="load an N-Quads dump into the on-disk store (atomically)")
    p.add_argument("file", nargs="?", help="the N-Quads file to load (default: the built graph itself)")
    p.add_argument("--graph", help="the built graph (.nq) whose store to replace; default: the data directory")
    p.set_defaults(run=cmd_load)

    p = sub.add_parser("validate", help="check the built graph against the SHACL shapes")
    p.add_argument("--graph", help="the built graph (.nq); default: the data directory")
    p.add_argument("--jobs", type=int, help="worker processes validating units (default: all cores)")
    p.add_argument("--quiet", action="store_true", help="no progress on stderr")
    p.set_defaults(run=cmd_validate)

    p = sub.add_parser(
        "query",
        help="run a named query",
        epilog=_queries_epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("name", help="the query's name (see `bestuursgraaf queries`)")
    p.add_argument("--param", action="append", default=[], metavar="NAME=VALUE")
    p.add_argument("--format", choices=PRINTED_ROWS.names(), default=PRINTED_ROWS.default.name)
    p.add_argument("--graph", help="the built graph (.nq); default: the data directory")
    p.add_argument("--endpoint", help="a SPARQL endpoint to ask instead (or $BESTUURSGRAAF_ENDPOINT)")
    p.set_defaults(run=cmd_query)

    p = sub.add_parser("queries", help="list the named queries")
    p.set_defaults(run=cmd_queries)

    p = sub.add_parser("serve", help="serve the API (builds the bundled corpus first if needed)")
    p.add_argument("--graph", help="the built graph (.nq); default: the data directory")
    p.add_argument("--endpoint", help="a SPARQL endpoint to serve from instead of the embedded store")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    # more threads than the long queries may hold (BESTUURSGRAAF_LONG_QUERY_WORKERS + _QUEUE),
    # so that cheap requests find one while expensive queries run
    p.add_argument("--threads", type=int, default=8)
    p.set_defaults(run=cmd_serve)

    p = sub.add_parser("export", help="export the built graph with its DCAT/VoID description")
    p.add_argument("--format", choices=DUMPS.names(), default=DUMPS.default.name)
    p.add_argument("--graph", help="the built graph (.nq); default: the data directory")
    p.add_argument("--out", help="file to write (default: standard output)")
    p.add_argument("--base", help="base IRI of the resources (default: $BESTUURSGRAAF_BASE_IRI or w3id)")
    p.set_defaults(run=cmd_export)

    p = sub.add_parser("diff", help="what changed between two built graphs, per named graph")
    p.add_argument("old", help="the older built graph (.nq)")
    p.add_argument("new", help="the newer built graph (.nq)")
    p.add_argument("--summary-only", action="store_true", help="only the +N -M line per graph")
    p.set_defaults(run=cmd_diff)

    p = sub.add_parser("diwoo", help="write a DiWoo metadata record (<doc_id>.diwoo.xml) per source document")
    p.add_argument("--graph", help="the built graph (.nq); default: the data directory")
    p.add_argument("--out", default="diwoo", help="folder to write the records to (default: ./diwoo)")
    p.set_defaults(run=cmd_diwoo)
    return root


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    settings = Settings()
    from bestuursgraaf.graph.build import BuildError
    from bestuursgraaf.graph.queries import ParameterError, QueryNotFound
    from bestuursgraaf.graph.read import DocumentError
    from bestuursgraaf.graph.store import StoreError

    try:
        return args.run(args, settings)
    except (BuildError, DocumentError, StoreError, QueryNotFound, ParameterError) as error:
        return _fail(str(error))
    except (FileNotFoundError, ValueError) as error:
        return _fail(str(error))
    except KeyboardInterrupt:
        return _fail("interrupted; the previous graph is unchanged", 130)


if __name__ == "__main__":
    sys.exit(main())
