"""Run the per-document stages (parse -> mentions -> events), locally or on a Dask cluster.

Work is cut into batches of documents. Each batch is processed by one worker, which loads the
spaCy pipeline and the actor resolver once per process. Results come back in input order, with at
most a few batches in flight, so memory does not grow with corpus size. Actor identities are made
consistent across documents in the calling process (``ActorRegistry``), which keeps workers
independent and results identical whatever the number of workers or the engine.

Local workers are forked from a parent that has already loaded the model and the knowledge base
(as spaCy's own ``nlp.pipe(n_process=...)`` forks), so they start at once and share that memory
copy-on-write. Forking is only done while no other Python thread runs; otherwise, and on
platforms without fork, workers are spawned fresh (setting ``start_method``).
"""

from __future__ import annotations

import contextlib
import functools
import gc
import itertools
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from typing import TYPE_CHECKING, Any

from faultlines.config import SETTINGS, RunOptions, get_setting
from faultlines.errors import ConfigError
from faultlines.types import ActorRef, Document, DocumentResult, Event, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from faultlines.actors import ActorRegistry, ActorResolver
    from faultlines.coding.document import DocumentCoder
    from faultlines.nlp.view import ParseView

__all__ = ["ENGINES", "START_METHODS", "process", "process_batch", "batched",
           "canonicalize_result", "resolve_workers", "start_method", "worker_pool"]

ENGINES = SETTINGS["engine"].choices
#: Seconds to wait for a Dask scheduler named with ``--scheduler`` to answer.
DASK_CONNECT_SECONDS = 10
START_METHODS = SETTINGS["start_method"].choices


def resolve_workers(workers: int | None) -> int:
    """The number of worker processes: 0 means one per core; None means the ``workers`` setting.

    >>> resolve_workers(3)
    3
    """
    return get_setting("workers", workers) or (os.cpu_count() or 1)


def batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Cut an iterable into lists of ``size`` (the last may be shorter)."""
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


@functools.lru_cache(maxsize=2)
def _resolver(kb_dir: str | None) -> ActorResolver:
    from faultlines.actors import ActorResolver

    return ActorResolver.default(kb_dir=kb_dir)


def start_method(requested: str | None = None) -> str:
    """The multiprocessing start method for local workers: ``fork`` or ``spawn``.

    ``auto`` forks where the platform can and no other Python thread is running (a thread that
    holds a lock while the process forks would leave that lock held forever in the child).
    """
    value = get_setting("start_method", requested)
    can_fork = "fork" in multiprocessing.get_all_start_methods()
    if value == "fork" and not can_fork:
        raise ConfigError("this platform cannot fork worker processes; use start method spawn")
    if value == "auto":
        return "fork" if can_fork and threading.active_count() == 1 else "spawn"
    return value


def _preload(model: str | None, kb_dir: str | None, skip_non_english: bool,
             coder: str) -> None:
    """Load what every batch needs (a worker initializer; a no-op where already loaded)."""
    from faultlines.nlp import load_pipeline

    load_pipeline(model)
    _resolver(kb_dir)
    from faultlines.places import load_gazetteer

    load_gazetteer()
    _preload_coder(coder)
    if skip_non_english:
        from faultlines.ingest.language import _identifier

        _identifier()


def _start_worker(parent: int, model: str | None, kb_dir: str | None,
                  skip_non_english: bool, coder: str) -> None:
    """Worker initializer: leave with the parent, then load what batches need."""
    def exit_with_parent() -> None:
        # A parent killed outright (SIGKILL, OOM killer) cannot stop its pool; without this
        # the workers would wait for work forever, each holding a loaded model.
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=exit_with_parent, name="faultlines-parent-watch", daemon=True).start()
    # Ctrl-C reaches the whole process group; the parent alone decides how to stop (it keeps
    # the committed batches and says so), so workers neither die mid-batch nor print tracebacks.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _preload(model, kb_dir, skip_non_english, coder)
    # What is loaded now lives as long as the worker: the collector need not re-scan it.
    gc.freeze()


def _ready() -> int:
    return os.getpid()


@contextlib.contextmanager
def worker_pool(options: RunOptions | None = None, *, skip_non_english: bool = True
                ) -> Iterator[Executor | None]:
    """Start the local worker processes (None when one worker: batches run in this process).

    ``options`` gives the model, knowledge base, workers and start method (default: resolved
    from the environment). Start the pool before opening a store or starting threads: forked
    workers then inherit nothing but the loaded model and knowledge base.
    """
    options = options or RunOptions.resolve()
    n_workers = resolve_workers(options.workers)
    if n_workers == 1:
        yield None
        return
    chosen = start_method(options.start_method)
    preload = (options.model, options.kb_dir, skip_non_english, options.coder)
    if chosen == "fork":
        _preload(*preload)  # loaded once here, shared by every forked worker
    with ProcessPoolExecutor(max_workers=n_workers, mp_context=multiprocessing.get_context(chosen),
                             initializer=_start_worker, initargs=(os.getpid(), *preload)) as pool:
        if chosen == "fork":
            # Fork every worker now, while this process is still single-threaded (the pool
            # forks them all at its first task, before its own management thread starts).
            pool.submit(_ready).result()
        yield pool


#: Languages coded as English: undetermined (None), English, and Nigerian Pidgin, an English-
#: lexified creole that the language model also gives to short English news sentences.
ENGLISH_LIKE: frozenset[str | None] = frozenset({None, "en", "pcm"})


def _is_english(text: str) -> bool:
    """Whether the document is coded under ``--lang en``.

    >>> _is_english("Gunmen killed 12 villagers in Zamfara state on Sunday, police said.")
    True
    >>> _is_english("Die Regierung hat den Vorschlag der Opposition am Montag abgelehnt.")
    False
    """
    from faultlines.ingest import detect_language

    return detect_language(text) in ENGLISH_LIKE


# -- the coder (rules, or rules combined with the learned model; see coding/learned) --------

def _preload_coder(coder: str) -> None:
    """Load the learned model when the coder needs it (forked workers then share it)."""
    if coder != "rules":
        from faultlines.coding.learned import default_model

        default_model()


def _code(doc: Doc, document: Document, mentions: tuple[Mention, ...], view: ParseView,
          coder: str, state: DocumentCoder | None = None) -> tuple[Event, ...]:
    """The events of one parsed document with the chosen coder (setting ``coder``).

    ``state`` is the document's :class:`~faultlines.coding.document.DocumentCoder` when the
    caller shares it with the stance finder.
    """
    from faultlines.coding import code_events
    from faultlines.coding.learned import combine_events, model_events

    if coder == "model":
        return tuple(model_events(doc, document, mentions))
    events = code_events(doc, document, mentions, view=view, coder=state)
    if coder == "rules":
        return tuple(events)
    return tuple(combine_events(doc, document, mentions, events, view=view))


def process_batch(
    documents: Sequence[Document],
    options: RunOptions | None = None,
    skip_non_english: bool = True,
    locate: bool = True,
) -> list[DocumentResult]:
    """Parse, find actor mentions, code and locate events for a batch (one worker's job).

    ``options`` gives the model, knowledge base, ``max_sentence_chars``,
    ``parse_window_chars`` and the ``coder`` (default: resolved from the environment).
    """
    from faultlines.coding import assess_stance
    from faultlines.coding.document import DocumentCoder
    from faultlines.coding.lexicon import default_lexicon
    from faultlines.coding.plover import apply_plover
    from faultlines.nlp import load_pipeline, parse_documents
    from faultlines.nlp.view import ParseView
    from faultlines.places import locate_events

    options = options or RunOptions.resolve()
    nlp = load_pipeline(options.model)
    resolver = _resolver(options.kb_dir)
    results: list[DocumentResult] = []
    to_parse: list[Document] = []
    skipped: dict[str, DocumentResult] = {}
    for document in documents:
        if skip_non_english and not _is_english(document.text):
            skipped[document.hash] = DocumentResult(document, (), (), 0, "not English")
        else:
            to_parse.append(document)
    parsed = {
        document.hash: (document, doc) for document, doc in
        parse_documents(nlp, to_parse, max_sentence_chars=options.max_sentence_chars,
                        window_chars=options.parse_window_chars)
    }
    for document in documents:
        if document.hash in skipped:
            results.append(skipped[document.hash])
            continue
        _, doc = parsed[document.hash]
        view = ParseView.of(doc)  # one read of the parse, shared by actors, coder and stance
        mentions = tuple(resolver.find_mentions(doc, document, view=view))
        # the coder's per-token answers (clause contexts, voices), reused by the stance finder
        state = DocumentCoder(view, document, mentions, default_lexicon())
        events = _code(doc, document, mentions, view, options.coder, state)
        # PLOVER's mode, contexts, aux_mode and scale, added after the coder (coding/plover.py)
        events = tuple(apply_plover(events, doc, document, view=view))
        if events and locate:
            events = locate_events(doc, document, events, view=view)
        stances = tuple(assess_stance(doc, document, mentions, events, view=view,
                                      coder=state))
        sentence_count = len(view.sentences)
        results.append(DocumentResult(document, mentions, events, sentence_count,
                                      stances=stances))
    return results


def canonicalize_result(result: DocumentResult, canonical: Callable[[ActorRef], ActorRef]
                        ) -> DocumentResult:
    """Replace every ActorRef in a result by its cross-document canonical form."""
    from faultlines.coding.records import evolve  # dataclasses.replace, without re-validating

    def ref(value: ActorRef | None) -> ActorRef | None:
        return canonical(value) if value is not None else None

    mentions = tuple(
        evolve(m, actor=canonical(m.actor)) for m in result.mentions
    )
    events = tuple(
        evolve(e, actor=canonical(e.actor), recipient=ref(e.recipient),
               attributed_to=ref(e.attributed_to))
        for e in result.events
    )
    stances = tuple(evolve(c, actor=canonical(c.actor)) for c in result.stances)
    return evolve(result, mentions=mentions, events=events, stances=stances)


def _ordered_local(batches: Iterator[list[Document]], worker: Callable[..., list[DocumentResult]],
                   pool: Executor | None, workers: int) -> Iterator[list[DocumentResult]]:
    if pool is None:
        for batch in batches:
            yield worker(batch)
        return
    pending: deque[Future[list[DocumentResult]]] = deque()
    for batch in batches:
        pending.append(pool.submit(worker, batch))
        if len(pending) >= 2 * workers:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def _ordered_dask(batches: Iterator[list[Document]], worker: Callable[..., list[DocumentResult]],
                  scheduler: str | None, workers: int) -> Iterator[list[DocumentResult]]:
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - depends on the optional extra
        raise ConfigError(
            "the dask engine needs dask.distributed: pip install 'faultlines[dask]'"
        ) from exc
    cluster = None
    if scheduler:
        try:
            client = Client(scheduler, timeout=DASK_CONNECT_SECONDS)
        except (OSError, ValueError, TypeError) as exc:  # TimeoutError is an OSError
            detail = (str(exc).splitlines() or ["no answer"])[0]
            raise ConfigError(
                f"cannot reach the Dask scheduler at --scheduler {scheduler!r} "
                f"({type(exc).__name__}: {detail}); give its address as tcp://HOST:8786, or "
                f"leave --scheduler out for a local cluster") from exc
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        in_flight = max(2, 2 * len(client.scheduler_info().get("workers", {})) or 2 * workers)
        pending: deque[Any] = deque()
        for batch in batches:
            # pure=False: every batch is its own task; the store dedups by content hash anyway.
            pending.append(client.submit(worker, batch, pure=False))
            if len(pending) >= in_flight:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def process(
    documents: Iterable[Document],
    options: RunOptions | None = None,
    *,
    registry: ActorRegistry | None = None,
    skip_non_english: bool | None = None,
    pool: Executor | None = None,
) -> Iterator[DocumentResult]:
    """Process documents into :class:`DocumentResult` objects, in input order.

    Parameters
    ----------
    documents : iterable of Document
        Consumed lazily; at most ``2 * workers`` batches are held at once.
    options : RunOptions, optional
        The run's settings (default: resolved from the environment): ``model``, ``kb_dir``,
        ``workers`` (``0`` means one per core, ``1`` runs in this process), ``batch_size``, and
        ``engine`` (``"dask"`` submits batches to a dask.distributed cluster at ``scheduler``,
        a local cluster when ``scheduler`` is None).
    registry : ActorRegistry, optional
        Cross-document actor canonicaliser; a fresh one is made when omitted.
    pool : Executor, optional
        Local workers started earlier with :func:`worker_pool`; when omitted and ``workers`` is
        more than one, a pool is started here.

    Examples
    --------
    >>> from faultlines.types import Document
    >>> docs = [Document("d1", "Iraq and Iran signed an agreement.")]
    >>> [r.document.id for r in process(docs, RunOptions(workers=1))]  # doctest: +SKIP
    ['d1']
    """
    options = options or RunOptions.resolve()
    if skip_non_english is None:  # the lang setting decides unless the caller does
        skip_non_english = options.lang == "en"
    n_workers = resolve_workers(options.workers)
    worker = functools.partial(process_batch, options=options, skip_non_english=skip_non_english)
    if registry is None:
        from faultlines.actors import ActorRegistry

        registry = ActorRegistry(_resolver(options.kb_dir))
    batches = batched(documents, options.batch_size)
    stream: Iterator[list[DocumentResult]]
    with contextlib.ExitStack() as stack:
        if options.engine == "dask":
            stream = _ordered_dask(batches, worker, options.scheduler, n_workers)
        else:
            if pool is None and n_workers > 1:
                pool = stack.enter_context(worker_pool(
                    options.replace(workers=n_workers), skip_non_english=skip_non_english))
            stream = _ordered_local(batches, worker, pool, n_workers)
        for number, results in enumerate(stream):
            if number == 0:
                # The first batch has loaded the models (spaCy's pipeline, the knowledge base,
                # the gazetteer): over a hundred thousand long-lived objects that every full
                # collection would otherwise walk again. Frozen for this run, not collected.
                gc.freeze()
                stack.callback(gc.unfreeze)
            for result in results:
                yield canonicalize_result(result, registry.canonical)


def events_of(results: Iterable[DocumentResult]) -> Iterator[Event]:
    """Flatten results to their events."""
    for result in results:
        yield from result.events


def mentions_of(results: Iterable[DocumentResult]) -> Iterator[Mention]:
    """Flatten results to their mentions."""
    for result in results:
        yield from result.mentions
