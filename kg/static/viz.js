/* dipkg graph page: vanilla JS + SVG, no network, no library.
   Data: <script id="dipkg-data" type="application/json"> (actors with x/y from networkx,
   events, edges = {source, target, type, directed, events: [event indexes]}).
   Text from the data is always set with textContent, never parsed as HTML. */
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var data = JSON.parse(document.getElementById("dipkg-data").textContent);
  var actors = {}, edgeEls = [], dotEls = [], nodeEls = {};
  data.actors.forEach(function (a) { actors[a.id] = a; });
  var types = Object.keys(data.eventTypes);
  var present = {};
  data.events.forEach(function (e) { present[e.type] = (present[e.type] || 0) + 1; });
  var state = { types: {}, from: "", to: "", undated: true };
  types.forEach(function (t) { state.types[t] = true; });

  function el(name, attrs, parent) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (parent) { parent.appendChild(node); }
    return node;
  }
  function html(name, text, parent, cls) {
    var node = document.createElement(name);
    if (text !== undefined && text !== null) { node.textContent = text; }
    if (cls) { node.className = cls; }
    if (parent) { parent.appendChild(node); }
    return node;
  }
  function label(id) { return actors[id] ? actors[id].label : id; }
  function color(type) { return (data.eventTypes[type] || { color: "#999" }).color; }
  function verbal(type) { var q = (data.eventTypes[type] || { quad: 0 }).quad; return q === 1 || q === 3; }
  function coop(type) { var q = (data.eventTypes[type] || { quad: 0 }).quad; return q === 1 || q === 2; }
  function radius(a) { return Math.min(9 + Math.sqrt(a.events || 0) * 2.5, 22); }
  function short(text) { return text.length > 26 ? text.slice(0, 24) + "\u2026" : text; }

  function shapePath(shape, r) {
    var pts = [], n = { triangle: 3, diamond: 4, pentagon: 5, hexagon: 6 }[shape], i, ang;
    if (shape === "square") { r *= 0.85; return "M" + -r + "," + -r + "H" + r + "V" + r + "H" + -r + "Z"; }
    if (!n) { return "M" + -r + ",0A" + r + "," + r + " 0 1,0 " + r + ",0A" + r + "," + r + " 0 1,0 " + -r + ",0Z"; }
    for (i = 0; i < n; i++) {
      ang = -Math.PI / 2 + (2 * Math.PI * i) / n;
      pts.push((r * 1.15 * Math.cos(ang)).toFixed(2) + "," + (r * 1.15 * Math.sin(ang)).toFixed(2));
    }
    return "M" + pts.join("L") + "Z";
  }

  /* ---------------------------------------------------------------- visibility */
  function eventVisible(e) {
    if (!state.types[e.type]) { return false; }
    if (!e.start) { return state.undated; }
    if (state.from && e.end < state.from) { return false; }
    if (state.to && e.start > state.to) { return false; }
    return true;
  }
  function apply() {
    var shown = data.events.map(eventVisible), active = {}, nEdges = 0, nEvents = 0;
    shown.forEach(function (v) { if (v) { nEvents += 1; } });
    edgeEls.forEach(function (item) {
      var vis = item.edge.events.some(function (i) { return shown[i]; });
      item.path.style.display = vis ? "" : "none";
      item.path.setAttribute("data-visible", vis ? "1" : "0");
      if (vis) { nEdges += 1; active[item.edge.source] = active[item.edge.target] = true; }
    });
    data.events.forEach(function (e, i) {
      if (shown[i]) { e.actors.concat(e.recipients).forEach(function (a) { active[a] = true; }); }
    });
    Object.keys(nodeEls).forEach(function (id) { nodeEls[id].classList.toggle("faded", !active[id]); });
    dotEls.forEach(function (d) { d.el.style.display = shown[d.index] ? "" : "none"; });
    document.getElementById("summary").textContent = data.actors.length + " actors, " + nEvents + " of " +
      data.events.length + " events shown, " + nEdges + " of " + data.edges.length + " edges";
    document.body.setAttribute("data-visible-edges", String(nEdges));
  }

  /* ---------------------------------------------------------------- controls */
  function buildControls() {
    var box = document.getElementById("type-filters");
    types.forEach(function (t) {
      var lab = html("label", null, box), box2 = html("input", null, lab);
      box2.type = "checkbox"; box2.checked = true; box2.value = t; box2.setAttribute("data-type-filter", t);
      box2.addEventListener("change", function () { state.types[t] = box2.checked; apply(); });
      var sw = html("span", null, lab, "swatch" + (verbal(t) ? " verbal" : "")); sw.style.borderTopColor = color(t);
      lab.appendChild(document.createTextNode(t + " "));
      html("span", "(" + (present[t] || 0) + ")", lab, "count");
      if (!present[t]) { lab.style.opacity = 0.5; }
    });
    function setAll(pred) {
      types.forEach(function (t) { state.types[t] = pred(t); });
      box.querySelectorAll("input").forEach(function (i) { i.checked = state.types[i.value]; });
      apply();
    }
    document.getElementById("all-types").onclick = function () { setAll(function () { return true; }); };
    document.getElementById("no-types").onclick = function () { setAll(function () { return false; }); };
    document.getElementById("coop-types").onclick = function () { setAll(coop); };
    document.getElementById("conflict-types").onclick = function () { setAll(function (t) { return !coop(t); }); };
    var from = document.getElementById("date-from"), to = document.getElementById("date-to");
    var und = document.getElementById("undated"), starts = data.events.filter(function (e) { return e.start; });
    var lo = starts.map(function (e) { return e.start; }).sort()[0] || "";
    var hi = starts.map(function (e) { return e.end; }).sort().pop() || "";
    from.min = to.min = lo; from.max = to.max = hi;
    from.onchange = function () { state.from = from.value; apply(); };
    to.onchange = function () { state.to = to.value; apply(); };
    und.onchange = function () { state.undated = und.checked; apply(); };
    document.getElementById("reset-dates").onclick = function () {
      from.value = to.value = ""; state.from = state.to = ""; und.checked = state.undated = true; apply();
    };
    var legend = document.getElementById("actor-legend");
    Object.keys(data.actorTypes).forEach(function (t) {
      var n = data.actors.filter(function (a) { return a.type === t; }).length;
      if (!n) { return; }
      var row = html("div", null, legend), s = el("svg", { width: 16, height: 16, viewBox: "-9 -9 18 18" }, row);
      el("path", { d: shapePath(data.actorTypes[t].shape, 7), fill: data.actorTypes[t].color }, s);
      row.appendChild(document.createTextNode(" " + t + " "));
      html("span", "(" + n + ")", row, "count");
    });
  }

  /* ---------------------------------------------------------------- details and tooltip */
  var tip = document.getElementById("tooltip");
  function eventBlock(e, parent) {
    var box = html("div", null, parent, "event"), who, src;
    box.style.borderLeftColor = color(e.type);
    who = e.actors.map(label).join(", ") + (e.recipients.length ? " \u2192 " + e.recipients.map(label).join(", ") : "");
    html("div", e.type + (e.mode ? " (" + e.mode + ")" : "") + ": " + who, box).style.fontWeight = "bold";
    html("div", (e.date || "undated") + (e.reportedBy ? " \u00b7 reported by " + e.reportedBy : "") +
      (e.confidence !== null ? " \u00b7 confidence " + e.confidence : ""), box, "meta");
    if (e.evidence) { html("div", "\u201c" + e.evidence + "\u201d", box, "evidence"); }
    e.sources.forEach(function (s) {
      src = html("div", null, box, "meta");
      src.appendChild(document.createTextNode("source: "));
      var text = (s.headline || s.id) + (s.publisher ? " (" + s.publisher + (s.date ? ", " + s.date : "") + ")" : "");
      if (s.url && /^https?:\/\//.test(s.url)) {
        var a = html("a", text, src); a.href = s.url; a.target = "_blank"; a.rel = "noopener noreferrer";
      } else { src.appendChild(document.createTextNode(text)); }
    });
    return box;
  }
  function showTip(evt, heading, indexes) {
    tip.textContent = "";
    html("strong", heading, tip);
    indexes.filter(function (i) { return eventVisible(data.events[i]); }).slice(0, 4)
      .forEach(function (i) { eventBlock(data.events[i], tip); });
    if (indexes.length > 4) { html("div", "\u2026 click for all " + indexes.length + " events", tip, "meta"); }
    tip.hidden = false;
    moveTip(evt);
  }
  function moveTip(evt) {
    var x = evt.clientX + 14, y = evt.clientY + 14;
    if (x + 430 > window.innerWidth) { x = Math.max(0, evt.clientX - 434); }
    tip.style.left = x + "px"; tip.style.top = Math.min(y, window.innerHeight - tip.offsetHeight - 4) + "px";
  }
  function hideTip() { tip.hidden = true; }
  function showDetails(heading, indexes) {
    var box = document.getElementById("details");
    box.textContent = "";
    html("h2", heading, box).className = "timeline-title";
    if (!indexes.length) { html("p", "No events.", box, "note"); }
    indexes.forEach(function (i) { eventBlock(data.events[i], box); });
  }
  function actorHeading(a) {
    return a.label + " \u2014 " + a.type + (a.iso3 ? " " + a.iso3 : (a.country ? " (" + a.country + ")" : "")) +
      " \u2014 " + a.events + " event" + (a.events === 1 ? "" : "s");
  }
  function actorEvents(id) {
    var out = [];
    data.events.forEach(function (e, i) { if (e.actors.concat(e.recipients).indexOf(id) >= 0) { out.push(i); } });
    return out;
  }

  /* ---------------------------------------------------------------- network */
  var svg = document.getElementById("network"), view = { x: 0, y: 0, w: 1000, h: 640 };
  var defs = el("defs", {}, svg), root = el("g", {}, svg);
  var edgeLayer = el("g", { "class": "edges" }, root), nodeLayer = el("g", { "class": "nodes" }, root);
  function setView() { svg.setAttribute("viewBox", [view.x, view.y, view.w, view.h].join(" ")); }

  types.forEach(function (t) {
    var m = el("marker", { id: "arrow-" + t, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 6,
      markerHeight: 6, orient: "auto-start-reverse" }, defs);
    el("path", { d: "M0,0L10,5L0,10Z", fill: color(t) }, m);
  });

  function edgeGeometry(item) {
    var a = actors[item.edge.source], b = actors[item.edge.target];
    var flip = item.edge.source > item.edge.target ? -1 : 1;
    var dx = b.x - a.x, dy = b.y - a.y, len = Math.sqrt(dx * dx + dy * dy) || 1;
    var nx = (-dy / len) * flip, ny = (dx / len) * flip, off = item.offset;
    var cx = (a.x + b.x) / 2 + nx * off * 2, cy = (a.y + b.y) / 2 + ny * off * 2;
    var ex = b.x - cx, ey = b.y - cy, el2 = Math.sqrt(ex * ex + ey * ey) || 1, rb = radius(b) + 3;
    return "M" + a.x.toFixed(1) + "," + a.y.toFixed(1) + "Q" + cx.toFixed(1) + "," + cy.toFixed(1) + " " +
      (b.x - (ex / el2) * rb).toFixed(1) + "," + (b.y - (ey / el2) * rb).toFixed(1);
  }
  function buildNetwork() {
    var groups = {};
    data.edges.forEach(function (edge) {
      var key = [edge.source, edge.target].sort().join("|");
      (groups[key] = groups[key] || []).push(edge);
    });
    Object.keys(groups).forEach(function (key) {
      var list = groups[key];
      list.forEach(function (edge, k) {
        var item = { edge: edge, offset: (k - (list.length - 1) / 2) * 18 + (list.length === 1 ? 0 : 0) };
        var path = el("path", { "class": "edge" + (verbal(edge.type) ? " verbal" : ""), stroke: color(edge.type),
          "data-type": edge.type, "data-source": edge.source, "data-target": edge.target }, edgeLayer);
        path.style.strokeWidth = 1.5 + Math.sqrt(edge.events.length);
        if (edge.directed) { path.setAttribute("marker-end", "url(#arrow-" + edge.type + ")"); }
        item.path = path;
        path.setAttribute("d", edgeGeometry(item));
        var heading = edge.type + ": " + label(edge.source) + (edge.directed ? " \u2192 " : " \u2014 ") + label(edge.target);
        path.addEventListener("mouseenter", function (evt) { showTip(evt, heading, edge.events); });
        path.addEventListener("mousemove", moveTip);
        path.addEventListener("mouseleave", hideTip);
        path.addEventListener("click", function (evt) { evt.stopPropagation(); showDetails(heading, edge.events); });
        edgeEls.push(item);
      });
    });
    data.actors.forEach(function (a) {
      var style = data.actorTypes[a.type] || data.actorTypes.Actor;
      var g = el("g", { "class": "node", "data-actor": a.id, "data-actor-type": a.type,
        transform: "translate(" + a.x + "," + a.y + ")" }, nodeLayer);
      el("path", { d: shapePath(style.shape, radius(a)), fill: style.color }, g);
      el("text", { y: a.labelBelow ? radius(a) + 13 : -radius(a) - 5, "text-anchor": "middle" }, g).textContent =
        short(a.label);
      nodeEls[a.id] = g;
      g.addEventListener("mouseenter", function (evt) {
        tip.textContent = ""; html("strong", actorHeading(a), tip); tip.hidden = false; moveTip(evt);
      });
      g.addEventListener("mousemove", moveTip);
      g.addEventListener("mouseleave", hideTip);
      g.addEventListener("mousedown", function (evt) { startDrag(evt, a, g); });
    });
  }

  /* pan, zoom, node drag */
  var drag = null;
  function toGraph(evt) {
    var r = svg.getBoundingClientRect(), s = Math.max(view.w / r.width, view.h / r.height);
    var ox = (r.width * s - view.w) / 2, oy = (r.height * s - view.h) / 2;
    return { x: view.x - ox + (evt.clientX - r.left) * s, y: view.y - oy + (evt.clientY - r.top) * s, s: s };
  }
  function startDrag(evt, a, g) {
    evt.stopPropagation(); evt.preventDefault();
    drag = { node: a, g: g, moved: false };
  }
  svg.addEventListener("mousedown", function (evt) {
    drag = { pan: true, x: evt.clientX, y: evt.clientY, vx: view.x, vy: view.y, moved: false };
    svg.classList.add("panning");
  });
  window.addEventListener("mousemove", function (evt) {
    if (!drag) { return; }
    drag.moved = true;
    if (drag.pan) {
      var s = toGraph(evt).s;
      view.x = drag.vx - (evt.clientX - drag.x) * s; view.y = drag.vy - (evt.clientY - drag.y) * s; setView();
    } else {
      var p = toGraph(evt);
      drag.node.x = p.x; drag.node.y = p.y;
      drag.g.setAttribute("transform", "translate(" + p.x.toFixed(1) + "," + p.y.toFixed(1) + ")");
      edgeEls.forEach(function (item) {
        if (item.edge.source === drag.node.id || item.edge.target === drag.node.id) {
          item.path.setAttribute("d", edgeGeometry(item));
        }
      });
    }
  });
  window.addEventListener("mouseup", function () {
    if (drag && !drag.pan && !drag.moved) {
      Object.keys(nodeEls).forEach(function (id) { nodeEls[id].classList.remove("selected"); });
      drag.g.classList.add("selected");
      showDetails(actorHeading(drag.node), actorEvents(drag.node.id));
    }
    drag = null; svg.classList.remove("panning");
  });
  svg.addEventListener("wheel", function (evt) {
    evt.preventDefault();
    var p = toGraph(evt), k = evt.deltaY > 0 ? 1.15 : 1 / 1.15;
    view.x = p.x - (p.x - view.x) * k; view.y = p.y - (p.y - view.y) * k; view.w *= k; view.h *= k; setView();
  }, { passive: false });

  /* ---------------------------------------------------------------- timeline */
  function day(iso) { return Date.parse(iso + "T00:00:00Z"); }
  function buildTimeline() {
    var tl = document.getElementById("timeline"), dated = [], lanes = [], W = 1000, left = 110, right = 20;
    data.events.forEach(function (e, i) { if (e.start) { dated.push(i); } });
    types.forEach(function (t) {
      if (dated.some(function (i) { return data.events[i].type === t; })) { lanes.push(t); }
    });
    var H = 34 + Math.max(lanes.length, 1) * 22;
    right = 45;
    tl.setAttribute("viewBox", "0 0 " + W + " " + H);
    tl.setAttribute("preserveAspectRatio", "xMinYMin meet");
    if (!dated.length) {
      el("text", { x: 12, y: 24, "class": "axis" }, tl).textContent = "No dated events.";
      return;
    }
    var times = [];
    dated.forEach(function (i) { times.push(day(data.events[i].start), day(data.events[i].end)); });
    var t0 = Math.min.apply(null, times), t1 = Math.max.apply(null, times), pad = Math.max((t1 - t0) * 0.04, 864e5 * 2);
    t0 -= pad; t1 += pad;
    function x(t) { return left + ((t - t0) / (t1 - t0)) * (W - left - right); }
    var axis = el("g", { "class": "axis" }, tl), k, tick, lab;
    for (k = 0; k <= 6; k++) {
      tick = t0 + ((t1 - t0) * k) / 6;
      el("line", { x1: x(tick), x2: x(tick), y1: 4, y2: H - 22 }, axis);
      lab = el("text", { x: x(tick), y: H - 8, "text-anchor": "middle" }, axis);
      lab.textContent = new Date(tick).toISOString().slice(0, t1 - t0 > 3 * 365 * 864e5 ? 7 : 10);
    }
    lanes.forEach(function (t, n) {
      var g = el("g", { "class": "lane" }, tl), y = 16 + n * 22;
      el("line", { x1: left, x2: W - right, y1: y, y2: y }, g);
      el("text", { x: left - 8, y: y + 4, "text-anchor": "end" }, g).textContent = t;
    });
    var stack = {};
    dated.forEach(function (i) {
      var e = data.events[i], lane = lanes.indexOf(e.type), mid = (day(e.start) + day(e.end)) / 2;
      var key = lane + "|" + e.start + "|" + e.end, n = stack[key] = (stack[key] || 0) + 1;
      var dot = el("circle", { "class": "dot", cx: x(mid) + (n - 1) * 7, cy: 16 + lane * 22, r: 6, fill: color(e.type),
        "data-event": e.id, "data-type": e.type }, tl);
      if (e.start !== e.end) { dot.setAttribute("stroke", color(e.type)); dot.setAttribute("fill-opacity", "0.4"); }
      var heading = e.type + " \u00b7 " + e.date;
      dot.addEventListener("mouseenter", function (evt) { showTip(evt, heading, [i]); });
      dot.addEventListener("mousemove", moveTip);
      dot.addEventListener("mouseleave", hideTip);
      dot.addEventListener("click", function () { showDetails(heading, [i]); });
      dotEls.push({ el: dot, index: i });
    });
  }

  buildControls();
  buildNetwork();
  buildTimeline();
  apply();
  document.body.setAttribute("data-ready", "1");
})();
