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

  /* New data for one year: only styles change, geometry is shared with the old traces. */
  function restyled(data, year, table) {
    var iso = year + "-12-31";
    return data.map(function (trace) {
      var meta = trace.meta || {};
      if (meta.role === "record") {
        var look = lineLook(table, meta, statusOn(meta.stages, iso));
        var t = Object.assign({}, trace, { visible: look.visible, opacity: look.opacity });
        if (trace.line) {
          t.line = Object.assign({}, trace.line, { dash: look.dash });
          if (trace.mode !== "markers" && !(trace.fill)) {
            var scale = meta.kind === "border_crossing" ? 0.6 : 1;
            t.line.width = look.width * scale;
          }
        }
        return t;
      }
      if (meta.role === "polity") {
        var z = meta.stages.map(function (rows, i) {
          if (rows === null) { return table.polity_codes.iran; }
          var status = statusOn(rows, iso);
          var code = status === null ? 0 : table.polity_codes[status];
          return code === undefined ? 0 : code;
        });
        return Object.assign({}, trace, { z: z });
      }
      if (meta.role === "timeline") {
        var now = meta.spans.map(function (sp) { return overlapsYear(sp, year); });
        var marker = Object.assign({}, trace.marker, {
          opacity: now.map(function (n) { return n ? 1.0 : 0.35; }),
          size: now.map(function (n) { return n ? 17 : 12; })
        });
        return Object.assign({}, trace, { marker: marker });
      }
      return trace;
    });
  }

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    map: {
      applyYear: function (year, figure, table) {
        var gd = graphDiv();
        if (!gd || !window.Plotly || !table || typeof year !== "number") { return window.dash_clientside.no_update; }
        var fromServer = figure && figure.layout && figure.layout.meta && figure.layout.meta.year === year;
        var triggered = (window.dash_clientside.callback_context.triggered || []).map(function (t) { return t.prop_id; });
        if (fromServer && triggered.indexOf("map.figure") >= 0 && triggered.indexOf("year.value") < 0) {
          gd.setAttribute("data-year-drawn", String(year));
          return year;
        }
        // Let dcc.Graph hand Plotly the new figure first, then restyle what is on screen.
        setTimeout(function () {
          var data = restyled(gd.data, year, table);
          // The same layout object, changed in place: Plotly.react then sees no layout change and
          // skips a full relayout of the map.
          var layout = gd.layout;
          layout.meta = layout.meta || {};
          layout.meta.year = year;
          window.Plotly.react(gd, data, layout).then(function () {
            gd.setAttribute("data-year-drawn", String(year));
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
      /* PNG or SVG of the map as it is now, with its caption (title, year, overlays, sources,
       * attributions) drawn into the image itself, so the file cites its sources wherever it goes. */
      exportImage: function (pngClicks, svgClicks, caption) {
        var gd = graphDiv();
        if (!gd || !window.Plotly) { return window.dash_clientside.no_update; }
        var trig = (window.dash_clientside.callback_context.triggered || [])[0] || {};
        var format = trig.prop_id && trig.prop_id.indexOf("export-svg") === 0 ? "svg" : "png";
        var lines = (caption || []).map(function (l) {
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
