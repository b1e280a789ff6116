"""The interactive HTML view: pyvis builds the network, our template makes it
one self-contained page (vis-network inlined from the pyvis package, no CDN,
no request to any host), with a legend, search and evidence tooltips.

Tooltips are plain text (vis-network renders a string ``title`` as text, not
HTML), and every string that enters the page's script is JSON-encoded with
``<``, ``>`` and ``&`` escaped, so an article containing ``<script>`` cannot
run code in the page.
"""
from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

__all__ = ["to_html", "STYLE"]

#: colour and shape per node type, also the legend
STYLE = {
    "Leader": ("#d62728", "star", "Leader"),
    "Person": ("#ff9896", "dot", "Person"),
    "Country": ("#1f77b4", "square", "Country"),
    "Organization": ("#9467bd", "hexagon", "Organization"),
    "City": ("#2ca02c", "triangle", "City"),
    "Place": ("#98df8a", "triangleDown", "Place"),
    "Meeting": ("#ff7f0e", "diamond", "Meeting"),
    "Summit": ("#e377c2", "diamond", "Summit"),
    "Visit": ("#bcbd22", "diamond", "Visit"),
    "PhoneCall": ("#17becf", "diamond", "Phone call"),
    "AgreementSigning": ("#8c564b", "diamond", "Agreement signing"),
    "Statement": ("#c7c7c7", "box", "Statement"),
    "Quantity": ("#7f7f7f", "ellipse", "Figure"),
}
_FLAGS_OFFSET = 0x1F1E6 - ord("A")


def _flag(iso2: str) -> str:
    if len(iso2) != 2 or not iso2.isalpha():
        return ""
    return "".join(chr(ord(c) + _FLAGS_OFFSET) for c in iso2.upper())


def _tooltip(G: nx.MultiDiGraph, data: dict, title: str) -> str:
    arts = G.graph.get("articles", {})
    lines = [title]
    for key in ("status", "start_date", "end_date", "wikidata", "cameo", "plover", "role"):
        if data.get(key):
            lines.append(f"{key.replace('_', ' ')}: {data[key]}")
    if data.get("topics"):
        lines.append("topics: " + ", ".join(data["topics"]))
    if data.get("quote"):
        lines.append("«" + data["quote"][:300] + "»")
    seen = set()
    for ev in data.get("evidence", [])[:4]:
        if (ev["article"], ev["sentence"]) in seen:
            continue
        seen.add((ev["article"], ev["sentence"]))
        a = arts.get(ev["article"], {})
        lines.append("")
        lines.append(f"“{ev['sentence'][:400]}”")
        lines.append(f"— {a.get('title') or ev['article']} ({a.get('date') or 'undated'}) {a.get('url') or a.get('source', '')}")
        lines.append(f"  rule: {ev['rule']}")
    more = len(data.get("evidence", [])) - 4
    if more > 0:
        lines.append(f"… and {more} more sources")
    return "\n".join(lines)


def _vis_js() -> str:
    import pyvis

    path = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2" / "vis-network.min.js"
    return path.read_text(encoding="utf-8")


def _script_json(value) -> str:
    """JSON safe to place inside a <script> element."""
    return (json.dumps(value, ensure_ascii=False, sort_keys=True)
            .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def to_html(G: nx.MultiDiGraph, title: str = "dipkg graph") -> str:
    """The whole page as a string (deterministic for the same graph)."""
    from pyvis.network import Network

    net = Network(directed=True, height="100%", width="100%")
    degree = dict(G.degree())
    for n in sorted(G.nodes):
        d = G.nodes[n]
        typ = d.get("type", "")
        color, shape, _ = STYLE.get(typ, ("#aaaaaa", "dot", typ))
        label = d.get("label") or n
        if typ == "Country" and d.get("iso2"):
            label = f"{_flag(d['iso2'])} {label}"
        if d.get("category") == "event" and len(label) > 40:
            label = label[:38] + "…"
        net.add_node(n, label=label, title=_tooltip(G, d, d.get("label") or n), color=color, shape=shape,
                     size=10 + 3 * min(degree.get(n, 0), 10), group=typ)
    for u, v, k, d in sorted(G.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])):
        net.add_edge(u, v, label=d.get("label", k), title=_tooltip(G, d, f"{G.nodes[u].get('label')} — {d.get('label', k)} → {G.nodes[v].get('label')}"),
                     arrows="to", font={"size": 9})
    nodes, edges = net.nodes, net.edges
    options = {
        "physics": {"solver": "forceAtlas2Based", "stabilization": {"iterations": 300},
                    "forceAtlas2Based": {"gravitationalConstant": -80, "springLength": 120}},
        "interaction": {"hover": True, "tooltipDelay": 150, "navigationButtons": False},
        "edges": {"smooth": {"type": "dynamic"}, "color": {"inherit": False, "color": "#999999"}},
        "nodes": {"font": {"size": 14}},
    }
    legend = "".join(
        f'<span class="item"><span class="sw" style="background:{c}"></span>{name}</span>'
        for typ, (c, _, name) in STYLE.items() if any(G.nodes[n].get("type") == typ for n in G.nodes))
    return _TEMPLATE.format(
        title=_html_escape(title), legend=legend, vis=_vis_js(),
        nodes=_script_json(nodes), edges=_script_json(edges), options=_script_json(options),
        counts=f"{G.number_of_nodes()} nodes, {G.number_of_edges()} edges")


def _html_escape(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&#39;"))


_TEMPLATE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<title>{title}</title>
<style>
html,body{{margin:0;height:100%;font-family:sans-serif}}
#bar{{position:absolute;top:0;left:0;right:0;padding:6px 10px;background:#f7f7f7;border-bottom:1px solid #ddd;font-size:13px;z-index:2}}
#bar .item{{margin-right:12px;white-space:nowrap}}
#bar .sw{{display:inline-block;width:11px;height:11px;margin-right:4px;border-radius:2px;vertical-align:middle}}
#graph{{position:absolute;top:58px;left:0;right:0;bottom:0}}
div.vis-tooltip{{white-space:pre-wrap;max-width:520px;font-size:12px}}
</style></head>
<body>
<div id="bar"><b>{title}</b> · <span id="counts">{counts}</span> ·
<input id="search" placeholder="find a node…" size="18"> <label><input type="checkbox" id="physics" checked> physics</label>
<div id="legend">{legend}</div></div>
<div id="graph"></div>
<script>{vis}</script>
<script>
var nodes = new vis.DataSet({nodes});
var edges = new vis.DataSet({edges});
var network = new vis.Network(document.getElementById("graph"), {{nodes: nodes, edges: edges}}, {options});
network.once("stabilizationIterationsDone", function () {{ network.setOptions({{physics: false}}); document.getElementById("physics").checked = false; }});
document.getElementById("physics").addEventListener("change", function (e) {{ network.setOptions({{physics: e.target.checked}}); }});
document.getElementById("search").addEventListener("change", function (e) {{
  var q = e.target.value.toLowerCase();
  var hit = nodes.get({{filter: function (n) {{ return String(n.label).toLowerCase().indexOf(q) >= 0; }}}});
  if (hit.length) {{ network.selectNodes([hit[0].id]); network.focus(hit[0].id, {{scale: 1.2, animation: true}}); }}
}});
</script>
</body></html>
"""
