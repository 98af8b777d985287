/* Presenter keys: → Space PageDown next scene, ← PageUp previous (arrows swapped right to left), Esc leave the tour.
 * A clicker sends PageUp/PageDown.  Keys go to the tour only while presenting and never
 * while the reader is typing in a field. */
(function () {
  "use strict";
  var NEXT = { ArrowRight: 1, PageDown: 1, " ": 1, Spacebar: 1 };
  var PREV = { ArrowLeft: 1, PageUp: 1 };
  var FLIP = { ArrowLeft: "ArrowRight", ArrowRight: "ArrowLeft" };
  document.addEventListener("keydown", function (event) {
    if (!document.querySelector(".presenting")) { return; }
    var target = event.target;
    var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (typing || event.altKey || event.ctrlKey || event.metaKey) { return; }
    // The arrows follow the reading direction: in a right-to-left page ← is the next scene.
    var key = document.documentElement.dir === "rtl" ? (FLIP[event.key] || event.key) : event.key;
    var id = NEXT[key] ? "tour-next" : PREV[key] ? "tour-prev" : key === "Escape" ? "tour-exit" : null;
    if (!id) { return; }
    var button = document.getElementById(id);
    if (button) {
      event.preventDefault();
      button.click();
    }
  });
})();
