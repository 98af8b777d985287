/* The search box keeps every key typed right after it is opened.
 *
 * Dash 4's Dropdown moves focus from its trigger button to its search field one animation frame
 * after it opens (and not at all while it has no options, as our search has before anything is
 * typed). A key pressed in between went down on the button and came up in the field, and was lost:
 * "Sarakhs" became "Srakhs". Here, keys typed on the trigger are held, the list is opened, and
 * they are written into the field as soon as it exists. Which names match stays the server's rule
 * (geodata.query.search); this only makes sure it is asked with what was typed. */
"use strict";
{
  const SEARCH_ID = "search";
  let held = "";

  function trigger() { return document.getElementById(SEARCH_ID); }
  function field() {
    var button = trigger();
    var wrapper = button && button.closest(".dash-dropdown-wrapper");
    return wrapper && wrapper.querySelector("input.dash-dropdown-search");
  }
  function printable(event) {
    return event.key && event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey;
  }
  function onTrigger(event) {
    var button = trigger();
    var target = event.target;
    return !!button && (target === button ||
      (target.classList && target.classList.contains("dash-dropdown-focus-target") && target.nextElementSibling === button));
  }
  function append(input, text) {
    // React tracks the field's value: set it the way typing does, then say so.
    var setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set;
    setter.call(input, input.value + text);
    input.dispatchEvent(new Event("input", { bubbles: true }));
  }
  function flush(frames) {
    var input = field();
    if (!input) {
      var button = trigger();
      var opening = button && (held || button.getAttribute("aria-expanded") === "true");
      if (opening && frames < 60) { requestAnimationFrame(function () { flush(frames + 1); }); } else { held = ""; }
      return;
    }
    var text = held;
    held = "";
    input.focus();
    if (text) { append(input, text); }
  }

  window.addEventListener("keydown", function (event) {
    if (!printable(event) || !onTrigger(event)) { return; }
    event.preventDefault();
    event.stopPropagation();
    var waiting = held !== "";
    held += event.key;
    if (waiting) { return; }
    var button = trigger();
    if (button.getAttribute("aria-expanded") !== "true") { button.click(); }
    requestAnimationFrame(function () { flush(0); });
  }, true);

  // Opened by a click: the field takes the focus as soon as it exists, options or not, so that
  // text entered without key events (an input method, a pasted word) lands in it too.
  window.addEventListener("click", function (event) {
    var button = trigger();
    if (button && (event.target === button || button.contains(event.target))) {
      requestAnimationFrame(function () { flush(0); });
    }
  }, true);

  // The trigger's own handler reads keys on keyup: those keys are already held above.
  window.addEventListener("keyup", function (event) {
    if (printable(event) && onTrigger(event)) {
      event.preventDefault();
      event.stopPropagation();
    }
  }, true);
}
