"""Analysis of the knowledge graph in Python: plain functions over the networkx graph.

Every function takes the :func:`kg.graph.to_networkx` graph first (``kg.build(...).networkx``
or a GraphML export read back with :func:`kg.graph.read_graphml`) and returns
plain Python values or networkx graphs; the two ``*_dataframe`` functions return
pandas DataFrames (``pip install 'dipkg[analysis]'``).

Who took part in an event: its ``participant`` edges. A country takes part
when it is a participant itself, when one of its leaders does (a ``leaderOf``
edge, within the edge's dates when it has them) or, for a visit, when the visit
is held in it. Only events whose ``status`` is ``happened`` count in the
projections and the meeting counts; planned, cancelled and denied ones appear
in timelines with their status.

:func:`example_graph` builds a small graph from hand-made records (no NLP), the
one every example below runs on. Modules: :mod:`~kg.analysis.events` (events, timelines,
bilateral records), :mod:`~kg.analysis.networks` (projections, centralities, communities),
:mod:`~kg.analysis.tables` (stats, DataFrames), :mod:`~kg.analysis.example`.

>>> import kg.analysis as ka
>>> G = ka.example_graph()
>>> ka.who_met_whom(G)[:2]
[('person/kassym-jomart-tokayev', 'person/vladimir-putin', 3), ('person/kassym-jomart-tokayev', 'person/shavkat-mirziyoyev', 2)]
"""
from __future__ import annotations

from .events import bilateral, event_countries, events, find_node, timeline
from .example import example_graph
from .networks import (
           centrality,
           communities,
           country_network,
           meeting_network,
           who_met_whom,
)
from .tables import events_dataframe, participants_dataframe, stats, stats_text

__all__ = ["example_graph", "find_node", "events", "event_countries", "meeting_network", "country_network",
           "who_met_whom", "timeline", "centrality", "communities", "bilateral", "stats", "stats_text",
           "events_dataframe", "participants_dataframe"]
