/* After a language switch in the page, <html> takes the app root's lang and dir (the server
 * writes them into <html> for the first paint; see dashboard/page_lang.py), and the tab's title
 * follows the page's heading. */
(function () {
  "use strict";
  function follow(root) {
    var html = document.documentElement;
    var sync = function () {
      ["lang", "dir"].forEach(function (name) {
        var value = root.getAttribute(name);
        if (value && html.getAttribute(name) !== value) { html.setAttribute(name, value); }
      });
      var heading = document.getElementById("app-title");
      if (heading && heading.textContent && document.title !== heading.textContent) {
        document.title = heading.textContent;
      }
    };
    sync();
    new MutationObserver(sync).observe(root, { attributes: true, attributeFilter: ["lang", "dir"] });
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
