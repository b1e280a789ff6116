// dipkg overview, part 1: data, the shared state (time range, selection, search), the URL
// fragment, the events table and the side panel. Part 2 (overview_panels.js) draws the
// network, the timeline and the map. Text from articles is put into the DOM with textContent only.
(function () {
"use strict";
var D = JSON.parse(document.getElementById("data").textContent);
var E = D.events, N = D.entities, A = D.articles;
var KIND = {}; D.kinds.forEach(function (k) { KIND[k.k] = k; });
var S = {lo: "", hi: "", sel: null, q: "", net: "persons", panel: document.body.dataset.panel,
         sortCol: 0, sortAsc: true, hlEv: {}, hlEnt: {}};
var inRange = new Uint8Array(E.length);
var byEnt = N.map(function () { return []; });
var idOfEv = {}, idOfEnt = {};
function el(tag, text, cls) { var e = document.createElement(tag); if (text) e.textContent = text; if (cls) e.className = cls; return e; }
function kindName(k) { return (KIND[k] || {name: k}).name; }
E.forEach(function (ev, i) {
  idOfEv[ev.i] = i;
  var seen = {};
  function add(n) { if (n >= 0 && !seen[n]) { seen[n] = 1; byEnt[n].push(i); } }
  ev.p.forEach(add); add(ev.pl); add(ev.h); ev.cs.forEach(add);
  ev.pt = ev.p.map(function (p) { return N[p].l; }).join(", ");
  ev.plt = ev.pl >= 0 ? N[ev.pl].l : "";
  ev.txt = [ev.l, ev.pt, ev.plt, kindName(ev.k), ev.s, ev.d].concat(ev.p.map(function (p) { return N[p].r || ""; }))
    .join(" \u0001 ").toLowerCase();
});
N.forEach(function (n, i) { idOfEnt[n.i] = i; });
var panels = [];
var App = window.dipkg = {D: D, S: S, E: E, N: N, A: A, inRange: inRange, byEnt: byEnt, el: el, kindName: kindName,
                          idOfEv: idOfEv, idOfEnt: idOfEnt, drawn: {}, panels: panels};

// ---------------------------------------------------------------- time range
function within(ev, lo, hi) { return !!ev.d && (!hi || ev.d <= hi) && (!lo || (ev.e || ev.d) >= lo); }
function computeRange() {
  var any = !!(S.lo || S.hi);
  for (var i = 0; i < E.length; i++) inRange[i] = any ? (within(E[i], S.lo, S.hi) ? 1 : 0) : 1;
}
computeRange();
App.setRange = function (lo, hi, from) {
  lo = lo || ""; hi = hi || "";
  if (lo && hi && lo > hi) { var t = lo; lo = hi; hi = t; }
  if (lo && lo <= D.counts.first && (!hi || hi >= D.counts.last)) lo = "";
  if (hi && hi >= D.counts.last && !lo) hi = "";
  if (lo === S.lo && hi === S.hi) return;
  S.lo = lo; S.hi = hi;
  document.getElementById("from").value = lo; document.getElementById("to").value = hi;
  computeRange();
  panels.forEach(function (p) { if (p.filter) p.filter(from); });
  renderTable(); showSelection(); saveHash();
};
["from", "to"].forEach(function (id) {
  document.getElementById(id).addEventListener("change", function () {
    App.setRange(document.getElementById("from").value, document.getElementById("to").value, "fields");
  });
});
document.getElementById("reset").addEventListener("click", function () { App.setRange("", "", "reset"); });

// ---------------------------------------------------------------- selection
App.select = function (sel, from) {
  S.sel = sel; S.hlEv = {}; S.hlEnt = {};
  if (sel && sel.t === "e") {
    S.hlEv[sel.i] = 1; var ev = E[sel.i];
    ev.p.concat(ev.cs, [ev.pl, ev.h]).forEach(function (n) { if (n >= 0) S.hlEnt[n] = 1; });
  } else if (sel) {
    S.hlEnt[sel.i] = 1; byEnt[sel.i].forEach(function (e) { S.hlEv[e] = 1; });
  }
  panels.forEach(function (p) { if (p.highlight) p.highlight(from); });
  if (sel && sel.t === "e" && from !== "table") scrollToRow(sel.i);
  renderTable(); showSelection(); saveHash();
};
App.selectEntity = function (i, from) { App.select(i >= 0 ? {t: "n", i: i} : null, from); };
App.selectEvent = function (i, from) { App.select(i >= 0 ? {t: "e", i: i} : null, from); };

// ---------------------------------------------------------------- the URL fragment
var restoring = false;
function saveHash() {
  if (restoring || !App.started) return;
  var parts = [];
  if (S.panel && S.panel !== document.body.dataset.panel) parts.push("panel=" + S.panel);
  if (S.lo) parts.push("from=" + S.lo);
  if (S.hi) parts.push("to=" + S.hi);
  if (S.sel) parts.push("sel=" + S.sel.t + ":" + encodeURIComponent(S.sel.t === "e" ? E[S.sel.i].i : N[S.sel.i].i));
  if (S.net !== "persons") parts.push("net=" + S.net);
  if (S.q) parts.push("q=" + encodeURIComponent(S.q));
  var h = parts.length ? "#" + parts.join("&") : "";
  if (h !== location.hash && !(h === "" && location.hash === "#")) history.replaceState(null, "", h || location.pathname + location.search);
}
App.restoreHash = function () {
  var kv = {};
  location.hash.replace(/^#/, "").split("&").forEach(function (p) {
    var j = p.indexOf("="); if (j > 0) { try { kv[p.slice(0, j)] = decodeURIComponent(p.slice(j + 1)); } catch (e) { /* ignore */ } }
  });
  restoring = true;
  try {
    if (kv.panel) App.setPanel(kv.panel);
    if (kv.net) App.setNet(kv.net);
    var date = /^\d{4}-\d{2}-\d{2}$/;
    var lo = date.test(kv.from || "") ? kv.from : "", hi = date.test(kv.to || "") ? kv.to : "";
    if (lo || hi) { App.setRange(lo, hi, "hash"); panels.forEach(function (p) { if (p.showRange) p.showRange(); }); }
    if (kv.q) { search.value = kv.q; S.q = kv.q.toLowerCase(); renderTable(true); }
    if (kv.sel) {
      var t = kv.sel.slice(0, 1), id = kv.sel.slice(2);
      var i = t === "e" ? idOfEv[id] : idOfEnt[id];
      if (i !== undefined) App.select({t: t, i: i}, "hash");
    }
  } finally { restoring = false; }
  saveHash();
};
window.addEventListener("hashchange", function () { App.restoreHash(); });

// ---------------------------------------------------------------- layout tabs
App.setPanel = function (name) {
  if (["overview", "timeline", "map", "network"].indexOf(name) < 0) return;
  S.panel = name; document.body.className = "layout-" + name;
  Array.prototype.forEach.call(document.querySelectorAll("#tabs button"), function (b) { b.classList.toggle("on", b.dataset.panel === name); });
  panels.forEach(function (p) { if (p.resize) p.resize(); });
  renderTable(); saveHash();
};
Array.prototype.forEach.call(document.querySelectorAll("#tabs button"), function (b) {
  b.addEventListener("click", function () { App.setPanel(b.dataset.panel); });
});

// ---------------------------------------------------------------- the events table
var COLS = [["Date", function (e) { return e.d || "\uffff"; }], ["Kind", function (e) { return kindName(e.k); }],
  ["Status", function (e) { return e.s; }], ["Participants", function (e) { return e.pt.toLowerCase(); }],
  ["Place", function (e) { return e.plt.toLowerCase(); }], ["Sources", function (e) { return e.n; }],
  ["Conf.", function (e) { return e.cf; }]];
var thead = document.getElementById("thead"), rowsBox = document.getElementById("rows"), spacer = document.getElementById("spacer");
var search = document.getElementById("search"), ROW = 22, order = [], shown = [], pool = [];
COLS.forEach(function (c, j) {
  var h = el("div", c[0], "c c" + j); h.dataset.col = j;
  h.addEventListener("click", function () { App.sortBy(j, S.sortCol === j ? !S.sortAsc : j < 5 || j === 0); });
  thead.appendChild(h);
});
function sortOrder() {
  var key = COLS[S.sortCol][1], keys = E.map(key), dir = S.sortAsc ? 1 : -1;
  order = E.map(function (_, i) { return i; });
  order.sort(function (a, b) { var x = keys[a], y = keys[b]; return x < y ? -dir : x > y ? dir : a - b; });
  Array.prototype.forEach.call(thead.children, function (h, j) {
    h.classList.toggle("sorted", j === S.sortCol); h.classList.toggle("asc", j === S.sortCol && S.sortAsc);
  });
}
App.sortBy = function (col, asc) { S.sortCol = col; S.sortAsc = asc; sortOrder(); renderTable(true); };
function renderTable(filterChanged) {
  var q = S.q;
  shown = [];
  for (var k = 0; k < order.length; k++) {
    var i = order[k];
    if (inRange[i] && (!q || E[i].txt.indexOf(q) >= 0)) shown.push(i);
  }
  spacer.style.height = shown.length * ROW + "px";
  document.getElementById("ev-info").textContent = shown.length + " of " + E.length + " events" +
    (S.lo || S.hi ? " in " + (S.lo || "\u2026") + " \u2013 " + (S.hi || "\u2026") : "") +
    (D.counts.undated && (S.lo || S.hi) ? "" : D.counts.undated ? " (" + D.counts.undated + " undated)" : "");
  if (filterChanged) rowsBox.scrollTop = 0;
  drawRows();
}
App.renderTable = renderTable;
function drawRows() {
  var top = rowsBox.scrollTop, h = rowsBox.clientHeight || 300;
  var first = Math.max(0, Math.floor(top / ROW) - 4), last = Math.min(shown.length, Math.ceil((top + h) / ROW) + 4);
  var n = 0;
  for (var k = first; k < last; k++, n++) {
    var r = pool[n];
    if (!r) {
      r = el("div", "", "row");
      for (var j = 0; j < COLS.length; j++) r.appendChild(el("div", "", "c c" + j));
      r.addEventListener("click", function () { App.selectEvent(+this.dataset.ev, "table"); });
      pool.push(r); spacer.appendChild(r);
    }
    var i = shown[k], ev = E[i], c = r.children;
    r.dataset.ev = i; r.dataset.id = ev.i; r.style.top = k * ROW + "px"; r.style.display = "";
    r.className = "row st-" + ev.s + (S.sel && S.sel.t === "e" && S.sel.i === i ? " sel" : S.hlEv[i] ? " hl" : "");
    c[0].textContent = ev.d + (ev.e && ev.e !== ev.d ? "\u2026" : ""); c[1].textContent = kindName(ev.k);
    c[2].textContent = ev.s; c[3].textContent = ev.pt; c[3].title = ev.l; c[4].textContent = ev.plt;
    c[5].textContent = ev.n; c[6].textContent = ev.cf.toFixed(2);
  }
  for (; n < pool.length; n++) pool[n].style.display = "none";
}
rowsBox.addEventListener("scroll", drawRows);
function scrollToRow(i) {
  var k = shown.indexOf(i);
  if (k < 0) return;
  var top = k * ROW;
  if (top < rowsBox.scrollTop || top > rowsBox.scrollTop + rowsBox.clientHeight - ROW) rowsBox.scrollTop = Math.max(0, top - 3 * ROW);
}
var searchTimer = null;
search.addEventListener("input", function () {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(function () { S.q = search.value.trim().toLowerCase(); renderTable(true); saveHash(); }, 60);
});
App.search = function (q) { search.value = q; S.q = q.trim().toLowerCase(); renderTable(true); saveHash(); };

// ---------------------------------------------------------------- the side panel
var body = document.getElementById("details-body");
function link(text, onclick) { var a = el("span", text, "link"); a.addEventListener("click", onclick); return a; }
function entLink(n) { return link(N[n].l, function () { App.selectEntity(n, "details"); }); }
function fact(box, name, value) {
  var f = el("div", "", "f"); f.appendChild(el("b", name + ": "));
  if (typeof value === "string") f.appendChild(document.createTextNode(value));
  else value.forEach(function (v, j) { if (j) f.appendChild(document.createTextNode(", ")); f.appendChild(v); });
  box.appendChild(f);
}
function evidence(box, items, more) {
  items.forEach(function (x) {
    var a = A[x[1]] || {}, e = el("div", "", "ev");
    e.appendChild(el("div", "\u201c" + x[0] + "\u201d", "s"));
    var src = el("div", "", "src");
    src.appendChild(document.createTextNode("\u2014 " + (a.t || a.i || "") + " (" + (a.d || "undated") + ") "));
    var url = a.u || a.s || "";
    if (url && /^https?:\/\//i.test(url)) { var l = el("a", url); l.href = url; l.target = "_blank"; l.rel = "noopener noreferrer"; src.appendChild(l); }
    else if (url) src.appendChild(el("span", url, "muted"));
    src.appendChild(el("span", " \u00b7 rule " + x[2] + " \u00b7 " + x[3], "muted"));
    e.appendChild(src); box.appendChild(e);
  });
  if (more) box.appendChild(el("div", "\u2026 and " + more + " more", "muted"));
  if (!items.length) box.appendChild(el("div", "no evidence recorded", "muted"));
}
function showEvent(i) {
  var ev = E[i], box = el("div");
  box.appendChild(el("h3", ev.l));
  fact(box, "kind", kindName(ev.k)); fact(box, "status", ev.s);
  fact(box, "date", ev.d ? ev.d + (ev.e && ev.e !== ev.d ? " \u2013 " + ev.e : "") : "undated");
  if (ev.pl >= 0) fact(box, "place", [entLink(ev.pl)]);
  if (ev.p.length) fact(box, "participants", ev.p.map(entLink));
  if (ev.cs.length) fact(box, "countries", ev.cs.map(entLink));
  fact(box, "sources", String(ev.n)); fact(box, "confidence", ev.cf.toFixed(3));
  if (ev.q) fact(box, "quote", "\u00ab" + ev.q + "\u00bb");
  box.appendChild(el("div", "Evidence", "sec")); evidence(box, ev.ev, ev.m);
  return box;
}
function bars(box, counts, limit) {
  var keys = Object.keys(counts).map(Number).sort(function (a, b) { return counts[b] - counts[a] || a - b; }).slice(0, limit);
  var max = keys.length ? counts[keys[0]] : 1, wrap = el("div", "", "bars");
  keys.forEach(function (n) {
    var r = el("div"), bar = el("i"); bar.style.width = Math.max(2, 120 * counts[n] / max) + "px";
    r.appendChild(bar); r.appendChild(entLink(n)); r.appendChild(el("span", String(counts[n]), "muted")); wrap.appendChild(r);
  });
  box.appendChild(keys.length ? wrap : el("div", "none in this range", "muted"));
}
function miniTimeline(box, evs) {
  var dates = evs.filter(function (i) { return E[i].d; }).map(function (i) { return E[i].d; });
  if (!dates.length) return;
  var c = el("canvas", "", "mini"); box.appendChild(c);
  App.drawMini(c, dates);
}
App.drawMini = function (c, dates) {
  var lo = S.lo || D.counts.first, hi = S.hi || D.counts.last, t0 = Date.parse(lo), t1 = Math.max(Date.parse(hi), t0 + 864e5);
  var w = c.clientWidth || 300, h = 46, dpr = window.devicePixelRatio || 1;
  c.width = w * dpr; c.height = h * dpr; var g = c.getContext("2d"); g.scale(dpr, dpr);
  g.fillStyle = "#f4f4f4"; g.fillRect(0, 0, w, h); g.fillStyle = "#d62728";
  dates.forEach(function (d) { var x = (Date.parse(d) - t0) / (t1 - t0) * (w - 4) + 2; g.fillRect(x - 1, 8, 2, h - 20); });
  g.fillStyle = "#555"; g.font = "10px sans-serif"; g.fillText(lo, 2, h - 2); g.textAlign = "right"; g.fillText(hi, w - 2, h - 2);
};
function showEntity(n) {
  var x = N[n], box = el("div"), evs = byEnt[n].filter(function (i) { return inRange[i]; });
  box.appendChild(el("h3", x.l + (x.r ? " / " + x.r : "")));
  fact(box, "type", x.t);
  if (x.c !== undefined) fact(box, "country", [entLink(x.c)]);
  fact(box, "events", evs.length + (evs.length < byEnt[n].length ? " in this range (" + byEnt[n].length + " in all)" : ""));
  var person = x.t === "Person" || x.t === "Leader";
  var meets = person ? evs.filter(function (i) { return ["Meeting", "Summit", "Visit", "PhoneCall"].indexOf(E[i].k) >= 0; }) : evs;
  box.appendChild(el("div", person ? "Meetings over time (" + meets.length + ")" : "Events over time", "sec"));
  miniTimeline(box, meets);
  var list = el("div");
  meets.slice(0, 60).forEach(function (i) {
    var r = el("div", "", "f"); r.appendChild(el("b", (E[i].d || "undated") + " "));
    r.appendChild(link(E[i].l, function () { App.selectEvent(i, "details"); })); list.appendChild(r);
  });
  if (meets.length > 60) list.appendChild(el("div", "\u2026 " + (meets.length - 60) + " more in the table", "muted"));
  box.appendChild(list);
  var own = {}; own[n] = 1; if (x.c !== undefined) own[x.c] = 1;
  var counts = {};
  meets.forEach(function (i) {
    var cs = {};
    E[i].cs.forEach(function (c) { cs[c] = 1; });
    E[i].p.forEach(function (p) { if (p !== n && N[p].c !== undefined) cs[N[p].c] = 1; });
    Object.keys(cs).forEach(function (c) { if (!own[c]) counts[c] = (counts[c] || 0) + 1; });
  });
  box.appendChild(el("div", "Counterparts' countries", "sec")); bars(box, counts, 12);
  box.appendChild(el("div", "Evidence", "sec")); evidence(box, x.ev, x.m);
  return box;
}
function showSelection() {
  if (!S.sel) { body.replaceChildren(el("p", "Click a person, country, city or event in any panel: its evidence opens here.", "muted")); return; }
  var close = link("\u00d7 close", function () { App.select(null, "details"); }); close.style.float = "right";
  body.replaceChildren(close, S.sel.t === "e" ? showEvent(S.sel.i) : showEntity(S.sel.i));
}

// ---------------------------------------------------------------- find, tooltip, start
var names = document.getElementById("names"), find = document.getElementById("find"), byName = {};
N.forEach(function (x, i) {
  if (!byEnt[i].length) return;
  [x.l, x.r].forEach(function (l) { if (l && !(l.toLowerCase() in byName)) { byName[l.toLowerCase()] = i; var o = el("option"); o.value = l; names.appendChild(o); } });
});
find.addEventListener("change", function () {
  var i = byName[find.value.trim().toLowerCase()];
  if (i !== undefined) App.selectEntity(i, "find");
});
var tip = document.getElementById("tip");
App.tip = function (text, x, y) {
  if (!text) { tip.style.display = "none"; return; }
  tip.textContent = text; tip.style.display = "block";
  tip.style.left = Math.min(x + 14, window.innerWidth - tip.offsetWidth - 4) + "px";
  tip.style.top = Math.min(y + 14, window.innerHeight - tip.offsetHeight - 4) + "px";
};
document.getElementById("counts").textContent = E.length + " events \u00b7 " + D.counts.entities + " entities \u00b7 " +
  D.counts.articles + " articles" + (D.counts.first ? " \u00b7 " + D.counts.first + " \u2013 " + D.counts.last : "");
App.start = function () {
  computeRange(); sortOrder(); renderTable();
  App.drawn.events = true;
  App.setPanel(S.panel);
  App.started = true;
  if (location.hash.length > 1) App.restoreHash();
  window.addEventListener("resize", function () { panels.forEach(function (p) { if (p.resize) p.resize(); }); drawRows(); });
  App.checkReady();
};
App.checkReady = function () {
  // a panel the layout hides counts as drawn: it draws when a tab shows it
  var ok = ["network", "timeline", "map", "events"].every(function (id) {
    return App.drawn[id] || !document.getElementById(id).clientWidth;
  });
  if (ok && !window.dipkgReady) {
    window.dipkgReady = true; document.body.setAttribute("data-ready", "1");
  }
};
})();
