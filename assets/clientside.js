/* Browser side of the map: apply a year without asking the server, play, remember the view.
 * The rules mirror dashboard/style.py (status_on, line_look); a browser test checks they agree. */
(function () {
  "use strict";

  function statusOn(rows, iso) {
    var found = null;
    for (var i = 0; i < rows.length; i++) {
      var first = rows[i][0], after = rows[i][1];
      if ((first === null || first <= iso) && (after === null || iso < after)) { found = rows[i][2]; }
    }
    return found;
  }

  function lineLook(table, meta, status) {
    if (status === null) { return { visible: false, dash: "solid", width: 0, opacity: 0 }; }
    var st = table.status[status] || { dash: "solid", factor: 1 };
    var base = meta.ctx ? table.context_width : table.base_width;
    var opacity = table.location_opacity[meta.loc];
    return { visible: true, dash: st.dash, width: Math.round(base * st.factor * 100) / 100,
             opacity: opacity === undefined ? 1 : opacity };
  }

  function overlapsYear(spans, year) {
    var first = year + "-01-01", after = (year + 1) + "-01-01";
    for (var i = 0; i < spans.length; i++) {
      var s = spans[i][0] || "0000-01-01", e = spans[i][1] || "9999-12-31";
      if (s < after && first < e) { return true; }
    }
    return false;
  }

  /* The play button's labels in a language (the server writes every language's into data-labels). */
  function playLabels(lang) {
    var button = document.getElementById("play");
    var all = button ? JSON.parse(button.getAttribute("data-labels") || "{}") : {};
    return all[lang] || all.en || { play: "▶", pause: "⏸" };
  }

  /* When playing stops by itself at the last year, the play button must say so too. */
  function showPaused() {
    var root = document.getElementById("app-root");
    var label = playLabels(root && root.getAttribute("lang")).play;
    if (window.dash_clientside.set_props) {
      window.dash_clientside.set_props("play", { "aria-pressed": "false", children: label });
    }
  }

  /* Accessible names. dcc.Slider's thumbs are not named by the <label for> of the slider (it points
   * at the container div), and dcc.Dropdown's trigger is named only by its value (aria-labelledby).
   * Point each at its label, again whenever React re-creates them. */
  function labelControls() {
    var labels = document.querySelectorAll("label[for][id]");
    for (var i = 0; i < labels.length; i++) {
      var label = labels[i], target = document.getElementById(label.htmlFor);
      if (!target) { continue; }
      if (target.classList.contains("dash-slider-container")) {
        var thumbs = target.querySelectorAll("[role=slider]");
        for (var j = 0; j < thumbs.length; j++) {
          var ref = label.id;
          if (thumbs.length > 1) {  // "Events between" + the thumb's own "Minimum" / "Maximum"
            if (!thumbs[j].id) { thumbs[j].id = target.id + "-thumb-" + (j + 1); }
            ref += " " + thumbs[j].id;
          }
          if (thumbs[j].getAttribute("aria-labelledby") !== ref) { thumbs[j].setAttribute("aria-labelledby", ref); }
        }
      } else if (target.classList.contains("dash-dropdown")) {
        var current = (target.getAttribute("aria-labelledby") || "").split(/\s+/).filter(Boolean);
        if (current.indexOf(label.id) < 0) { target.setAttribute("aria-labelledby", [label.id].concat(current).join(" ")); }
      }
    }
  }
  var labelling = false;
  new MutationObserver(function () {
    if (labelling) { return; }
    labelling = true;
    window.requestAnimationFrame(function () { labelling = false; labelControls(); });
  }).observe(document.documentElement, { childList: true, subtree: true, attributes: true,
                                         attributeFilter: ["aria-labelledby"] });

  function graphDiv() {
    var outer = document.getElementById("map");
    return outer ? outer.querySelector(".js-plotly-plot") : null;
  }

  function sameValues(a, b) {
    if (a === b) { return true; }
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) { return false; }
    for (var i = 0; i < a.length; i++) { if (a[i] !== b[i]) { return false; } }
    return true;
  }

  /* Traces restyled for one year: record templates (their status decides visible, dash, width,
   * opacity) and polity fills. Geometry is shared with the old traces. A trace whose look does not
   * change is handed back as the same object, so the caller can tell that nothing changed. */
  function restyled(data, year, table) {
    var iso = year + "-12-31";
    return data.map(function (trace) {
      var meta = trace.meta || {};
      if (meta.role === "record") {
        var look = lineLook(table, meta, statusOn(meta.stages, iso));
        var line = trace.line;
        var width = line ? line.width : undefined;
        if (line && trace.mode !== "markers" && !(trace.fill)) {
          width = look.width * (meta.kind === "border_crossing" ? 0.6 : 1);
        }
        var unchanged = trace.visible === look.visible && trace.opacity === look.opacity &&
          (!line || (line.dash === look.dash && line.width === width));
        if (unchanged) { return trace; }
        var t = Object.assign({}, trace, { visible: look.visible, opacity: look.opacity });
        if (line) { t.line = Object.assign({}, line, { dash: look.dash, width: width }); }
        return t;
      }
      if (meta.role === "polity") {
        var z = meta.stages.map(function (rows) {
          if (rows === null) { return table.polity_codes.iran; }
          var status = statusOn(rows, iso);
          var code = status === null ? 0 : table.polity_codes[status];
          return code === undefined ? 0 : code;
        });
        return sameValues(z, trace.z) ? trace : Object.assign({}, trace, { z: z });
      }
      return trace;
    });
  }

  /* Records that look alike are drawn as one trace: the mirror of dashboard/layers/_groups.py
   * (group_records, look_key), which says why. A browser test checks both draw the same groups. */
  var PER_RECORD_KEYS = { lon: true, lat: true, name: true, meta: true };

  function escapeHover(text) {   // dashboard/escape.py plotly_text: the same rule
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  function canonicalJson(value) {   // json.dumps(value, sort_keys=True, separators=(",", ":"))
    if (Array.isArray(value)) { return "[" + value.map(canonicalJson).join(",") + "]"; }
    if (value !== null && typeof value === "object") {
      return "{" + Object.keys(value).sort().map(function (k) {
        return JSON.stringify(k) + ":" + canonicalJson(value[k]);
      }).join(",") + "}";
    }
    return JSON.stringify(value);
  }

  function lookKey(template) {
    var look = {};
    Object.keys(template).forEach(function (k) { if (!PER_RECORD_KEYS[k]) { look[k] = template[k]; } });
    return canonicalJson(look);
  }

  function groupRecords(templates) {
    var groups = {}, order = [];
    templates.forEach(function (template) {
      if (template.visible === false) { return; }
      var key = lookKey(template), group = groups[key];
      if (!group) {
        group = {};
        Object.keys(template).forEach(function (k) { if (!PER_RECORD_KEYS[k]) { group[k] = template[k]; } });
        group.lon = []; group.lat = []; group.customdata = []; group.text = [];
        group.hovertemplate = "%{text}<extra></extra>";
        group.meta = { role: "records", members: [] };
        groups[key] = group;
        order.push(key);
      } else {
        group.lon.push(null); group.lat.push(null); group.customdata.push(null); group.text.push(null);
      }
      var meta = template.meta, text = escapeHover(template.name);
      for (var i = 0; i < template.lon.length; i++) {
        group.lon.push(template.lon[i]); group.lat.push(template.lat[i]);
        group.customdata.push(meta.rid); group.text.push(text);
      }
      group.meta.members.push({ rid: meta.rid, kind: meta.kind, ctx: meta.ctx });
    });
    return order.map(function (key) { return groups[key]; });
  }

  /* What changes from year to year in a record's look (restyled sets nothing else). */
  function yearLooks(templates) {
    return templates.map(function (t) {
      return t.visible === false ? "-" : [t.opacity, t.line ? t.line.dash : "", t.line ? t.line.width : ""].join("|");
    }).join("\n");
  }

  /* The figure's traces for another year, in the figure's slot order (dashboard/figures.py):
   * the record templates of layout.meta.records restyled and grouped again, polity fills
   * recoloured. A layer whose records all look as before keeps its group objects. Returns
   * gd.data itself when nothing Plotly draws changes. */
  function yearData(gd, year, table) {
    var meta = gd.layout.meta || {};
    var records = meta.records || {};
    var looks = gd.__recordLooks;
    // Traces this function did not make (a figure from the server, or the same one drawn again)
    // are grouped for the figure's own templates.
    if (!looks || looks.source !== records || looks.data !== gd.data) {
      looks = gd.__recordLooks = { source: records, data: gd.data, bySlot: {} };
      Object.keys(records).forEach(function (slot) { looks.bySlot[slot] = yearLooks(records[slot]); });
    }
    var regrouped = {}, changed = false;
    Object.keys(records).forEach(function (slot) {
      var templates = restyled(records[slot], year, table);
      var now = yearLooks(templates);
      if (now === looks.bySlot[slot]) { return; }
      looks.bySlot[slot] = now;
      regrouped[slot] = groupRecords(templates);
      changed = true;
    });
    var others = restyled(gd.data, year, table);
    if (!changed && others.every(function (t, i) { return t === gd.data[i]; })) { return gd.data; }
    var bySlot = {};
    others.forEach(function (t) {
      var slot = (t.meta && t.meta.slot) || "base";
      if (regrouped[slot] && t.meta.role === "records") { return; }   // replaced below
      (bySlot[slot] = bySlot[slot] || []).push(t);
    });
    var out = [];
    (meta.slots || ["base"]).forEach(function (slot) {
      (regrouped[slot] || []).forEach(function (group) { group.meta.slot = slot; out.push(group); });
      out = out.concat(bySlot[slot] || []);
    });
    looks.data = out;
    return out;
  }

  /* The year's events and episodes stand out on the map without a redraw: Plotly redraws every
   * trace when any data changes, so the timeline trace stays the same for every year and the
   * year's markers are enlarged and made opaque on the drawn SVG (see layers/_timeline.py).
   * Plotly draws each marker as a path.point whose datum carries the point's index (d.i). */
  function scaledPath(path, k) {
    return path.replace(/([MmLlHhVvCcSsQqTtAaZz])([^MmLlHhVvCcSsQqTtAaZz]*)/g, function (all, command, args) {
      var numbers = args.match(/-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?/gi) || [];
      var arc = command === "A" || command === "a";   // rotation and the two flags are not lengths
      return command + numbers.map(function (n, i) {
        return arc && i % 7 >= 2 && i % 7 <= 4 ? n : String(Math.round(parseFloat(n) * k * 1000) / 1000);
      }).join(",");
    });
  }

  function markTimelineOnMap(gd, year, table) {
    if (!table || !table.timeline_marker) { return; }
    var look = table.timeline_marker, k = look.now.size / look.resting.size;
    var groups = gd.querySelectorAll(".scatterlayer .trace");
    for (var i = 0; i < groups.length; i++) {
      var cd = groups[i].__data__, trace = cd && cd[0] && cd[0].trace;
      if (!trace || !trace.meta || trace.meta.role !== "timeline") { continue; }
      var spans = trace.meta.spans, points = groups[i].querySelectorAll("path.point");
      for (var j = 0; j < points.length; j++) {
        var p = points[j], d = p.__data__, path = p.getAttribute("d");
        if (!d || !spans[d.i]) { continue; }
        if (p.__shownPath !== path) { p.__restingPath = path; p.__now = false; }   // (re)drawn by Plotly: at rest
        var now = overlapsYear(spans[d.i], year);
        if (p.__now === now) { continue; }
        p.__now = now;
        p.__shownPath = now ? scaledPath(p.__restingPath, k) : p.__restingPath;
        p.setAttribute("d", p.__shownPath);
        p.style.opacity = String(now ? look.now.opacity : look.resting.opacity);
        p.classList.toggle("timeline-now", now);
      }
    }
  }

  /* The timeline traces as the year shows them, for an image export (made from gd.data, which
   * knows nothing of the marks above). */
  function timelineForExport(data, year, table) {
    var look = table && table.timeline_marker;
    if (!look) { return data; }
    return data.map(function (trace) {
      if (!trace.meta || trace.meta.role !== "timeline") { return trace; }
      var now = trace.meta.spans.map(function (sp) { return overlapsYear(sp, year); });
      return Object.assign({}, trace, { marker: Object.assign({}, trace.marker, {
        size: now.map(function (n) { return n ? look.now.size : look.resting.size; }),
        opacity: now.map(function (n) { return n ? look.now.opacity : look.resting.opacity; }) }) });
    });
  }

  function plotted(gd) { return !!(gd && gd.data && gd._fullLayout && gd._fullLayout.geo); }

  /* Call back with the graph once Plotly has drawn it: at once if it has, else on a later turn
   * (dcc.Graph draws after Dash has run the callbacks of the first render). */
  function whenPlotted(callback) {
    var tries = 0;
    (function check() {
      var gd = graphDiv();
      if (plotted(gd)) { callback(gd); return; }
      if (++tries < 1500) { setTimeout(check, 20); }   // 30 s, then the page has bigger problems
    })();
  }

  /* The year the reader asked for last. dcc.Graph draws a new figure from the server on its own
   * schedule, and that figure was built for the year of its request: when a draw ends with another
   * year on screen, draw the asked year again. */
  var wanted = { year: null, table: null };
  function keepYear(gd) {
    if (gd.__keepsYear || typeof gd.on !== "function") { return; }
    gd.__keepsYear = true;
    gd.on("plotly_afterplot", function () {
      var shown = gd.layout && gd.layout.meta ? gd.layout.meta.year : null;
      if (wanted.year !== null && wanted.table && shown !== wanted.year) {
        setTimeout(function () { drawYear(gd, wanted.year, wanted.table); }, 0);
      } else if (typeof shown === "number") {
        markTimelineOnMap(gd, shown, wanted.table);   // Plotly drew the markers anew, at rest
      }
    });
  }

  function drawYear(gd, year, table) {
    keepYear(gd);
    var data = yearData(gd, year, table);
    // The same layout object, changed in place: Plotly.react then sees no layout change and
    // skips a full relayout of the map.
    var layout = gd.layout;
    layout.meta = layout.meta || {};
    layout.meta.year = year;
    var drawn = data === gd.data ? Promise.resolve() : window.Plotly.react(gd, data, layout);
    return drawn.then(function () {
      markTimelineOnMap(gd, year, table);
      gd.setAttribute("data-year-drawn", String(year));
    });
  }

  /* The link follows the year without a server round trip: the year is written into the current
   * history entry (a year is not a step of "Back"; a slider drag or Play would add dozens), and the
   * data download links are rewritten from it. Other parameters are left exactly as the server wrote
   * them, the year first, as dashboard/urlstate.to_query orders it. */
  function withYear(search, year) {
    var rest = (search || "").replace(/^\?/, "").split("&").filter(function (part) {
      return part && part.split("=")[0] !== "year";
    });
    return "?" + ["year=" + year].concat(rest).join("&");
  }

  /* The timeline list is rendered by the server for a window; which entries fall in the year is
   * marked here, with the same overlap rule as the map's event markers. */
  function markTimelineEntries(year) {
    var items = document.querySelectorAll("#timeline .event-item[data-spans]");
    for (var i = 0; i < items.length; i++) {
      var spans;
      try { spans = JSON.parse(items[i].getAttribute("data-spans")); } catch (e) { continue; }
      items[i].classList.toggle("current", overlapsYear(spans, year));
    }
  }

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    map: {
      applyYear: function (year, figure, table) {
        if (!window.Plotly || !table || typeof year !== "number") { return window.dash_clientside.no_update; }
        wanted.year = year;
        wanted.table = table;
        var triggered = (window.dash_clientside.callback_context.triggered || []).map(function (t) { return t.prop_id; });
        var gd = graphDiv();
        if (triggered.length === 1 && triggered[0] === "year.value" && plotted(gd)) {
          drawYear(gd, year, table);  // only the year moved: the traces on screen are current
          return year;
        }
        // The first figure or a new one from the server: wait until dcc.Graph has handed it to
        // Plotly (its chunk loads lazily on the first visit), then restyle it unless it is already
        // drawn for this year.
        var fromServer = figure && figure.layout && figure.layout.meta && figure.layout.meta.year === year;
        setTimeout(function () {   // a new figure: let dcc.Graph hand it to Plotly first
          whenPlotted(function (gd) {
            keepYear(gd);
            if (fromServer && gd.layout.meta && gd.layout.meta.year === year) {
              markTimelineOnMap(gd, year, table);
              gd.setAttribute("data-year-drawn", String(year));
            } else {
              drawYear(gd, year, table);
            }
          });
        }, 0);
        return year;
      },
      togglePlay: function (clicks, disabled, lang, year) {
        var playing = disabled;  // it was paused, so now it plays
        var labels = playLabels(lang), label = playing ? labels.pause : labels.play;
        return [!playing, playing ? "true" : "false", label];
      },
      advanceYear: function (n, year, max) {
        if (typeof year !== "number" || year >= max) {
          showPaused();
          return [window.dash_clientside.no_update, true];
        }
        // One year at a time: while this year is not on screen yet, let the tick pass. Otherwise two
        // quick ticks (timers catch up after a busy moment) change the year twice before applyYear
        // runs, Dash runs it once for the later year, and a year of the animation is never drawn.
        var gd = graphDiv();
        if (gd && gd.getAttribute("data-year-drawn") !== String(year)) {
          return [window.dash_clientside.no_update, window.dash_clientside.no_update];
        }
        if (year + 1 >= max) { showPaused(); }  // the interval stops itself at the last year
        return [year + 1, year + 1 >= max];
      },
      followYear: function (year, search) {
        var query = withYear(search, year);
        var triggered = (window.dash_clientside.callback_context.triggered || []).map(function (t) { return t.prop_id; });
        // Only a year move rewrites the entry; a new link from the server (dcc.Location) already
        // carries the year, and rewriting then could touch the entry before the new one is pushed.
        if (typeof year === "number" && triggered.indexOf("year.value") >= 0 && triggered.indexOf("url.search") < 0 &&
            window.location.search !== query) {
          window.history.replaceState(window.history.state, "", window.location.pathname + query + window.location.hash);
        }
        return ["/export/view.geojson" + query, "/export/view.csv" + query];
      },
      markTimeline: function (year) {
        if (typeof year !== "number") { return window.dash_clientside.no_update; }
        markTimelineEntries(year);
        // Once more after React has drawn a list that arrived with this call.
        window.requestAnimationFrame(function () { markTimelineEntries(year); });
        return String(year);
      },
      detailsYear: function (year, feature, shown) {
        // Only while a feature is chosen does the details panel depend on the year.
        if (!feature || typeof year !== "number" || year === shown) { return window.dash_clientside.no_update; }
        return year;
      },
      /* PNG or SVG of the map as it is now, with its caption (title, year, overlays, sources,
       * attributions) drawn into the image itself, so the file cites its sources wherever it goes.
       * The server writes the caption for the view on screen when a button is pressed. */
      exportImage: function (caption) {
        var gd = graphDiv();
        if (!gd || !window.Plotly || !caption || !caption.lines) { return window.dash_clientside.no_update; }
        var format = caption.format === "svg" ? "svg" : "png";
        var lines = caption.lines.map(function (l) {
          return String(l).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
        });
        var width = Math.max(gd.clientWidth || 1200, 1200), mapHeight = Math.max(gd.clientHeight || 800, 760);
        var captionHeight = 34 * lines.length + 30;
        var layout = JSON.parse(JSON.stringify(Object.assign({}, gd.layout, { meta: null })));
        layout.width = width; layout.height = mapHeight + captionHeight;
        layout.margin = { l: 10, r: 10, t: 10, b: captionHeight };
        layout.annotations = (layout.annotations || []).concat([{
          text: lines.join("<br>"), xref: "paper", yref: "paper", x: 0, y: 0, yshift: -12,
          xanchor: "left", yanchor: "top", align: "left", showarrow: false,
          font: { size: 17, color: "#111", family: (layout.font || {}).family }, bgcolor: "#ffffff"
        }]);
        layout.meta = { year: (gd.layout.meta || {}).year, caption: lines };   // not the record templates
        var fig = { data: timelineForExport(gd.data, layout.meta.year, wanted.table), layout: layout };
        window.Plotly.toImage(fig, { format: format, width: width, height: layout.height }).then(function (url) {
          var a = document.createElement("a");
          a.href = url; a.download = "iran-central-asia-map." + format;
          document.body.appendChild(a); a.click(); a.remove();
        });
        return format + ":" + Date.now();
      },
      fullScreen: function () {
        var el = document.documentElement;
        if (!document.fullscreenElement && el.requestFullscreen) {
          el.requestFullscreen().catch(function () { /* refused (no user gesture): present in the window */ });
        }
        return window.dash_clientside.no_update;
      },
      setSpeed: function (ms) { return typeof ms === "number" && ms >= 100 ? ms : 700; },
      rememberView: function (relayout, current) {
        // Only the reader's own pan or zoom moves the view; Plotly also reports relayouts of its
        // own (autosize on first draw), which must not add a view, or a history entry, to the URL.
        var own = relayout && Object.keys(relayout).some(function (k) { return k.indexOf("geo.") === 0; });
        if (!own) { return window.dash_clientside.no_update; }
        var gd = graphDiv();
        if (!gd || !gd._fullLayout || !gd._fullLayout.geo) { return window.dash_clientside.no_update; }
        var geo = gd._fullLayout.geo;
        var lon = Math.round(geo.center.lon * 1000) / 1000, lat = Math.round(geo.center.lat * 1000) / 1000;
        var scale = Math.round(geo.projection.scale * 1000) / 1000;
        var next = [lon, lat, scale];
        if (current && current[0] === lon && current[1] === lat && current[2] === scale) {
          return window.dash_clientside.no_update;
        }
        return next;
      }
    }
  });
})();
