"""Records -> a networkx graph, and the graph's readers and writers.

* :mod:`kg.graph.convert` -- :func:`to_networkx` (the graph users analyse in Python);
* :mod:`kg.graph.formats` -- GraphML, GEXF (Gephi), node-link JSON (d3) and Neo4j CSV, each a
  ``write_x``/``read_x`` pair, deterministic; GraphML in :mod:`kg.graph.graphml`, Neo4j CSV
  in :mod:`kg.graph.neo4j`, the others and the dispatch in ``formats`` itself.
"""
from __future__ import annotations

from .convert import evidence_dicts, graphml_ready, to_networkx
from .formats import (FORMATS, read_gexf, read_graphml, read_neo4j, read_nodelink, write, write_gexf, write_graphml,
                      write_neo4j, write_nodelink)

__all__ = ["to_networkx", "evidence_dicts", "graphml_ready", "FORMATS", "write", "read_graphml", "write_graphml",
           "read_gexf", "write_gexf", "read_nodelink", "write_nodelink", "read_neo4j", "write_neo4j"]
