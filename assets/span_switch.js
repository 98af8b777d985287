/* Another span of years shown without a Plotly call. The figure holds the union of every span's
 * drawing (dashboard/render_union.py); a span lists, per union trace, the point ranges it shows.
 * What it does not show is hidden (class span-off) and kept from Plotly's hover, which finds
 * points by position, not by element: an area's outline and shape are set aside, a line's point
 * becomes a gap, a marker or label gets a position with no distance to any pointer (NaN). Plotly's next full
 * draw takes its points as they are left here; the span is applied again after it
 * (assets/clientside.js, on plotly_afterplot). Nothing here decides what shows. */
"use strict";
{
  var NOWHERE = [NaN, NaN];   // hover's distance to it is NaN, never the closest; Plotly keeps its element
  var GAP = [undefined, undefined];   // Plotly's BADNUM: a line breaks there, hover skips it

  /* Per point of a trace of n points: shown (1) or not (0), from 1, 0 or flat ranges [from, to, ...]. */
  function wanted(show, n) {
    var want = new Uint8Array(n);
    if (show === 1) { want.fill(1); } else if (Array.isArray(show)) {
      for (var r = 0; r < show.length; r += 2) { want.fill(1, show[r], Math.min(show[r + 1], n)); }
    }
    return want;
  }

  function kindOf(trace) {
    if (trace.type === "choropleth") { return "area"; }
    return (trace.mode || "").indexOf("lines") >= 0 || (trace.fill && trace.fill !== "none") ? "line" : "mark";
  }

  /* Set a point aside, or back; true if it changed. A marker with no position (a gap between two
   * records) is never drawn: left alone. */
  function setPoint(pt, on, kind) {
    if (kind === "mark" && !pt.__off && pt.lonlat && pt.lonlat[0] === undefined) { return false; }
    if (!on && pt.__off && kind === "area" && pt.geojson) {   // Plotly's redraw without a new calc gave it its shape back
      pt.__off = { polygons: pt._polygons, geojson: pt.geojson };
      pt._polygons = []; pt.geojson = null;
    }
    if (on === !pt.__off) { return false; }
    if (!on) {
      pt.__off = kind === "area" ? { polygons: pt._polygons, geojson: pt.geojson } : { lonlat: pt.lonlat };
      if (kind === "area") { pt._polygons = []; pt.geojson = null; } else { pt.lonlat = (kind === "line" ? GAP : NOWHERE).slice(); }
    } else {
      if (kind === "area") { pt._polygons = pt.__off.polygons; pt.geojson = pt.__off.geojson; } else { pt.lonlat = pt.__off.lonlat; }
      pt.__off = undefined;
    }
    return true;
  }

  /* Plotly's own line building (lib/geojson_utils.js): runs between gaps, a polygon if filled. */
  function lineGeojson(cd, filled) {
    var coords = [], run = [];
    for (var i = 0; i < cd.length; i++) {
      if (cd[i].lonlat[0] !== undefined) { run.push(cd[i].lonlat); } else if (run.length) { coords.push(run); run = []; }
    }
    if (run.length) { coords.push(run); }
    if (filled) {
      return coords.length === 1 ? { type: "Polygon", coordinates: coords }
        : { type: "MultiPolygon", coordinates: coords.map(function (c) { return [c]; }) };
    }
    return coords.length === 1 ? { type: "LineString", coordinates: coords[0] } : { type: "MultiLineString", coordinates: coords };
  }

  /* The elements of a trace's points: each shows or hides with its point; one that came back is
   * put where the map's projection now puts it (a pan may have moved the map meanwhile). */
  function drawPoints(group, changed, projection, pathFn) {
    var els = group.querySelectorAll("path.choroplethlocation, path.point, text");
    for (var e = 0; e < els.length; e++) {
      var el = els[e], pt = el.__data__;
      if (!pt || typeof pt !== "object") { continue; }
      var off = !!pt.__off;
      if (el.classList.contains("span-off") !== off) { el.classList.toggle("span-off", off); }
      if (off || !changed[pt.index !== undefined ? pt.index : pt.i]) { continue; }
      if (el.tagName === "path" && el.classList.contains("choroplethlocation")) {
        el.setAttribute("d", pathFn(pt.geojson) || "");
      } else {
        var xy = projection(pt.lonlat);
        if (xy && isFinite(xy[0]) && isFinite(xy[1])) { el.setAttribute("transform", "translate(" + xy[0] + "," + xy[1] + ")"); }
      }
    }
  }

  function applyToTrace(group, cd, show, projection, pathFn) {
    var trace = cd[0].trace, kind = kindOf(trace), want = wanted(show, cd.length), changed = new Uint8Array(cd.length), any = false;
    for (var i = 0; i < cd.length; i++) {
      if (setPoint(cd[i], want[i] === 1, kind)) { changed[i] = 1; any = true; }
    }
    if (kind === "line") {
      var line = group.querySelector("path.js-line");
      if (any && line && line.__data__) {
        line.__data__.geojson = lineGeojson(cd, trace.fill && trace.fill !== "none");
        line.setAttribute("d", pathFn(line.__data__.geojson) || "");
      }
      return;
    }
    drawPoints(group, changed, projection, pathFn);
  }

  /* Show span `index` of the union on the drawn map. */
  function show(gd, union, index) {
    var spec = union.spans[index], subplot = gd._fullLayout && gd._fullLayout.geo && gd._fullLayout.geo._subplot;
    if (!spec || !subplot || !subplot.projection || !gd.calcdata) { return false; }   // not drawn yet: the afterplot applies it
    var projection = subplot.projection, pathFn = projection.getPath();
    var groups = gd.querySelectorAll(".choroplethlayer .trace, .scatterlayer .trace");
    for (var g = 0; g < groups.length; g++) {
      var cd = groups[g].__data__, trace = cd && cd[0] && cd[0].trace;
      if (!trace || trace.index >= union.count || gd.calcdata[trace.index] !== cd) { continue; }
      applyToTrace(groups[g], cd, spec.show[trace.index], projection, pathFn);
    }
    gd.__union = union; gd.__unionSpan = index;
    watch(gd);
    return true;
  }

  /* A pan or zoom that ends in a redraw of the traces (no afterplot): apply the span again. */
  function watch(gd) {
    if (gd.__unionWatched || typeof gd.on !== "function") { return; }
    gd.__unionWatched = true;
    gd.on("plotly_relayout", function () {
      var render = gd.layout && gd.layout.meta && gd.layout.meta.render;
      if (render && render.union === gd.__union) { show(gd, gd.__union, gd.__unionSpan); }
    });
  }

  /* A figure without a union: Plotly may keep elements of the last one (by trace and point
   * index), hidden; its points are drawn anew, so only the class is left to take off. */
  function clear(gd) {
    var hidden = gd.querySelectorAll(".span-off");
    for (var i = 0; i < hidden.length; i++) { hidden[i].classList.remove("span-off"); }
  }

  window.spanSwitch = { show: show, clear: clear };
}
