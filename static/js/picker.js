// The picker of peine.lib.picker (templates/includes/picker.html): typing asks the
// server for at most 20 matches (debounced) and shows them as a listbox (ARIA combobox
// pattern: arrow keys, Enter, Escape); choosing one ticks it among the chosen entries.
// Without this script the form resolves the typed text on the server.
(function () {
  "use strict";

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) {
      return values[key];
    });
  }

  function setup(box) {
    if (box.hasAttribute("data-picker-ready")) {
      return;
    }
    box.setAttribute("data-picker-ready", "");
    var input = box.querySelector("[data-picker-input]");
    var listbox = box.querySelector("[data-picker-list]");
    var status = box.querySelector("[data-picker-status]");
    var chosen = box.querySelector("[data-picker-chosen]");
    var options = box.querySelector("[data-picker-options]");
    var name = box.getAttribute("data-picker-name");
    var url = box.getAttribute("data-picker-url");
    var multiple = box.hasAttribute("data-picker-multiple");
    var results = [];
    var active = -1;
    var timer = null;
    var controller = null;

    function close() {
      listbox.hidden = true;
      listbox.textContent = "";
      results = [];
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function highlight(index) {
      var items = listbox.querySelectorAll("[role=option]");
      items.forEach(function (item, i) {
        item.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      active = index;
      if (index >= 0 && items[index]) {
        input.setAttribute("aria-activedescendant", items[index].id);
        items[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function show(data) {
      close();
      results = data.results || [];
      results.forEach(function (result, i) {
        var item = document.createElement("li");
        item.id = listbox.id + "-" + i;
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", "false");
        item.textContent = result.label;
        item.addEventListener("mousedown", function (event) {
          event.preventDefault(); // keep the focus in the text field
          choose(i);
        });
        listbox.appendChild(item);
      });
      var message = results.length
        ? format(box.getAttribute("data-picker-results"), { count: results.length })
        : box.getAttribute("data-picker-empty");
      if (data.more) {
        message += " " + box.getAttribute("data-picker-more");
      }
      status.textContent = message;
      if (results.length) {
        listbox.hidden = false;
        input.setAttribute("aria-expanded", "true");
      }
    }

    function search() {
      var text = input.value.trim();
      if (text.length < 2) {
        close();
        return;
      }
      if (controller) {
        controller.abort();
      }
      controller = new AbortController();
      var address = url + (url.indexOf("?") === -1 ? "?" : "&") + "q=" + encodeURIComponent(text);
      fetch(address, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        signal: controller.signal,
      })
        .then(function (response) {
          return response.ok ? response.json() : Promise.reject(response.status);
        })
        .then(show)
        .catch(function () {
          // Offline or aborted: the form still resolves the text on submit.
        });
    }

    function entry(id, label, checked) {
      var item = document.createElement("li");
      var field = document.createElement("input");
      field.type = multiple ? "checkbox" : "radio";
      field.name = name;
      field.value = id;
      field.id = input.id + "_" + id;
      field.checked = checked;
      var text = document.createElement("label");
      text.htmlFor = field.id;
      text.textContent = label;
      item.appendChild(field);
      item.appendChild(document.createTextNode(" "));
      item.appendChild(text);
      return item;
    }

    function choose(index) {
      var result = results[index];
      if (!result) {
        return;
      }
      var existing = document.getElementById(input.id + "_" + result.id);
      if (!multiple) {
        options.textContent = "";
        options.appendChild(entry(String(result.id), result.label, true));
        var none = entry("", box.getAttribute("data-picker-none"), false);
        none.querySelector("input").id = input.id + "_none";
        none.querySelector("label").htmlFor = input.id + "_none";
        options.appendChild(none);
      } else if (existing) {
        existing.checked = true;
      } else {
        options.appendChild(entry(String(result.id), result.label, true));
      }
      chosen.hidden = false;
      input.value = "";
      close();
      status.textContent = format(box.getAttribute("data-picker-chosen-message"), {
        label: result.label,
      });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(search, 250);
    });
    input.addEventListener("keydown", function (event) {
      if (listbox.hidden) {
        return;
      }
      if (event.key === "ArrowDown") {
        event.preventDefault();
        highlight(Math.min(active + 1, results.length - 1));
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        highlight(Math.max(active - 1, 0));
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault(); // choose, do not submit yet
        choose(active);
      } else if (event.key === "Escape") {
        event.preventDefault();
        close();
      }
    });
    input.addEventListener("blur", function () {
      window.setTimeout(close, 150);
    });
  }

  function init() {
    document.querySelectorAll("[data-picker]").forEach(setup);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
