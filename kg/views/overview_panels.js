// dipkg overview, part 2: the network (vis-network), the timeline (vis-timeline) with its brush
// strip, and the map (d3-geo on a canvas, world-atlas shapes). Each panel registers filter()
// (the time range changed) and highlight() (the selection changed) with the app of part 1.
(function () {
"use strict";
var App = window.dipkg, D = App.D, S = App.S, E = App.E, N = App.N, el = App.el, inRange = App.inRange;
var PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2",
               "#bcbd22", "#393b79", "#637939", "#843c39"];
function hoverPos(p) { var r = document.getElementById("network").getBoundingClientRect(); return [r.left + p.x, r.top + p.y]; }

// ---------------------------------------------------------------- network
var net = (function () {
  var box = document.getElementById("network"), info = document.getElementById("net-info");
  var sets = {}, network = null, current = null, colorOf = {}, fitted = false;
  // persons are coloured by country: the countries with most persons in the network get a colour each
  var perCountry = {};
  D.persons.nodes.forEach(function (n) { var c = N[n[0]].c; if (c !== undefined) perCountry[c] = (perCountry[c] || 0) + 1; });
  Object.keys(perCountry).map(Number).sort(function (a, b) { return perCountry[b] - perCountry[a] || a - b; })
    .slice(0, PALETTE.length).forEach(function (c, j) { colorOf[c] = PALETTE[j]; });
  var legend = document.getElementById("net-legend");
  Object.keys(colorOf).map(Number).slice(0, 6).forEach(function (c) {
    var s = el("span"), sw = el("i", "", "sw"); sw.style.background = colorOf[c]; s.appendChild(sw);
    s.appendChild(document.createTextNode(N[c].k || N[c].l)); legend.appendChild(s);
  });
  function build(kind) {
    var src = D[kind], nodes = [], edges = [];
    src.nodes.forEach(function (n) {
      var x = N[n[0]], leader = x.t === "Leader", country = kind === "countries";
      var color = country ? "#1f77b4" : (x.c !== undefined && colorOf[x.c]) || "#bbbbbb";
      nodes.push({id: n[0], x: n[1], y: n[2], label: country && x.k ? x.l + " (" + x.k + ")" : x.l,
                  shape: country ? "square" : leader ? "star" : "dot", size: 8,
                  color: {background: color, border: "#333", highlight: {background: color, border: "#000"}}});
    });
    src.edges.forEach(function (e, j) { edges.push({id: j, from: e[0], to: e[1], color: {color: "#9aa", highlight: "#d00"}}); });
    return {nodes: new window.visNetwork.DataSet(nodes), edges: new window.visNetwork.DataSet(edges), src: src};
  }
  function weights() {
    var set = sets[current], ew = [], nw = {};
    set.src.edges.forEach(function (e, j) {
      var w = 0; for (var k = 0; k < e[2].length; k++) w += inRange[e[2][k]];
      ew.push(w); if (w) { nw[e[0]] = (nw[e[0]] || 0) + w; nw[e[1]] = (nw[e[1]] || 0) + w; }
    });
    return [ew, nw];
  }
  function filter() {
    // only what changed goes to vis-network (an update re-processes each item it names)
    if (!network) return;
    var set = sets[current], w = weights(), ev = [], nv = [], shownN = 0, shownE = 0, last = set.last || (set.last = {e: [], n: {}});
    set.src.edges.forEach(function (e, j) {
      var hidden = !w[0][j], width = hidden ? 0 : Math.round(2 * (1 + Math.min(6, Math.log2(1 + w[0][j]) * 1.5))) / 2;
      if (!hidden) shownE++;
      if (last.e[j] !== width) { last.e[j] = width; ev.push(hidden ? {id: j, hidden: true} : {id: j, hidden: false, width: width}); }
    });
    set.src.nodes.forEach(function (n) {
      var c = w[1][n[0]] || 0, size = c ? Math.round(6 + Math.min(22, 3 * Math.sqrt(c))) : 0;
      if (c) shownN++;
      if (last.n[n[0]] !== size) {
        last.n[n[0]] = size;
        nv.push(c ? {id: n[0], hidden: false, size: size} : {id: n[0], hidden: true});
      }
    });
    if (ev.length) set.edges.update(ev);
    if (nv.length) set.nodes.update(nv);
    info.textContent = shownN + " " + current + ", " + shownE + " pairs" +
      (set.src.total > set.src.nodes.length ? " (the " + set.src.nodes.length + " in most events of " + set.src.total + ")" : "") +
      (set.src.total_edges > set.src.edges.length ? " (the " + set.src.edges.length + " strongest pairs of " + set.src.total_edges + ")" : "");
  }
  function show(kind) {
    current = kind; S.net = kind;
    if (!sets[kind]) sets[kind] = build(kind);
    var opts = {physics: {enabled: false}, layout: {improvedLayout: false},
                interaction: {hover: true, tooltipDelay: 150, hideEdgesOnDrag: true, multiselect: false},
                nodes: {font: {size: 12, face: "DejaVu Sans, Arial, sans-serif", strokeWidth: 3, strokeColor: "#fff"},
                        scaling: {label: {drawThreshold: 4}}},
                edges: {smooth: false, selectionWidth: 2}};
    if (!network) {
      network = new window.visNetwork.Network(box, {nodes: sets[kind].nodes, edges: sets[kind].edges}, opts);
      network.on("click", function (p) {
        if (p.nodes.length) App.selectEntity(p.nodes[0], "network");
        else if (p.edges.length) {
          var e = sets[current].src.edges[p.edges[0]], evs = e[2].filter(function (i) { return inRange[i]; });
          if (evs.length) App.selectEvent(evs[evs.length - 1], "network");
        }
      });
      network.on("hoverNode", function (p) {
        var x = N[p.node], xy = hoverPos(p.pointer.DOM);
        App.tip(x.l + (x.c !== undefined ? " \u2014 " + N[x.c].l : "") + " \u00b7 " + App.byEnt[p.node].length + " events", xy[0], xy[1]);
      });
      network.on("hoverEdge", function (p) {
        var e = sets[current].src.edges[p.edge], w = e[2].filter(function (i) { return inRange[i]; }).length, xy = hoverPos(p.pointer.DOM);
        App.tip(N[e[0]].l + " \u2014 " + N[e[1]].l + ": " + w + " shared event" + (w === 1 ? "" : "s"), xy[0], xy[1]);
      });
      network.on("blurNode", function () { App.tip(""); }); network.on("blurEdge", function () { App.tip(""); });
      network.once("afterDrawing", function () { App.drawn.network = true; App.checkReady(); });
      if (!D[kind].nodes.length || !box.clientWidth) { App.drawn.network = true; }  // nothing to draw, or hidden
      fitted = !!box.clientWidth;
    } else network.setData({nodes: sets[kind].nodes, edges: sets[kind].edges});
    filter(); highlight("net");
    Array.prototype.forEach.call(document.querySelectorAll("input[name=net]"), function (r) { r.checked = r.value === kind; });
  }
  function highlight(from) {
    if (!network) return;
    var ids = sets[current].nodes.getIds().filter(function (id) { return S.hlEnt[id]; });
    network.selectNodes(ids.filter(function (id) { return !sets[current].nodes.get(id).hidden; }), false);
    if (from !== "network" && S.sel && S.sel.t === "n" && ids.length === 1 && !sets[current].nodes.get(ids[0]).hidden)
      network.focus(ids[0], {scale: Math.max(network.getScale(), 0.8), animation: false});
  }
  Array.prototype.forEach.call(document.querySelectorAll("input[name=net]"), function (r) {
    r.addEventListener("change", function () { if (r.checked) App.setNet(r.value); });
  });
  App.setNet = function (kind) { if ((kind === "persons" || kind === "countries") && kind !== current) { show(kind); App.renderTable(); } };
  return {start: function () { show("persons"); if (!D.persons.nodes.length) info.textContent = "no meeting between two persons"; },
          filter: filter, highlight: highlight, network: function () { return network; }, sets: sets,
          resize: function () {
            if (!network || !box.clientWidth) return;
            if (!fitted) { fitted = true; network.fit(); } else network.redraw();
          }};
})();

// ---------------------------------------------------------------- timeline and brush
var tl = (function () {
  var box = document.getElementById("timeline"), brush = document.getElementById("brush"), timeline = null;
  var items = null, t0 = Date.parse(D.counts.first || "2000-01-01"), t1 = Date.parse(D.counts.last || "2000-01-02") + 864e5;
  var style = el("style"), rules = [], legend = document.getElementById("tl-legend"), kinds = {};
  E.forEach(function (e) { kinds[e.k] = 1; });
  D.kinds.forEach(function (k) {
    if (!kinds[k.k]) return;
    var safe = String(k.k).replace(/[^A-Za-z]/g, ""), color = /^#[0-9a-f]{6}$/i.test(k.color) ? k.color : "#999999";
    rules.push("#timeline .vis-item.k-" + safe + "{border-color:" + color + ";background-color:" + color + "}",
               "#timeline .vis-item.vis-point.k-" + safe + "{background-color:transparent}");
    var s = el("span"), sw = el("i", "", "sw"); sw.style.background = color; s.appendChild(sw); s.appendChild(document.createTextNode(k.name)); legend.appendChild(s);
  });
  var st = el("span", "planned: outlined, cancelled/denied: struck through", "muted"); legend.appendChild(st);
  style.textContent = rules.join("\n"); document.head.appendChild(style);
  function dayAfter(d) { return new Date(Date.parse(d) + 864e5); }
  function iso(t) { return new Date(t).toISOString().slice(0, 10); }
  function short(e) {
    var names = e.p.slice(0, 3).map(function (p) { return N[p].l; }).join(" \u2013 ");
    return (names || e.l).slice(0, 48);
  }
  // Level of detail: at most ITEMS_MAX events are items; a window holding more shows, per kind, the
  // number of events per year, month or week (a click zooms into it). vis-timeline stacks and lays
  // out every item it holds, so ten thousand items took over a minute to draw here.
  var ITEMS_MAX = 400, DAY = 864e5, dated = [], tms = [], mode = "", shownKey = "", unitNow = "year";
  E.forEach(function (e, i) { if (e.d) { dated.push(i); tms.push(Date.parse(e.d)); } });
  function lower(t) { var lo = 0, hi = tms.length; while (lo < hi) { var m = (lo + hi) >> 1; if (tms[m] < t) lo = m + 1; else hi = m; } return lo; }
  function kindClass(k) { return "k-" + String(k).replace(/[^A-Za-z]/g, ""); }
  function eventItem(i) {
    var e = E[i], item = {id: i, group: e.k, start: e.d, className: kindClass(e.k) + " st-" + e.s.replace(/[^a-z]/g, "")};
    if (e.e && e.e > e.d) { item.end = dayAfter(e.e); item.type = "range"; } else item.type = "point";
    return item;
  }
  function unitOf(span) { return span > 6 * 365 * DAY ? "year" : span > 240 * DAY ? "month" : "week"; }
  function bucket(t, unit) {
    var d = new Date(t);
    if (unit === "year") return [Date.UTC(d.getUTCFullYear(), 0, 1), Date.UTC(d.getUTCFullYear() + 1, 0, 1)];
    if (unit === "month") return [Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1), Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)];
    var s = Math.floor(t / (7 * DAY)) * 7 * DAY; return [s, s + 7 * DAY];
  }
  function refreshItems(a, b, force) {
    if (!items) return;
    var span = b - a, i0 = lower(a - 31 * DAY), i1 = lower(b + 1), list = [], key;
    if (i1 - i0 <= ITEMS_MAX) {
      var m0 = lower(a - span / 2 - 31 * DAY), m1 = lower(b + span / 2 + 1);   // a margin, for panning
      if (m1 - m0 > 2 * ITEMS_MAX) { m0 = i0; m1 = i1; }
      key = "e" + m0 + ":" + m1;
      if (key === shownKey && !force) return;
      for (var k = m0; k < m1; k++) list.push(eventItem(dated[k]));
      mode = "events";
    } else {
      var unit = unitNow = unitOf(span), c0 = lower(bucket(a - span / 2, unit)[0]), c1 = lower(bucket(b + span / 2, unit)[1]), agg = {};
      key = "c" + unit + c0 + ":" + c1;
      if (key === shownKey && !force) return;
      for (var j = c0; j < c1; j++) {
        var e = E[dated[j]], bk = bucket(tms[j], unit), id = "c:" + e.k + ":" + bk[0];
        var x = agg[id] || (agg[id] = {id: id, group: e.k, start: new Date(bk[0]), end: new Date(bk[1]), type: "range", n: 0, hl: false, unit: unit});
        x.n++; if (S.hlEv[dated[j]]) x.hl = true;
      }
      Object.keys(agg).forEach(function (id) {
        var x = agg[id]; x.className = kindClass(x.group) + " agg" + (x.hl ? " hl" : ""); list.push(x);
      });
      mode = "counts";
    }
    shownKey = key;
    items.clear(); items.add(list);
    if (mode === "events") highlight();
  }
  function start() {
    var list = [], groups = [];
    items = new window.vis.DataSet([]);
    D.kinds.forEach(function (k) {
      if (!kinds[k.k]) return;
      groups.push({id: k.k, content: el("span", k.name)});
    });
    var pad = Math.max(864e5 * 2, (t1 - t0) * 0.02);
    refreshItems(t0 - pad, t1 + pad);
    timeline = new window.vis.Timeline(box, items, new window.vis.DataSet(groups), {
      stack: true, height: "100%", zoomMin: 864e5 * 2, zoomMax: 1000 * 864e5 * 365 * 40, selectable: true, multiselect: true,
      start: new Date(t0 - pad), end: new Date(t1 + pad), orientation: {axis: "top", item: "top"}, showCurrentTime: false, margin: {item: {horizontal: 2, vertical: 2}},
      showTooltips: false, xss: {disabled: false}, groupHeightMode: "auto",
      template: function (item) { return el("span", typeof item.id === "number" ? short(E[item.id]) : String(item.n)); }});
    timeline.on("select", function (p) {
      if (!p.event || !p.items.length) return;
      var id = p.items[p.items.length - 1];
      if (typeof id === "number") { App.selectEvent(id, "timeline"); return; }
      var x = items.get(id); timeline.setWindow(x.start, x.end, {animation: false});   // a count: zoom into it
    });
    timeline.on("itemover", function (p) {
      if (typeof p.item === "number") { var e = E[p.item]; App.tip(e.l + " \u00b7 " + e.s, p.event.clientX, p.event.clientY); return; }
      var x = items.get(p.item);
      if (x) App.tip(x.n + " \u00d7 " + App.kindName(x.group) + ", " + new Date(x.start).toISOString().slice(0, x.unit === "year" ? 4 : x.unit === "month" ? 7 : 10) +
                     " (click to zoom in)", p.event.clientX, p.event.clientY);
    });
    timeline.on("itemout", function () { App.tip(""); });
    timeline.on("rangechanged", function (p) {
      refreshItems(p.start.getTime(), p.end.getTime());
      if (!quiet) fromWindow(p.start.getTime(), p.end.getTime());
      drawBrush();
    });
    timeline.on("rangechange", function () { drawBrush(); });
    timeline.once("changed", function () {
      // the window again (a range restored before the first drawing), and a redraw: with start/end
      // options vis-timeline keeps its root hidden until a range change follows its first drawing
      showRange(); timeline.redraw();
      App.drawn.timeline = true; App.checkReady();
    });
    if (!dated.length || !box.clientWidth) App.drawn.timeline = true;  // nothing to draw, or hidden (drawn when shown)
    document.getElementById("tl-info").textContent = dated.length < E.length ? (E.length - dated.length) + " undated events not shown" : "";
    brush.addEventListener("mousedown", down);
    brush.addEventListener("dblclick", function () { App.setRange("", "", "brush"); showRange(); });
    drawBrush();
  }
  var quiet = false;
  function fromWindow(a, b) {
    // the timeline's window is the range: the whole span (or more) means no range
    if (a <= t0 && b >= t1) App.setRange("", "", "timeline");
    else App.setRange(iso(Math.max(a, t0)), iso(Math.min(b, t1) - 1), "timeline");
  }
  function showRange() {
    if (!timeline) return;
    quiet = true;
    var pad = Math.max(864e5 * 2, (t1 - t0) * 0.02);
    var a = S.lo ? Date.parse(S.lo) : t0 - pad, b = S.hi ? Date.parse(S.hi) + 864e5 : t1 + pad;
    timeline.setWindow(new Date(a), new Date(b), {animation: false});
    quiet = false; drawBrush();
  }
  // the brush strip: events per bucket over the whole span; drag to choose a range
  var buckets = null;
  function drawBrush() {
    var w = brush.clientWidth || 600, h = brush.clientHeight || 34, dpr = window.devicePixelRatio || 1;
    if (brush.width !== w * dpr) { brush.width = w * dpr; brush.height = h * dpr; buckets = null; }
    var g = brush.getContext("2d"); g.setTransform(dpr, 0, 0, dpr, 0, 0); g.clearRect(0, 0, w, h);
    var nb = Math.max(10, Math.floor(w / 3));
    if (!buckets) {
      buckets = new Array(nb).fill(0);
      E.forEach(function (e) { if (e.d) { var k = Math.floor((Date.parse(e.d) - t0) / (t1 - t0) * nb); buckets[Math.min(nb - 1, Math.max(0, k))]++; } });
    }
    var max = Math.max.apply(null, buckets.concat([1]));
    g.fillStyle = "#7a9cc6";
    buckets.forEach(function (c, k) { if (c) { var bh = Math.max(1, Math.sqrt(c / max) * (h - 12)); g.fillRect(k * w / nb, h - 10 - bh, Math.max(1, w / nb - 0.5), bh); } });
    g.fillStyle = "#555"; g.font = "9px sans-serif"; g.textAlign = "left"; g.fillText(D.counts.first || "", 2, h - 1);
    g.textAlign = "right"; g.fillText(D.counts.last || "", w - 2, h - 1);
    if (timeline) {
      var win = timeline.getWindow(), a = (win.start - t0) / (t1 - t0) * w, b = (win.end - t0) / (t1 - t0) * w;
      if (S.lo || S.hi) { g.fillStyle = "rgba(214,39,40,0.15)"; g.fillRect(a, 0, b - a, h - 10); g.strokeStyle = "#d62728"; g.strokeRect(a, 0.5, b - a, h - 11); }
    }
    if (drag) { g.fillStyle = "rgba(0,0,0,0.15)"; g.fillRect(Math.min(drag[0], drag[1]), 0, Math.abs(drag[1] - drag[0]), h - 10); }
  }
  var drag = null;
  function xAt(ev) { var r = brush.getBoundingClientRect(); return Math.max(0, Math.min(r.width, ev.clientX - r.left)); }
  function down(ev) {
    drag = [xAt(ev), xAt(ev)];
    function move(e) { drag[1] = xAt(e); drawBrush(); }
    function up() {
      document.removeEventListener("mousemove", move); document.removeEventListener("mouseup", up);
      var w = brush.clientWidth || 1, a = Math.min(drag[0], drag[1]), b = Math.max(drag[0], drag[1]);
      drag = null;
      if (b - a < 3) { drawBrush(); return; }
      App.brush(iso(t0 + a / w * (t1 - t0)), iso(t0 + b / w * (t1 - t0)));
    }
    document.addEventListener("mousemove", move); document.addEventListener("mouseup", up);
  }
  App.brush = function (lo, hi) { App.setRange(lo, hi, "brush"); showRange(); };
  function highlight() {
    if (!timeline) return;
    if (mode === "counts") {   // mark the counts that hold a highlighted event
      var hl = {}, changed = [];
      Object.keys(S.hlEv).forEach(function (i) {
        var e = E[i]; if (e.d) hl["c:" + e.k + ":" + bucket(Date.parse(e.d), unitNow)[0]] = 1;
      });
      items.forEach(function (x) {
        var want = kindClass(x.group) + " agg" + (hl[x.id] ? " hl" : "");
        if (x.className !== want) changed.push({id: x.id, className: want});
      });
      if (changed.length) items.update(changed);
      return;
    }
    timeline.setSelection(Object.keys(S.hlEv).map(Number).filter(function (i) { return items.get(i); }));
  }
  function filter(from) { if (from !== "timeline") showRange(); else drawBrush(); }
  return {start: start, filter: filter, highlight: highlight, showRange: showRange, timeline: function () { return timeline; },
          resize: function () { buckets = null; if (timeline) timeline.redraw(); drawBrush(); }};
})();

App.panels.push(net, tl);
App.net = net; App.tl = tl;
var T = App.times = {data: performance.now()};
net.start(); T.network = performance.now();
tl.start(); T.timeline = performance.now();
if (window.dipkgMap) App.panels.push(window.dipkgMap(App));
T.map = performance.now();
App.start(); T.table = performance.now();
})();
