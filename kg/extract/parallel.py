"""Parallel extraction: articles -> extractions over local processes or a Dask cluster.

The output is the serial build's, exactly: articles are deduplicated and sorted as
:func:`kg.pipeline.build_articles` does, extraction errors map to the same
:class:`~kg.errors.InputError` lines, and extractions are merged in the same order.

* Local (``jobs`` > 1): a :class:`multiprocessing.Pool` whose initializer loads the
  models once per worker process (natasha, the knowledge base: they sit in
  ``functools`` caches); articles go out in chunks, each extraction comes back as
  the JSON of :func:`kg.model.to_json` (the same text the store keeps).
* Dask (``scheduler="tcp://host:8786"``, or a ``distributed.Client``): batches of
  articles are ``Client.map``-ed over the cluster; each worker process keeps its
  models in the same module-level caches, so they load once per worker.
  ``dask[distributed]`` is the optional extra ``[scale]``.

A progress bar (tqdm: articles done, rate, ETA, failures) goes to stderr when it is a
terminal, or always with ``progress=True``.
"""
from __future__ import annotations

import os
from typing import Callable, Iterable, Sequence

from ..errors import InputError, KGError
from ..ingest import make_article
from ..model import Article, Extraction, from_json, to_json
from ..progress import Progress
from . import extract

__all__ = ["default_jobs", "unique_articles", "extract_one", "extract_many", "warm_models", "one_blas_thread"]

#: what one extraction returns over the wire: ("ok", json) or ("error", InputError args)
Outcome = tuple


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def unique_articles(articles: Iterable[Article]) -> list[Article]:
    """Sorted by (id, source), one per id: the order and choice of the serial build."""
    seen: set[str] = set()
    out = []
    for a in sorted(articles, key=lambda a: (a.id, a.source)):
        if a.id not in seen:
            seen.add(a.id)
            out.append(a)
    return out


def extract_one(article: Article) -> Extraction | InputError:
    """One article's extraction, or the error the serial build would report for it."""
    try:
        return extract(article)
    except KGError as exc:
        return InputError(article.source, str(exc).split(": ", 1)[-1])
    except Exception as exc:  # an extractor bug must not cost the rest of the batch
        return InputError(article.source, f"extraction failed ({type(exc).__name__}: {exc})")


def _outcome(article: Article) -> Outcome:
    res = extract_one(article)
    if isinstance(res, InputError):
        return ("error", res.source, res.reason)
    return ("ok", to_json(res))


def _decode(outcome: Outcome) -> Extraction | InputError:
    if outcome[0] == "error":
        return InputError(outcome[1], outcome[2])
    return from_json(Extraction, outcome[1])


_WARM_TEXTS = {"ru": "Президент России встретился в Москве с председателем КНР.",
               "en": "The President of Russia met the Chinese leader in Moscow."}


def warm_models(langs: Iterable[str] = ("ru", "en")) -> None:
    """Load the models of these languages into this process's caches (a tiny extraction each)."""
    for lang in langs:
        try:
            extract_one(make_article(_WARM_TEXTS[lang], source="<warm-up>", lang=lang))
        except Exception:  # warming is an optimisation; a real article will report any problem
            pass


def one_blas_thread():
    """Limit numpy's BLAS (OpenBLAS under natasha's slovnet) to one thread in this process.

    Measured here on a loaded 2-core machine: natasha's taggers ran 18x slower with
    OpenBLAS's default threads (they spin when the cores are busy) than with one, and
    the processes of the pool are the parallelism anyway. Returns the limiter (keep it
    to undo it with ``restore_original_limits``), or None without threadpoolctl.
    """
    try:
        import numpy  # noqa: F401 - load OpenBLAS now, so that there is a pool to limit
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - declared dependencies
        return None
    return threadpool_limits(1)


def _init_worker(langs: tuple[str, ...]) -> None:
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = "1"  # this worker's own environment, read if numpy is not loaded yet
    one_blas_thread()  # one BLAS thread per process: the pool is the parallelism
    warm_models(langs)


def _extract_indexed(item: tuple[int, Article]) -> tuple[int, Outcome]:
    return item[0], _outcome(item[1])


def _extract_batch(batch: list[tuple[int, Article]]) -> list[tuple[int, Outcome]]:
    """A Dask task: a batch of articles (models stay cached in the worker process)."""
    global _DASK_LIMITED
    if not _DASK_LIMITED:  # once per worker process: its worker threads are the parallelism
        one_blas_thread()
        _DASK_LIMITED = True
    return [(i, _outcome(a)) for i, a in batch]


_DASK_LIMITED = False


def _chunksize(n: int, jobs: int) -> int:
    return max(1, min(16, n // (jobs * 8) or 1))


def extract_many(articles: Sequence[Article], jobs: int | None = None, progress: bool | None = None,
                 scheduler=None, on_result: Callable[[Article, Extraction | InputError], None] | None = None,
                 ) -> list[Extraction | InputError]:
    """Extract every article (in the order given); ``on_result`` sees each as it arrives.

    ``jobs``: local processes (default: all cores; 1 runs in this process).
    ``scheduler``: a Dask scheduler address or a ``distributed.Client`` (then ``jobs`` is ignored).
    """
    articles = list(articles)
    results: list[Extraction | InputError | None] = [None] * len(articles)
    bar = Progress(len(articles), progress)

    def done(i: int, res: Extraction | InputError) -> None:
        results[i] = res
        bar.update(1, failed=int(isinstance(res, InputError)))
        if on_result is not None:
            on_result(articles[i], res)

    try:
        if scheduler is not None:
            _run_dask(articles, scheduler, done)
        else:
            jobs = default_jobs() if not jobs or jobs < 1 else jobs
            jobs = min(jobs, len(articles))
            if jobs <= 1:
                limiter = one_blas_thread()
                try:
                    for i, a in enumerate(articles):
                        done(i, extract_one(a))
                finally:
                    if limiter is not None:
                        limiter.restore_original_limits()
            else:
                _run_pool(articles, jobs, done)
    finally:
        bar.close()
    return results  # type: ignore[return-value]


def _run_pool(articles: list[Article], jobs: int, done) -> None:
    import multiprocessing as mp

    langs = tuple(sorted({a.lang for a in articles if a.lang in _WARM_TEXTS}))
    method = "fork" if "fork" in mp.get_all_start_methods() else None
    ctx = mp.get_context(method)
    with ctx.Pool(jobs, initializer=_init_worker, initargs=(langs,)) as pool:
        for i, outcome in pool.imap_unordered(_extract_indexed, list(enumerate(articles)),
                                              chunksize=_chunksize(len(articles), jobs)):
            done(i, _decode(outcome))


def _run_dask(articles: list[Article], scheduler, done, batch_size: int | None = None) -> None:
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise KGError("--scheduler needs dask.distributed: pip install 'dipkg[scale]'") from None
    own = not isinstance(scheduler, Client)
    client = Client(scheduler) if own else scheduler
    try:
        workers = max(1, sum(client.nthreads().values()))
        size = batch_size or max(1, min(32, len(articles) // (workers * 4) or 1))
        items = list(enumerate(articles))
        batches = [items[k:k + size] for k in range(0, len(items), size)]
        futures = client.map(_extract_batch, batches, pure=False)
        for fut in as_completed(futures):
            for i, outcome in fut.result():
                done(i, _decode(outcome))
            fut.release()
    finally:
        if own:
            client.close()
