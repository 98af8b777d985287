/* Dash's dcc.Graph, Slider, Dropdown and Upload load their code lazily (React.lazy): the first
 * time Dash renders one, it suspends, and React 18 then holds back what a suspended boundary shows
 * until 500 ms after its fallback appeared (react-dom's FALLBACK_THROTTLE_MS). Measured here: the
 * map began to draw 470-550 ms after the page's layout was rendered, waiting on that alone.
 * Rendering each once into a detached root when the page's scripts have run starts their loading
 * before Dash asks the server for the layout; by the time Dash renders it, nothing suspends.
 * If a later Dash renders them differently, this does nothing and the page loads as before. */
"use strict";
{
  const LAZY = ["Graph", "Slider", "Dropdown", "Upload"];

  function warm() {
    const dcc = window.dash_core_components, React = window.React, ReactDOM = window.ReactDOM;
    if (!dcc || !React || !ReactDOM || typeof ReactDOM.createRoot !== "function" || !ReactDOM.flushSync) { return; }
    const root = ReactDOM.createRoot(document.createElement("div"));
    try {
      ReactDOM.flushSync(function () {
        root.render(React.createElement("div", null, LAZY.filter(function (name) { return dcc[name]; }).map(function (name) {
          return React.createElement(dcc[name], { key: name, id: "warm-" + name.toLowerCase() });
        })));
      });
      document.documentElement.setAttribute("data-lazy-warmed", LAZY.join(" "));
    } catch (error) {
      console.warn("assets/warm_lazy.js: the lazy components load when Dash first renders them", error);
    }
    root.unmount();   // only their loading was wanted: nothing of this root is drawn, or kept
  }
  document.addEventListener("DOMContentLoaded", warm);
}
