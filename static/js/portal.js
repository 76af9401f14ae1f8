// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // Move focus to the error summary after a failed submit so screen readers announce it.
  var summary = document.querySelector(".error-summary");
  if (summary) {
    summary.focus();
    // A link in the summary puts focus into its field, not only scrolls to it.
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      var id = link && link.getAttribute("href").slice(1);
      // A group of checkboxes has no element of the field's own id: take its first box.
      var field = id && (document.getElementById(id) || document.querySelector("[id^='" + id + "_']"));
      if (field) {
        event.preventDefault();
        field.focus();
        field.scrollIntoView({block: "center"});
      }
    });
  }

  // Wide data tables scroll inside their own box (reflow at 320 CSS pixels). A box that
  // scrolls becomes a focusable region named by the table's caption, so a keyboard user
  // can scroll it (WCAG 2.1.1, 1.4.10).
  var counter = 0;
  function wrap(table) {
    var parent = table.parentElement;
    if (parent && parent.classList.contains("table-wrap")) { return parent; }
    var box = document.createElement("div");
    box.className = "table-wrap";
    table.parentNode.insertBefore(box, table);
    box.appendChild(table);
    return box;
  }
  function label(box) {
    var table = box.querySelector("table");
    var caption = table && table.querySelector("caption");
    if (caption) {
      if (!caption.id) { counter += 1; caption.id = "table-caption-" + counter; }
      box.setAttribute("aria-labelledby", caption.id);
    } else {
      box.setAttribute("aria-label", document.documentElement.lang === "de" ? "Tabelle" : "Table");
    }
  }
  function update() {
    document.querySelectorAll("main table").forEach(function (table) {
      var box = wrap(table);
      if (box.scrollWidth > box.clientWidth + 1) {
        if (!box.hasAttribute("tabindex")) {
          box.setAttribute("tabindex", "0");
          box.setAttribute("role", "region");
          label(box);
        }
      } else if (box.getAttribute("role") === "region") {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-labelledby");
        box.removeAttribute("aria-label");
      }
    });
  }
  update();
  var pending = null;
  window.addEventListener("resize", function () {
    if (pending) { window.clearTimeout(pending); }
    pending = window.setTimeout(update, 150);
  });
})();
