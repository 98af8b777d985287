/* Names that Dash 4's own components give to screen readers, in the page's language.
 *
 * The range slider's handles ("Minimum", "Maximum", from Radix) and the number boxes' steppers
 * ("Decrease value", "Increase value") are written by Dash in English and have no prop to change
 * them. The app root carries their translations in every language (data-widget-labels, from the
 * catalogues: dashboard/component_text.py); each such element keeps Dash's English in
 * data-dash-label and is given the translation for the root's lang, now and after a switch. */
(function () {
  "use strict";
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
}());
