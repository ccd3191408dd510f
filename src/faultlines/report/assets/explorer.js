/* faultlines explorer: glue between the data (embedded JSON or the local JSON API) and BokehJS.
 *
 * Article text is untrusted. It reaches the page only through textContent, and into the plots
 * as data columns that BokehJS draws on a canvas or shows as tooltip text (never as HTML).
 * Never use innerHTML here.
 */
(function () {
  "use strict";

  var CAMP_COLOURS = ["#1f77b4", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf",
                      "#bcbd22", "#7f7f7f", "#393b79", "#637939", "#843c39", "#7b4173"];
  var NO_CAMP = "#b0b0b0";
  var SIGN_STYLE = {
    "1": {name: "cooperation", colour: "#1a9850", dash: "solid"},
    "-1": {name: "conflict", colour: "#d73027", dash: "dash"},
    "0": {name: "mixed", colour: "#888888", dash: "dot"}
  };
  var TABLE_LIMIT = 200;
  var SUPPORT_SAMPLES = 40;  /* null graphs per date range in the page (p-values down to 1/41) */
  var LABEL_LIMIT = 15;     /* most node labels drawn at once; every node is named on hover */
  var HANDLE_LIMIT = 400;  /* dyads with a click handle on the graph (the most evidenced) */
  var NAME_LIMIT = 60;     /* characters of a name in labels, lists and options */
  var CELL_LIMIT = 300;    /* characters of a table cell other than the sentence */
  /* The plots' toolbar, reduced to what works offline: pan, zoom, reset and "save" (a PNG
   * written on this machine); no Bokeh logo, no link, nothing that sends data anywhere. */
  var PLOT_TOOLS = "pan,wheel_zoom,reset,save";
  /* Bidirectional controls (embeddings, overrides, isolates, marks) in article text or names
   * could reverse the page's own words around them; they are removed before display. */
  var BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

  function byId(id) { return document.getElementById(id); }

  function plain(value) {
    return String(value === null || value === undefined ? "" : value).replace(BIDI_CONTROLS, "");
  }

  /* At most ``limit`` characters; the caller keeps the full text for a tooltip. */
  function shorten(value, limit) {
    var text = plain(value);
    return text.length > limit ? text.slice(0, limit - 1) + "\u2026" : text;
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = plain(text); }
    return node;
  }

  /* A text node shown in its own bidirectional isolate (<bdi>), cut to ``limit`` characters
   * with the whole text as a tooltip. */
  function isolated(text, limit) {
    var node = el("bdi", null, limit ? shorten(text, limit) : text);
    if (limit && plain(text).length > limit) { node.title = plain(text); }
    return node;
  }

  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }

  /* A name for a plot label or tooltip: cut and isolated (FSI ... PDI) from its neighbours.
   * BokehJS draws it as plain text, so an actor called "<b>x</b>" shows as typed. */
  function labelName(value, limit) {
    return "\u2068" + shorten(value, limit || NAME_LIMIT) + "\u2069";
  }

  function query(params) {
    var parts = [];
    Object.keys(params).forEach(function (key) {
      var value = params[key];
      if (value !== null && value !== undefined && value !== "") {
        parts.push(encodeURIComponent(key) + "=" + encodeURIComponent(value));
      }
    });
    return parts.length ? "?" + parts.join("&") : "";
  }

  function dyadKey(a, b) { return a <= b ? a + "|" + b : b + "|" + a; }

  function inRange(date, since, until) {
    if (!since && !until) { return true; }
    if (!date) { return false; }
    return (!since || date >= since) && (!until || date <= until);
  }

  /* Mirrors faultlines.report.data.aggregate_edges; tests/report checks the two agree. */
  function aggregateEdges(events, edgeModalities) {
    var groups = new Map();
    events.forEach(function (ev) {
      if (!ev.recipient || ev.recipient === ev.actor) { return; }
      var key = dyadKey(ev.actor, ev.recipient);
      if (!groups.has(key)) {
        var pair = ev.actor <= ev.recipient ? [ev.actor, ev.recipient] : [ev.recipient, ev.actor];
        groups.set(key, {pair: pair, members: []});
      }
      groups.get(key).members.push(ev);
    });
    var ordered = Array.from(groups.values()).sort(function (p, q) {
      var a = p.pair, b = q.pair;
      if (a[0] !== b[0]) { return a[0] < b[0] ? -1 : 1; }
      return a[1] < b[1] ? -1 : (a[1] > b[1] ? 1 : 0);
    });
    return ordered.map(function (group) {
      var members = group.members;
      var pair = group.pair;
      var net = 0, counted = 0, coop = 0, conflict = 0, first = null, last = null;
      members.forEach(function (ev) {
        if (!edgeModalities.has(ev.modality)) { return; }
        counted += 1;
        net += ev.polarity;
        if (ev.polarity > 0) { coop += 1; } else if (ev.polarity < 0) { conflict += 1; }
        if (ev.date) {
          if (first === null || ev.date < first) { first = ev.date; }
          if (last === null || ev.date > last) { last = ev.date; }
        }
      });
      if (!counted) { return null; }
      return {
        source: pair[0], target: pair[1], sign: (net > 0) - (net < 0), count: counted,
        cooperation: coop, conflict: conflict, net_polarity: net, first_date: first,
        last_date: last, event_ids: members.map(function (ev) { return ev.event_id; })
      };
    }).filter(function (edge) { return edge !== null; });
  }

  /* Monthly cooperation and conflict counts per dyad; mirrors report.data.compute_timelines. */
  function computeTimelines(events, edgeModalities) {
    var months = new Map();
    events.forEach(function (ev) {
      if (!ev.recipient || ev.recipient === ev.actor || !ev.date ||
          !edgeModalities.has(ev.modality)) { return; }
      var key = dyadKey(ev.actor, ev.recipient);
      if (!months.has(key)) { months.set(key, new Map()); }
      var period = ev.date.slice(0, 7), cells = months.get(key);
      if (!cells.has(period)) { cells.set(period, [0, 0]); }
      cells.get(period)[ev.polarity > 0 ? 0 : 1] += 1;
    });
    var out = {};
    months.forEach(function (cells, key) {
      out[key] = Array.from(cells.keys()).sort().map(function (period) {
        var c = cells.get(period);
        return {period: period, cooperation: c[0], conflict: c[1], net: c[0] - c[1]};
      });
    });
    return out;
  }

  /* A small seeded generator (mulberry32): the same range always gives the same answer. */
  function seeded(seed) {
    var a = seed >>> 0;
    return function () {
      a = (a + 0x6D2B79F5) >>> 0;
      var t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  /* Signed edges as index pairs: {size, ids, sign: Map(i * size + j -> +1/-1)} with i < j. */
  function signedIndex(edges) {
    var ids = [], index = new Map(), pairs = [];
    function at(id) {
      if (!index.has(id)) { index.set(id, ids.length); ids.push(id); }
      return index.get(id);
    }
    edges.forEach(function (e) {
      if (e.sign !== 1 && e.sign !== -1) { return; }
      var i = at(e.source), j = at(e.target);
      if (i !== j) { pairs.push([Math.min(i, j), Math.max(i, j), e.sign]); }
    });
    var size = ids.length, sign = new Map();
    pairs.forEach(function (p) { sign.set(p[0] * size + p[1], p[2]); });
    return {size: size, ids: ids, sign: sign};
  }

  function pairKey(graph, u, v) { return u < v ? u * graph.size + v : v * graph.size + u; }

  /* [triangles, strongly balanced, weakly balanced]; as network.support._Layers.census. */
  function census(graph) {
    var adj = [], n = graph.size;
    for (var k = 0; k < n; k++) { adj.push([]); }
    graph.sign.forEach(function (_s, key) {
      var u = Math.floor(key / n), v = key % n;
      adj[u].push(v); adj[v].push(u);
    });
    var total = 0, strong = 0, weak = 0;
    graph.sign.forEach(function (s, key) {
      var u = Math.floor(key / n), v = key % n, small = adj[u].length < adj[v].length ? u : v;
      var other = small === u ? v : u;
      adj[small].forEach(function (w) {
        if (w <= v) { return; }
        var sw = graph.sign.get(pairKey(graph, other, w));
        if (sw === undefined) { return; }
        var neg = (s < 0) + (graph.sign.get(pairKey(graph, small, w)) < 0) + (sw < 0);
        total += 1; strong += neg % 2 === 0; weak += neg !== 1;
      });
    });
    return [total, strong, weak];
  }

  /* Degree-preserving double-edge swaps inside each sign layer (network.support._Layers.swap). */
  function swapLayers(graph, rng, attempts) {
    var n = graph.size;
    [1, -1].forEach(function (layerSign) {
      var layer = [];
      graph.sign.forEach(function (s, key) {
        if (s === layerSign) { layer.push([Math.floor(key / n), key % n]); }
      });
      if (layer.length < 2) { return; }
      for (var t = 0; t < attempts; t++) {
        var i = Math.floor(rng() * layer.length), j = Math.floor(rng() * layer.length);
        var a = layer[i][0], b = layer[i][1], c = layer[j][0], d = layer[j][1];
        if (rng() < 0.5) { var x = c; c = d; d = x; }
        if (a === c || a === d || b === c || b === d) { continue; }
        var ad = pairKey(graph, a, d), cb = pairKey(graph, c, b);
        if (graph.sign.has(ad) || graph.sign.has(cb)) { continue; }
        graph.sign.delete(pairKey(graph, a, b));
        graph.sign.delete(pairKey(graph, c, d));
        graph.sign.set(ad, layerSign); graph.sign.set(cb, layerSign);
        layer[i] = [a, d]; layer[j] = [c, b];
      }
    });
  }

  /* Do the ties of this range support two camps? The test of network.support.camp_support
   * (strong balance against a degree-preserving null model), run in the page as a sequence of
   * steps: supportTest(edges, samples) returns either {verdict} (decided without null graphs) or
   * {step(), done(), result()}; each step draws one null graph. */
  function supportTest(edges, samples) {
    var graph = signedIndex(edges);
    var observed = census(graph), edgeCount = graph.sign.size;
    if (observed[0] === 0) {
      return {verdict: {supported: false, triangles: 0, reason: "no signed triangle among " +
              edgeCount + " signed ties: the data cannot support camps"}};
    }
    if (observed[0] < 5) {
      return {verdict: {supported: false, triangles: observed[0], reason: "only " + observed[0] +
              " signed triangle(s): too few to support camps (at least 5 needed)"}};
    }
    var balance = observed[1] / observed[0], rng = seeded(0), nulls = [], drawn = 0;
    var total = samples || SUPPORT_SAMPLES;
    swapLayers(graph, rng, 10 * edgeCount);
    return {
      step: function () {
        swapLayers(graph, rng, edgeCount);
        var c = census(graph);
        if (c[0]) { nulls.push(c[1] / c[0]); }
        drawn += 1;
      },
      done: function () { return drawn >= total; },
      result: function () { return supportVerdict(observed[0], balance, nulls); }
    };
  }

  function supportVerdict(triangles, balance, nulls) {
    if (!nulls.length) {
      return {supported: true, triangles: triangles, balance: balance,
              reason: "strong balance " + balance.toFixed(2) + "; random graphs with the same " +
              "degrees have no triangle at all"};
    }
    var mean = nulls.reduce(function (x, y) { return x + y; }, 0) / nulls.length;
    var sd = Math.sqrt(nulls.reduce(function (x, y) { return x + (y - mean) * (y - mean); }, 0) /
                       Math.max(1, nulls.length - 1));
    var p = (1 + nulls.filter(function (x) { return x >= balance; }).length) / (1 + nulls.length);
    var supported = p <= 0.05 && balance > mean;
    return {supported: supported, triangles: triangles, balance: balance, null_mean: mean,
            p_value: p, reason: "strong balance " + balance.toFixed(2) + " is " +
            (supported ? "above" : "not above") + " random graphs with the same degrees (" +
            mean.toFixed(2) + " +/- " + sd.toFixed(2) + ", p = " + p.toFixed(3) + "): " +
            (supported ? "camps supported" : "the camps may be an artefact of the degrees; " +
             "read them with care")};
  }

  /* The whole test at once (tests call this; the page uses campSupportLater). */
  function campSupport(edges, samples) {
    var test = supportTest(edges, samples);
    if (test.verdict) { return test.verdict; }
    while (!test.done()) { test.step(); }
    return test.result();
  }

  /* The same test in slices of about 15 ms, so clicks and scrolling are answered while it runs;
   * resolves to null when ``isCurrent()`` turns false (the range changed meanwhile). */
  function campSupportLater(edges, samples, isCurrent) {
    return new Promise(function (resolve) {
      var test = null;
      function slice() {
        if (isCurrent && !isCurrent()) { resolve(null); return; }
        if (!test) {
          test = supportTest(edges, samples);
          if (test.verdict) { resolve(test.verdict); return; }
        }
        var stop = performance.now() + 15;
        while (!test.done() && performance.now() < stop) { test.step(); }
        if (test.done()) { resolve(test.result()); } else { setTimeout(slice, 0); }
      }
      setTimeout(slice, 0);
    });
  }

  /* Two camps that frustrate few ties: starts that follow the signs outward from each of the
   * SPLIT_STARTS best connected actors, each improved by single moves while any lowers the
   * count of frustrated ties (the heuristic of network.factions); the best split wins. One
   * start from the first actor alone can leave two allies on opposite sides, since no single
   * move repairs a hub placed wrongly. */
  var SPLIT_STARTS = 12;

  function spreadSides(adj, root) {
    var side = adj.map(function () { return -1; });
    var order = [root].concat(adj.map(function (_a, i) { return i; }));
    order.forEach(function (start) {
      if (side[start] !== -1) { return; }
      side[start] = 0;
      var queue = [start];
      while (queue.length) {
        var u = queue.shift();
        adj[u].forEach(function (pair) {
          if (side[pair[0]] === -1) {
            side[pair[0]] = pair[1] > 0 ? side[u] : 1 - side[u];
            queue.push(pair[0]);
          }
        });
      }
    });
    return side;
  }

  function frustratedAt(adj, side, u, s) {
    return adj[u].reduce(function (sum, pair) {
      return sum + ((pair[1] > 0) !== (side[pair[0]] === s) ? 1 : 0);
    }, 0);
  }

  function improveSides(adj, side) {
    for (var round = 0, moved = true; moved && round < 50; round++) {
      moved = false;
      for (var v = 0; v < adj.length; v++) {
        if (frustratedAt(adj, side, v, 1 - side[v]) < frustratedAt(adj, side, v, side[v])) {
          side[v] = 1 - side[v]; moved = true;
        }
      }
    }
    return adj.reduce(function (sum, _a, v) { return sum + frustratedAt(adj, side, v, side[v]); }, 0);
  }

  function splitCamps(edges) {
    var graph = signedIndex(edges), adj = [];
    for (var n = 0; n < graph.size; n++) { adj.push([]); }
    graph.sign.forEach(function (s, key) {
      var u = Math.floor(key / graph.size), v = key % graph.size;
      adj[u].push([v, s]); adj[v].push([u, s]);
    });
    var roots = adj.map(function (_a, i) { return i; })
      .sort(function (p, q) { return adj[q].length - adj[p].length || p - q; })
      .slice(0, SPLIT_STARTS);
    var best = [], bestCost = Infinity;
    roots.forEach(function (root) {
      var side = spreadSides(adj, root), cost = improveSides(adj, side);
      if (cost < bestCost) { best = side; bestCost = cost; }
    });
    var camps = [[], []];
    best.forEach(function (s, i) { camps[s].push(graph.ids[i]); });
    return camps.filter(function (c) { return c.length; })
      .sort(function (p, q) { return q.length - p.length; })
      .map(function (members, i) { return {id: i, members: members.sort()}; });
  }

  function balanceSummary(edges, camps) {
    var graph = signedIndex(edges), c = census(graph), pos = 0, neg = 0;
    graph.sign.forEach(function (s) { if (s > 0) { pos += 1; } else { neg += 1; } });
    var nodes = new Set();
    edges.forEach(function (e) { nodes.add(e.source); nodes.add(e.target); });
    return {nodes: nodes.size, edges: edges.length, positive_edges: pos, negative_edges: neg,
            triangles: c[0], balanced_triangles: c[1],
            balance_degree: c[0] ? c[1] / c[0] : null, frustration_index: null,
            method: "computed in the page for this date range: triangle census; " +
                    camps.length + " camps by local search"};
  }

  /* ---- data sources: both return the JSON shapes of ReportData.to_json_dict() ---- */

  /* The report stores events as columns and rows to stay small; rebuild the objects. */
  /* Located events grouped by point and quad (report/data.py aggregate_places does the same). */
  function aggregatePlaces(events) {
    var groups = new Map();
    events.forEach(function (ev) {
      if (ev.lat === null || ev.lat === undefined || ev.lon === null || ev.lon === undefined) {
        return;
      }
      var lat = Math.round(ev.lat * 1000) / 1000, lon = Math.round(ev.lon * 1000) / 1000;
      var key = lat + "|" + lon + "|" + ev.quad;
      var group = groups.get(key);
      if (!group) {
        group = {lat: lat, lon: lon, quad: ev.quad, place: ev.place, count: 0, event_ids: []};
        groups.set(key, group);
      }
      group.count += 1;
      if (group.event_ids.length < 20) { group.event_ids.push(ev.event_id); }
    });
    return Array.from(groups.values()).sort(function (p, q) { return q.count - p.count; });
  }

  function expandRows(table) {
    if (Array.isArray(table)) { return table; }
    return table.rows.map(function (row) {
      var item = {};
      table.columns.forEach(function (column, i) { item[column] = row[i]; });
      return item;
    });
  }

  /* First index in the sorted ``values`` whose value is >= (or, with ``after``, >) ``key``. */
  function bisect(values, key, after) {
    var lo = 0, hi = values.length;
    while (lo < hi) {
      var mid = (lo + hi) >>> 1;
      if (values[mid] < key || (after && values[mid] === key)) { lo = mid + 1; } else { hi = mid; }
    }
    return lo;
  }

  /* Dated events in date order (ties in data order), so a date range is two binary searches
   * instead of a scan of every event for every panel. */
  function DateIndex(events) {
    var order = [];
    events.forEach(function (ev, i) { if (ev.date) { order.push(i); } });
    var inOrder = order.every(function (i, k) {
      return k === 0 || events[order[k - 1]].date <= events[i].date;
    });
    if (!inOrder) {
      order.sort(function (p, q) {
        var a = events[p].date, b = events[q].date;
        return a < b ? -1 : (a > b ? 1 : p - q);
      });
    }
    this.events = events;
    this.order = order;
    this.dates = order.map(function (i) { return events[i].date; });
    this.inOrder = inOrder;
  }
  /* The events in [since, until] (either may be empty), in data order. */
  DateIndex.prototype.range = function (since, until) {
    if (!since && !until) { return this.events; }
    var lo = since ? bisect(this.dates, since, false) : 0;
    var hi = until ? bisect(this.dates, until, true) : this.dates.length;
    var events = this.events;
    var picked = this.order.slice(lo, Math.max(lo, hi));
    if (!this.inOrder) { picked.sort(function (p, q) { return p - q; }); }
    return picked.map(function (i) { return events[i]; });
  };

  /* The confidence slider's threshold, shared by every source and level. An event passes when
   * its confidence reaches it or it has none (coded by the rules alone): the rule of
   * filter_events in Python and of every command's --min-confidence. */
  var filters = {minConfidence: 0};

  function confident(ev) {
    return ev.confidence === null || ev.confidence === undefined ||
      ev.confidence >= filters.minConfidence;
  }

  function EmbeddedSource(data) {
    data.events = expandRows(data.events);
    this.data = data;
    this.edgeModalities = new Set(data.edge_modalities || []);
    this.eventsById = new Map();
    this.levels = {actor: this};
    this.dateIndex = new DateIndex(data.events);
    this.rangeCache = new Map();
    this.byDyad = null;
    var self = this;
    data.events.forEach(function (ev) { self.eventsById.set(ev.event_id, ev); });
  }
  /* Events, dyads and camps of one date range, computed once and shared by every panel (the
   * network, the summary, the map and the table all ask for the same range). */
  EmbeddedSource.prototype.range = function (since, until) {
    var key = (since || "") + "|" + (until || "") + "|" + filters.minConfidence;
    var hit = this.rangeCache.get(key);
    if (hit) { return hit; }
    if (this.rangeCache.size >= 16) { this.rangeCache.clear(); }
    var events = this.dateIndex.range(since, until);
    if (!this.allConfident()) { events = events.filter(confident); }
    hit = {events: events, edges: null, camps: null, places: null};
    if (this.whole(since, until)) { hit.edges = this.data.edges; }
    this.rangeCache.set(key, hit);
    return hit;
  };
  /* True when the slider leaves out nothing: every event was read at or above its threshold. */
  EmbeddedSource.prototype.allConfident = function () {
    return filters.minConfidence <= (this.data.min_confidence || 0);
  };
  /* True when the page shows what the report computed: the whole period, nothing left out. */
  EmbeddedSource.prototype.whole = function (since, until) {
    return !since && !until && this.allConfident();
  };
  EmbeddedSource.prototype.rangeEdges = function (since, until) {
    var view = this.range(since, until);
    if (!view.edges) { view.edges = aggregateEdges(view.events, this.edgeModalities); }
    return view.edges;
  };
  /* Events of one dyad, in data order; the index is built on the first evidence request. */
  EmbeddedSource.prototype.dyadEvents = function (a, b) {
    if (!this.byDyad) {
      var index = new Map();
      this.data.events.forEach(function (ev) {
        if (!ev.recipient || ev.recipient === ev.actor) { return; }
        var key = dyadKey(ev.actor, ev.recipient);
        if (!index.has(key)) { index.set(key, []); }
        index.get(key).push(ev);
      });
      this.byDyad = index;
    }
    return this.byDyad.get(dyadKey(a, b)) || [];
  };
  /* The same data with every event's actors replaced by their group or state node
   * (ReportData.at_level in Python). */
  EmbeddedSource.prototype.atLevel = function (level) {
    var base = this.levels.actor;
    if (this.levels[level]) { return this.levels[level]; }
    var view = (base.data.levels || {})[level];
    if (!view) { return base; }
    var map = view.map || {}, hidden = new Set(view.hidden || []);
    function to(id) { return id && Object.prototype.hasOwnProperty.call(map, id) ? map[id] : id; }
    /* unidentified actors ("men", the outlet itself) are left out of this level with their events */
    var events = base.data.events.filter(function (ev) {
      return !hidden.has(ev.actor) && !hidden.has(ev.recipient);
    }).map(function (ev) {
      return Object.assign({}, ev, {actor: to(ev.actor), recipient: to(ev.recipient)});
    });
    var derived = Object.assign({}, base.data, {
      events: events, nodes: view.nodes, camps: view.camps, balance: view.balance,
      support: view.support, edges: aggregateEdges(events, base.edgeModalities),
      timelines: computeTimelines(events, base.edgeModalities), levels: {}
    });
    var source = new EmbeddedSource(derived);
    source.levels = base.levels;
    base.levels[level] = source;
    return source;
  };
  EmbeddedSource.prototype.balance = function (since, until) {
    var d = this.data;
    if (this.whole(since, until)) {
      return Promise.resolve({balance: d.balance, camps: d.camps, support: d.support});
    }
    var view = this.range(since, until), edges = this.rangeEdges(since, until);
    if (!view.camps) {
      view.camps = splitCamps(edges);
      view.balance = balanceSummary(edges, view.camps);
    }
    /* the null-model test is the slow part: it runs after the graph is drawn, in slices */
    return Promise.resolve({balance: view.balance, camps: view.camps, support: view.support || null,
                            pendingSupport: view.support ? null : function (isCurrent) {
                              return campSupportLater(edges, SUPPORT_SAMPLES, isCurrent)
                                .then(function (support) {
                                  if (support) { view.support = support; }
                                  return support;
                                });
                            }});
  };
  EmbeddedSource.prototype.withDocument = function (ev) {
    var doc = this.data.documents[ev.doc_id] || null;
    return Object.assign({}, ev, {document: doc});
  };
  EmbeddedSource.prototype.overview = function () {
    var d = this.data;
    return Promise.resolve({
      title: d.title, generated: d.generated, date_min: d.date_min, date_max: d.date_max,
      nodes: d.nodes, edges: d.edges, camps: d.camps, balance: d.balance, support: d.support,
      event_count: d.events.length, edge_modalities: d.edge_modalities,
      event_types: Array.from(new Set(d.events.map(function (ev) { return ev.event_type; }))),
      min_confidence: d.min_confidence || 0,
      with_confidence: d.events.filter(function (ev) {
        return ev.confidence !== null && ev.confidence !== undefined;
      }).length
    });
  };
  EmbeddedSource.prototype.network = function (since, until) {
    return Promise.resolve({edges: this.rangeEdges(since, until)});
  };
  EmbeddedSource.prototype.evidence = function (a, b, since, until) {
    var self = this;
    var events = this.dyadEvents(a, b).filter(function (ev) {
      return inRange(ev.date, since, until) && confident(ev);
    });
    return Promise.resolve({total: events.length,
                            events: events.map(function (ev) { return self.withDocument(ev); })});
  };
  EmbeddedSource.prototype.events = function (opts) {
    var self = this;
    var needle = (opts.q || "").toLowerCase();
    var names = opts.names;
    var matches = this.range(opts.since, opts.until).events.filter(function (ev) {
      if (opts.type && ev.event_type !== opts.type) { return false; }
      if (opts.actor && ev.actor !== opts.actor && ev.recipient !== opts.actor) { return false; }
      if (!needle) { return true; }
      var doc = self.data.documents[ev.doc_id] || {};
      var hay = [ev.sentence, ev.event_type, ev.source, ev.attributed_to, ev.trigger, ev.doc_id,
                 ev.actor, ev.recipient, names(ev.actor), ev.recipient ? names(ev.recipient) : "",
                 doc.title].join("\u0001").toLowerCase();
      return hay.indexOf(needle) !== -1;
    });
    var limit = opts.limit || TABLE_LIMIT;
    return Promise.resolve({
      total: matches.length,
      events: matches.slice(0, limit).map(function (ev) { return self.withDocument(ev); })
    });
  };
  EmbeddedSource.prototype.places = function (since, until) {
    var view = this.range(since, until);
    if (!view.places) { view.places = aggregatePlaces(view.events); }
    return Promise.resolve({points: view.places});
  };
  EmbeddedSource.prototype.timeline = function (a, b) {
    var key = dyadKey(a, b);
    if (this.allConfident()) { return Promise.resolve({points: this.data.timelines[key] || []}); }
    var kept = this.dyadEvents(a, b).filter(confident);
    return Promise.resolve({points: computeTimelines(kept, this.edgeModalities)[key] || []});
  };

  function ApiSource(base, level) { this.base = base || "api/"; this.level = level || "actor"; }
  ApiSource.prototype.atLevel = function (level) { return new ApiSource(this.base, level); };
  ApiSource.prototype.balance = function (since, until) {
    return this.get("balance", {since: since, until: until});
  };
  ApiSource.prototype.get = function (path, params) {
    params = Object.assign({}, params || {});
    if (this.level !== "actor") { params.level = this.level; }
    if (filters.minConfidence > 0) { params.min_confidence = filters.minConfidence; }
    return fetch(this.base + path + query(params), {headers: {Accept: "application/json"}})
      .then(function (response) {
        if (!response.ok) { throw new Error("GET " + path + " failed: HTTP " + response.status); }
        return response.json();
      });
  };
  ApiSource.prototype.overview = function () {
    var self = this;
    return Promise.all([self.get("meta"), self.get("network"), self.get("balance")])
      .then(function (parts) {
        return Object.assign({}, parts[0], {nodes: parts[1].nodes, edges: parts[1].edges,
                                            camps: parts[2].camps, balance: parts[2].balance,
                                            support: parts[2].support});
      });
  };
  ApiSource.prototype.network = function (since, until) {
    return this.get("network", {since: since, until: until});
  };
  ApiSource.prototype.evidence = function (a, b, since, until) {
    return this.get("evidence", {a: a, b: b, since: since, until: until});
  };
  ApiSource.prototype.events = function (opts) {
    return this.get("events", {q: opts.q, type: opts.type, actor: opts.actor, since: opts.since,
                               until: opts.until, limit: opts.limit || TABLE_LIMIT});
  };
  ApiSource.prototype.timeline = function (a, b) { return this.get("timeline", {a: a, b: b}); };
  ApiSource.prototype.places = function (since, until) {
    return this.get("places", {since: since, until: until});
  };

  /* ---- the view ---- */

  var state = {source: null, since: null, until: null, nodes: new Map(), camps: [],
               campOf: new Map(), level: "actor", supportTicket: 0, refreshTicket: 0,
               edgeModalities: new Set(),
               edges: [], selection: null, ticket: 0, plotted: false, mapDrawn: null};

  function nameOf(id) {
    var node = state.nodes.get(id);
    return node ? node.name : id;
  }

  /* The camp of a node in the date range shown (camps are recomputed for every range). */
  function campOfNode(n) {
    return state.campOf.has(n.id) ? state.campOf.get(n.id) : null;
  }

  function campColour(camp) {
    return camp === null || camp === undefined ? NO_CAMP : CAMP_COLOURS[camp % CAMP_COLOURS.length];
  }

  function widthOf(count) { return count >= 5 ? 5 : (count >= 2 ? 3 : 1.5); }

  /* Line segments [a, b] chained into few polylines (lists of node ids): 2,000 dyads drawn
   * as 2,000 lines cost 2,000 strokes on every repaint, chained they are a few dozen. Walks start at nodes with an odd number of segments left, as in an Euler trail. */
  function chainSegments(pairs) {
    var incident = new Map(), used = [], cursor = new Map(), trails = [];
    pairs.forEach(function (pair, i) {
      pair.forEach(function (v) {
        if (!incident.has(v)) { incident.set(v, []); cursor.set(v, 0); }
        incident.get(v).push(i);
      });
      used.push(false);
    });
    function next(v) {
      var list = incident.get(v), k = cursor.get(v);
      while (k < list.length && used[list[k]]) { k += 1; }
      cursor.set(v, k);
      return k < list.length ? list[k] : -1;
    }
    function left(v) {
      return incident.get(v).filter(function (i) { return !used[i]; }).length;
    }
    function walkFrom(start) {
      var trail = [start], v = start, i;
      while ((i = next(v)) !== -1) {
        used[i] = true;
        v = pairs[i][0] === v ? pairs[i][1] : pairs[i][0];
        trail.push(v);
      }
      trails.push(trail);
    }
    var ids = Array.from(incident.keys());
    ids.forEach(function (v) { if (left(v) % 2 === 1) { walkFrom(v); } });
    ids.forEach(function (v) { while (next(v) !== -1) { walkFrom(v); } });
    return trails;
  }

  /* Indexes of the dyads that get a click handle: all of them, or in a dense range the
   * HANDLE_LIMIT with most events (each handle is an element to lay out on every redraw, and
   * thousands of them overlap anyway); every dyad stays in the dyad list. */
  function handled(edges) {
    var all = edges.map(function (_e, i) { return i; });
    if (edges.length <= HANDLE_LIMIT) { return all; }
    return all.sort(function (p, q) { return edges[q].count - edges[p].count || p - q; })
      .slice(0, HANDLE_LIMIT).sort(function (p, q) { return p - q; });
  }

  /* ---- drawing with BokehJS ----
   * Each plot is one Bokeh figure built on its first drawing; later drawings (a new range, a
   * new level) only replace the columns of its data sources, so a redraw repaints the canvas
   * without building the figure again. ``gd.data`` keeps a description of what is drawn (one
   * entry per layer: meta, mode, name, x, y, customdata), which the tests read. */
  var plots = {};

  function figure(gd, options) {
    var fig = Bokeh.Plotting.figure(Object.assign({
      sizing_mode: "stretch_both", tools: PLOT_TOOLS, toolbar_location: "above",
      background_fill_color: "#ffffff", border_fill_color: "#ffffff",
      min_border: 10
    }, options));
    fig.toolbar.logo = null;  /* no link out of the page */
    return fig;
  }

  function source(columns) { return new Bokeh.ColumnDataSource({data: columns}); }

  function show(gd, plot) {
    plots[gd.id] = plot;
    return Bokeh.Plotting.show(plot.figure, gd).then(function (views) {
      plot.view = Array.isArray(views) ? views[0] : views;
    });
  }

  /* Page coordinates of data point (x, y) in plot ``id`` (the tests click through this). */
  function screenPoint(id, x, y) {
    var view = plots[id].view, box = view.el.getBoundingClientRect();
    return [box.left + view.frame.x_scale.compute(x), box.top + view.frame.y_scale.compute(y)];
  }

  /* One tap can hit several layers; the first layer's answer wins. */
  function onTap(handler) {
    var last = null;
    return {execute: function (_tool, data) {
      if (!data || !data.source || data.event === last) { return; }
      var hit = data.source.inspected.indices;
      if (!hit || !hit.length) { return; }
      last = data.event;
      handler(data.source, hit[0]);
    }};
  }

  /* Dash patterns in pixels (on, off). Long dashes: the canvas strokes every dash of every
   * conflict line on each repaint, and Bokeh's "dashed" (6, 6) made a dense graph's repaint
   * about 0.1 s slower than these. */
  var LINE_DASH = {"1": "solid", "-1": {value: [12, 8]}, "0": {value: [2, 8]}};

  function buildNetwork(gd) {
    var fig = figure(gd, {match_aspect: true});
    fig.xaxis.visible = false; fig.yaxis.visible = false;
    fig.xgrid.visible = false; fig.ygrid.visible = false;
    var plot = {figure: fig, lines: {}, sources: {}};
    ["1", "-1", "0"].forEach(function (sign) {
      var lines = source({xs: [], ys: [], width: []});
      plot.sources["lines" + sign] = lines;
      plot.lines[sign] = fig.multi_line({xs: {field: "xs"}, ys: {field: "ys"},
                                         line_width: {field: "width"},
                                         line_color: SIGN_STYLE[sign].colour,
                                         line_dash: LINE_DASH[sign], line_alpha: 0.75,
                                         source: lines});
    });
    var empty = {x: [], y: [], colour: [], size: [], key: [], hname: [], hdetail: []};
    plot.sources.edge = source(Object.assign({}, empty));
    plot.sources.node = source(Object.assign({label: [], dx: [], dy: []}, empty));
    plot.edges = fig.scatter({x: {field: "x"}, y: {field: "y"}, marker: "diamond",
                              size: {field: "size"}, fill_color: {field: "colour"},
                              line_color: "#ffffff", line_width: 1, source: plot.sources.edge});
    plot.nodes = fig.scatter({x: {field: "x"}, y: {field: "y"}, marker: "circle",
                              size: {field: "size"}, fill_color: {field: "colour"},
                              line_color: "#ffffff", line_width: 1.5, source: plot.sources.node});
    fig.text({x: {field: "x"}, y: {field: "y"}, text: {field: "label"}, text_align: "center",
              text_baseline: "middle", x_offset: {field: "dx"}, y_offset: {field: "dy"},
              text_font: LABEL_FONT_FAMILY, text_font_size: LABEL_FONT_SIZE + "px",
              text_color: "#333333", source: plot.sources.node});
    /* after a pan or zoom, labels are placed again for the new scale */
    [fig.x_range, fig.y_range].forEach(function (range) {
      range.change.connect(function () { scheduleLabels(plot); });
    });
    /* Tooltips as (label, value) rows: Bokeh shows the values as text, never as HTML. */
    fig.add_tools(new Bokeh.HoverTool({renderers: [plot.nodes, plot.edges],
                                       tooltips: [["", "@hname"], ["", "@hdetail"]]}));
    var tap = new Bokeh.TapTool({renderers: [plot.nodes, plot.edges], behavior: "inspect"});
    tap.callback = onTap(function (src, i) {
      if (src === plot.sources.edge) {
        var edge = state.edges[src.data.key[i]];
        if (edge) { selectDyad(edge.source, edge.target); }
      } else {
        selectActor(src.data.key[i]);
      }
    });
    fig.add_tools(tap);
    return plot;
  }

  function drawNetwork(edges) {
    state.edges = edges;
    var gd = byId("fl-network");
    var fresh = !plots[gd.id];
    var plot = plots[gd.id] || buildNetwork(gd);
    var drawn = [];
    // Hundreds of dyads turn into a hairball: fainter lines and smaller handles keep nodes legible.
    var dense = edges.length > 300;
    var lines = {};
    edges.forEach(function (edge) {
      var a = state.nodes.get(edge.source), b = state.nodes.get(edge.target);
      if (!a || !b) { return; }
      var style = String(edge.sign);
      var group = style + ":" + widthOf(edge.count);
      if (!lines[group]) { lines[group] = {sign: style, width: widthOf(edge.count), pairs: []}; }
      lines[group].pairs.push([edge.source, edge.target]);
    });
    var columns = {"1": {xs: [], ys: [], width: []}, "-1": {xs: [], ys: [], width: []},
                   "0": {xs: [], ys: [], width: []}};
    Object.keys(lines).sort().forEach(function (group) {
      var line = lines[group], style = SIGN_STYLE[line.sign], x = [], y = [];
      var out = columns[line.sign];
      chainSegments(line.pairs).forEach(function (trail) {
        var tx = [], ty = [];
        trail.forEach(function (id) {
          var n = state.nodes.get(id);
          tx.push(n.x); ty.push(n.y); x.push(n.x); y.push(n.y);
        });
        x.push(null); y.push(null);
        out.xs.push(tx); out.ys.push(ty); out.width.push(line.width);
      });
      drawn.push({meta: "lines", mode: "lines", name: style.name, x: x, y: y,
                  line: {dash: style.dash, width: line.width, color: style.colour}});
    });
    Object.keys(columns).forEach(function (sign) {
      plot.lines[sign].glyph.line_alpha = dense ? 0.35 : 0.75;
      plot.sources["lines" + sign].data = columns[sign];
    });
    var mid = {x: [], y: [], colour: [], size: [], key: [], hname: [], hdetail: []};
    handled(edges).forEach(function (i) {
      var edge = edges[i], a = state.nodes.get(edge.source), b = state.nodes.get(edge.target);
      if (!a || !b) { return; }
      mid.x.push((a.x + b.x) / 2);
      mid.y.push((a.y + b.y) / 2);
      mid.colour.push(SIGN_STYLE[String(edge.sign)].colour);
      mid.size.push(dense ? 6 : 10);
      mid.key.push(i);
      mid.hname.push(labelName(nameOf(edge.source)) + " \u2014 " + labelName(nameOf(edge.target)));
      mid.hdetail.push(edge.count + " events: " + edge.cooperation + " cooperation, " +
                       edge.conflict + " conflict");
    });
    plot.edges.glyph.fill_alpha = dense ? 0.6 : 1;
    plot.edges.glyph.line_width = dense ? 0 : 1;
    plot.sources.edge.data = mid;
    drawn.push({meta: "edge", mode: "markers", name: "dyads (click)", x: mid.x, y: mid.y,
                customdata: mid.key, hovertext: mid.hname});
    var used = new Set();
    edges.forEach(function (edge) { used.add(edge.source); used.add(edge.target); });
    var nodes = Array.from(state.nodes.values()).filter(function (n) { return used.has(n.id); });
    var maxMentions = Math.max.apply(null, [1].concat(nodes.map(function (n) { return n.mentions; })));
    var xs = nodes.map(function (n) { return n.x; }), ys = nodes.map(function (n) { return n.y; });
    var weight = eventsPerNode(edges);
    var nodeColumns = {
      x: xs, y: ys, key: nodes.map(function (n) { return n.id; }),
      hname: nodes.map(function (n) { return labelName(n.name, 120); }),
      hdetail: nodes.map(function (n) {
        return n.mentions + " mentions, " + (weight.get(n.id) || 0) + " events in range" +
          (campOfNode(n) === null ? "" : ", camp " + (campOfNode(n) + 1));
      }),
      size: nodes.map(function (n) { return 10 + 26 * Math.sqrt(n.mentions / maxMentions); }),
      colour: nodes.map(function (n) { return campColour(campOfNode(n)); })
    };
    /* labels are placed once the plot's scale is known (placeLabels); until then none */
    nodeColumns.label = nodes.map(function () { return ""; });
    nodeColumns.dx = nodes.map(function () { return 0; });
    nodeColumns.dy = nodes.map(function () { return 0; });
    plot.labelling = {
      names: nodes.map(function (n) { return labelName(n.name, 28); }),
      rank: nodes.map(function (_n, i) { return i; }).sort(function (p, q) {
        var a = nodes[p], b = nodes[q];
        return (weight.get(b.id) || 0) - (weight.get(a.id) || 0) || b.mentions - a.mentions ||
          (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
      })
    };
    plot.sources.node.data = nodeColumns;
    var drawnNodes = {meta: "node", mode: "markers+text", name: "actors", x: xs, y: ys,
                      customdata: nodeColumns.key, text: nodeColumns.label};
    plot.drawnNodes = drawnNodes;
    drawn.push(drawnNodes);
    plot.figure.title.text = edges.length ? "" : "No dyads in this date range";
    gd.data = drawn;
    return (fresh ? show(gd, plot) : afterFrame()).then(function () {
      placeLabels(plot);
      return afterFrame();
    });
  }

  /* ---- node labels ----
   * Only the most connected nodes get a label (events in the range, then mentions), at most
   * LABEL_LIMIT, each put above, below, right or left of its marker, whichever first keeps its
   * box (in screen pixels, measured in the label's own font) clear of every label already
   * placed and of every other marker, inside the plot. A node with no such place stays
   * unlabelled and is named on hover, except the LABEL_ALWAYS best connected: they take the
   * place that covers fewest other markers (still never another label). */
  var LABEL_FONT_FAMILY = "helvetica";
  var LABEL_FONT_SIZE = 11;
  var LABEL_PAD = 2;
  var LABEL_ALWAYS = 5;  /* the best connected nodes are labelled even over a neighbour's marker */
  var labelMeasure = null;

  function eventsPerNode(edges) {
    var weight = new Map();
    edges.forEach(function (e) {
      [e.source, e.target].forEach(function (id) { weight.set(id, (weight.get(id) || 0) + e.count); });
    });
    return weight;
  }

  function labelWidth(text) {
    labelMeasure = labelMeasure || document.createElement("canvas").getContext("2d");
    labelMeasure.font = LABEL_FONT_SIZE + "px " + LABEL_FONT_FAMILY;
    return labelMeasure.measureText(text).width;
  }

  function overlaps(a, b) {
    return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  }

  /* Candidate places of a w x h label around a marker of radius r at (cx, cy): the offset
   * (dx, dy) from the marker's centre to the label's, and the box that gives. */
  function labelSpots(cx, cy, r, w, h) {
    var gap = r + LABEL_PAD;
    return [[0, -(gap + h / 2)], [0, gap + h / 2], [gap + w / 2, 0], [-(gap + w / 2), 0]]
      .map(function (d) {
        var x = cx + d[0], y = cy + d[1];
        return {dx: d[0], dy: d[1],
                box: {left: x - w / 2, right: x + w / 2, top: y - h / 2, bottom: y + h / 2}};
      });
  }

  /* Screen boxes of the node markers, in the plot canvas's pixels. */
  function markerBoxes(view, data) {
    var sx = view.frame.x_scale, sy = view.frame.y_scale;
    return data.x.map(function (x, i) {
      var cx = sx.compute(x), cy = sy.compute(data.y[i]), r = data.size[i] / 2;
      return {cx: cx, cy: cy, r: r, box: {left: cx - r, right: cx + r, top: cy - r, bottom: cy + r}};
    });
  }

  function placeLabels(plot) {
    var view = plot.view, data = plot.sources.node.data, how = plot.labelling;
    if (!view || !how || !data.key.length) { return; }
    var frame = view.frame.bbox, markers = markerBoxes(view, data);
    var label = data.key.map(function () { return ""; });
    var dx = label.map(function () { return 0; }), dy = dx.slice(), boxes = [];
    var h = LABEL_FONT_SIZE + LABEL_PAD;
    how.rank.forEach(function (i, rank) {
      if (boxes.length >= LABEL_LIMIT) { return; }
      var m = markers[i];
      var free = labelSpots(m.cx, m.cy, m.r, labelWidth(how.names[i]) + LABEL_PAD, h)
        .filter(function (s) {
          return s.box.left >= frame.left && s.box.right <= frame.right &&
            s.box.top >= frame.top && s.box.bottom <= frame.bottom &&
            !boxes.some(function (b) { return overlaps(s.box, b.box); });
        }).map(function (s) {
          s.covers = markers.filter(function (o, j) { return j !== i && overlaps(s.box, o.box); })
            .length;
          return s;
        });
      /* a spot that covers no other marker; for the LABEL_ALWAYS best connected nodes, else
       * the spot that covers fewest */
      var spot = free.find(function (s) { return s.covers === 0; }) ||
        (rank < LABEL_ALWAYS ? free.sort(function (a, b) { return a.covers - b.covers; })[0]
                             : null);
      if (!spot) { return; }
      label[i] = how.names[i]; dx[i] = spot.dx; dy[i] = spot.dy;
      boxes.push({key: data.key[i], text: how.names[i], box: spot.box});
    });
    plot.labelBoxes = boxes;
    if (plot.drawnNodes) { plot.drawnNodes.text = label; }
    /* an unchanged placement is not written back: writing would repaint, and a repaint that
     * moved a range would call this again */
    if (label.join("\u0000") === data.label.join("\u0000") && dx.join() === data.dx.join() &&
        dy.join() === data.dy.join()) { return; }
    plot.sources.node.data = Object.assign({}, data, {label: label, dx: dx, dy: dy});
  }

  /* Ranges change many times during one wheel zoom: place the labels once per frame. */
  function scheduleLabels(plot) {
    if (plot.labelFrame) { return; }
    plot.labelFrame = requestAnimationFrame(function () {
      plot.labelFrame = null;
      placeLabels(plot);
    });
  }

  /* Resolves once the browser has painted (Bokeh repaints a changed plot in the next frame). */
  function afterFrame() {
    return new Promise(function (resolve) {
      var timer = setTimeout(resolve, 200);
      requestAnimationFrame(function () {
        setTimeout(function () { clearTimeout(timer); resolve(); }, 0);
      });
    });
  }

  var QUAD_COLOURS = {"verbal-cooperation": "#74add1", "material-cooperation": "#1a9850",
                      "verbal-conflict": "#fdae61", "material-conflict": "#d73027"};

  function buildMap(gd) {
    var fig = figure(gd, {match_aspect: true, x_range: new Bokeh.Range1d({start: -180, end: 180}),
                          y_range: new Bokeh.Range1d({start: -90, end: 90})});
    fig.xaxis.axis_label = "longitude";
    fig.yaxis.axis_label = "latitude";
    var plot = {figure: fig, sources: {}, layers: []};
    Object.keys(QUAD_COLOURS).forEach(function (quad) {
      var places = source({x: [], y: [], size: [], count: [], hname: [], hdetail: []});
      plot.sources[quad] = places;
      plot.layers.push(fig.scatter({x: {field: "x"}, y: {field: "y"}, size: {field: "size"},
                                    fill_color: QUAD_COLOURS[quad], fill_alpha: 0.75,
                                    line_color: "#ffffff", line_width: 0.5, source: places,
                                    legend_label: quad}));
    });
    fig.legend.location = "bottom_left";
    fig.legend.label_text_font_size = "11px";
    fig.add_tools(new Bokeh.HoverTool({renderers: plot.layers,
                                       tooltips: [["", "@hname"], ["", "@hdetail"]]}));
    return plot;
  }

  /* A plain longitude/latitude scatter: no map tiles or outlines, which would be fetched. */
  function drawMap(points) {
    var gd = byId("fl-map");
    var fresh = !plots[gd.id];
    var plot = plots[gd.id] || buildMap(gd);
    var maxCount = Math.max.apply(null, [1].concat(points.map(function (p) { return p.count; })));
    var drawn = Object.keys(QUAD_COLOURS).map(function (quad) {
      var mine = points.filter(function (p) { return p.quad === quad; });
      var columns = {
        x: mine.map(function (p) { return p.lon; }), y: mine.map(function (p) { return p.lat; }),
        count: mine.map(function (p) { return p.count; }),
        size: mine.map(function (p) { return 7 + 25 * Math.sqrt(p.count / maxCount); }),
        hname: mine.map(function (p) { return shorten(p.place || "", 120); }),
        hdetail: mine.map(function (p) {
          return p.count + " " + quad + (p.count === 1 ? " event" : " events");
        })
      };
      plot.sources[quad].data = columns;
      return {meta: "place", mode: "markers", name: quad, x: columns.x, y: columns.y,
              customdata: columns.count, hovertext: columns.hname, marker: {size: columns.size}};
    });
    var lons = points.map(function (p) { return p.lon; });
    var lats = points.map(function (p) { return p.lat; });
    function span(values, low, high) {
      if (!values.length) { return [low, high]; }
      var lo = Math.min.apply(null, values), hi = Math.max.apply(null, values);
      var pad = Math.max(2, (hi - lo) * 0.1);
      return [Math.max(low, lo - pad), Math.min(high, hi + pad)];
    }
    var xr = span(lons, -180, 180), yr = span(lats, -90, 90);
    plot.figure.x_range.setv({start: xr[0], end: xr[1]});
    plot.figure.y_range.setv({start: yr[0], end: yr[1]});
    var total = points.reduce(function (n, p) { return n + p.count; }, 0);
    byId("fl-map-status").textContent = "\u00b7 " + total + " located events at " +
      new Set(points.map(function (p) { return p.lat + "|" + p.lon; })).size + " places";
    gd.data = drawn;
    return fresh ? show(gd, plot) : afterFrame();
  }

  var MONTH_MS = 30.44 * 24 * 3600 * 1000;

  function buildTimeline(gd) {
    var fig = figure(gd, {x_axis_type: "datetime", toolbar_location: null,
                          tools: "pan,wheel_zoom,reset"});
    fig.yaxis.axis_label = "events";
    fig.xgrid.visible = false;
    var plot = {figure: fig, sources: {cooperation: source({x: [], top: []}),
                                       conflict: source({x: [], top: []})}};
    fig.vbar({x: {field: "x"}, top: {field: "top"}, bottom: 0, width: 0.8 * MONTH_MS,
              fill_color: SIGN_STYLE["1"].colour, line_color: null,
              source: plot.sources.cooperation});
    fig.vbar({x: {field: "x"}, top: {field: "top"}, bottom: 0, width: 0.8 * MONTH_MS,
              fill_color: SIGN_STYLE["-1"].colour, line_color: null,
              source: plot.sources.conflict});
    fig.add_tools(new Bokeh.HoverTool({tooltips: [["month", "@x{%B %Y}"], ["events", "@top"]],
                                       formatters: {"@x": "datetime"}}));
    return plot;
  }

  function drawTimeline(points) {
    var gd = byId("fl-timeline");
    if (!points || !points.length) {
      gd.style.display = "none";
      gd.data = [];
      return Promise.resolve();
    }
    gd.style.display = "";
    /* A date axis, not categories: months without events keep their place on it. */
    var fresh = !plots[gd.id];
    var plot = plots[gd.id] || buildTimeline(gd);
    var periods = points.map(function (p) { return Date.parse(p.period + "-15T00:00:00Z"); });
    plot.sources.cooperation.data = {x: periods,
                                     top: points.map(function (p) { return p.cooperation; })};
    plot.sources.conflict.data = {x: periods,
                                  top: points.map(function (p) { return -p.conflict; })};
    gd.data = [{meta: "cooperation", mode: "bar", x: periods},
               {meta: "conflict", mode: "bar", x: periods}];
    return fresh ? show(gd, plot) : afterFrame();
  }

  function evidenceItem(ev) {
    var counted = state.edgeModalities.has(ev.modality);
    var item = el("li", counted ? (ev.polarity > 0 ? "coop" : "conflict") : "uncounted");
    item.appendChild(el("blockquote", "sentence", ev.sentence));
    var doc = ev.document || {};
    /* Each part is its own isolate, so text from the article (an outlet, a title, a name) can
     * never reorder the words around it. */
    var parts = [
      [ev.date || "undated"],
      [ev.source || doc.source || "unknown outlet"],
      doc.author ? ["by ", doc.author] : null,
      doc.title ? ["\u201c", doc.title, "\u201d"] : null,
      ["document ", ev.doc_id],
      [nameOf(ev.actor), " \u2192 ", ev.recipient ? nameOf(ev.recipient) : "(no recipient)",
       ": " + ev.event_type + (ev.mode ? " " + ev.mode : "") + " (" + ev.quad + ")"],
      ["modality: " + ev.modality + (counted ? "" : " (not counted in the network)")],
      typeof ev.confidence === "number" ? ["confidence: " + ev.confidence.toFixed(2)] : null,
      ev.attributed_to ? ["according to ", ev.attributed_to] : ["attribution: the outlet"],
      ev.trigger ? ["trigger: ", ev.trigger] : null,
      ev.place ? ["where: ", ev.place] : null
    ].filter(function (p) { return p; });
    var meta = el("div", "meta");
    parts.forEach(function (part, i) {
      if (i) { meta.appendChild(document.createTextNode(" \u00b7 ")); }
      part.forEach(function (piece) { meta.appendChild(isolated(piece, 200)); });
    });
    var link = safeUrl(doc.url);
    if (link) {
      meta.appendChild(document.createTextNode(" \u00b7 "));
      var a = el("a", null, shorten(link, 80));
      a.href = link;
      a.rel = "noopener noreferrer";
      a.target = "_blank";
      a.title = link;
      meta.appendChild(a);
    }
    item.appendChild(meta);
    return item;
  }

  /* A document URL becomes a link only when it is http(s): no javascript:, data: or file:. */
  function safeUrl(value) {
    if (!value) { return null; }
    var text = plain(value).trim();
    return /^https?:\/\/[^\s]+$/i.test(text) ? text : null;
  }

  function showEvidence(title, summary, result) {
    var heading = byId("fl-evidence-title");
    clear(heading);
    heading.appendChild(isolated(title, 160));
    byId("fl-evidence-summary").textContent = summary;
    var list = byId("fl-evidence");
    clear(list);
    result.events.forEach(function (ev) { list.appendChild(evidenceItem(ev)); });
  }

  function selectDyad(a, b) {
    var ticket = ++state.ticket;
    state.selection = {kind: "dyad", a: a, b: b};
    chooseDyad(dyadKey(a, b));
    return Promise.all([state.source.evidence(a, b, state.since, state.until),
                        state.source.timeline(a, b)])
      .then(function (parts) {
        if (ticket !== state.ticket) { return; }
        var events = parts[0].events;
        var counted = events.filter(function (ev) { return state.edgeModalities.has(ev.modality); });
        var coop = counted.filter(function (ev) { return ev.polarity > 0; }).length;
        var other = events.length - counted.length;
        /* The plot first: building it measures its box, which after a new evidence list
         * would lay the whole panel out once more. */
        var drawn = drawTimeline(parts[1].points);
        showEvidence(nameOf(a) + " \u2014 " + nameOf(b),
                     parts[0].total + " events in range: " + coop + " cooperation, " +
                     (counted.length - coop) + " conflict" +
                     (other ? "; " + other + " hypothetical, advocated or negated (not counted)" : "") +
                     ". Timeline: whole period, by month.", parts[0]);
        return drawn;
      })
      .catch(reportError);
  }

  function selectActor(id) {
    var ticket = ++state.ticket;
    state.selection = {kind: "actor", id: id};
    byId("fl-dyad").value = "";
    return state.source.events({actor: id, since: state.since, until: state.until,
                                limit: TABLE_LIMIT, names: nameOf})
      .then(function (result) {
        if (ticket !== state.ticket) { return; }
        var node = state.nodes.get(id) || {mentions: 0, camp: null};
        var campIndex = state.campOf.has(id) ? state.campOf.get(id) : null;
        var camp = campIndex === null ? "no camp" : "camp " + (campIndex + 1);
        showEvidence(nameOf(id), node.mentions + " mentions, " + camp + "; " + result.total +
                     " events in range" + (result.total > result.events.length ?
                     " (first " + result.events.length + " shown)" : ""), result);
        return drawTimeline([]);
      })
      .catch(reportError);
  }

  /* Above the graph: whether its node colours (the camps) mean anything for this range. */
  function campNote(support) {
    var note = byId("fl-camp-note");
    if (!note) {
      note = el("p", "legend");
      note.id = "fl-camp-note";
      note.setAttribute("role", "status");
      var graph = byId("fl-network");
      graph.parentNode.insertBefore(note, graph);
    }
    clear(note);
    note.className = "legend";
    if (!support) { return; }  // not known (yet): no note
    if (support === "pending") {
      note.textContent = "Testing whether these ties support camps\u2026";
      return;
    }
    if (support.supported) {
      note.textContent = "Node colours: camps the ties support (see Balance and camps).";
      return;
    }
    note.className = "legend warning";
    note.appendChild(el("strong", null, "The data cannot support camps for this range: "));
    note.appendChild(document.createTextNode(support.reason + ". Node colours show only the " +
                                             "split that frustrates the fewest ties."));
  }

  function renderSummary(balance, camps, support) {
    campNote(support);
    var verdict = byId("fl-support");
    if (verdict) {
      clear(verdict);
      if (support) {
        verdict.appendChild(el("strong", null, support.supported ? "Camps supported. " :
                               "The data cannot support camps. "));
        verdict.appendChild(document.createTextNode(support.reason));
        verdict.className = support.supported ? "" : "warning";
      }
    }
    var list = byId("fl-balance");
    clear(list);
    function row(label, value) {
      list.appendChild(el("dt", null, label));
      list.appendChild(el("dd", null, value));
    }
    if (balance) {
      row("Actors / dyads", balance.nodes + " / " + balance.edges);
      row("Cooperation / conflict dyads", balance.positive_edges + " / " + balance.negative_edges);
      row("Triangles (balanced)", balance.triangles + " (" + balance.balanced_triangles + ")");
      row("Balance degree", balance.balance_degree === null ? "no triangles" :
          (100 * balance.balance_degree).toFixed(1) + "% of triangles balanced");
      row("Frustration index", balance.frustration_index === null ? "not computed" :
          (balance.frustration_optimal === false ? "at most " : "") + balance.frustration_index +
          " dyads to remove for two perfectly balanced camps");
      row("Method", balance.method || "");
    } else {
      row("Balance", "not available");
    }
    var campList = byId("fl-camps");
    clear(campList);
    camps.forEach(function (camp) {
      var item = el("li");
      var swatch = el("span", "swatch");
      swatch.style.background = campColour(camp.id);
      item.appendChild(swatch);
      item.appendChild(el("strong", null, "Camp " + (camp.id + 1) + ": "));
      camp.members.map(nameOf).sort().forEach(function (name, i) {
        if (i) { item.appendChild(document.createTextNode(", ")); }
        item.appendChild(isolated(name, NAME_LIMIT));
      });
      campList.appendChild(item);
    });
    if (!camps.length) { campList.appendChild(el("li", "muted", "No camps found.")); }
  }

  function renderTable() {
    var tbody = byId("fl-events").tBodies[0];
    var opts = {q: byId("fl-search").value.trim(), type: byId("fl-type").value,
                since: state.since, until: state.until, limit: TABLE_LIMIT, names: nameOf};
    var ticket = ++state.tableTicket;
    return state.source.events(opts).then(function (result) {
      if (ticket !== state.tableTicket) { return; }
      clear(tbody);
      result.events.forEach(function (ev) {
        var row = el("tr");
        row.dataset.eventId = ev.event_id;
        [ev.date || "", nameOf(ev.actor), ev.event_type, ev.recipient ? nameOf(ev.recipient) : "",
         ev.modality, ev.attributed_to || "", ev.source || ""].forEach(function (text) {
          var cell = el("td");
          cell.appendChild(isolated(text, CELL_LIMIT));
          row.appendChild(cell);
        });
        var sentence = el("td", "sentence");
        sentence.appendChild(isolated(ev.sentence));
        row.appendChild(sentence);
        /* Rows are reachable by keyboard: Tab to a row, Enter or Space to open its evidence. */
        row.tabIndex = 0;
        function open() {
          if (ev.recipient && ev.recipient !== ev.actor) { selectDyad(ev.actor, ev.recipient); }
          else { selectActor(ev.actor); }
        }
        row.addEventListener("click", open);
        row.addEventListener("keydown", function (e) {
          if (e.key === "Enter" || e.key === " ") { e.preventDefault(); open(); }
        });
        tbody.appendChild(row);
      });
      byId("fl-table-status").textContent = result.events.length < result.total ?
        "showing " + result.events.length + " of " + result.total + " matching events" :
        result.total + " matching events";
    }).catch(reportError);
  }
  state.tableTicket = 0;

  /* The dyad list of a dense range has thousands of options; it is built when the reader opens
   * it (focus or mouse down), not on every redraw. Until then it holds the selected dyad only. */
  function fillDyadSelect(edges) {
    state.dyadEdges = edges;
    if (edges.length <= HANDLE_LIMIT || document.activeElement === byId("fl-dyad")) {
      listDyads();
    }
  }

  function dyadOption(edge) {
    var option = el("option", null, shorten(nameOf(edge.source), NAME_LIMIT) + " \u2014 " +
                    shorten(nameOf(edge.target), NAME_LIMIT) + " (" + edge.count + ")");
    option.title = plain(nameOf(edge.source)) + " \u2014 " + plain(nameOf(edge.target));
    option.value = dyadKey(edge.source, edge.target);
    option.dataset.source = edge.source;
    option.dataset.target = edge.target;
    return option;
  }

  function listDyads() {
    var select = byId("fl-dyad"), edges = state.dyadEdges || [];
    if (state.dyadsListed === edges) { return; }
    state.dyadsListed = edges;
    var chosen = select.value;
    while (select.options.length > 1) { select.remove(1); }
    var options = document.createDocumentFragment();
    edges.slice().sort(function (p, q) { return q.count - p.count; }).forEach(function (edge) {
      options.appendChild(dyadOption(edge));
    });
    select.appendChild(options);
    select.value = chosen;
  }

  /* Show dyad ``key`` as chosen, adding just its option when the list is not built yet. */
  function chooseDyad(key) {
    var select = byId("fl-dyad");
    if (state.dyadsListed !== state.dyadEdges) {
      state.dyadsListed = null;
      while (select.options.length > 1) { select.remove(1); }
      var edge = (state.dyadEdges || []).find(function (e) {
        return dyadKey(e.source, e.target) === key;
      });
      if (edge) { select.appendChild(dyadOption(edge)); }
    }
    select.value = key;
  }

  /* The map is drawn after the graph and the lists of a range have been painted (the next
   * frame, or 200 ms when no frame comes, as in a hidden tab), so a new range is on screen
   * before it; a newer range makes a pending map drawing stale. */
  var mapPanel = {wanted: null};

  function afterPaint() {
    return new Promise(function (resolve) {
      var timer = setTimeout(resolve, 200);
      requestAnimationFrame(function () {
        setTimeout(function () { clearTimeout(timer); resolve(); }, 0);
      });
    });
  }

  function showMap(since, until) {
    var wanted = (since || "") + "|" + (until || "") + "|" + state.level + "|" +
      filters.minConfidence;
    mapPanel.wanted = wanted;
    return afterPaint().then(function () {
      if (wanted !== mapPanel.wanted) { return null; }
      return state.source.places(since, until).then(function (places) {
        if (wanted !== mapPanel.wanted) { return null; }
        return drawMap(places.points);
      });
    });
  }

  function refresh() {
    var status = byId("fl-range-status");
    status.textContent = "updating\u2026";
    var since = state.since, until = state.until, run = ++state.refreshTicket;
    /* A newer range or level makes this drawing stale: it stops at its next step. */
    function stale() { return run !== state.refreshTicket; }
    return state.source.network(since, until).then(function (net) {
      if (stale()) { return null; }
      return state.source.balance(since, until).then(function (result) {
        if (stale()) { return null; }
        state.camps = result.camps || [];
        state.campOf = new Map();
        state.camps.forEach(function (camp) {
          camp.members.forEach(function (id) { state.campOf.set(id, camp.id); });
        });
        var ticket = ++state.supportTicket;
        function plots() {
          if (stale()) { return Promise.resolve(); }
          return drawNetwork(net.edges);
        }
        function lists() {
          if (stale()) { return Promise.resolve(); }
          fillDyadSelect(net.edges);
          renderSummary(result.balance, state.camps, result.support);
          if (result.pendingSupport) {
            byId("fl-support").textContent = "testing whether these ties support camps\u2026";
            campNote("pending");
          }
          return renderTable().then(function () { mark("lists-shown"); });
        }
        /* Plots first, then the page's own lists: a plot measures its box while it is built,
         * and every measurement after a list was rebuilt would lay the whole page out again. */
        return plots().then(lists).then(function () {
          if (stale()) { return; }
          /* said once the graph is drawn, so "updating" means the graph is not yet current */
          status.textContent = ((since || until) ?
            net.edges.length + " dyads between " + (since || "the start") + " and " +
            (until || "the end") : net.edges.length + " dyads, whole period") +
            (filters.minConfidence > 0 ?
              ", confidence at least " + filters.minConfidence.toFixed(2) : "");
          state.mapDrawn = showMap(since, until).catch(reportError);
          if (!result.pendingSupport) { return; }
          /* the null-model test is the slow part: after the graph, in slices */
          result.pendingSupport(function () { return ticket === state.supportTicket; })
            .then(function (support) {
              if (support && ticket === state.supportTicket) {
                renderSummary(result.balance, state.camps, support);
              }
            }).catch(reportError);
        });
      });
    }).then(function () {
      if (stale()) { return null; }
      var sel = state.selection;
      if (sel && sel.kind === "dyad") { return selectDyad(sel.a, sel.b); }
      if (sel && sel.kind === "actor") { return selectActor(sel.id); }
    });
  }

  /* Show the network at another aggregation level: other nodes, their layout, their camps. */
  function setLevel(level) {
    var select = byId("fl-level");
    if (!Array.prototype.some.call(select.options, function (o) { return o.value === level; })) {
      return Promise.reject(new Error("unknown level: " + level));
    }
    /* the dropdown shows the level drawn, also when it is set by a call, not by the reader */
    select.value = level;
    state.level = level;
    state.source = state.root.atLevel(level);
    state.selection = null;
    state.dyadEdges = null;
    state.dyadsListed = null;
    return state.source.overview().then(function (overview) {
      state.nodes = new Map();
      overview.nodes.forEach(function (node) { state.nodes.set(node.id, node); });
      return refresh();
    });
  }

  function reportError(error) {
    var status = byId("fl-range-status");
    if (status) { status.textContent = "error: " + (error && error.message ? error.message : error); }
    console.error(error);
  }

  function debounce(fn, ms) {
    var timer = null;
    return function () {
      clearTimeout(timer);
      timer = setTimeout(fn, ms);
    };
  }

  function mark(name) {
    if (window.performance && performance.mark) { performance.mark("faultlines:" + name); }
  }

  /* The confidence slider: it starts at the threshold the data were read with and leaves out
   * the events below its value (events without a confidence always stay). */
  function setUpConfidence(overview) {
    var slider = byId("fl-confidence"), shown = byId("fl-confidence-value");
    if (!slider) { return; }
    var floor = overview.min_confidence || 0;
    filters.minConfidence = floor;
    slider.min = String(floor);
    slider.value = String(floor);
    shown.textContent = floor.toFixed(2);
    if (!overview.with_confidence) {
      slider.disabled = true;
      slider.title = "No event here carries a confidence (coded by the rules alone)";
      return;
    }
    slider.addEventListener("input", function () {
      shown.textContent = Number(slider.value).toFixed(2);
    });
    slider.addEventListener("change", function () {
      var value = Number(slider.value);
      if (value === filters.minConfidence) { return; }
      filters.minConfidence = value;
      shown.textContent = value.toFixed(2);
      refresh().catch(reportError);
    });
  }

  function init() {
    mark("script-start");  // BokehJS is parsed and run by now
    if (window.Bokeh && Bokeh.set_log_level) { Bokeh.set_log_level("warn"); }  /* no info lines */
    var embedded = byId("faultlines-data");
    state.source = embedded ? new EmbeddedSource(JSON.parse(embedded.textContent)) :
      new ApiSource(document.body.getAttribute("data-api") || "api/");
    mark("data-parsed");
    return state.source.overview().then(function (overview) {
      overview.nodes.forEach(function (node) { state.nodes.set(node.id, node); });
      state.edgeModalities = new Set(overview.edge_modalities || []);
      state.camps = overview.camps || [];
      state.root = state.source;
      var heading = byId("fl-title");
      clear(heading);
      heading.appendChild(isolated(overview.title, 200));
      document.title = shorten(overview.title, 200);
      byId("fl-subtitle").textContent = overview.event_count + " events, " + overview.nodes.length +
        " actors" + (overview.date_min ? ", " + overview.date_min + " to " + overview.date_max : "") +
        (overview.generated ? " \u00b7 generated " + overview.generated : "");
      ["fl-since", "fl-until"].forEach(function (id) {
        var input = byId(id);
        if (overview.date_min) { input.min = overview.date_min; input.max = overview.date_max; }
      });
      var types = new Set();
      (overview.event_types || []).forEach(function (t) { types.add(t); });
      var typeSelect = byId("fl-type");
      Array.from(types).sort().forEach(function (t) {
        var option = el("option", null, t);
        option.value = t;
        typeSelect.appendChild(option);
      });
      byId("fl-level").addEventListener("change", function (e) {
        setLevel(e.target.value).catch(reportError);
      });
      setUpConfidence(overview);
      /* Either field's change reads both, so a range set in one go is drawn once. */
      ["fl-since", "fl-until"].forEach(function (id) {
        byId(id).addEventListener("change", function () {
          var since = byId("fl-since").value || null, until = byId("fl-until").value || null;
          if (since === state.since && until === state.until) { return; }
          state.since = since; state.until = until;
          refresh().catch(reportError);
        });
      });
      byId("fl-reset").addEventListener("click", function () {
        byId("fl-since").value = ""; byId("fl-until").value = "";
        state.since = null; state.until = null; refresh().catch(reportError);
      });
      byId("fl-search").addEventListener("input", debounce(renderTable, 150));
      byId("fl-type").addEventListener("change", renderTable);
      ["focus", "mousedown"].forEach(function (type) {
        byId("fl-dyad").addEventListener(type, listDyads);
      });
      byId("fl-dyad").addEventListener("change", function (e) {
        var option = e.target.selectedOptions[0];
        if (option && option.dataset.source) {
          selectDyad(option.dataset.source, option.dataset.target);
        }
      });
      return refresh();
    }).then(function () {
      mark("network-drawn");
      var top = state.edges.slice().sort(function (p, q) { return q.count - p.count; })[0];
      return top ? selectDyad(top.source, top.target) : null;
    }).then(function () {
      return state.mapDrawn;
    }).then(function () {
      mark("ready");
      document.body.setAttribute("data-ready", "true");
    }).catch(reportError);
  }

  window.faultlines = {state: state, filters: filters,
                       aggregateEdges: aggregateEdges, aggregatePlaces: aggregatePlaces,
                       selectDyad: selectDyad, selectActor: selectActor, setLevel: setLevel,
                       splitCamps: splitCamps, campSupport: campSupport, chainSegments: chainSegments,
                       screenPoint: screenPoint, plots: plots, labelWidth: labelWidth,
                       ready: null};
  window.faultlines.ready = init();
}());
