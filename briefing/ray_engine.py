"""The pipeline on a Ray cluster: ``briefing build ... --engine ray [--address auto|HOST:PORT]``.

The per-article stages run as Ray Data stages; everything that needs all the articles at once
runs on the driver, exactly as in the local engine::

    driver:  plan the inputs (check paths, read standard input)
    Ray:     ingest   map_batches over the inputs: read and parse each file or URL
    driver:  make article ids unique, in input order (as the local engine does)
    Ray:     prepare  map_batches on an actor pool: clean → split → summarise → extract;
                      each actor builds its pipeline (summariser, spaCy, a language model)
                      once and keeps it for every batch it is given
    driver:  group → rank → assemble, exactly as :meth:`Pipeline.finish` does locally

Records cross process boundaries pickled (the frozen records of :mod:`briefing.models` all
pickle), each tagged with its position so the driver can put the results back in input order
whatever order the workers finish in. That is why the same input gives the same briefing on
both engines.

Failures: Ray restarts a worker that dies and retries its batch. A batch that fails every
retry is dropped rather than failing the run (``max_errored_blocks``); its articles are then
tried again one per task, and the few still missing once more on the driver, each in a
worker process of its own, so one poisonous article cannot take its neighbours down with it;
an article that still fails goes to ``skipped`` as it would locally.

Ray is an optional extra (``pip install 'newsbriefing[ray]'``) and is imported only here.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, BinaryIO

from briefing.errors import BriefingError, UsageError
from briefing.models import Article, Skipped

# The reason an article that brings down its worker every time is skipped: the same as with
# local worker processes.
from briefing.parallel import CRASHED

if TYPE_CHECKING:
    from briefing.cache import Prepared
    from briefing.models import Briefing
    from briefing.pipeline import BuildOptions

__all__ = ["CRASHED", "RayOptions", "run_on_ray"]

# At most this many articles that Ray failed to prepare twice are tried once more on the
# driver; beyond that the failures are not one poisonous article's collateral damage (a
# cluster out of memory, say), and preparing them one by one on the driver would take long.
ISOLATE = 8


@dataclass(frozen=True)
class RayOptions:
    """Where and how wide to run.

    :param address: ``None`` starts a private local Ray instance; ``"auto"`` joins the
        cluster this machine belongs to; ``"HOST:PORT"`` (or ``"ray://HOST:PORT"``) joins
        that one.
    :param num_cpus: CPUs for a private local instance (default: all of them).
    :param actors: size of the actor pool for the prepare stage (default: one per CPU the
        cluster has, or per GPU for a summariser that runs a model on a GPU).
    :param batch_size: articles per task handed to an actor (a summariser that batches, a
        model, always gets the batches of :data:`briefing.parallel.BATCH` the local engine
        gives it, so that both engines make the same text).
    :param retries: how many times a failed batch is retried before it is dropped and its
        articles tried one by one.
    """

    address: str | None = None
    num_cpus: int | None = None
    actors: int | None = None
    batch_size: int = 16
    retries: int = 3


def run_on_ray(
    inputs: Sequence[str],
    options: BuildOptions | None = None,
    ray_options: RayOptions | None = None,
    *,
    stdin: BinaryIO | None = None,
) -> Briefing:
    """Build a briefing from ``inputs`` with the per-article stages on Ray.

    The result is the briefing :func:`briefing.pipeline.build_briefing` makes from the same
    inputs and options.
    """
    from briefing.pipeline import BuildOptions, Pipeline

    options = options or BuildOptions()
    ray_options = ray_options or RayOptions()
    # The driver's pipeline checks the options first (a bad --since stops the run before
    # Ray starts), then groups, ranks and assembles. For a model summariser it loads the
    # model here too: several write-ups of one event are summarised together on the driver.
    pipeline = Pipeline(options)
    units = _plan_units(inputs, options, stdin)
    ray, started = _start(ray_options)
    try:
        items = _unique_ids(_ingest_stage(ray, units, options, ray_options))
        since = pipeline.since_filter()
        if since is not None:
            items = list(since(items))
        from briefing.parallel import batches

        results = _prepare_stage(ray, items, options, ray_options, batches=batches(pipeline))
    finally:
        if started and ray_options.address is None:
            ray.shutdown()
    prepared = [r for r in results if not isinstance(r, Skipped)]
    skipped = [r for r in results if isinstance(r, Skipped)]
    return pipeline.finish(prepared, skipped, older=since.older if since is not None else 0)


# ------------------------------------------------------------------------------------------
# Starting Ray
# ------------------------------------------------------------------------------------------


def _start(ray_options: RayOptions) -> tuple[Any, bool]:
    """Ray, connected; and whether this call started it (and so should stop it)."""
    try:
        import ray
        import ray.data
    except ImportError:
        raise BriefingError(
            "--engine ray needs Ray; install it with: pip install 'newsbriefing[ray]'"
        ) from None
    if ray_options.num_cpus is not None and ray_options.num_cpus < 1:
        raise UsageError(f"--ray-cpus must be at least 1, got {ray_options.num_cpus}")
    kwargs: dict[str, Any] = {
        "include_dashboard": False,
        "log_to_driver": False,
        "ignore_reinit_error": True,
    }
    if ray_options.address is None:
        kwargs["num_cpus"] = ray_options.num_cpus
        # Workers must import this very package, also from a source checkout.
        kwargs["runtime_env"] = {"env_vars": {"PYTHONPATH": _package_root()}}
    else:
        kwargs["address"] = ray_options.address
    started = not ray.is_initialized()
    try:
        if started:  # a caller (a notebook, a test) may have connected already
            ray.init(**kwargs)
    except (ConnectionError, RuntimeError, ValueError) as exc:
        where = ray_options.address or "a local instance"
        raise BriefingError(
            f"could not start Ray on {where}: {exc}; check --address "
            "(use 'auto' on a cluster node, or HOST:PORT of the head node)"
        ) from None
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    context.verbose_stats_logs = False
    # A batch that fails every retry is dropped instead of failing the whole run; the
    # driver finds its articles missing and tries them one by one.
    context.max_errored_blocks = -1
    return ray, started


def _package_root() -> str:
    import briefing

    root = os.path.dirname(os.path.dirname(os.path.abspath(briefing.__file__)))
    existing = os.environ.get("PYTHONPATH")
    return root if not existing else f"{root}{os.pathsep}{existing}"


# ------------------------------------------------------------------------------------------
# Ingest
# ------------------------------------------------------------------------------------------


def _plan_units(
    inputs: Sequence[str], options: BuildOptions, stdin: BinaryIO | None
) -> list[tuple[str, bytes | None]]:
    """The inputs as units of reading work, checked before anything is read.

    A folder becomes its files; standard input is read here, on the driver, and travels as
    bytes; a file or URL travels as its name and is read by a worker."""
    from briefing.ingest import expand_inputs

    return expand_inputs(inputs, stdin=stdin, limits=options.limits)


def _ingest_stage(
    ray: Any,
    units: list[tuple[str, bytes | None]],
    options: BuildOptions,
    ray_options: RayOptions,
) -> list[Article | Skipped]:
    if not units:
        return []
    rows = [
        {"index": i, "unit": pickle.dumps(unit, protocol=pickle.HIGHEST_PROTOCOL)}
        for i, unit in enumerate(units)
    ]
    from briefing.pipeline import fetch_options

    fetch = fetch_options(options)
    settings = pickle.dumps((options.limits, fetch), protocol=pickle.HIGHEST_PROTOCOL)
    blocks = min(len(rows), 64)
    dataset = ray.data.from_items(rows, override_num_blocks=blocks)
    done = dataset.map_batches(
        _IngestBatch,
        fn_constructor_args=(settings,),
        compute=ray.data.ActorPoolStrategy(size=min(blocks, _actors(ray, ray_options, gpu=False))),
        batch_size=4,
        batch_format="numpy",
        max_restarts=-1,
        max_task_retries=ray_options.retries,
    ).take_all()
    found: dict[int, list[Article | Skipped]] = {}
    for row in done:
        found[int(row["index"])] = pickle.loads(row["items"])
    items: list[Article | Skipped] = []
    for i, (name, _) in enumerate(units):
        items.extend(found.get(i) or ([Skipped(name, CRASHED)] if i not in found else []))
    return items


class _IngestBatch:
    """A Ray Data stage: read and parse a batch of files or URLs."""

    def __init__(self, settings: bytes) -> None:
        self.limits, self.fetch = pickle.loads(settings)

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[Any]]:
        from briefing.ingest import read_unit

        out: list[bytes] = []
        for blob in batch["unit"]:
            unit = pickle.loads(blob)
            items = read_unit(unit, limits=self.limits, fetch=self.fetch)
            out.append(pickle.dumps(items, protocol=pickle.HIGHEST_PROTOCOL))
        return {"index": list(batch["index"]), "items": out}


def _unique_ids(items: list[Article | Skipped]) -> list[Article | Skipped]:
    from briefing.ingest import unique_ids

    return list(unique_ids(items))


# ------------------------------------------------------------------------------------------
# Prepare: clean → split → summarise → extract
# ------------------------------------------------------------------------------------------


def _prepare_stage(
    ray: Any,
    items: list[Article | Skipped],
    options: BuildOptions,
    ray_options: RayOptions,
    *,
    batches: bool,
) -> list[Prepared | Skipped]:
    from briefing.parallel import BATCH

    articles = [(i, item) for i, item in enumerate(items) if isinstance(item, Article)]
    results: dict[int, Prepared | Skipped] = {
        i: item for i, item in enumerate(items) if isinstance(item, Skipped)
    }
    blob = pickle.dumps(options, protocol=pickle.HIGHEST_PROTOCOL)
    gpu = _wants_gpu(ray, options)
    # A summariser that batches (a model) gets the consecutive batches of BATCH articles the
    # local engine gives it: batched generation is not always bit-identical to one article
    # at a time, so the batches must be the same on both engines.
    first = BATCH if batches else ray_options.batch_size
    # First pass in groups; then whatever a crash lost, one article per task.
    for group_size in (first, 1):
        todo = [(i, a) for i, a in articles if i not in results]
        if not todo:
            break
        results.update(_prepare_pass(ray, todo, blob, gpu, group_size, ray_options))
    # An article that kills its actor can take a neighbour down with it: the neighbour's task
    # went to the dying actor, and so did its retries. The few still missing are prepared on
    # the driver, each in a worker process of its own (as the local engine does), so only an
    # article that fails alone is skipped.
    todo = [(i, a) for i, a in articles if i not in results]
    if 0 < len(todo) <= ISOLATE:
        from briefing.parallel import one_by_one

        for (i, article), result in zip(
            todo, one_by_one(options, [a for _, a in todo]), strict=True
        ):
            results[i] = Skipped(article.input, result) if isinstance(result, str) else result
    for i, article in articles:
        if i not in results:
            results[i] = Skipped(article.input, CRASHED)
    return [results[i] for i in range(len(items))]


def _prepare_pass(
    ray: Any,
    todo: list[tuple[int, Article]],
    options_blob: bytes,
    gpu: bool,
    group_size: int,
    ray_options: RayOptions,
) -> dict[int, Prepared | Skipped]:
    # One row per group of consecutive articles, so Ray cannot split or merge a group.
    rows = [
        {"group": pickle.dumps(todo[g : g + group_size], protocol=pickle.HIGHEST_PROTOCOL)}
        for g in range(0, len(todo), group_size)
    ]
    blocks = min(len(rows), 256)
    dataset = ray.data.from_items(rows, override_num_blocks=blocks)
    done = dataset.map_batches(
        _PrepareBatch,
        fn_constructor_args=(options_blob,),
        compute=ray.data.ActorPoolStrategy(size=min(blocks, _actors(ray, ray_options, gpu=gpu))),
        batch_size=1,
        batch_format="numpy",
        num_gpus=1 if gpu else 0,
        max_restarts=-1,
        max_task_retries=ray_options.retries,
    ).take_all()
    return {int(row["index"]): pickle.loads(row["result"]) for row in done}


class _PrepareBatch:
    """A Ray Data stage on an actor pool: each actor builds one pipeline and keeps it."""

    def __init__(self, options_blob: bytes) -> None:
        from briefing.pipeline import Pipeline

        self.pipeline = Pipeline(pickle.loads(options_blob))

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[Any]]:
        from briefing.parallel import prepare_batch

        indices: list[int] = []
        out: list[bytes] = []
        for blob in batch["group"]:
            group: list[tuple[int, Article]] = pickle.loads(blob)
            articles = [a for _, a in group]
            # A summariser that batches (a model) gets the whole group in one call.
            for (i, article), result in zip(
                group, prepare_batch(self.pipeline, articles), strict=True
            ):
                if isinstance(result, str):  # the reason the article cannot be used
                    result = Skipped(article.input, result)
                indices.append(i)
                out.append(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
        return {"index": indices, "result": out}


def _actors(ray: Any, ray_options: RayOptions, *, gpu: bool) -> int:
    if ray_options.actors is not None:
        if ray_options.actors < 1:
            raise UsageError(f"--ray-actors must be at least 1, got {ray_options.actors}")
        return ray_options.actors
    resources = ray.cluster_resources()
    count = resources.get("GPU" if gpu else "CPU", 1)
    return max(1, int(count))


def _wants_gpu(ray: Any, options: BuildOptions) -> bool:
    """A model summariser asks for a GPU per actor when the cluster has GPUs."""
    from briefing.pipeline import model_options

    name = options.summarizer
    if not name or not model_options(name, options.model, options.guard):
        return False
    return bool(ray.cluster_resources().get("GPU", 0))
