/* The reader's own layers on the map (dashboard/userlayers.py), and the Linked Places link.
 *
 * Python does the work: /user-layers/check reads and checks a file, /user-layers/draw turns the
 * stored layers into Plotly traces, each with the span of years it is shown in (meta.span,
 * [first, last], null = open), /user-layers/export builds a download. This file only moves data
 * between the page, the browser's storage (a dcc.Store) and those endpoints, and draws: it adds
 * the traces on top of whatever figure the map has, and on a year move sets which are visible. A
 * new figure from the server replaces every trace, so after each draw the traces are put back. */
"use strict";
/* One block, not a wrapper call: what it declares stays inside it (block-scoped in strict mode). */
{
  let state = { spec: null, asked: null, layers: [] };   // layers: as the store last gave them


  function plotted(gd) { return !!(gd && gd.data && gd._fullLayout && gd._fullLayout.geo); }

  function shown(span, year) {
    return (span[0] === null || span[0] <= year) && (span[1] === null || year <= span[1]);
  }

  function userIndices(gd) {
    var out = [];
    gd.data.forEach(function (t, i) { if (t.meta && t.meta.role === "user") { out.push(i); } });
    return out;
  }

  function setProps(id, props) { window.dash_clientside.set_props(id, props); }

  function postJson(url, body) {
    return window.fetch(url, { method: "POST", headers: { "Content-Type": "application/json" },
                               body: JSON.stringify(body) });
  }

  /* Make the graph show the spec's traces for the year: add them if they are missing or stale,
   * else only change the visibility of those whose year span says so. */
  function sync(gd) {
    if (!plotted(gd) || !state.spec) { return; }
    // The year drawn on the map (assets/clientside.js, from the slider's year): never a copy of our own.
    var drawnYear = gd.getAttribute("data-year-drawn");
    var traces = state.spec.traces || [], year = drawnYear === null ? null : Number(drawnYear);
    var have = userIndices(gd);
    var current = have.length === traces.length && have.every(function (i) {
      return gd.data[i].meta.token === state.spec.token;
    });
    if (!current) {
      var add = traces.map(function (t) {
        return Object.assign({}, t, { visible: typeof year === "number" ? shown(t.meta.span, year) : true });
      });
      Promise.resolve(have.length ? window.Plotly.deleteTraces(gd, have) : null).then(function () {
        return add.length ? window.Plotly.addTraces(gd, add) : null;
      }).then(function () { gd.setAttribute("data-user-year", String(year)); });
      return;
    }
    if (typeof year !== "number") { return; }
    var change = [], visible = [];
    have.forEach(function (i) {
      var want = shown(gd.data[i].meta.span, year);
      if (gd.data[i].visible !== want) { change.push(i); visible.push(want); }
    });
    if (change.length) { window.Plotly.restyle(gd, { visible: visible }, change); }
    gd.setAttribute("data-user-year", String(year));
  }

  function watch(gd) {
    if (gd.__watchesUserLayers || typeof gd.on !== "function") { return; }
    gd.__watchesUserLayers = true;
    gd.on("plotly_afterplot", function () { setTimeout(function () { sync(gd); }, 0); });
    gd.addEventListener("map-year-drawn", function () { sync(gd); });
  }

  function later() {
    var tries = 0;
    (function check() {
      var gd = window.mapGraph();
      if (plotted(gd)) { watch(gd); sync(gd); return; }
      if (++tries < 1500) { setTimeout(check, 20); }
    })();
  }

  /* A file read by dcc.Upload (a data: URL): its bytes go to the server's check. */
  function checkFile(contents, filename, citation) {
    var layers = state.layers;
    var panel = document.getElementById("user-panel");
    var maxBytes = Number(panel ? panel.getAttribute("data-max-bytes") : 0);
    var bytes = Uint8Array.from(atob(String(contents).split(",")[1] || ""), function (c) { return c.charCodeAt(0); });
    var query = new URLSearchParams({ name: filename || "", citation: citation || "",
                                      stored_count: String(layers.length),
                                      stored_bytes: String(new Blob([JSON.stringify(layers)]).size) });
    var tooBig = [filename + ": " + bytes.length.toLocaleString("en") + " bytes; a layer may be at most " +
                  maxBytes.toLocaleString("en") + " bytes"];
    var answered = bytes.length > maxBytes ? Promise.resolve({ problems: tooBig }) :
      window.fetch("/user-layers/check?" + query.toString(), { method: "POST", body: bytes })
        .then(function (r) {
          return r.json().catch(function () { return { problems: [filename + ": the server answered " + r.status] }; });
        });
    answered.catch(function (e) { return { problems: [filename + ": " + e] }; })
      .then(function (answer) { setProps("user-result", { data: answer }); });
  }

  function download(fmt) {
    var name = { geojson: "view-with-my-layers.geojson", csv: "view-with-my-layers.csv",
                 lpf: "view-with-my-layers.lpf.json" }[fmt];
    postJson("/user-layers/export/" + fmt + window.location.search, state.layers)
      .then(function (r) { return r.ok ? r.blob() : null; })
      .then(function (blob) {
        if (!blob) { return; }
        var a = document.createElement("a");
        a.href = URL.createObjectURL(blob);
        a.download = name;
        document.body.appendChild(a);
        a.click();
        setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
      });
  }

  document.addEventListener("click", function (event) {
    var button = event.target && event.target.closest ? event.target.closest(".user-downloads button") : null;
    if (button) { download(button.getAttribute("data-format")); }
  });

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    exchange: {
      checkUpload: function (contents, filename, citation) {
        if (contents) { checkFile(contents, filename, citation); }
        return window.dash_clientside.no_update;
      },
      addChecked: function (answer, layers) {
        layers = Array.isArray(layers) ? layers : [];
        if (!answer || !answer.layer) {
          return [window.dash_clientside.no_update, { problems: (answer && answer.problems) || [] }];
        }
        var kept = layers.filter(function (l) { return l.id !== answer.layer.id; }).concat([answer.layer]);
        return [kept, { added: answer.layer.title, n: answer.layer.features.length }];
      },
      removeLayer: function (clicks, layers) {
        var ctx = window.dash_clientside.callback_context;
        var trig = (ctx.triggered || [])[0];
        if (!trig || !trig.value) { return window.dash_clientside.no_update; }
        var id = JSON.parse(trig.prop_id.slice(0, trig.prop_id.lastIndexOf("."))).id;
        return (layers || []).filter(function (l) { return l.id !== id; });
      },
      summarise: function (layers) {
        return (Array.isArray(layers) ? layers : []).map(function (l) {
          return { id: l.id, title: l.title, kind: l.kind, count: (l.features || []).length, citation: l.citation };
        });
      },
      pick: function (click, layers) {
        var point = click && click.points && click.points[0];
        var cid = point && typeof point.customdata === "string" ? point.customdata.split(":") : [];
        var layer = (layers || []).filter(function (l) { return l.id === cid[0]; })[0];
        var feature = layer && layer.features[Number(cid[1]) - 1];
        if (!feature) { return {}; }   // the text's own features have their details in the side panel
        return { layer: layer.title, citation: layer.citation, number: cid[1], name: feature.name,
                 note: feature.note, source: feature.source, start: feature.start, end: feature.end };
      },
      drawUserLayers: function (layers, lang) {
        state.layers = Array.isArray(layers) ? layers : [];
        var key = JSON.stringify([state.layers, lang]);
        if (key !== state.asked && !state.layers.length) {
          state.asked = key;
          state.spec = { traces: [], token: "" };
          later();
        } else if (key !== state.asked) {   // the layers or the language changed: ask for the traces anew
          state.asked = key;
          postJson("/user-layers/draw?lang=" + encodeURIComponent(lang || "en"), state.layers)
            .then(function (r) { return r.json(); })
            .then(function (spec) { if (state.asked === key) { state.spec = spec; later(); } });
        } else {
          later();
        }
        return String(state.asked);
      },
      lpfHref: function (href) {
        return (href || "").replace("/export/view.geojson", "/export/view.lpf.json");
      }
    }
  });
}
