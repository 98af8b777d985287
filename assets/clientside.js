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

  /* When playing stops by itself at the last year, the play button must say so too. */
  function showPaused() {
    var root = document.getElementById("app-root");
    var label = root && root.getAttribute("lang") === "ur" ? "▶ چلائیں" : "▶ Play";
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

  /* New data for one year: only styles change, geometry is shared with the old traces.
   * A trace whose look does not change is handed back as the same object: Plotly.react compares
   * traces and their arrays by reference, so an unchanged map restyles in a few milliseconds
   * instead of replotting every country and sea (see docs/performance.md). */
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
      if (meta.role === "timeline") {
        var now = meta.spans.map(function (sp) { return overlapsYear(sp, year); });
        var opacity = now.map(function (n) { return n ? 1.0 : 0.35; });
        var size = now.map(function (n) { return n ? 17 : 12; });
        if (sameValues(opacity, trace.marker.opacity) && sameValues(size, trace.marker.size)) { return trace; }
        return Object.assign({}, trace, { marker: Object.assign({}, trace.marker, { opacity: opacity, size: size }) });
      }
      return trace;
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
      }
    });
  }

  function drawYear(gd, year, table) {
    keepYear(gd);
    var data = restyled(gd.data, year, table);
    // The same layout object, changed in place: Plotly.react then sees no layout change and
    // skips a full relayout of the map.
    var layout = gd.layout;
    layout.meta = layout.meta || {};
    layout.meta.year = year;
    return window.Plotly.react(gd, data, layout).then(function () {
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
        var label = lang === "ur" ? (playing ? "⏸ روکیں" : "▶ چلائیں") : (playing ? "⏸ Pause" : "▶ Play");
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
        var layout = JSON.parse(JSON.stringify(gd.layout));
        layout.width = width; layout.height = mapHeight + captionHeight;
        layout.margin = { l: 10, r: 10, t: 10, b: captionHeight };
        layout.annotations = (layout.annotations || []).concat([{
          text: lines.join("<br>"), xref: "paper", yref: "paper", x: 0, y: 0, yshift: -12,
          xanchor: "left", yanchor: "top", align: "left", showarrow: false,
          font: { size: 17, color: "#111", family: (layout.font || {}).family }, bgcolor: "#ffffff"
        }]);
        layout.meta = Object.assign({}, layout.meta, { caption: lines });
        var fig = { data: gd.data, layout: layout };
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
