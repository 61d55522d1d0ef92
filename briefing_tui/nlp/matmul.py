"""Matrix products for the spaCy models: numpy's BLAS, held to one thread, in place of thinc's blis.

Most of the time of a tok2vec layer (the role classifier's and the English pipeline's) goes on float32
products of a few thousand rows by 288 columns. On the project's 2-core AMD EPYC, thinc's bundled blis
does them at about 20 GFLOP/s and numpy's OpenBLAS, on one thread, at about 65. The results are the
same products summed in another order, so they differ from blis's in the last bits of a float32 (as
blis's own results differ from one CPU to another); benchmarks/README.md says what that changed in
the index. OpenBLAS would otherwise start a thread a core in each worker process and spin them, so the
swap is made only where threadpoolctl can hold it to one thread."""
from __future__ import annotations

from contextlib import contextmanager, nullcontext
from functools import lru_cache
from typing import Iterator


def use_numpy_matmul(nlp) -> bool:
    """Have every trained component of `nlp` (a spacy.Language) multiply with numpy's BLAS; False,
    blis kept, where threadpoolctl is not installed."""
    if _controller() is None:
        return False
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    for _, pipe in nlp.pipeline:
        model = getattr(pipe, "model", None)
        for node in model.walk() if hasattr(model, "walk") else ():
            if type(node.ops) is NumpyOps:  # a GPU's ops are left alone
                node.ops = ops
    return True


@contextmanager
def one_thread() -> Iterator[None]:
    """numpy's BLAS on one thread while the models run (each of the indexer's processes has a core)."""
    controller = _controller()
    with controller.limit(limits=1, user_api="blas") if controller is not None else nullcontext():
        yield


@lru_cache(maxsize=1)
def _controller():
    """threadpoolctl's view of the loaded BLAS libraries, made once (making it scans every loaded
    library, a few milliseconds), or None without threadpoolctl."""
    try:
        import numpy  # noqa: F401 - its BLAS must be loaded to be found
        from threadpoolctl import ThreadpoolController
    except ImportError:
        return None
    return ThreadpoolController()
