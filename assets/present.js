/* Presenting on a projector (the tour): the map's frame fills the space beside the caption, a new
 * scene's view is reached by a smooth move rather than a cut, and labels and lines are drawn larger.
 * Only the drawing changes: what is drawn, and where a scene looks, come from the server
 * (dashboard/tour_ui.py). Checked by tests/browser/test_present.py. */
"use strict";
{
  const PROJECTOR = { text: 1.35, line: 1.5 };   // labels and lines, against the desk view
  const MOVE_MS = 900;                             // a scene's move from the last view to its own
  const MAX_STEP = 0.2;                            // of the move, in one frame (so 4 frames in between)

  function presenting() { return !!document.querySelector(".stage.presenting"); }
  function isMap(gd) { return !!(gd && gd.closest && gd.closest("#map")); }

  /* Mercator's y of a latitude (radians), and back. */
  function mercY(lat) { return Math.log(Math.tan(Math.PI / 4 + lat * Math.PI / 360)); }
  function mercLat(y) { return (2 * Math.atan(Math.exp(y)) - Math.PI / 2) * 180 / Math.PI; }

  /* Ranges of longitude and latitude changed about their middles so that the framed area has the
   * aspect of the box it is drawn in: Plotly fits the ranges into the box keeping their aspect,
   * and without this leaves blank bands beside (or above and below) the map. On the projector the
   * ranges are widened (all of the region stays in view); at the desk and on a phone the longer one
   * is narrowed so that the region is drawn as large as the box allows, but longitude no further
   * than `coreLon` (the server's, layout.meta.core_lon): then latitude is widened instead. */
  function fittedRanges(lonRange, latRange, width, height, coreLon) {
    const lonW = (lonRange[1] - lonRange[0]) * Math.PI / 180;
    const y0 = mercY(latRange[0]), y1 = mercY(latRange[1]);
    const want = width / height, have = lonW / (y1 - y0);
    if (coreLon) {   // narrow, not widen
      if (want > have) {
        const midY = (y0 + y1) / 2, halfY = lonW / want / 2;
        return { lon: lonRange.slice(), lat: [mercLat(midY - halfY), mercLat(midY + halfY)] };
      }
      const core = (coreLon[1] - coreLon[0]) / 2, half = Math.max(core, want * (y1 - y0) * 90 / Math.PI);
      const mid = (coreLon[0] + coreLon[1]) / 2;
      return half > core ? { lon: [mid - half, mid + half], lat: latRange.slice() }
        : fittedRanges([mid - half, mid + half], latRange, width, height, null);
    }
    if (want > have) {
      const mid = (lonRange[0] + lonRange[1]) / 2, half = want * (y1 - y0) * 90 / Math.PI;
      return { lon: [mid - half, mid + half], lat: latRange.slice() };
    }
    const midY = (y0 + y1) / 2, halfY = lonW / want / 2;
    return { lon: lonRange.slice(), lat: [mercLat(midY - halfY), mercLat(midY + halfY)] };
  }

  function viewOf(geo) {
    return geo && geo.center && geo.projection
      ? { lon: geo.center.lon, lat: geo.center.lat, scale: geo.projection.scale } : null;
  }
  function sameView(a, b) {
    return !a || !b || (Math.abs(a.lon - b.lon) < 1e-6 && Math.abs(a.lat - b.lat) < 1e-6 && Math.abs(a.scale - b.scale) < 1e-6);
  }

  /* The layout for the map's box: the server's, with ranges fitted to it (widened on the projector,
   * narrowed at the desk). The server's own ranges are kept (geo.__baseRanges) so that every redraw
   * fits from them, not from a fit. */
  function fittedLayout(gd, layout) {
    if (!layout || !layout.geo || !layout.geo.lonaxis || !layout.geo.lataxis) { return layout; }
    const base = (layout.geo.__baseRanges) || { lon: layout.geo.lonaxis.range, lat: layout.geo.lataxis.range };
    const box = gd.getBoundingClientRect();
    if (!base.lon || !base.lat || box.width < 50 || box.height < 50) { return layout; }
    gd.__fittedFor = Math.round(box.width) + "x" + Math.round(box.height);
    const core = presenting() ? null : (layout.meta && layout.meta.core_lon) || null;
    const fit = fittedRanges(base.lon, base.lat, box.width, box.height, core);
    const geo = Object.assign({}, layout.geo, {
      lonaxis: Object.assign({}, layout.geo.lonaxis, { range: fit.lon }),
      lataxis: Object.assign({}, layout.geo.lataxis, { range: fit.lat }) });
    Object.defineProperty(geo, "__baseRanges", { value: base, enumerable: false });
    return Object.assign({}, layout, { geo: geo });
  }

  /* Move the drawn map from one view to another by changing its projection frame by frame, as
   * Plotly's own drag does (no relayout: the view in the page's state is already the new one). */
  function animateView(gd, from) {
    const subplot = gd._fullLayout && gd._fullLayout.geo && gd._fullLayout.geo._subplot;
    if (!subplot || !subplot.projection || !subplot.projection.rotate || typeof subplot.render !== "function") { return; }
    const proj = subplot.projection, to = { rot: proj.rotate().slice(), center: proj.center().slice(), scale: proj.scale() };
    const start = { rot: [-from.lon, to.rot[1], to.rot[2]], center: [to.center[0], from.lat],
                    scale: to.scale * from.scale / gd._fullLayout.geo.projection.scale };
    if (!(start.scale > 0)) { return; }
    const t0 = performance.now();
    let k = 0;
    gd.setAttribute("data-view-moving", "true");
    function frame(now) {
      // At most a fifth of the move per frame: on a slow laptop (a frame of 300 ms or more) the
      // move takes longer rather than turning into a cut.
      k = Math.min(1, (now - t0) / MOVE_MS, k + MAX_STEP);
      const e = k < 0.5 ? 2 * k * k : 1 - Math.pow(-2 * k + 2, 2) / 2;
      proj.rotate([start.rot[0] + (to.rot[0] - start.rot[0]) * e, to.rot[1], to.rot[2]]);
      proj.center([to.center[0], start.center[1] + (to.center[1] - start.center[1]) * e]);
      proj.scale(start.scale * Math.pow(to.scale / start.scale, e));
      subplot.render(true);
      if (k < 1) { window.requestAnimationFrame(frame); } else { gd.removeAttribute("data-view-moving"); }
    }
    frame(t0);
  }

  /* Labels and lines sized for a projector: each drawing's sizes scaled once (Plotly writes them
   * again when it redraws a trace, and the scaling then starts from its new values). */
  function sizeForProjector(gd) {
    const on = presenting() && isMap(gd);
    gd.querySelectorAll(".geolayer .textpoint text, .geolayer text").forEach(function (el) {
      const size = parseFloat(el.style.fontSize);
      if (!size) { return; }
      if (el.__projected !== size) { el.__desk = size; }
      const want = on ? Math.round(el.__desk * PROJECTOR.text * 10) / 10 : el.__desk;
      if (size !== want) { el.style.fontSize = want + "px"; }
      el.__projected = want;
    });
    gd.querySelectorAll(".geolayer .scatterlayer path.js-line").forEach(function (el) {
      const width = parseFloat(el.style.strokeWidth);
      if (!width) { return; }
      if (el.__projected !== width) { el.__desk = width; }
      const want = on ? Math.round(el.__desk * PROJECTOR.line * 100) / 100 : el.__desk;
      if (width !== want) { el.style.strokeWidth = want + "px"; }
      el.__projected = want;
    });
    gd.setAttribute("data-projector", on ? "true" : "false");
  }

  function watch(gd) {
    if (gd.__presentWatch || typeof gd.on !== "function") { return; }
    gd.__presentWatch = true;
    gd.on("plotly_afterplot", function () { sizeForProjector(gd); });
    // The box can change with no window resize (the page settling, a scrollbar going): fit the
    // ranges again if it is not the box they were fitted for (else a band of the map stays blank).
    new ResizeObserver(function () {
      clearTimeout(gd.__refitting);
      gd.__refitting = setTimeout(function () {
        const box = gd.getBoundingClientRect();
        if (gd.__fittedFor && gd.__fittedFor !== Math.round(box.width) + "x" + Math.round(box.height)) { refit(gd); }
      }, 100);
    }).observe(gd);
  }

  /* dcc.Graph and assets/clientside.js both draw through window.Plotly.react: wrap it once Plotly
   * has loaded (dcc.Graph loads it lazily), for the map only. */
  function wrapReact() {
    const P = window.Plotly;
    if (!P || typeof P.react !== "function" || P.react.__presenting) { return !!(P && P.react && P.react.__presenting); }
    const react = P.react;
    const wrapped = function (gd, data, layout, config) {
      const figureForm = data && !Array.isArray(data) && typeof data === "object";
      const target = figureForm ? data.layout : layout;
      if (!isMap(gd) || !target) {
        return react.apply(this, arguments);
      }
      const before = presenting() && gd._fullLayout && gd._fullLayout.geo ? viewOf(gd._fullLayout.geo) : null;
      const fitted = fittedLayout(gd, target);
      const args = figureForm ? [gd, Object.assign({}, data, { layout: fitted })] : [gd, data, fitted, config];
      return react.apply(this, args).then(function (out) {
        watch(gd);
        const after = viewOf(gd._fullLayout && gd._fullLayout.geo);
        if (before && !sameView(before, after)) { animateView(gd, before); }
        sizeForProjector(gd);
        return out;
      });
    };
    wrapped.__presenting = true;
    P.react = wrapped;
    wrapResize(P);
    return true;
  }

  /* dcc.Graph asks Plotly to fit the map to its box once after its first drawing, whatever the box,
   * and Plotly then draws the whole map again (300 ms here, just after it first appeared). A fit
   * to the size the map is drawn at is passed over; a box of another size is fitted as before. */
  function wrapResize(P) {
    const resize = P.Plots.resize;
    P.Plots.resize = function (gd) {
      const full = gd && gd._fullLayout, style = isMap(gd) && full && full.autosize && window.getComputedStyle(gd);
      if (style && Math.abs(parseFloat(style.width) - full.width) < 0.5 &&
          Math.abs(parseFloat(style.height) - full.height) < 0.5) {
        return Promise.resolve(gd);
      }
      return resize.apply(this, arguments);
    };
  }
  /* For an export of another size (assets/exports.js): `copy`, a copy of the map's `layout`, with
   * the server's ranges fitted to width x height. */
  window.dash_clientside = Object.assign({}, window.dash_clientside, { present: {
    fitLayout: function (layout, copy, width, height) {
      const geo = layout && layout.geo;
      if (!geo || !geo.lonaxis || !geo.lataxis || !copy.geo) { return copy; }
      const base = geo.__baseRanges || { lon: geo.lonaxis.range, lat: geo.lataxis.range };
      if (!base.lon || !base.lat) { return copy; }
      const fit = fittedRanges(base.lon, base.lat, width, height);
      copy.geo.lonaxis = Object.assign({}, copy.geo.lonaxis, { range: fit.lon });
      copy.geo.lataxis = Object.assign({}, copy.geo.lataxis, { range: fit.lat });
      return copy;
    }
  } });

  (function waitForPlotly(tries) {
    if (!wrapReact() && tries < 3000) { setTimeout(function () { waitForPlotly(tries + 1); }, 20); }
  })(0);

  /* Entering or leaving the tour changes the map's box, as does turning a phone or resizing the
   * window: fit the ranges again, for the box the map now has. */
  function refit(gd) {
    window.requestAnimationFrame(function () {
      window.Plotly.Plots.resize(gd).then(function () {
        return window.Plotly.react(gd, gd.data, gd.layout);   // fitted again, for the box it now has
      }).then(function () { sizeForProjector(gd); });
    });
  }
  function theMap() {
    // The tour handout loads this script too, without the app's map or assets/clientside.js.
    const gd = window.mapGraph ? window.mapGraph() : null;
    return gd && gd.layout && gd._fullLayout && window.Plotly ? gd : null;
  }
  new MutationObserver(function () {
    const gd = theMap(), now = presenting();
    // Only a change of mode: a refit on other class changes would drop the tooltip on screen.
    if (!gd || (gd.__wasPresenting || false) === now) { return; }
    gd.__wasPresenting = now;
    refit(gd);
  }).observe(document.documentElement, { subtree: true, attributes: true, attributeFilter: ["class"] });
  let resizing = null;
  window.addEventListener("resize", function () {
    clearTimeout(resizing);
    resizing = setTimeout(function () { const gd = theMap(); if (gd) { refit(gd); } }, 250);
  });
}
