"""Node positions computed in Python (Fruchterman-Reingold with numpy), so that a large page
opens with physics off and is interactive within seconds.
"""
from __future__ import annotations

import math
from collections import defaultdict

import networkx as nx

__all__ = ["layout"]


def layout(G: nx.Graph, iterations: int = 80, seed: int = 7, edge_length: float = 110.0) -> dict:
    """Positions {node: (x, y)} in vis-network pixels, deterministic for the same graph.

    Force-directed (Fruchterman–Reingold) per connected component with numpy: exact
    repulsion for components up to 1,500 nodes, repulsion from a fixed-seed sample of 400
    nodes per step above that (O(n) per step instead of O(n²)); components are then packed
    in rows, largest first."""
    import numpy as np

    nodes = sorted(G.nodes)
    index = {n: i for i, n in enumerate(nodes)}
    adj = defaultdict(set)
    for u, v in G.edges():
        if u != v:
            adj[index[u]].add(index[v])
            adj[index[v]].add(index[u])
    H = nx.Graph()
    H.add_nodes_from(range(len(nodes)))
    H.add_edges_from((a, b) for a, bs in adj.items() for b in bs if a < b)
    comps = sorted((sorted(c) for c in nx.connected_components(H)), key=lambda c: (-len(c), c[0]))
    rng = np.random.default_rng(seed)
    placed = []
    singles = []
    for comp in comps:
        if len(comp) == 1:
            singles.append(comp[0])
            continue
        local = {g: i for i, g in enumerate(comp)}
        ei = np.array([local[a] for a in comp for b in sorted(adj[a]) if a < b], dtype=np.int64)
        ej = np.array([local[b] for a in comp for b in sorted(adj[a]) if a < b], dtype=np.int64)
        pos = _fruchterman_reingold(len(comp), ei, ej, iterations, rng)
        pos -= pos.min(axis=0)
        placed.append((comp, pos * edge_length))
    if singles:
        side = math.ceil(math.sqrt(len(singles)))
        pos = np.array([[(i % side) * edge_length * 0.6, (i // side) * edge_length * 0.6]
                        for i in range(len(singles))], dtype=float)
        placed.append((singles, pos))
    # shelf packing
    total = sum((p[:, 0].max() + edge_length) * (p[:, 1].max() + edge_length) for _, p in placed)
    row_width = max(math.sqrt(total) * 1.3, max(p[:, 0].max() + edge_length for _, p in placed))
    out = {}
    x = y = row_h = 0.0
    for comp, p in placed:
        w, h = p[:, 0].max() + edge_length, p[:, 1].max() + edge_length
        if x > 0 and x + w > row_width:
            x, y, row_h = 0.0, y + row_h, 0.0
        for g, (px, py) in zip(comp, p):
            out[nodes[g]] = (round(float(px + x)), round(float(py + y)))
        x += w
        row_h = max(row_h, h)
    cx = (max(v[0] for v in out.values()) + min(v[0] for v in out.values())) // 2
    cy = (max(v[1] for v in out.values()) + min(v[1] for v in out.values())) // 2
    return {n: (px - cx, py - cy) for n, (px, py) in out.items()}


def _fruchterman_reingold(n: int, ei, ej, iterations: int, rng):
    import numpy as np

    side = math.sqrt(n)
    pos = rng.uniform(0, side, size=(n, 2))
    temp = side / 8
    sample = 250
    for _ in range(iterations):
        x, y = pos[:, 0], pos[:, 1]
        fx, fy = np.zeros(n), np.zeros(n)
        if n <= 1500:
            for s in range(0, n, 500):
                dx = x[s:s + 500, None] - x[None, :]
                dy = y[s:s + 500, None] - y[None, :]
                inv = 1.0 / np.maximum(dx * dx + dy * dy, 1e-4)
                fx[s:s + 500] += (dx * inv).sum(1)
                fy[s:s + 500] += (dy * inv).sum(1)
        else:  # repulsion from a sample, scaled up: O(n) per step
            pick = rng.choice(n, size=sample, replace=False)
            dx = x[:, None] - x[None, pick]
            dy = y[:, None] - y[None, pick]
            inv = 1.0 / np.maximum(dx * dx + dy * dy, 1e-4)
            fx += (dx * inv).sum(1) * (n / sample)
            fy += (dy * inv).sum(1) * (n / sample)
        dx, dy = x[ei] - x[ej], y[ei] - y[ej]
        dist = np.sqrt(dx * dx + dy * dy)
        for f, d in ((fx, dx * dist), (fy, dy * dist)):
            f -= np.bincount(ei, d, minlength=n)
            f += np.bincount(ej, d, minlength=n)
        g = 0.02 * math.sqrt(n)  # mild gravity keeps a component compact
        fx -= g * (x - x.mean())
        fy -= g * (y - y.mean())
        length = np.maximum(np.sqrt(fx * fx + fy * fy), 1e-9)
        step = np.minimum(length, temp) / length
        pos[:, 0] += fx * step
        pos[:, 1] += fy * step
        temp = max(temp * 0.95, side / 200)
    return pos
