"""--scheduler: extraction on a Dask cluster (a small LocalCluster) gives the local build's exports."""
from __future__ import annotations

import pytest

distributed = pytest.importorskip("distributed", reason="dask.distributed is in the [scale] and [test] extras")

NAMES = ("07_ru_tokayev_mirziyoyev_astana.txt", "08_en_tokayev_mirziyoyev_astana.txt",
         "10_ru_tokayev_mirziyoyev_tashkent.txt", "11_en_tokayev_mirziyoyev_tashkent.txt")


def test_dask_local_cluster_identical_exports(tmp_path, data_dir):
    import kg
    from kg.pipeline import build as build_parallel

    paths = [data_dir / "corpus12" / n for n in NAMES]
    local = kg.build(paths)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  host="127.0.0.1") as cluster:
        remote = build_parallel(paths, scheduler=cluster.scheduler_address, progress=False)
    assert len(remote.records.articles) == 4
    local.write(tmp_path / "local")
    remote.write(tmp_path / "dask")
    for name in ("graph.nt", "graph.trig", "graph.ttl", "graph.jsonld", "graph.graphml", "void.ttl"):
        assert (tmp_path / "dask" / name).read_bytes() == (tmp_path / "local" / name).read_bytes(), name
