/* Names that Dash 4's own components give to screen readers: pointed at their labels, and in the
 * page's language.
 *
 * The range slider's handles ("Minimum", "Maximum", from Radix) and the number boxes' steppers
 * ("Decrease value", "Increase value") are written by Dash in English and have no prop to change
 * them. The app root carries their translations in every language (data-widget-labels, from the
 * catalogues: dashboard/component_text.py); each such element keeps Dash's English in
 * data-dash-label and is given the translation for the root's lang, now and after a switch. */
"use strict";
/* One block, not a wrapper function: what it declares stays inside it (block-scoped in strict mode). */
{
  var SELECTOR = '[role="slider"][aria-label], .dash-input-stepper[aria-label]';
  var ORIGINAL = "data-dash-label";

  function translate(root) {
    var all;
    try { all = JSON.parse(root.getAttribute("data-widget-labels") || "{}"); } catch (e) { return; }
    var table = all[root.getAttribute("lang")] || {};
    root.querySelectorAll(SELECTOR).forEach(function (el) {
      var current = el.getAttribute("aria-label");
      var english = Object.prototype.hasOwnProperty.call(table, current) ? current : el.getAttribute(ORIGINAL);
      if (!english || !Object.prototype.hasOwnProperty.call(table, english)) { return; }
      if (el.getAttribute(ORIGINAL) !== english) { el.setAttribute(ORIGINAL, english); }
      if (current !== table[english]) { el.setAttribute("aria-label", table[english]); }
    });
  }

  function follow(root) {
    var queued = false;
    var later = function () {
      if (queued) { return; }
      queued = true;
      requestAnimationFrame(function () { queued = false; translate(root); });
    };
    translate(root);
    new MutationObserver(later).observe(root, {
      subtree: true, childList: true, attributes: true, attributeFilter: ["aria-label", "lang"]
    });
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

  function waitForRoot() {
    var root = document.getElementById("app-root");
    if (root) { follow(root); return; }
    new MutationObserver(function (records, observer) {
      var found = document.getElementById("app-root");
      if (found) { observer.disconnect(); follow(found); }
    }).observe(document.body, { childList: true, subtree: true });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", waitForRoot);
  } else {
    waitForRoot();
  }
}
