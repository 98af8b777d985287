/* The printable tour handout (/tour/handout, dashboard/handout.py): draw each scene's map from the
 * figure written into the page, as a still picture. Dash loads every script in assets/ into the app
 * page too: there this does nothing. */
"use strict";
{
  const maps = document.body && document.body.classList.contains("handout")
    ? document.querySelectorAll("figure.scene-map[data-figure]") : [];
  const config = { staticPlot: true, displayModeBar: false, topojsonURL: "/assets/topojson/" };
  let pending = maps.length;
  maps.forEach(function (el) {
    const data = document.getElementById(el.getAttribute("data-figure"));
    const figure = JSON.parse(data.textContent), layout = figure.layout;
    const fit = window.dash_clientside && window.dash_clientside.present;   // assets/present.js: no blank bands
    const fitted = fit ? fit.fitLayout(layout, JSON.parse(JSON.stringify(layout)), layout.width, layout.height) : layout;
    window.Plotly.newPlot(el, figure.data, fitted, config).then(function () {
      el.setAttribute("data-drawn", "true");
      if (--pending === 0) { document.body.setAttribute("data-maps-drawn", String(maps.length)); }
    });
  });
}
