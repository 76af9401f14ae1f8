// Consultations: more findings and the server draft of the interview form (its checklists
// of stakeholders and persons are static/js/picker.js's). Progressive enhancement only: the
// form works without this file. Nothing typed is ever put into browser storage.
(function () {
  "use strict";

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
  var SKIP = { csrfmiddlewaretoken: true, stakeholder_q: true, _search_stakeholders: true, draft_owner: true, _submission: true };

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
