/* Browser side of the map: draw the chosen year's span without asking the server, play, remember
 * the view. What each span draws is computed by the server (dashboard/render.py); a browser test
 * compares, for every year, what is drawn here with what the server computed. */
"use strict";
/* One block, not a wrapper call: what it declares stays inside it (block-scoped in strict mode). */
{

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

  /* The map's plot: found here only; the page's other scripts ask window.mapGraph. */
  function graphDiv() {
    var outer = document.getElementById("map");
    return outer ? outer.querySelector(".js-plotly-plot") : null;
  }
  window.mapGraph = graphDiv;

  /* The map's drawing for every span of years comes from the server (dashboard/render.py) in
   * layout.meta.render: per span, the traces to draw (indices into a table of traces, a group of
   * records stored as its look and its records' parts) and the markers of the year's events to
   * mark. Nothing here decides how anything looks: it finds the span and draws it. */
  function renderOf(gd) { return gd && gd.layout && gd.layout.meta ? gd.layout.meta.render : null; }

  function spanFor(render, year) {
    var spans = render.spans;
    for (var i = 0; i < spans.length; i++) {
      if (spans[i].first <= year && year <= spans[i].last) { return spans[i]; }
    }
    return year < spans[0].first ? spans[0] : spans[spans.length - 1];
  }

  /* Trace `index` of the table as Plotly gets it (render.materialise does the same in Python).
   * Made once per model, so a trace drawn in two spans is the same object for Plotly.react. Kept
   * by the model's own table, not on the model: Dash hands a new figure over merged into the old
   * one's objects, where a property of the old model survived and gave the new model's indices
   * the old model's traces (test brw021, under load). */
  var madeFor = new WeakMap();
  function traceAt(render, index) {
    var made = madeFor.get(render.traces);
    if (!made) { made = {}; madeFor.set(render.traces, made); }
    if (made[index]) { return made[index]; }
    var entry = render.traces[index];
    if (entry.trace) { return (made[index] = entry.trace); }
    var trace = Object.assign({}, entry.look), members = [];
    trace.lon = []; trace.lat = []; trace.customdata = []; trace.text = [];
    entry.parts.forEach(function (p) {
      var part = render.parts[p];
      if (trace.lon.length) { trace.lon.push(null); trace.lat.push(null); trace.customdata.push(null); trace.text.push(null); }
      for (var i = 0; i < part.lon.length; i++) {
        trace.lon.push(part.lon[i]); trace.lat.push(part.lat[i]);
        trace.customdata.push(part.member.rid); trace.text.push(part.text);
      }
      members.push(part.member);
    });
    trace.meta = Object.assign({}, entry.look.meta, { members: members });
    return (made[index] = trace);
  }

  /* A span with nothing to mark may arrive without its empty `marks` (Plotly prunes empty
   * objects in the layout it is given). */
  function marksOf(span) { return span.marks || {}; }

  /* What of the figure the span shows: the span's own traces, or its part of every span's drawing
   * (render.union: dashboard/render_union.py), whose marks name the union's traces. */
  function shownOf(render, span) { return render.union ? render.union.spans[render.spans.indexOf(span)] : span; }

  function markMarkersOnMap(gd, render, span) { window.mapMarks.markOnMap(gd, marksOf(shownOf(render, span)), render.mark); }

  /* The marked markers written into a copy of the traces, for an image export (made from gd.data,
   * which knows nothing of the marks above). */
  function markedForExport(gd) {
    var render = renderOf(gd), span = gd.__span;
    if (!render || !span) { return gd.data; }
    if (!render.union) { return markedTraces(gd.data, span, render.mark); }
    // A new figure not yet shown for the slider's year shows its own year's span (meta.drawn).
    if (render !== gd.__drawnFrom) { span = render.spans[gd.layout.meta.drawn]; }
    var own = gd.data.filter(function (t) { return t.meta && t.meta.role === "user"; });
    return markedTraces(span.traces.map(function (i) { return traceAt(render, i); }), span, render.mark).concat(own);
  }

  function markedTraces(traces, span, look) {
    return traces.map(function (trace, index) {
      var points = marksOf(span)[String(index)];
      if (!points || !trace.marker) { return trace; }
      var now = trace.lon.map(function () { return false; });
      points.forEach(function (j) { now[j] = true; });
      return Object.assign({}, trace, { marker: Object.assign({}, trace.marker, {
        size: now.map(function (n) { return n ? look.size : look.resting_size; }),
        opacity: now.map(function (n) { return n ? look.opacity : look.resting_opacity; }) }) });
    });
  }

  /* The timeline list is rendered by the server for a window; the span says which of its
   * entries are the year's. */
  function markTimelineEntries(current) {
    var now = {};
    current.forEach(function (id) { now[id] = true; });
    var items = document.querySelectorAll("#timeline .event-item[data-record]");
    for (var i = 0; i < items.length; i++) {
      items[i].classList.toggle("current", now[items[i].getAttribute("data-record")] === true);
    }
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

  /* The year lives in the slider (#year); what is on screen is data-year-drawn on the graph. A new
   * figure from the server is drawn by dcc.Graph on its own schedule, for the year of its request:
   * the slider's year is then drawn on it. */
  var wantedYear = null;   // the slider's value as Dash last passed it to showYear
  function sliderYear() {
    // The thumb's aria-valuenow is drawn by React after the value changes: during Play it lags a year.
    if (wantedYear !== null) { return wantedYear; }
    var thumb = document.querySelector("#year [role=slider]");
    var year = thumb ? Number(thumb.getAttribute("aria-valuenow")) : NaN;
    return isNaN(year) ? null : year;
  }

  function keepYear(gd) {
    if (gd.__keepsYear || typeof gd.on !== "function") { return; }
    gd.__keepsYear = true;
    gd.on("plotly_afterplot", function () {
      var render = renderOf(gd), year = sliderYear();
      if (render && render.union) {   // Plotly drew all of every span: at once, before the screen shows it
        window.spanSwitch.show(gd, render.union, render === gd.__drawnFrom && gd.__span ?
          render.spans.indexOf(gd.__span) : gd.layout.meta.drawn);
      } else { window.spanSwitch.clear(gd); }
      if (render && render !== gd.__drawnFrom && year !== null) {
        setTimeout(function () { drawYear(gd, sliderYear()); }, 0);   // a new figure from the server
      } else if (render && gd.__span) {
        markMarkersOnMap(gd, render, gd.__span);   // Plotly drew the markers anew, at rest
      }
    });
  }

  /* The year on the map (the annotation "year-readout", in the language's digits) and the span's
   * caption ("map-caption": what the borders are) are written into gd.layout, gd._fullLayout and
   * the text Plotly drew, without a Plotly call: a relayout makes dcc.Graph write the layout back
   * into its figure (Dash then draws the server's figure again); a Plotly.react redraws the whole
   * map (80-100 ms here) for a line of text. An image export, made from gd.layout, carries both. */
  function setReadout(gd, year, span) {
    var digits = gd.layout.meta.digits || "0123456789";
    window.mapNotes.set(gd, "year-readout", String(year).replace(/[0-9]/g, function (d) { return digits.charAt(Number(d)); }));
    if (span) { window.mapNotes.set(gd, "map-caption", span.caption || ""); }
  }

  /* Two spans that draw the same traces (only the marked markers differ) need no Plotly call. */
  function sameTraces(a, b) {
    if (!a || !b || a.traces.length !== b.traces.length) { return false; }
    for (var i = 0; i < a.traces.length; i++) { if (a.traces[i] !== b.traces[i]) { return false; } }
    return true;
  }

  /* Show the span: its part of the union on screen (no Plotly call), or, for a figure without a
   * union, its traces handed to Plotly if they are not those on screen (null: nothing to wait for). */
  function drawSpan(gd, render, span) {
    if (render.union) {   // the figure is every span's drawing: show this span's part of it
      gd.__drawnFrom = render;
      window.spanSwitch.show(gd, render.union, render.spans.indexOf(span));
      return null;
    }
    var drawnAlready = render !== gd.__drawnFrom && render.spans.indexOf(span) === gd.layout.meta.drawn;
    if (drawnAlready || (render === gd.__drawnFrom && sameTraces(span, gd.__span))) {
      gd.__drawnFrom = render;   // the server's figure, or the drawing on screen, is this span's already
      return null;
    }
    gd.__drawnFrom = render;
    // The same layout object: Plotly.react then sees no layout change and skips a relayout.
    // The reader's own layers (assets/exchange.js) are drawn on top of the span's traces: keep them.
    var own = gd.data.filter(function (t) { return t.meta && t.meta.role === "user"; });
    return window.Plotly.react(gd, span.traces.map(function (i) { return traceAt(render, i); }).concat(own),
                               gd.layout);
  }

  /* This year's span, from this model, is what is on screen. */
  function drawnFully(gd, year) {
    var render = renderOf(gd);
    return gd.getAttribute("data-year-drawn") === String(year) && render === gd.__drawnFrom &&
      gd.__span === spanFor(render, year);
  }

  function drawYear(gd, year) {
    var render = renderOf(gd);
    // Nothing to do for a year on screen: showYear comes a Dash round after the thumb's observer drew it.
    if (!render || year === null || drawnFully(gd, year)) { return Promise.resolve(); }
    keepYear(gd);
    var span = spanFor(render, year);
    setReadout(gd, year, span);   // before the span's Plotly.react, which then draws this text
    var drawing = drawSpan(gd, render, span);
    gd.__span = span;
    function shown() {
      setReadout(gd, year, span);   // again, for a drawing that began before this move
      markMarkersOnMap(gd, render, span);
      markTimelineEntries(span.current || []);
      gd.setAttribute("data-year-drawn", String(year));
      gd.setAttribute("data-year-shown", String(year));
      // The reader's own layers (assets/exchange.js) show the drawn year's features.
      gd.dispatchEvent(new CustomEvent("map-year-drawn", { detail: year, bubbles: true }));
    }
    // No Plotly call: shown at once, not on a later microtask behind the rest of Dash's callback work.
    if (drawing === null) { shown(); return Promise.resolve(); }
    return drawing.then(shown);
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

  function exportLinks(query) { return ["/export/view.geojson" + query, "/export/view.csv" + query]; }

  /* After the year is drawn, on a later turn, and once for several quick moves: the link and the
   * download links (each a change Dash passes through its store) are not part of the drawing. */
  let linkTimer = null;
  function followLater() {
    if (linkTimer !== null) { return; }
    linkTimer = setTimeout(function () {
      linkTimer = null;
      var year = sliderYear();
      if (year === null) { return; }
      var query = withYear(window.location.search, year);
      if (window.location.search !== query) {
        window.history.replaceState(window.history.state, "", window.location.pathname + query + window.location.hash);
      }
      var links = exportLinks(query);
      window.dash_clientside.set_props("export-geojson", { href: links[0] });
      window.dash_clientside.set_props("export-csv", { href: links[1] });
    }, 0);
  }

  /* The details panel names the chosen feature's status in the year, so it follows the year while a
   * feature is chosen (the server reads the year from the slider; this only says "again"). */
  let detailsAsked = 0;
  function detailsFollow() {
    detailsAsked += 1;
    window.dash_clientside.set_props("details-year", { data: detailsAsked });
  }

  function triggeredBy() {
    return (window.dash_clientside.callback_context.triggered || []).map(function (t) { return t.prop_id; });
  }

  /* The year is drawn as soon as the slider's thumb shows it (aria-valuenow, written when React
   * draws the new value), not a Dash callback round later: Dash then passes showYear a year that
   * is drawn already. Any move counts: a key, a drag, Play, a link. */
  new MutationObserver(function (changes) {
    var thumb = changes[changes.length - 1].target, gd = graphDiv();
    var year = Number(thumb.getAttribute("aria-valuenow"));
    if (!thumb.closest("#year") || isNaN(year) || !plotted(gd)) { return; }
    wantedYear = year;
    drawYear(gd, year);
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ["aria-valuenow"] });

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    map: {
      /* The one callback of a year move (Dash passes it the slider's value; nothing goes to the
       * server): draw the year's span; then, on a later turn, the link; the details if a feature is
       * chosen. Also a new figure from the server: dcc.Graph draws it first. */
      showYear: function (year, figure, feature) {
        if (!window.Plotly || typeof year !== "number") { return; }
        var triggered = triggeredBy(), gd = graphDiv();
        wantedYear = year;
        // Dash holds a year move back while a new figure is on its way and then passes both at once:
        // the link and the details follow the year in either case.
        if (triggered.indexOf("year.value") !== -1) {
          followLater();
          if (feature) { detailsFollow(); }
        }
        if (triggered.length === 1 && triggered[0] === "year.value") {
          if (plotted(gd)) { drawYear(gd, year); } else { whenPlotted(function (gd) { drawYear(gd, sliderYear()); }); }
          return;
        }
        // The first figure or a new one from the server: let dcc.Graph hand it to Plotly first (its
        // chunk loads lazily on the first visit); keepYear draws the slider's year on what it draws.
        setTimeout(function () { whenPlotted(function (gd) { drawYear(gd, sliderYear()); }); }, 0);
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
      /* A new link from the server (dcc.Location) carries the year already. */
      exportLinks: function (search, year) {
        return exportLinks(typeof year === "number" ? withYear(search, year) : search || "");
      },
      /* A timeline list from the server: mark the year's entries once React has drawn it. */
      markTimeline: function (children, year) {
        window.requestAnimationFrame(function () {
          var gd = graphDiv(), render = renderOf(gd);
          if (render && typeof year === "number") { markTimelineEntries(spanFor(render, year).current || []); }
        });
      },
      /* The map's traces as drawn now (the year's events marked, the reader's layers on top), and
       * those of any other year, for the image and video exports (assets/exports.js). */
      exportTraces: function () { return markedForExport(graphDiv()); },
      tracesForYear: function (year) {
        var gd = graphDiv(), render = renderOf(gd);
        if (!render) { return null; }
        var span = spanFor(render, year);
        return markedTraces(span.traces.map(function (i) { return traceAt(render, i); }), span, render.mark);
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
}
