/* The year's events on the map: their markers enlarged and made opaque on the drawn SVG, as the
 * server's render model marks them (dashboard/render.py); assets/clientside.js says which. */
"use strict";
{
  /* The year's events and episodes stand out on the map without a redraw: Plotly redraws every
   * trace when any data changes, so the span's marked markers are enlarged and made opaque on
   * the drawn SVG. Plotly draws each marker as a path.point whose datum carries its index (d.i). */
  function scaledPath(path, k) {
    return path.replace(/([MmLlHhVvCcSsQqTtAaZz])([^MmLlHhVvCcSsQqTtAaZz]*)/g, function (all, command, args) {
      var numbers = args.match(/-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?/gi) || [];
      var arc = command === "A" || command === "a";   // rotation and the two flags are not lengths
      return command + numbers.map(function (n, i) {
        return arc && i % 7 >= 2 && i % 7 <= 4 ? n : String(Math.round(parseFloat(n) * k * 1000) / 1000);
      }).join(",");
    });
  }

  /* `marks`: per trace index (as a string), the indices of its marked points; `look`: the server's
   * sizes and opacities of a marked and a resting marker (render.mark). */
  function markOnMap(gd, marks, look) {
    var groups = gd.querySelectorAll(".scatterlayer .trace");
    for (var i = 0; i < groups.length; i++) {
      var cd = groups[i].__data__, trace = cd && cd[0] && cd[0].trace;
      if (!trace) { continue; }
      var marked = {};
      (marks[String(trace.index)] || []).forEach(function (j) { marked[j] = true; });
      var points = groups[i].querySelectorAll("path.point");
      for (var j = 0; j < points.length; j++) {
        var p = points[j], d = p.__data__, path = p.getAttribute("d");
        if (!d) { continue; }
        if (p.__shownPath !== path) { p.__restingPath = path; p.__now = false; }   // (re)drawn by Plotly: at rest
        var now = marked[d.i] === true;
        if (p.__now === now) { continue; }
        p.__now = now;
        p.__shownPath = now ? scaledPath(p.__restingPath, look.scale) : p.__restingPath;
        p.setAttribute("d", p.__shownPath);
        p.style.opacity = String(now ? look.opacity : look.resting_opacity);
        p.classList.toggle("timeline-now", now);
      }
    }
  }


  window.mapMarks = { markOnMap: markOnMap };
}
