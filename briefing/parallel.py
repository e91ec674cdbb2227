"""The per-article part of a run: the cache, worker processes and the progress bar.

:func:`prepare_all` turns ingested articles into what assembling needs, article by article,
the same way whatever the settings: each article is looked up in the cache
(:mod:`briefing.cache`), the misses are prepared in this process or, with ``workers > 1``, in a
pool of worker processes (each builds its own :class:`~briefing.pipeline.Pipeline` once, so the
summariser and spaCy are loaded once per worker), and the results are taken back in input
order. The briefing is therefore the same with one worker or many, with or without the cache.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from briefing.errors import ArticleError
from briefing.models import Article, Skipped

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

    from briefing.cache import Prepared
    from briefing.models import Document
    from briefing.pipeline import BuildOptions, Pipeline

    # What preparing one article gave: its parts, the reason it cannot be used (an
    # ArticleError: worth caching), or a Skipped record for an internal error (not cached).
    Result = Prepared | str | Skipped

# Articles sent to a worker at once: enough to make the cost of sending them small next to
# preparing them (tens of milliseconds each), few enough to keep every worker busy to the end.
CHUNK = 4
# Chunks in flight per worker: bounds the memory held by queued articles and finished results.
WINDOW = 4

CRASHED = "internal error: the worker process preparing it stopped (out of memory?)"


def prepare_all(
    pipeline: Pipeline, items: Iterable[Article | Skipped]
) -> tuple[list[Prepared], list[Skipped]]:
    """Prepare every article (cache, then ``options.workers`` processes), in input order.

    Returns the prepared articles and the skipped ones (ingest's and those that failed), both
    in input order, exactly as preparing them one by one here would.
    """
    from briefing.cache import ArticleCache, article_key, settings_fingerprint, with_input

    options = pipeline.options
    items = list(items)
    articles = [(i, item) for i, item in enumerate(items) if isinstance(item, Article)]
    results: dict[int, Result] = {}
    cache = ArticleCache(options.cache_dir) if options.cache_dir is not None else None
    keys: dict[int, str] = {}
    with progress_bar(len(articles), options.progress) as advance:
        todo: list[tuple[int, Article]] = []
        if cache is not None:
            settings = settings_fingerprint(options, pipeline.summarizer_name)
            for i, article in articles:
                keys[i] = article_key(article, settings)
                found = cache.get(keys[i])
                if found is None:
                    todo.append((i, article))
                    continue
                results[i] = found if isinstance(found, str) else with_input(found, article)
                advance(1)
        else:
            todo = articles
        workers = min(options.workers, len(todo))
        # A summariser that batches gets the same consecutive batches of BATCH articles in
        # this process, in each worker and on Ray: batched generation is not always
        # bit-identical to one article at a time, so the batches must not depend on how
        # many workers there are.
        chunk = BATCH if batches(pipeline) else CHUNK
        done = (
            _in_workers(options, [a for _, a in todo], workers, chunk)
            if workers > 1
            else _here(pipeline, [a for _, a in todo])
        )
        for (i, _article), result in zip(todo, done, strict=True):
            results[i] = result
            if cache is not None and not isinstance(result, Skipped):
                cache.put(keys[i], result)
            advance(1)
    if cache is not None and cache.written:
        cache.prune()
    prepared: list[Prepared] = []
    skipped: list[Skipped] = []
    for i, item in enumerate(items):
        if isinstance(item, Skipped):
            skipped.append(item)
            continue
        result = results[i]
        if isinstance(result, Skipped):
            skipped.append(result)
        elif isinstance(result, str):
            skipped.append(Skipped(item.input, result))
        else:
            prepared.append(result)
    return prepared, skipped


# Articles whose model inputs go through one batched call of a summariser that batches
# (summarize_many: the abstractive and hybrid summarisers).
BATCH = 8


def batches(pipeline: Pipeline) -> bool:
    """Whether the pipeline's summariser batches many articles in one call (a model)."""
    return hasattr(pipeline.summarizer, "summarize_many")


def _here(pipeline: Pipeline, articles: list[Article]) -> Iterator[Result]:
    """Prepare in this process: in batches when the summariser batches, else one by one."""
    if not batches(pipeline):
        yield from (prepare_one(pipeline, a) for a in articles)
        return
    for start in range(0, len(articles), BATCH):
        yield from prepare_batch(pipeline, articles[start : start + BATCH])


def prepare_batch(pipeline: Pipeline, articles: Sequence[Article]) -> list[Result]:
    """Prepare several articles, their summaries made in one ``summarize_many`` call.

    Each article's outcome is the one :func:`prepare_one` gives it; if the batched call
    itself fails, the articles are summarised one by one so that one bad article cannot
    sink its batch.
    """
    many = getattr(pipeline.summarizer, "summarize_many", None)
    if many is None or len(articles) < 2:
        return [prepare_one(pipeline, a) for a in articles]
    results: list[Result | None] = [None] * len(articles)
    split: list[tuple[int, Document]] = []
    for i, article in enumerate(articles):
        try:
            split.append((i, pipeline.split(article)))
        except ArticleError as exc:
            results[i] = exc.reason
        except Exception as exc:
            results[i] = _internal(article, exc)
    try:
        summaries = many([d.texts for _, d in split], titles=[d.article.title for _, d in split])
    except Exception:
        for i, _ in split:
            results[i] = prepare_one(pipeline, articles[i])
    else:
        for (i, document), summary in zip(split, summaries, strict=True):
            try:
                results[i] = pipeline.complete(articles[i], document, summary)
            except ArticleError as exc:
                results[i] = exc.reason
            except Exception as exc:
                results[i] = _internal(articles[i], exc)
    return [r for r in results if r is not None]


def _internal(article: Article, exc: Exception) -> Skipped:
    return Skipped(article.input, f"internal error: {type(exc).__name__}: {exc}")


def prepare_one(pipeline: Pipeline, article: Article) -> Result:
    """Prepare one article, turning its failure into a reason (or a Skipped for a bug)."""
    try:
        return pipeline.prepare(article)
    except ArticleError as exc:
        return exc.reason
    except Exception as exc:
        return _internal(article, exc)


# --------------------------------------------------------------------------------------------
# Worker processes
# --------------------------------------------------------------------------------------------

_worker: Pipeline | None = None


def _start_worker(options: BuildOptions) -> None:
    """Build the worker's pipeline once; Ctrl-C is the parent's to handle."""
    import dataclasses
    import signal

    from briefing.pipeline import Pipeline

    global _worker
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker = Pipeline(dataclasses.replace(options, workers=1, cache_dir=None, progress=False))


def _prepare_chunk(articles: Sequence[Article]) -> list[Result]:
    assert _worker is not None, "the worker's initializer has not run"
    return prepare_batch(_worker, articles)


def start_method() -> str:
    """How worker processes start: never by a plain fork of a process that may hold threads
    (rich's refresh thread, BLAS pools) and loaded models; ``forkserver`` where there is one."""
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    return "forkserver" if "forkserver" in methods else "spawn"


def _pool(options: BuildOptions, workers: int) -> ProcessPoolExecutor:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context(start_method()),
        initializer=_start_worker,
        initargs=(options,),
    )


def _stop(pool: ProcessPoolExecutor) -> None:
    """Stop a pool now: queued work is dropped and busy workers are ended, not waited for."""
    # The executor has no public way to end busy workers; without this a Ctrl-C would wait
    # for every running chunk to finish. (shutdown forgets the processes, so look first.)
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        with contextlib.suppress(Exception):
            process.terminate()


def _in_workers(
    options: BuildOptions, articles: list[Article], workers: int, chunk: int = CHUNK
) -> Iterator[Result]:
    """Prepare articles in a pool of worker processes, yielding results in input order.

    A worker that dies (killed for memory, a crash in native code) breaks the whole pool; the
    unfinished articles are then retried one at a time so that only the one that kills a
    worker is skipped.
    """
    from concurrent.futures.process import BrokenProcessPool

    chunks = [articles[i : i + chunk] for i in range(0, len(articles), chunk)]
    position = 0
    while position < len(chunks):
        pool = _pool(options, workers)
        pending: deque[tuple[int, Future[list[Result]]]] = deque()
        submitted = position
        try:
            while submitted < len(chunks) and len(pending) < workers * WINDOW:
                pending.append((submitted, pool.submit(_prepare_chunk, chunks[submitted])))
                submitted += 1
            while pending:
                index, future = pending.popleft()
                results = future.result()
                if submitted < len(chunks):
                    pending.append((submitted, pool.submit(_prepare_chunk, chunks[submitted])))
                    submitted += 1
                position = index + 1
                yield from results
        except BrokenProcessPool:
            _stop(pool)
            unfinished = [a for chunk in chunks[position:submitted] for a in chunk]
            yield from one_by_one(options, unfinished)
            position = submitted
            continue
        except BaseException:
            # Ctrl-C, or the caller stopped early: end the workers rather than wait for them.
            _stop(pool)
            raise
        pool.shutdown(wait=True)


def one_by_one(options: BuildOptions, articles: list[Article]) -> Iterator[Result]:
    """Prepare articles one per task in a one-worker pool, restarting it when one kills it.

    Only an article that kills the worker by itself is skipped (:data:`CRASHED`)."""
    from concurrent.futures.process import BrokenProcessPool

    pool = _pool(options, 1)
    try:
        for article in articles:
            try:
                yield pool.submit(_prepare_chunk, [article]).result()[0]
            except BrokenProcessPool:
                _stop(pool)
                yield Skipped(article.input, CRASHED)
                pool = _pool(options, 1)
    finally:
        _stop(pool)


# --------------------------------------------------------------------------------------------
# Progress
# --------------------------------------------------------------------------------------------


def show_progress(requested: bool | None) -> bool:
    """Whether to draw a progress bar: as asked, else when standard error is a terminal."""
    if requested is not None:
        return requested
    # A dumb terminal cannot redraw a line in place.
    return sys.stderr.isatty() and os.environ.get("TERM") != "dumb"


@contextlib.contextmanager
def progress_bar(
    total: int, requested: bool | None, description: str = "articles"
) -> Iterator[Callable[[int], None]]:
    """A progress bar on standard error (done / total, rate, time left) while the block runs.

    Yields a function that advances it; it does nothing when there is no bar to draw.
    """
    if total == 0 or not show_progress(requested):
        yield lambda n: None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        Task,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    class RateColumn(ProgressColumn):
        def render(self, task: Task) -> Text:
            speed = task.finished_speed or task.speed
            return Text("" if speed is None else f"{speed:.1f}/s", style="progress.data.speed")

    # --progress asks for a bar even when standard error is not a terminal.
    console = Console(stderr=True, force_terminal=requested or None)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        RateColumn(),
        TimeElapsedColumn(),
        TextColumn("eta"),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task(description, total=total)
        yield lambda n: progress.advance(task, n)
