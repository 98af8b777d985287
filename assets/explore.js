/* Exploring the map: a drag pans and never selects, the year written on the map follows the year
 * drawn, labels appear as the reader zooms in, Play starts again at the end of the text's span, and
 * the previous/next change buttons jump between the years the server computed (dashboard/explore.py,
 * layout.meta.changes). Label places and the scale from which each shows are computed in Python
 * (dashboard/label_placement.py, trace meta.label_k): nothing here decides, it only reads. */
"use strict";
{
  const DRAG_PX = 5;   // a press that moves further than this is a drag (pan), not a click


  function insideMap(target) {
    var gd = window.mapGraph();
    return !!(gd && target && gd.contains(target));
  }

  /* A drag on the map pans it. The browser still sends a click when the button is released over
   * the map, and Plotly's geo subplot takes that click as choosing the feature under the pointer;
   * such a click is stopped here, before it reaches Plotly (capture phase). The tooltip of where
   * the drag began is taken down as soon as the drag starts. */
  let press = null;
  window.addEventListener("pointerdown", function (e) {
    press = insideMap(e.target) ? { x: e.clientX, y: e.clientY, dragged: false } : null;
  }, true);
  window.addEventListener("pointermove", function (e) {
    if (!press || press.dragged || !e.buttons) { return; }
    if (Math.hypot(e.clientX - press.x, e.clientY - press.y) > DRAG_PX) {
      press.dragged = true;
      var gd = window.mapGraph();
      if (gd && window.Plotly && window.Plotly.Fx) { window.Plotly.Fx.unhover(gd); }
    }
  }, true);
  window.addEventListener("click", function (e) {
    var dragged = press && (press.dragged || Math.hypot(e.clientX - press.x, e.clientY - press.y) > DRAG_PX);
    press = null;
    if (dragged && insideMap(e.target)) { e.stopPropagation(); e.preventDefault(); }
  }, true);

  function metaOf(gd) { return (gd && gd.layout && gd.layout.meta) || {}; }

  /* Labels: each label trace carries, per label, the projection scale (px per radian) from which
   * it has room (meta.label_k); below it the label is hidden. Plotly's geo sets `display` on every
   * redraw, so `visibility` is used. */
  function showLabelsForZoom(gd) {
    var subplot = gd._fullLayout && gd._fullLayout.geo && gd._fullLayout.geo._subplot;
    if (!subplot || !subplot.projection) { return; }
    var k = subplot.projection.scale();
    var groups = gd.querySelectorAll(".scatterlayer .trace");
    for (var i = 0; i < groups.length; i++) {
      var cd = groups[i].__data__, trace = cd && cd[0] && cd[0].trace;
      var ks = trace && trace.meta && trace.meta.label_k;
      if (!ks) { continue; }
      var texts = groups[i].querySelectorAll("text");
      for (var j = 0; j < texts.length; j++) {
        var d = texts[j].__data__;
        if (!d || typeof d.i !== "number") { continue; }
        var hidden = !(ks[d.i] <= k);
        texts[j].style.visibility = hidden ? "hidden" : "";
        texts[j].classList.toggle("label-hidden", hidden);
      }
    }
    gd.setAttribute("data-label-k", String(Math.round(k)));
  }

  function watch(gd) {
    if (gd.__explores || typeof gd.on !== "function") { return; }
    gd.__explores = true;
    gd.on("plotly_afterplot", function () { showLabelsForZoom(gd); });
    gd.on("plotly_relayouting", function () { showLabelsForZoom(gd); });
    gd.on("plotly_relayout", function () {
      showLabelsForZoom(gd);
      if (window.Plotly && window.Plotly.Fx) { window.Plotly.Fx.unhover(gd); }   // no tooltip left behind a pan
    });
  }

  new MutationObserver(function (records) {
    records.forEach(function (r) {
      var gd = r.target;
      if (!gd.classList || !gd.classList.contains("js-plotly-plot")) { return; }
      watch(gd);
      showLabelsForZoom(gd);
    });
  }).observe(document.documentElement, { subtree: true, attributes: true, attributeFilter: ["data-year-drawn"] });

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    explore: {
      /* The previous or next year in which the map changes (layout.meta.changes, from the server). */
      jumpChange: function (_prev, _next, year) {
        var changes = metaOf(window.mapGraph()).changes || [];
        var trigger = (window.dash_clientside.callback_context.triggered || []).map(function (t) { return t.prop_id; })[0] || "";
        if (typeof year !== "number" || !changes.length) { return window.dash_clientside.no_update; }
        var target = null;
        if (trigger.indexOf("change-next") === 0) {
          target = changes.find(function (y) { return y > year; });
        } else {
          changes.forEach(function (y) { if (y < year) { target = y; } });
        }
        return typeof target === "number" ? target : window.dash_clientside.no_update;
      },
      /* Play pressed while paused at or after the end of the text's span: start again at its first year. */
      restartPlay: function (_clicks, paused, year, span) {
        if (paused && Array.isArray(span) && typeof year === "number" && year >= span[1]) { return span[0]; }
        return window.dash_clientside.no_update;
      }
    }
  });
}
