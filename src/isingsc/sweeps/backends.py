"""Where a sweep's chunks are computed: in this process, a local process pool, or dask.

:func:`chunk_results` runs the pending chunks of a :class:`~isingsc.sweeps.spec.SweepPlan`
on one backend and yields each finished chunk as it completes:

* in this process (``workers=1``, or a sweep too short to be worth a pool);
* a local pool of :func:`~isingsc.numerics.parallel.default_workers` processes
  (``spawn``), each limited to one BLAS/OpenMP thread and ``ISINGSC_WORKERS=1``, so
  that the threads *inside* an observable (FFTs, pumping blocks) do not oversubscribe
  the cores the pool already fills;
* a dask.distributed cluster (``scheduler=``). There the inner threads follow each
  worker's own ``ISINGSC_WORKERS``: set it to 1 in the workers' environment when their
  threads already fill the cores.

Every backend computes a chunk with :func:`compute_chunk` from the plain data of
:meth:`SweepPlan.task <isingsc.sweeps.spec.SweepPlan.task>`.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ..core.errors import ParameterError
from ..numerics.parallel import WORKERS_ENV, default_workers
from .registry import QUANTITIES
from .spec import SweepPlan

__all__ = [
    "PARENT_POLL",
    "POOL_THRESHOLD",
    "Results",
    "chunk_results",
    "compute_chunk",
    "init_worker",
]

#: With ``workers=None``, a process pool is started only for sweeps whose remaining
#: chunks would take longer than this (seconds) in-process: starting the workers
#: (spawn, importing isingsc) costs about as much.
POOL_THRESHOLD = 2.0
#: Seconds between a worker process's checks that its parent is still alive.
PARENT_POLL = 1.0

#: Finished chunks: (chunk index, output name → values stacked over the chunk's points).
Results = Iterator[tuple[int, dict[str, NDArray[Any]]]]


def compute_chunk(
    quantity: str, common: Mapping[str, Any], points: Sequence[Mapping[str, float]]
) -> dict[str, NDArray[Any]]:
    """Evaluate a quantity at each point of a chunk.

    Parameters
    ----------
    quantity
        Key of :data:`~isingsc.sweeps.registry.QUANTITIES`.
    common
        Arguments shared by every point (fixed parameters, options, the spectral array).
    points
        The outer-grid parameters of each point.

    Returns
    -------
    dict
        Output name → the outputs of every point, stacked along a new first axis.
    """
    q = QUANTITIES[quantity]
    rows = [q.evaluate({**common, **point}) for point in points]
    return {o.name: np.stack([row[o.name] for row in rows]) for o in q.outputs}


def init_worker(parent: int) -> None:
    """Initializer of a sweep's worker processes.

    Sets one inner thread (``ISINGSC_WORKERS=1`` for the package's own thread pools,
    :func:`threadpoolctl.threadpool_limits` for BLAS/OpenMP), leaves Ctrl-C to the
    parent, and exits when the parent process ``parent`` dies (killed, it cannot stop
    the pool).
    """
    from threadpoolctl import threadpool_limits

    os.environ[WORKERS_ENV] = "1"
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threadpool_limits(limits=1)
    threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()


def _exit_with(parent: int) -> None:
    """Poll until the parent process is gone (this process is re-parented), then exit."""
    while os.getppid() == parent:
        time.sleep(PARENT_POLL)
    os._exit(1)


def _in_process(plan: SweepPlan, pending: Sequence[int]) -> Results:
    for k in pending:
        yield k, compute_chunk(*plan.task(k))


def _in_processes(plan: SweepPlan, pending: Sequence[int], workers: int) -> Results:
    # spawn: no fork of a process that may run threads (tqdm's monitor, dask, BLAS)
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=init_worker,
        initargs=(os.getpid(),),
    )
    try:
        futures = {pool.submit(compute_chunk, *plan.task(k)): k for k in pending}
        for future in as_completed(futures):
            try:
                result = future.result()
            except BrokenProcessPool as exc:
                raise RuntimeError(
                    "a sweep worker process died or could not start (a script that runs "
                    "a sweep with workers != 1 needs the 'if __name__ == \"__main__\":' "
                    "guard; workers=1 computes in this process)"
                ) from exc
            yield futures[future], result
    except BaseException:  # Ctrl-C, an error, or the consumer stopped
        pool.shutdown(wait=False, cancel_futures=True)
        # Chunks still running are lost anyway (their results are not saved): stop
        # them now instead of waiting (Python >= 3.14 has pool.terminate_workers()).
        for process in list((getattr(pool, "_processes", None) or {}).values()):
            process.terminate()
        raise
    pool.shutdown()


def _on_dask(plan: SweepPlan, pending: Sequence[int], scheduler: Any) -> Results:
    try:
        from distributed import Client
        from distributed import as_completed as dask_completed
    except ImportError:
        raise ParameterError(
            "scheduler",
            scheduler,
            "a dask cluster, with dask installed: pip install 'isingsc[dask]'",
        ) from None
    client = scheduler if isinstance(scheduler, Client) else Client(scheduler)
    futures: dict[Any, int] = {}
    try:
        futures = {client.submit(compute_chunk, *plan.task(k), pure=False): k for k in pending}
        for future in dask_completed(futures):
            yield futures[future], future.result()
    finally:
        unfinished = [f for f in futures if not f.done()]
        if unfinished:  # interrupted or failed: free the cluster
            client.cancel(unfinished)
        if client is not scheduler:
            client.close()


def chunk_results(
    plan: SweepPlan, pending: Sequence[int], *, workers: int | None, scheduler: Any
) -> Results:
    """Compute the chunks ``pending`` of ``plan``; yield ``(k, outputs)`` as each finishes.

    Parameters
    ----------
    plan
        The sweep.
    pending
        Indices of the chunks to compute.
    workers
        Local worker processes (:func:`~isingsc.numerics.parallel.default_workers`);
        1: in this process; None: the default number, but only if the first chunk,
        computed here, shows that the rest would take longer than
        :data:`POOL_THRESHOLD` seconds in this process.
    scheduler
        dask.distributed scheduler address or ``Client`` (then ``workers`` is
        ignored), or None for local computation.

    Yields
    ------
    tuple
        The chunk index and its outputs (:func:`compute_chunk`), in order of completion.
    """
    if scheduler is not None:
        yield from _on_dask(plan, pending, scheduler)
        return
    n = default_workers(workers)
    if workers is None and n > 1 and pending:
        start = time.perf_counter()
        yield pending[0], compute_chunk(*plan.task(pending[0]))
        pending = pending[1:]
        if (time.perf_counter() - start) * len(pending) < POOL_THRESHOLD:
            n = 1
    n = min(n, len(pending))
    yield from (_in_process(plan, pending) if n <= 1 else _in_processes(plan, pending, n))
