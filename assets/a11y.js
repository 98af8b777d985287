/* Accessibility in the browser (issue 17b): corrections to the ARIA that Dash 4.4's components
 * render, focus after every action, and the phone layout's sliding panels.
 *
 * Why corrections here: dcc.RadioItems and dcc.Checklist render role="listbox" with
 * role="option" labels around real <input>s (axe: nested-interactive, aria-allowed-role,
 * aria-input-field-name), and dcc.Dropdown puts its keyboard entry on a hidden, aria-hidden
 * <input> (axe: aria-hidden-focus). The native inputs are already right; the roles only hide them.
 * Each fix is re-applied whenever React re-creates the elements. */
"use strict";
{
  const PHONE = window.matchMedia("(max-width: 1100px)");   // as in app.css: panels over the map

  function setAttr(el, name, value) {
    if (value === null) { if (el.hasAttribute(name)) { el.removeAttribute(name); } return; }
    if (el.getAttribute(name) !== value) { el.setAttribute(name, value); }
  }

  /* A list of radios or checkboxes is a (radio)group named by its fieldset's legend; its labels are
   * plain labels (the inputs inside them carry the roles). */
  function fixOptionLists() {
    document.querySelectorAll(".dash-options-list[role=listbox]").forEach(function (list) {
      // A dropdown's own list is a listbox of options (its inputs are only ticks): left as it is.
      if (list.closest(".dash-dropdown-content") || !list.querySelector("input[type=radio], input[type=checkbox]")) { return; }
      setAttr(list, "role", list.querySelector("input[type=radio]") ? "radiogroup" : "group");
      const legend = list.closest("fieldset") && list.closest("fieldset").querySelector("legend[id]");
      if (legend) { setAttr(list, "aria-labelledby", legend.id); }
    });
    document.querySelectorAll(".dash-options-list-option[role=option]").forEach(function (label) {
      if (label.closest(".dash-dropdown-content") || !label.querySelector("input[type=radio], input[type=checkbox]")) { return; }
      setAttr(label, "role", null);
      setAttr(label, "aria-selected", null);
    });
  }

  /* The dropdown's trigger button itself takes the Tab stop; the hidden forwarding input leaves the
   * tab order (Dash's own blur handler puts it back, hence the observer). */
  function fixDropdowns() {
    document.querySelectorAll(".dash-dropdown-focus-target").forEach(function (hidden) {
      setAttr(hidden, "tabindex", "-1");
      const button = hidden.nextElementSibling;
      if (button && button.tagName === "BUTTON" && !button.disabled) { setAttr(button, "tabindex", "0"); }
    });
  }

  /* dcc.Upload's file input is named by its visible button. */
  function fixUpload() {
    const input = document.querySelector("#user-file input[type=file]");
    const button = document.getElementById("user-upload-button");
    if (input && button) { setAttr(input, "aria-labelledby", "user-upload-button"); setAttr(input, "tabindex", "-1"); }
  }

  function fixAll() { fixOptionLists(); fixDropdowns(); fixUpload(); }

  let fixing = false;
  new MutationObserver(function () {
    if (fixing) { return; }
    fixing = true;
    window.requestAnimationFrame(function () { fixing = false; fixAll(); });
  }).observe(document.documentElement, { childList: true, subtree: true, attributes: true,
                                         attributeFilter: ["role", "tabindex"] });

  /* ---- Focus after an action -------------------------------------------------------------
   * Choosing a feature re-renders the timeline (the pressed button is replaced) and the details:
   * without help focus falls to <body> and the next Tab starts the page again. After a choice made
   * from the keyboard or a list, focus goes to the heading of the new details; after closing
   * them, to the details' title. */
  let pending = null;   // "details" | "dismissed" | null
  let origin = null;    // where the shown feature was chosen: "timeline" | "features" | "search" | null

  function focusHeading(el) {
    if (!el) { return false; }
    setAttr(el, "tabindex", "-1");
    el.focus({ preventScroll: false });
    return true;
  }

  function afterDetailsChange() {
    const article = document.querySelector("#details article.feature-details");
    if (article) { openSheet("side"); }
    if (pending === "details" && article) {
      if (focusHeading(article.querySelector(".feature-names"))) { pending = null; }
    } else if (pending === "dismissed" && !article) {
      if (focusHeading(document.getElementById("details-title"))) { pending = null; }
    }
  }

  document.addEventListener("click", function (event) {
    const target = event.target instanceof Element ? event.target : null;
    if (!target) { return; }
    if (target.closest("#timeline button.event-item, #details button.linklike, #feature-list button, #route-result button.linklike")) {
      pending = "details";
      origin = target.closest("#timeline") ? "timeline" : target.closest("#feature-list") ? "features" : null;
    } else if (target.closest("#close-details")) {
      pending = "dismissed";
    } else if (target.closest("#details button.back-to-list")) {
      goBack(target.closest("button").getAttribute("data-feature"));
    }
  }, true);
  // Choosing from the search list (a popover outside the page's tree) is a choice too.
  document.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && event.target instanceof Element && event.target.closest(".dash-dropdown-content")) {
      const trigger = document.getElementById("search");
      if (trigger && trigger.getAttribute("aria-expanded") === "true") { pending = "details"; origin = "search"; }
    }
  }, true);

  /* "Back to where you chose it": the timeline's or the list's entry of the feature, or the search;
   * failing those, the timeline's heading. */
  function goBack(feature) {
    const escaped = window.CSS && CSS.escape ? CSS.escape(feature || "") : feature;
    const candidates = {
      timeline: '#timeline button.event-item[data-record="' + escaped + '"]',
      features: '#feature-list button[data-feature="' + escaped + '"]',
      search: "#search",
    };
    const order = [origin, "timeline", "features"].filter(Boolean);
    for (let i = 0; i < order.length; i++) {
      const el = document.querySelector(candidates[order[i]]);
      const box = el && el.closest("details");
      if (box && !box.open) { box.open = true; }
      if (el && el.offsetParent !== null) { el.focus(); return; }
    }
    focusHeading(document.getElementById("timeline-title"));
  }

  function watchDetails() {
    const details = document.getElementById("details");
    if (!details) { return false; }
    new MutationObserver(afterDetailsChange).observe(details, { childList: true, subtree: true });
    afterDetailsChange();   // a link that names a feature opens with its details shown (on a phone too)
    return true;
  }

  /* Presenting hides the Present button with the other controls: focus goes to the scene's title,
   * and back to Present when the tour is left (if focus was lost on the way). */
  function watchStage() {
    const stage = document.getElementById("stage");
    if (!stage) { return false; }
    let presenting = stage.classList.contains("presenting");
    new MutationObserver(function () {
      const now = stage.classList.contains("presenting");
      if (now === presenting) { return; }
      presenting = now;
      const active = document.activeElement;
      if (active && active !== document.body && active.offsetParent !== null) { return; }
      if (now) { focusHeading(document.getElementById("tour-title")); }
      else { const present = document.getElementById("present"); if (present) { present.focus(); } }
    }).observe(stage, { attributes: true, attributeFilter: ["class"] });
    return true;
  }

  /* ---- Phone: the controls and the details slide over the map -------------------------- */
  /* Opens the sheet ``which`` ("controls" | "side") and closes the other; ``null`` closes both. */
  function showSheet(which) {
    const stage = document.getElementById("stage");
    if (!stage) { return; }
    ["controls", "side"].forEach(function (name) {
      stage.classList.toggle("sheet-" + name, name === which);
      const toggle = document.getElementById("toggle-" + name);
      if (toggle) { setAttr(toggle, "aria-expanded", name === which ? "true" : "false"); }
    });
  }

  function openSheet(which) { if (PHONE.matches) { showSheet(which); } }

  function toggleSheet(which) {
    const stage = document.getElementById("stage");
    showSheet(stage && stage.classList.contains("sheet-" + which) ? null : which);
  }

  document.addEventListener("click", function (event) {
    const skip = event.target instanceof Element ? event.target.closest("#skip-link") : null;
    if (skip) {   // the link's own #fragment would also do, but dcc.Location watches the address
      event.preventDefault();
      const map = document.getElementById("map-section");
      if (map) { map.focus(); }
      return;
    }
    const toggle = event.target instanceof Element ? event.target.closest(".sheet-toggle") : null;
    if (toggle) { toggleSheet(toggle.getAttribute("data-sheet")); }
  });

  /* The list of the map's features shows the entries drawn in the year on the map; their years
   * ("1918-1935 1940-2026") are computed by the server (dashboard/feature_list.py). It follows the
   * drawn year ("map-year-drawn", assets/clientside.js) and a new list from the server, without a
   * Dash callback: a callback on the slider's value cost every move a round of Dash's store. */
  function drawnYear() {
    const gd = window.mapGraph(), year = gd && gd.getAttribute("data-year-drawn");
    return year ? Number(year) : null;
  }
  function showFeatures(year) {
    const list = document.getElementById("feature-list");
    if (!list || typeof year !== "number") { return; }
    list.setAttribute("data-year", String(year));
    list.querySelectorAll("li").forEach(function (item) {
      const button = item.querySelector("[data-years]");
      const runs = button ? button.getAttribute("data-years").split(" ") : [];
      const shown = runs.some(function (run) {
        const bounds = run.split("-").map(Number);
        return bounds[0] <= year && year <= bounds[1];
      });
      if (item.hidden === shown) { item.hidden = !shown; }
    });
  }
  document.addEventListener("map-year-drawn", function (event) { showFeatures(event.detail); });
  function watchFeatureList() {
    const list = document.getElementById("feature-list");
    if (!list) { return false; }
    new MutationObserver(function () { showFeatures(drawnYear()); }).observe(list, { childList: true });
    return true;
  }

  function start() {
    fixAll();
    const watchers = [watchDetails, watchStage, watchFeatureList].filter(function (watch) { return !watch(); });
    if (watchers.length) {
      new MutationObserver(function (records, observer) {
        for (let i = watchers.length - 1; i >= 0; i--) { if (watchers[i]()) { watchers.splice(i, 1); } }
        if (!watchers.length) { observer.disconnect(); }
      }).observe(document.body, { childList: true, subtree: true });
    }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
}
