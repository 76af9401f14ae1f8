// Consultations: picker search, contact filter, more findings, and a local draft of the
// interview form. Progressive enhancement only: the forms work without this file.
(function () {
  "use strict";

  // A saved interview page tells us which local draft to forget.
  var clear = document.querySelector("[data-clear-draft]");
  if (clear) {
    try { window.localStorage.removeItem(clear.getAttribute("data-clear-draft")); } catch (e) { /* storage off */ }
  }

  // Searchable checkbox pickers.
  document.querySelectorAll("[data-picker-filter]").forEach(function (input) {
    var list = document.getElementById(input.getAttribute("data-picker-filter"));
    if (!list) { return; }
    var box = input.closest("[data-picker-search]");
    box.hidden = false;
    // With JavaScript the list filters while typing: Enter must not submit the form.
    var button = box.querySelector("[data-picker-search-button]");
    if (button) { button.hidden = true; }
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); }
    });
    input.addEventListener("input", function () {
      var term = input.value.trim().toLowerCase();
      list.querySelectorAll("input[type=checkbox]").forEach(function (box) {
        var text = box.getAttribute("data-search") || "";
        box.closest(".picker__option").hidden = term !== "" && text.indexOf(term) === -1 && !box.checked;
      });
    });
  });

  // Persons present: show those of the ticked stakeholders (and any already ticked).
  var stakeholders = document.getElementById("id_stakeholders");
  var persons = document.getElementById("id_contact_persons");
  function filterPersons() {
    if (!stakeholders || !persons) { return; }
    var chosen = {};
    stakeholders.querySelectorAll("input:checked").forEach(function (box) { chosen[box.value] = true; });
    persons.querySelectorAll("input[type=checkbox]").forEach(function (box) {
      box.closest(".picker__option").hidden = !box.checked && !chosen[box.getAttribute("data-stakeholder")];
    });
  }
  if (stakeholders && persons) {
    var hint = document.querySelector("[data-contacts-hint]");
    if (hint) { hint.hidden = false; }
    stakeholders.addEventListener("change", filterPersons);
    filterPersons();
  }

  // More findings: clone the empty form.
  var container = document.querySelector("[data-findings]");
  var template = document.getElementById("finding-template");
  var total = document.getElementById("id_findings-TOTAL_FORMS");
  var addButton = document.querySelector("[data-add-finding]");
  function addFinding() {
    var index = parseInt(total.value, 10);
    var html = template.innerHTML.replace(/__prefix__/g, String(index)).replace(/__number__/g, String(index + 1));
    container.insertAdjacentHTML("beforeend", html);
    total.value = String(index + 1);
    return container.lastElementChild;
  }
  if (container && template && total && addButton) {
    addButton.hidden = false;
    addButton.addEventListener("click", function () {
      var added = addFinding();
      var first = added.querySelector("textarea");
      if (first) { first.focus(); }
    });
  }

  // The local draft: saved while typing, restored on a fresh form, cleared after saving.
  var form = document.querySelector("form[data-draft-key]");
  if (!form) { return; }
  var key = form.getAttribute("data-draft-key");
  var storage;
  try { storage = window.localStorage; } catch (e) { return; }

  function save() {
    var fields = [];
    new FormData(form).forEach(function (value, name) {
      if (name !== "csrfmiddlewaretoken" && typeof value === "string") { fields.push([name, value]); }
    });
    try { storage.setItem(key, JSON.stringify({ saved: Date.now(), fields: fields })); } catch (e) { /* full */ }
  }
  var timer = null;
  function saveSoon() { window.clearTimeout(timer); timer = window.setTimeout(save, 300); }
  form.addEventListener("input", saveSoon);
  form.addEventListener("change", saveSoon);
  window.addEventListener("pagehide", save);

  function restore(fields) {
    var values = {};
    fields.forEach(function (pair) { (values[pair[0]] = values[pair[0]] || []).push(pair[1]); });
    var wanted = parseInt((values["findings-TOTAL_FORMS"] || ["0"])[0], 10);
    while (total && container && template && parseInt(total.value, 10) < wanted) { addFinding(); }
    Object.keys(values).forEach(function (name) {
      if (name === "version" || /-(TOTAL|INITIAL|MIN_NUM|MAX_NUM)_FORMS$/.test(name)) { return; }
      form.querySelectorAll("[name='" + name.replace(/'/g, "") + "']").forEach(function (el) {
        if (el.type === "checkbox" || el.type === "radio") {
          el.checked = values[name].indexOf(el.value) !== -1;
        } else if (el.tagName === "SELECT" && el.multiple) {
          Array.prototype.forEach.call(el.options, function (o) { o.selected = values[name].indexOf(o.value) !== -1; });
        } else if (el.type !== "hidden" && el.type !== "file") {
          el.value = values[name][0];
        }
      });
    });
    // Unticked boxes are not in the draft: untick those of the restored groups.
    form.querySelectorAll("input[type=checkbox]").forEach(function (el) {
      if (!values[el.name]) { el.checked = false; }
    });
    filterPersons();
  }

  if (form.hasAttribute("data-draft-restore")) {
    var raw = storage.getItem(key);
    if (raw) {
      try {
        restore(JSON.parse(raw).fields || []);
        var notice = document.querySelector("[data-draft-notice]");
        if (notice) {
          notice.hidden = false;
          notice.querySelector("[data-draft-discard]").addEventListener("click", function () {
            storage.removeItem(key);
            window.location.reload();
          });
        }
      } catch (e) { storage.removeItem(key); }
    }
  }
})();
