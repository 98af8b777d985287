/* The reader's own layers on the map (dashboard/userlayers.py), and the Linked Places link.
 *
 * The server turns the layers the browser keeps into Plotly traces, each with the span of years
 * it is shown in (meta.span, [first, last], null = open); this file only draws them: it adds the
 * traces on top of whatever figure the map has, and on a year move sets which are visible. A new
 * figure from the server replaces every trace, so after each draw the traces are put back. */
(function () {
  var state = { spec: null, year: null };

  function graphDiv() {
    var outer = document.getElementById("map");
    return outer ? outer.querySelector(".js-plotly-plot") : null;
  }

  function plotted(gd) { return !!(gd && gd.data && gd._fullLayout && gd._fullLayout.geo); }

  function shown(span, year) {
    return (span[0] === null || span[0] <= year) && (span[1] === null || year <= span[1]);
  }

  function userIndices(gd) {
    var out = [];
    gd.data.forEach(function (t, i) { if (t.meta && t.meta.role === "user") { out.push(i); } });
    return out;
  }

  /* Make the graph show the spec's traces for the year: add them if they are missing or stale,
   * else only change the visibility of those whose year span says so. */
  function sync(gd) {
    if (!plotted(gd) || !state.spec) { return; }
    var traces = state.spec.traces || [], year = state.year;
    var have = userIndices(gd);
    var current = have.length === traces.length && have.every(function (i) {
      return gd.data[i].meta.token === state.spec.token;
    });
    if (!current) {
      var add = traces.map(function (t) {
        return Object.assign({}, t, { visible: typeof year === "number" ? shown(t.meta.span, year) : true });
      });
      var removed = have.length ? window.Plotly.deleteTraces(gd, have) : Promise.resolve();
      Promise.resolve(removed).then(function () {
        if (add.length) { window.Plotly.addTraces(gd, add); }
        gd.setAttribute("data-user-year", String(year));
      });
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
  }

  function later() {
    var tries = 0;
    (function check() {
      var gd = graphDiv();
      if (plotted(gd)) { watch(gd); sync(gd); return; }
      if (++tries < 1500) { setTimeout(check, 20); }
    })();
  }

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    exchange: {
      drawUserLayers: function (spec, year) {
        state.spec = spec && spec.traces ? spec : { traces: [], token: "" };
        state.year = year;
        later();
        return (state.spec.token || "") + ":" + year;
      },
      lpfHref: function (href) {
        return (href || "").replace("/export/view.geojson", "/export/view.lpf.json");
      }
    }
  });
})();
