"""The offline HTML views of a graph: self-contained pages that load nothing from any host.

* :mod:`kg.views.subgraphs` -- which part of the graph a page shows (full, meetings, countries,
  the neighbourhood of a node, by type or date);
* :mod:`kg.views.network`   -- the network page (vis-network) and :func:`to_html`;
* :mod:`kg.views.overview`  -- the analyst's overview: network, timeline, map and events table,
  linked (``graph.html`` of any larger build), with the scripts and shapes in ``vendor/``;
* :mod:`kg.views.layout`    -- positions computed in Python for large graphs;
* :mod:`kg.views.style`     -- colours and shapes (event kinds from :mod:`kg.kinds`).
"""
from __future__ import annotations

from ..graph.formats import read_graphml as load_graph
from .layout import layout
from .network import PAGE_MAX_NODES, PHYSICS_MAX_NODES, render_html, to_html
from .style import EDGE_COLORS, node_styles
from .subgraphs import (
                        VIEWS,
                        bound_view,
                        countries_view,
                        ego_view,
                        filter_dates,
                        filter_types,
                        find_node,
                        full_view,
                        make_view,
                        meetings_view,
)

__all__ = ["to_html", "render_html", "make_view", "full_view", "meetings_view", "countries_view", "ego_view",
           "filter_types", "filter_dates", "find_node", "load_graph", "layout", "node_styles", "EDGE_COLORS",
           "VIEWS", "PHYSICS_MAX_NODES", "PAGE_MAX_NODES", "bound_view"]
