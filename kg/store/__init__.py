"""The persistent store: ``kg build --store DIR``.

Layout of ``DIR``::

    records.sqlite   one row per article: id (hash of the normalised text), source, the
                     extractor version and the Extraction as JSON (kg.model.to_json); the
                     digest of each named graph in the RDF store; the input files read before
                     (source, content hash, their articles); meta (corpus fingerprint, state
                     of the RDF store, exports written, their VoID figures); and the merge
                     index, tables ix_* (kg.merge.incremental)
    oxigraph/        pyoxigraph's on-disk store (RocksDB): one named graph per article
                     (graph IRI = the article IRI), as in the TriG export
    .views/          the page and GraphML a helper process makes during a build
    .lock            flock: one writer (a build) or many readers (query, serve)

Modules: :mod:`~kg.store.records` (the SQLite records and the lock), :mod:`~kg.store.rdfstore`
(the Oxigraph store), :mod:`~kg.store.exports` (spliced exports), :mod:`~kg.store.views` (the
helper process), :mod:`~kg.store.build` (:func:`build_store`, which runs the pipeline's
stages over them).
"""
from __future__ import annotations

from .build import StoreBuild, build_store, describe
from .records import (
           EXTRACTOR_VERSION,
           RecordStore,
           StoreError,
           is_store,
           open_rdf_store,
)

__all__ = ["build_store", "StoreBuild", "describe", "RecordStore", "StoreError", "is_store", "open_rdf_store",
           "EXTRACTOR_VERSION"]
