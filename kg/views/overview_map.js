// dipkg overview, part 3: the map. Country shapes (world-atlas, Natural Earth 1:50m) are projected
// once with d3-geo (Natural Earth 1) into Path2D objects; countries are shaded by the number of
// events in the time range held there or taken part in, cities with events drawn as circles
// sized by their count. Wheel zooms, drag pans, a click selects the country or city.
window.dipkgMap = function (App) {
"use strict";
var D = App.D, S = App.S, E = App.E, N = App.N, inRange = App.inRange;
var box = document.getElementById("map"), canvas = document.getElementById("map-canvas");
var world = JSON.parse(document.getElementById("world").textContent);
var features = window.topojson.feature(world, world.objects.countries).features;
var byNum = {}, byName = {}, cities = [], countries = [];
N.forEach(function (x, i) {
  if (x.t === "Country") { countries.push(i); if (x.n) byNum[x.n] = i; byName[x.l.toLowerCase()] = i; }
  if ((x.t === "City" || x.t === "Place") && typeof x.la === "number" && App.byEnt[i].length) cities.push(i);
});
var shapes = features.map(function (f) {
  var ent = f.id && byNum[f.id] !== undefined ? byNum[f.id] : byName[String((f.properties || {}).name || "").toLowerCase()];
  return {f: f, ent: ent === undefined ? -1 : ent, path: null, name: (f.properties || {}).name || ""};
});
var W = 0, H = 0, dpr = 1, k = 1, tx = 0, ty = 0, proj = null, sphere = null, counts = {}, max = 1, cityXY = {};
function layout() {
  W = box.clientWidth; H = box.clientHeight; dpr = window.devicePixelRatio || 1;
  if (!W || !H) return false;
  canvas.width = W * dpr; canvas.height = H * dpr; canvas.style.width = W + "px"; canvas.style.height = H + "px";
  proj = window.d3.geoNaturalEarth1().fitExtent([[4, 4], [W - 4, H - 4]], {type: "Sphere"});
  var path = window.d3.geoPath(proj);
  sphere = new Path2D(path({type: "Sphere"}));
  shapes.forEach(function (s) { var d = path(s.f); s.path = d ? new Path2D(d) : null; });
  cities.forEach(function (i) { cityXY[i] = proj([N[i].lo, N[i].la]); });
  return true;
}
function count() {
  counts = {};
  for (var i = 0; i < E.length; i++) {
    if (!inRange[i]) continue;
    var e = E[i];
    for (var j = 0; j < e.cs.length; j++) counts[e.cs[j]] = (counts[e.cs[j]] || 0) + 1;
    if (e.h >= 0 && e.cs.indexOf(e.h) < 0) counts[e.h] = (counts[e.h] || 0) + 1;
    if (e.pl >= 0 && N[e.pl].t !== "Country") counts[e.pl] = (counts[e.pl] || 0) + 1;
  }
  max = 1; countries.forEach(function (c) { if ((counts[c] || 0) > max) max = counts[c]; });
  maxCity = 1; cities.forEach(function (c) { if ((counts[c] || 0) > maxCity) maxCity = counts[c]; });
}
function shade(c) {
  if (!c) return "#f3f1ea";
  var t = Math.log(1 + c) / Math.log(1 + max), a = [254, 224, 144], b = [179, 0, 0];
  return "rgb(" + a.map(function (v, j) { return Math.round(v + (b[j] - v) * t); }).join(",") + ")";
}
var maxCity = 1;
function radius(c) { return 2 + 10 * Math.sqrt(c / maxCity); }
function draw() {
  if (!proj && !layout()) return;
  var g = canvas.getContext("2d");
  g.setTransform(dpr, 0, 0, dpr, 0, 0); g.clearRect(0, 0, W, H);
  g.setTransform(dpr * k, 0, 0, dpr * k, dpr * tx, dpr * ty);
  g.fillStyle = "#e8f0f7"; g.fill(sphere);
  g.lineWidth = 0.5 / k; g.strokeStyle = "#9a9a9a";
  shapes.forEach(function (s) { if (!s.path) return; g.fillStyle = shade(s.ent >= 0 ? counts[s.ent] : 0); g.fill(s.path); g.stroke(s.path); });
  g.lineWidth = 2 / k; g.strokeStyle = "#000";
  shapes.forEach(function (s) { if (s.path && s.ent >= 0 && S.hlEnt[s.ent]) g.stroke(s.path); });
  cities.slice().sort(function (a, b) { return (counts[b] || 0) - (counts[a] || 0) || a - b; }).forEach(function (i) {
    var c = counts[i] || 0; if (!c || !cityXY[i]) return;
    var p = cityXY[i], r = radius(c) / Math.sqrt(k);
    g.beginPath(); g.arc(p[0], p[1], r, 0, 2 * Math.PI);
    g.fillStyle = S.hlEnt[i] ? "rgba(20,20,20,0.85)" : "rgba(31,94,180,0.65)"; g.fill();
    g.lineWidth = (S.hlEnt[i] ? 2 : 0.7) / k; g.strokeStyle = S.hlEnt[i] ? "#ffd400" : "#fff"; g.stroke();
  });
  App.drawn.map = true; App.checkReady();
}
// legend: the scale's two ends
var legend = document.getElementById("map-legend");
function legendText() { legend.textContent = "darkest: " + max + " events in a country; largest circle: " + maxCity + " in a city"; }
function at(ev) {
  var r = canvas.getBoundingClientRect(), x = (ev.clientX - r.left - tx) / k, y = (ev.clientY - r.top - ty) / k;
  var best = -1, bd = 1e9;
  cities.forEach(function (i) {
    var c = counts[i] || 0; if (!c || !cityXY[i]) return;
    var dx = cityXY[i][0] - x, dy = cityXY[i][1] - y, d = Math.sqrt(dx * dx + dy * dy);
    if (d <= radius(c) / Math.sqrt(k) + 2 / k && d < bd) { bd = d; best = i; }
  });
  if (best >= 0) return {ent: best, name: N[best].l};
  var g = canvas.getContext("2d"); g.setTransform(1, 0, 0, 1, 0, 0);
  for (var j = 0; j < shapes.length; j++) if (shapes[j].path && g.isPointInPath(shapes[j].path, x, y)) return shapes[j];
  return null;
}
var dragging = null, moved = false;
canvas.addEventListener("mousedown", function (ev) { dragging = [ev.clientX, ev.clientY, tx, ty]; moved = false; });
window.addEventListener("mousemove", function (ev) {
  if (dragging) {
    var dx = ev.clientX - dragging[0], dy = ev.clientY - dragging[1];
    if (Math.abs(dx) + Math.abs(dy) > 3) moved = true;
    if (moved) { tx = dragging[2] + dx; ty = dragging[3] + dy; draw(); }
    return;
  }
  if (ev.target !== canvas) return;
  var hit = at(ev);
  if (!hit) { App.tip(""); return; }
  var c = hit.ent >= 0 ? counts[hit.ent] || 0 : 0;
  App.tip((hit.ent >= 0 ? N[hit.ent].l : hit.name) + ": " + c + " event" + (c === 1 ? "" : "s"), ev.clientX, ev.clientY);
});
window.addEventListener("mouseup", function (ev) {
  if (!dragging) return;
  var click = !moved; dragging = null;
  if (click && ev.target === canvas) { var hit = at(ev); if (hit && hit.ent >= 0) App.selectEntity(hit.ent, "map"); }
});
canvas.addEventListener("mouseleave", function () { App.tip(""); });
canvas.addEventListener("wheel", function (ev) {
  ev.preventDefault();
  var r = canvas.getBoundingClientRect(), x = ev.clientX - r.left, y = ev.clientY - r.top;
  var f = ev.deltaY < 0 ? 1.25 : 0.8, nk = Math.max(1, Math.min(40, k * f));
  tx = x - (x - tx) * nk / k; ty = y - (y - ty) * nk / k; k = nk;
  if (k === 1) { tx = 0; ty = 0; }
  draw();
}, {passive: false});
canvas.addEventListener("dblclick", function () { k = 1; tx = 0; ty = 0; draw(); });
count(); legendText(); draw();
if (!W || !H) { App.drawn.map = true; App.checkReady(); }
return {
  filter: function () { count(); legendText(); draw(); },
  highlight: function () { draw(); },
  resize: function () { proj = null; draw(); },
  counts: function () { return counts; },
  cityXY: function (i) { var p = cityXY[i]; return p ? [p[0] * k + tx, p[1] * k + ty] : null; },
  project: function (lon, lat) { var p = proj && proj([lon, lat]); return p ? [p[0] * k + tx, p[1] * k + ty] : null; },
  shapeOf: function (ent) { return shapes.filter(function (s) { return s.ent === ent; }).length; }
};
};
