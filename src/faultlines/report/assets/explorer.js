/* faultlines explorer: glue between the data (embedded JSON or the local JSON API) and Plotly.
 *
 * Article text is untrusted. It reaches the page only through textContent, and through Plotly
 * labels after plotlyText() has escaped Plotly's pseudo-HTML. Never use innerHTML here.
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
  var LABEL_LIMIT = 30;

  function byId(id) { return document.getElementById(id); }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }

  /* Plotly renders a small HTML subset (<b>, <br>, <a href>) in text and hover labels; escape so
   * an actor called "<b>x</b>" shows as typed. Plotly decodes these entities back for display. */
  function plotlyText(value) {
    return String(value === null || value === undefined ? "" : value)
      .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
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

  /* ---- data sources: both return the JSON shapes of ReportData.to_json_dict() ---- */

  /* The report stores events as columns and rows to stay small; rebuild the objects. */
  function expandRows(table) {
    if (Array.isArray(table)) { return table; }
    return table.rows.map(function (row) {
      var item = {};
      table.columns.forEach(function (column, i) { item[column] = row[i]; });
      return item;
    });
  }

  function EmbeddedSource(data) {
    data.events = expandRows(data.events);
    this.data = data;
    this.edgeModalities = new Set(data.edge_modalities || []);
    this.eventsById = new Map();
    var self = this;
    data.events.forEach(function (ev) { self.eventsById.set(ev.event_id, ev); });
  }
  EmbeddedSource.prototype.withDocument = function (ev) {
    var doc = this.data.documents[ev.doc_id] || null;
    return Object.assign({}, ev, {document: doc});
  };
  EmbeddedSource.prototype.overview = function () {
    var d = this.data;
    return Promise.resolve({
      title: d.title, generated: d.generated, date_min: d.date_min, date_max: d.date_max,
      nodes: d.nodes, edges: d.edges, camps: d.camps, balance: d.balance,
      event_count: d.events.length, edge_modalities: d.edge_modalities,
      event_types: Array.from(new Set(d.events.map(function (ev) { return ev.event_type; })))
    });
  };
  EmbeddedSource.prototype.network = function (since, until) {
    if (!since && !until) { return Promise.resolve({edges: this.data.edges}); }
    var events = this.data.events.filter(function (ev) { return inRange(ev.date, since, until); });
    return Promise.resolve({edges: aggregateEdges(events, this.edgeModalities)});
  };
  EmbeddedSource.prototype.evidence = function (a, b, since, until) {
    var self = this;
    var key = dyadKey(a, b);
    var events = this.data.events.filter(function (ev) {
      return ev.recipient && ev.recipient !== ev.actor && dyadKey(ev.actor, ev.recipient) === key &&
        inRange(ev.date, since, until);
    });
    return Promise.resolve({total: events.length,
                            events: events.map(function (ev) { return self.withDocument(ev); })});
  };
  EmbeddedSource.prototype.events = function (opts) {
    var self = this;
    var needle = (opts.q || "").toLowerCase();
    var names = opts.names;
    var matches = this.data.events.filter(function (ev) {
      if (!inRange(ev.date, opts.since, opts.until)) { return false; }
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
  EmbeddedSource.prototype.timeline = function (a, b) {
    return Promise.resolve({points: this.data.timelines[dyadKey(a, b)] || []});
  };

  function ApiSource(base) { this.base = base || "api/"; }
  ApiSource.prototype.get = function (path, params) {
    return fetch(this.base + path + query(params || {}), {headers: {Accept: "application/json"}})
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
                                            camps: parts[2].camps, balance: parts[2].balance});
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

  /* ---- the view ---- */

  var state = {source: null, since: null, until: null, nodes: new Map(), camps: [],
               edgeModalities: new Set(),
               edges: [], selection: null, ticket: 0, plotted: false};

  function nameOf(id) {
    var node = state.nodes.get(id);
    return node ? node.name : id;
  }

  function campColour(camp) {
    return camp === null || camp === undefined ? NO_CAMP : CAMP_COLOURS[camp % CAMP_COLOURS.length];
  }

  function widthOf(count) { return count >= 5 ? 5 : (count >= 2 ? 3 : 1.5); }

  function drawNetwork(edges) {
    state.edges = edges;
    var traces = [];
    // Hundreds of dyads turn into a hairball: fainter lines and smaller handles keep nodes legible.
    var dense = edges.length > 300;
    var shown = {};
    var lines = {};
    edges.forEach(function (edge) {
      var a = state.nodes.get(edge.source), b = state.nodes.get(edge.target);
      if (!a || !b) { return; }
      var style = String(edge.sign);
      var group = style + ":" + widthOf(edge.count);
      if (!lines[group]) { lines[group] = {sign: style, width: widthOf(edge.count), x: [], y: []}; }
      lines[group].x.push(a.x, b.x, null);
      lines[group].y.push(a.y, b.y, null);
    });
    Object.keys(lines).sort().forEach(function (group) {
      var line = lines[group], style = SIGN_STYLE[line.sign];
      traces.push({
        type: "scatter", mode: "lines", x: line.x, y: line.y, hoverinfo: "skip",
        name: style.name, legendgroup: style.name, showlegend: !shown[style.name],
        line: {color: style.colour, dash: style.dash, width: line.width},
        opacity: dense ? 0.35 : 0.75
      });
      shown[style.name] = true;
    });
    var mid = {x: [], y: [], text: [], colour: [], index: []};
    edges.forEach(function (edge, i) {
      var a = state.nodes.get(edge.source), b = state.nodes.get(edge.target);
      if (!a || !b) { return; }
      mid.x.push((a.x + b.x) / 2);
      mid.y.push((a.y + b.y) / 2);
      mid.colour.push(SIGN_STYLE[String(edge.sign)].colour);
      mid.index.push(i);
      mid.text.push(plotlyText(nameOf(edge.source)) + " \u2014 " + plotlyText(nameOf(edge.target)) +
        "<br>" + edge.count + " events: " + edge.cooperation + " cooperation, " + edge.conflict +
        " conflict");
    });
    traces.push({
      type: "scatter", mode: "markers", meta: "edge", x: mid.x, y: mid.y, customdata: mid.index,
      hovertext: mid.text, hoverinfo: "text", name: "dyads (click)", showlegend: false,
      marker: {symbol: "diamond", size: dense ? 6 : 10, color: mid.colour, opacity: dense ? 0.6 : 1,
               line: {color: "#fff", width: dense ? 0 : 1}}
    });
    var used = new Set();
    edges.forEach(function (edge) { used.add(edge.source); used.add(edge.target); });
    var nodes = Array.from(state.nodes.values()).filter(function (n) { return used.has(n.id); });
    var maxMentions = Math.max.apply(null, [1].concat(nodes.map(function (n) { return n.mentions; })));
    var labelled = new Set(nodes.slice().sort(function (p, q) { return q.mentions - p.mentions; })
      .slice(0, LABEL_LIMIT).map(function (n) { return n.id; }));
    traces.push({
      type: "scatter", mode: "markers+text", meta: "node", name: "actors", showlegend: false,
      x: nodes.map(function (n) { return n.x; }), y: nodes.map(function (n) { return n.y; }),
      customdata: nodes.map(function (n) { return n.id; }),
      text: nodes.map(function (n) { return labelled.has(n.id) ? plotlyText(n.name) : ""; }),
      textposition: "top center", textfont: {size: 11},
      hovertext: nodes.map(function (n) {
        return plotlyText(n.name) + "<br>" + n.mentions + " mentions" +
          (n.camp === null || n.camp === undefined ? "" : "<br>camp " + (n.camp + 1));
      }),
      hoverinfo: "text",
      marker: {
        size: nodes.map(function (n) { return 10 + 26 * Math.sqrt(n.mentions / maxMentions); }),
        color: nodes.map(function (n) { return campColour(n.camp); }),
        line: {color: "#ffffff", width: 1.5}
      }
    });
    var layout = {
      margin: {l: 10, r: 10, t: 10, b: 10}, hovermode: "closest", dragmode: "pan",
      xaxis: {visible: false}, yaxis: {visible: false, scaleanchor: "x"},
      legend: {orientation: "h", x: 0, y: 0}, plot_bgcolor: "#fff", paper_bgcolor: "#fff",
      annotations: edges.length ? [] : [{text: "No dyads in this date range", showarrow: false,
                                         xref: "paper", yref: "paper", x: 0.5, y: 0.5}]
    };
    var gd = byId("fl-network");
    return Plotly.react(gd, traces, layout, {displaylogo: false, responsive: true, scrollZoom: true})
      .then(function () {
        if (!state.plotted) {
          state.plotted = true;
          gd.on("plotly_click", onPlotClick);
        }
      });
  }

  function onPlotClick(event) {
    var point = event && event.points && event.points[0];
    if (!point) { return; }
    if (point.data.meta === "edge") {
      var edge = state.edges[point.customdata];
      if (edge) { selectDyad(edge.source, edge.target); }
    } else if (point.data.meta === "node") {
      selectActor(point.customdata);
    }
  }

  function drawTimeline(points) {
    var gd = byId("fl-timeline");
    if (!points || !points.length) {
      gd.style.display = "none";
      return Promise.resolve();
    }
    gd.style.display = "";
    var periods = points.map(function (p) { return p.period; });
    return Plotly.react(gd, [
      {type: "bar", name: "cooperation", x: periods, marker: {color: SIGN_STYLE["1"].colour},
       y: points.map(function (p) { return p.cooperation; })},
      {type: "bar", name: "conflict", x: periods, marker: {color: SIGN_STYLE["-1"].colour},
       y: points.map(function (p) { return -p.conflict; })}
    ], {
      barmode: "relative", margin: {l: 30, r: 10, t: 10, b: 40}, showlegend: false,
      xaxis: {type: "category"}, yaxis: {zeroline: true, title: {text: "events"}}
    }, {displaylogo: false, responsive: true, displayModeBar: false});
  }

  function evidenceItem(ev) {
    var counted = state.edgeModalities.has(ev.modality);
    var item = el("li", counted ? (ev.polarity > 0 ? "coop" : "conflict") : "uncounted");
    item.appendChild(el("blockquote", "sentence", ev.sentence));
    var doc = ev.document || {};
    var parts = [
      ev.date || "undated",
      ev.source || doc.source || "unknown outlet",
      doc.title ? "\u201c" + doc.title + "\u201d" : null,
      "document " + ev.doc_id,
      nameOf(ev.actor) + " \u2192 " + (ev.recipient ? nameOf(ev.recipient) : "(no recipient)") +
        ": " + ev.event_type + (ev.mode ? " " + ev.mode : "") + " (" + ev.quad + ")",
      "modality: " + ev.modality + (counted ? "" : " (not counted in the network)"),
      ev.attributed_to ? "according to " + ev.attributed_to : "attribution: the outlet",
      ev.trigger ? "trigger: " + ev.trigger : null
    ];
    item.appendChild(el("div", "meta", parts.filter(function (p) { return p; }).join(" \u00b7 ")));
    return item;
  }

  function showEvidence(title, summary, result) {
    byId("fl-evidence-title").textContent = title;
    byId("fl-evidence-summary").textContent = summary;
    var list = byId("fl-evidence");
    clear(list);
    result.events.forEach(function (ev) { list.appendChild(evidenceItem(ev)); });
  }

  function selectDyad(a, b) {
    var ticket = ++state.ticket;
    state.selection = {kind: "dyad", a: a, b: b};
    var select = byId("fl-dyad");
    select.value = dyadKey(a, b);
    return Promise.all([state.source.evidence(a, b, state.since, state.until),
                        state.source.timeline(a, b)])
      .then(function (parts) {
        if (ticket !== state.ticket) { return; }
        var events = parts[0].events;
        var counted = events.filter(function (ev) { return state.edgeModalities.has(ev.modality); });
        var coop = counted.filter(function (ev) { return ev.polarity > 0; }).length;
        var other = events.length - counted.length;
        showEvidence(nameOf(a) + " \u2014 " + nameOf(b),
                     parts[0].total + " events in range: " + coop + " cooperation, " +
                     (counted.length - coop) + " conflict" +
                     (other ? "; " + other + " hypothetical, advocated or negated (not counted)" : "") +
                     ". Timeline: whole period, by month.", parts[0]);
        return drawTimeline(parts[1].points);
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
        var camp = node.camp === null || node.camp === undefined ? "no camp" : "camp " + (node.camp + 1);
        showEvidence(nameOf(id), node.mentions + " mentions, " + camp + "; " + result.total +
                     " events in range" + (result.total > result.events.length ?
                     " (first " + result.events.length + " shown)" : ""), result);
        return drawTimeline([]);
      })
      .catch(reportError);
  }

  function renderSummary(balance, camps) {
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
      item.appendChild(document.createTextNode(camp.members.map(nameOf).sort().join(", ")));
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
          row.appendChild(el("td", null, text));
        });
        row.appendChild(el("td", "sentence", ev.sentence));
        row.addEventListener("click", function () {
          if (ev.recipient && ev.recipient !== ev.actor) { selectDyad(ev.actor, ev.recipient); }
          else { selectActor(ev.actor); }
        });
        tbody.appendChild(row);
      });
      byId("fl-table-status").textContent = result.events.length < result.total ?
        "showing " + result.events.length + " of " + result.total + " matching events" :
        result.total + " matching events";
    }).catch(reportError);
  }
  state.tableTicket = 0;

  function fillDyadSelect(edges) {
    var select = byId("fl-dyad");
    while (select.options.length > 1) { select.remove(1); }
    edges.slice().sort(function (p, q) { return q.count - p.count; }).forEach(function (edge) {
      var option = el("option", null, nameOf(edge.source) + " \u2014 " + nameOf(edge.target) +
                      " (" + edge.count + ")");
      option.value = dyadKey(edge.source, edge.target);
      option.dataset.source = edge.source;
      option.dataset.target = edge.target;
      select.appendChild(option);
    });
  }

  function refresh() {
    var status = byId("fl-range-status");
    status.textContent = "updating\u2026";
    return state.source.network(state.since, state.until).then(function (net) {
      status.textContent = (state.since || state.until) ?
        net.edges.length + " dyads between " + (state.since || "the start") + " and " +
        (state.until || "the end") : net.edges.length + " dyads, whole period";
      fillDyadSelect(net.edges);
      return Promise.all([drawNetwork(net.edges), renderTable()]);
    }).then(function () {
      var sel = state.selection;
      if (sel && sel.kind === "dyad") { return selectDyad(sel.a, sel.b); }
      if (sel && sel.kind === "actor") { return selectActor(sel.id); }
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

  function init() {
    mark("script-start");  // plotly.js is parsed and run by now
    var embedded = byId("faultlines-data");
    state.source = embedded ? new EmbeddedSource(JSON.parse(embedded.textContent)) :
      new ApiSource(document.body.getAttribute("data-api") || "api/");
    mark("data-parsed");
    return state.source.overview().then(function (overview) {
      overview.nodes.forEach(function (node) { state.nodes.set(node.id, node); });
      state.edgeModalities = new Set(overview.edge_modalities || []);
      state.camps = overview.camps || [];
      byId("fl-title").textContent = overview.title;
      document.title = overview.title;
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
      renderSummary(overview.balance, state.camps);
      byId("fl-since").addEventListener("change", function (e) {
        state.since = e.target.value || null; refresh().catch(reportError);
      });
      byId("fl-until").addEventListener("change", function (e) {
        state.until = e.target.value || null; refresh().catch(reportError);
      });
      byId("fl-reset").addEventListener("click", function () {
        byId("fl-since").value = ""; byId("fl-until").value = "";
        state.since = null; state.until = null; refresh().catch(reportError);
      });
      byId("fl-search").addEventListener("input", debounce(renderTable, 150));
      byId("fl-type").addEventListener("change", renderTable);
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
      mark("ready");
      document.body.setAttribute("data-ready", "true");
    }).catch(reportError);
  }

  window.faultlines = {state: state, aggregateEdges: aggregateEdges, selectDyad: selectDyad,
                       selectActor: selectActor, ready: null};
  window.faultlines.ready = init();
}());
