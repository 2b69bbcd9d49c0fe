// A table too wide for the screen scrolls sideways inside itself (Material makes Markdown
// tables their own scroll box; WCAG 1.4.10 Reflow allows this for data tables), so the page
// never does. A keyboard user must be able to scroll it too (WCAG 2.1.1; axe rule
// scrollable-region-focusable): such a table takes focus, and the arrow keys then scroll it.
// Checked again when the window changes size, as it does when a reader zooms.
(function () {
  "use strict";
  var tables = Array.prototype.slice.call(document.querySelectorAll(".md-typeset table:not([class])"));
  if (!tables.length) return;
  function update() {
    tables.forEach(function (table) {
      if (table.scrollWidth > table.clientWidth + 1) table.setAttribute("tabindex", "0");
      else table.removeAttribute("tabindex");
    });
  }
  update();
  window.addEventListener("resize", update);
})();
