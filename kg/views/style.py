"""How the views draw nodes and edges: colour, vis-network shape and legend name per node type
(entity classes here, event kinds from the table of :mod:`kg.kinds`), colour per relation.
"""
from __future__ import annotations

from .. import kinds

__all__ = ["node_styles", "OTHER_STYLE", "EDGE_COLORS"]

#: colour, vis-network shape and legend name of the entity types (before the event kinds in legends)
_ENTITY_STYLES = {
    "Leader": ("#d62728", "star", "Leader"),
    "Person": ("#f4a582", "dot", "Person"),
    "Country": ("#1f77b4", "square", "Country"),
    "Organization": ("#9467bd", "hexagon", "Organization"),
    "City": ("#2ca02c", "triangle", "City"),
    "Place": ("#98df8a", "triangleDown", "Place"),
}
_QUANTITY_STYLE = ("#555555", "text", "Figure")
#: a node of a type no table knows
OTHER_STYLE = ("#aaaaaa", "dot")

#: edge colour per relation
EDGE_COLORS = {
    "metWith": "#d62728", "participant": "#9a9a9a", "heldIn": "#2ca02c", "leaderOf": "#b2182b",
    "memberOf": "#9467bd", "locatedIn": "#74c476", "partOf": "#74c476", "organizer": "#e377c2",
    "concerns": "#bbbbbb", "sharedEvents": "#1f77b4",
}


def node_styles() -> dict[str, tuple[str, str, str]]:
    """Node type -> (colour, vis-network shape, legend name), in legend order: entity types, the
    event kinds of :mod:`kg.kinds` (read now, so a kind registered later is drawn too), figures."""
    out = dict(_ENTITY_STYLES)
    out.update({k.name: (k.color, k.shape, k.title) for k in kinds.KINDS.values()})
    out["Quantity"] = _QUANTITY_STYLE
    return out
