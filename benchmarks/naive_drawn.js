/* Served only by benchmarks/naive_app.py (as /_benchmarks/naive_drawn.js, a same-origin script, so the
 * app's Content-Security-Policy allows it): mark the year Plotly has drawn, as the real app's
 * map.showYear does, so that the benchmark measures both variants the same way. */
(function () {
  "use strict";
  function hook() {
    var outer = document.getElementById("map");
    var gd = outer ? outer.querySelector(".js-plotly-plot") : null;
    if (!gd || typeof gd.on !== "function") { setTimeout(hook, 20); return; }
    if (gd.__naiveDrawnHook) { return; }
    gd.__naiveDrawnHook = true;
    var mark = function () {
      var meta = gd.layout && gd.layout.meta;
      if (meta && typeof meta.year === "number") { gd.setAttribute("data-year-drawn", String(meta.year)); return; }
      // The page's first figure is the app's own (no meta.year): it was built for the link's year,
      // which the slider shows.
      var thumb = document.querySelector("#year [role=slider]");
      if (meta && meta.render && thumb) { gd.setAttribute("data-year-drawn", thumb.getAttribute("aria-valuenow")); }
    };
    gd.on("plotly_react", mark);
    gd.on("plotly_afterplot", mark);
    if (gd._fullData && gd._fullData.length) { mark(); }
  }
  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    bench_naive: {
      markDrawn: function (figure) {
        hook();
      }
    }
  });
})();
