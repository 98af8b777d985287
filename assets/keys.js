/* Presenter keys: → Space PageDown next scene, ← PageUp previous, Esc leave the tour.
 * A clicker sends PageUp/PageDown.  Keys go to the tour only while presenting and never
 * while the reader is typing in a field. */
(function () {
  "use strict";
  var NEXT = { ArrowRight: 1, PageDown: 1, " ": 1, Spacebar: 1 };
  var PREV = { ArrowLeft: 1, PageUp: 1 };
  document.addEventListener("keydown", function (event) {
    if (!document.querySelector(".presenting")) { return; }
    var target = event.target;
    var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (typing || event.altKey || event.ctrlKey || event.metaKey) { return; }
    var id = NEXT[event.key] ? "tour-next" : PREV[event.key] ? "tour-prev" : event.key === "Escape" ? "tour-exit" : null;
    if (!id) { return; }
    var button = document.getElementById(id);
    if (button) {
      event.preventDefault();
      button.click();
    }
  });
})();
