/* The map's notes (figure annotations): the year and the span's caption, rewritten in place on a
 * year move (assets/clientside.js says what they read), and their boxes kept fitting their text. */
"use strict";
{
  function noteIndex(annotations, name) {
    return (annotations || []).findIndex(function (a) { return a && a.name === name; });
  }

  function noteText(gd, index) {
    return gd.querySelector('.annotation[data-index="' + index + '"] text.annotation-text');
  }

  /* Plotly sized the note's box for the text it measured. A box anchored on its left keeps that
   * edge: it takes the text's width now, and a centred text (text-anchor middle) stands at its
   * middle. Other anchors and alignments are left as Plotly drew them. */
  function refit(node, note) {
    var box = node.parentNode.querySelector("rect.bg");
    if (!box || note.xanchor !== "left" || note.align !== "center") { return; }
    var border = note.borderwidth || 0, inner = border + (note.borderpad || 0), width = node.getBBox().width;
    box.setAttribute("width", Math.round(width + 2 * inner) - border);
    node.setAttribute("x", inner + width / 2);
    node.querySelectorAll("tspan[x]").forEach(function (line) { line.setAttribute("x", inner + width / 2); });
  }

  /* The note's text in gd.layout, gd._fullLayout (an image export draws from them) and on screen. */
  function set(gd, name, text) {
    var at = noteIndex(gd.layout.annotations, name);
    if (at < 0 || typeof text !== "string") { return; }
    gd.layout.annotations[at].text = text;
    var full = gd._fullLayout && gd._fullLayout.annotations, drawn = noteIndex(full, name);
    if (drawn >= 0) { full[drawn].text = text; }
    var node = noteText(gd, at);
    if (node && node.getAttribute("data-unformatted") !== text) {
      node.textContent = text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
      node.setAttribute("data-unformatted", text);
      if (drawn >= 0) { refit(node, full[drawn]); }
    }
  }

  /* Plotly measures a note when it draws it; a web font that arrives later (the Urdu and Persian
   * digits and script) makes the text wider than its box. */
  function refitAll() {
    var gd = window.mapGraph();
    var full = gd && gd._fullLayout && gd._fullLayout.annotations;
    (full || []).forEach(function (note, i) {
      var node = noteText(gd, i);
      if (node) { refit(node, note); }
    });
  }
  if (document.fonts) { document.fonts.addEventListener("loadingdone", refitAll); }

  window.mapNotes = { set: set, refitAll: refitAll };
}
