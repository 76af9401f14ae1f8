// Consultations: search-as-you-type pickers, persons of the ticked stakeholders, more
// findings, and the server draft of the interview form. Progressive enhancement only: the
// forms work without this file. Nothing typed is ever put into browser storage.
(function () {
  "use strict";

  function debounce(fn, ms) {
    var timer = null;
    return function () { window.clearTimeout(timer); timer = window.setTimeout(fn, ms); };
  }

  function checkedValues(list) {
    var values = [];
    list.querySelectorAll("input[type=checkbox]:checked").forEach(function (box) { values.push(box.value); });
    return values;
  }

  // Replaces the unticked options of a picker list by ``results`` ({id, label, stakeholder}).
  function fillPicker(list, name, results) {
    list.querySelectorAll(".picker__option").forEach(function (option) {
      var box = option.querySelector("input[type=checkbox]");
      if (!box || !box.checked) { option.remove(); }
    });
    list.querySelectorAll("p.muted").forEach(function (p) { p.remove(); });
    var present = {};
    checkedValues(list).forEach(function (value) { present[value] = true; });
    results.forEach(function (row) {
      if (present[String(row.id)]) { return; }
      var option = document.createElement("div");
      option.className = "picker__option";
      var label = document.createElement("label");
      var box = document.createElement("input");
      box.type = "checkbox";
      box.name = name;
      box.value = String(row.id);
      box.id = "id_" + name + "_pk" + row.id;
      if (row.stakeholder) { box.setAttribute("data-stakeholder", String(row.stakeholder)); }
      label.htmlFor = box.id;
      label.appendChild(box);
      label.appendChild(document.createTextNode(" " + row.label));
      option.appendChild(label);
      list.appendChild(option);
    });
    if (!list.querySelector(".picker__option")) {
      var empty = document.createElement("p");
      empty.className = "muted";
      empty.textContent = "—";
      list.appendChild(empty);
    }
  }

  function query(url, params) {
    var search = new URLSearchParams();
    params.forEach(function (pair) { search.append(pair[0], pair[1]); });
    return window.fetch(url + "?" + search.toString(), {
      credentials: "same-origin",
      headers: { "Accept": "application/json" }
    }).then(function (response) {
      if (!response.ok) { throw new Error(String(response.status)); }
      return response.json();
    });
  }

  // Persons present: those of the ticked stakeholders, fetched from the server.
  var stakeholders = document.getElementById("id_stakeholders");
  var persons = document.getElementById("id_contact_persons");
  var personBox = document.querySelector("[data-person-options-url]");
  function refreshPersons() {
    if (!stakeholders || !persons || !personBox) { return; }
    var params = [];
    checkedValues(stakeholders).forEach(function (id) { params.push(["stakeholder", id]); });
    checkedValues(persons).forEach(function (id) { params.push(["chosen", id]); });
    query(personBox.getAttribute("data-person-options-url"), params).then(function (data) {
      fillPicker(persons, "contact_persons", data.results || []);
    }).catch(function () { /* the no-JavaScript search button still works */ });
  }
  if (stakeholders && persons && personBox) {
    document.querySelectorAll("[data-contacts-nojs]").forEach(function (hint) { hint.hidden = true; });
    stakeholders.addEventListener("change", refreshPersons);
  }

  // Search-as-you-type of the stakeholder picker: the server sends a screenful of matches.
  document.querySelectorAll("[data-picker-filter]").forEach(function (input) {
    var list = document.getElementById(input.getAttribute("data-picker-filter"));
    var url = input.getAttribute("data-options-url");
    if (!list || !url) { return; }
    var box = input.closest("[data-picker-search]");
    var status = box.querySelector("[data-picker-status]");
    var button = box.querySelector("[data-picker-search-button]");
    if (button) { button.hidden = true; }
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); }
    });
    var lastTerm = input.value.trim();
    var search = debounce(function () {
      var term = input.value.trim();
      if (term === lastTerm) { return; }
      lastTerm = term;
      var params = [["q", term]];
      checkedValues(list).forEach(function (id) { params.push(["chosen", id]); });
      query(url, params).then(function (data) {
        if (input.value.trim() !== term) { return; }  // a newer search is on its way
        fillPicker(list, list.id.replace(/^id_/, ""), data.results || []);
        if (status) { status.textContent = data.message || ""; }
      }).catch(function () { if (button) { button.hidden = false; } });
    }, 250);
    input.addEventListener("input", search);
  });

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

  // The server draft: every few seconds, when something changed, the form's fields are
  // sent to the server (with the CSRF token); the status is announced politely, only when
  // it changes.
  var form = document.querySelector("form[data-autosave-url]");
  if (!form || !window.fetch) { return; }
  var url = form.getAttribute("data-autosave-url");
  var status = form.querySelector("[data-autosave-status]");
  var tokenField = form.querySelector("input[name=csrfmiddlewaretoken]");
  var SKIP = { csrfmiddlewaretoken: true, stakeholder_q: true, _search_stakeholders: true, draft_owner: true };

  function serialise() {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      if (!SKIP[name] && typeof value === "string") { params.append(name, value); }
    });
    return params.toString();
  }

  var lastSent = serialise();
  var inFlight = false;
  var lastMessage = "";
  function announce(message) {
    if (status && message !== lastMessage) {
      status.textContent = message;
      lastMessage = message;
    }
  }

  function save() {
    var body = serialise();
    if (inFlight || body === lastSent) { return; }
    inFlight = true;
    window.fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        "Accept": "application/json",
        "X-CSRFToken": tokenField ? tokenField.value : ""
      },
      body: body
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (response.ok && data.saved) { lastSent = body; }
        announce(data.message || (response.ok ? "" : form.getAttribute("data-autosave-error") || ""));
      });
    }).catch(function () {
      announce(form.getAttribute("data-autosave-offline") || "");
    }).then(function () { inFlight = false; });
  }

  window.setInterval(save, 3000);
  // Saving the form itself makes the draft unnecessary: stop sending it.
  form.addEventListener("submit", function () { lastSent = serialise(); inFlight = true; });
})();
