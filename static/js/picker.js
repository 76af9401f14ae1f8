// The pickers of peine.lib.picker. The combobox (templates/includes/picker.html): typing
// asks the server for at most 20 matches (debounced) and shows them as a listbox (ARIA
// combobox pattern: arrow keys, Enter, Escape); choosing one ticks it among the chosen
// entries. The checklist (templates/includes/picker_checklist.html): typing in its search
// box puts the server's matches in place of the unticked checkboxes, and a checklist
// narrowed by another follows that one's ticks. Without this script the form resolves the
// typed text, or its search button lists the matches, on the server.
(function () {
  "use strict";

  var DELAY = 250; // ms of quiet typing before the server is asked

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) {
      return values[key];
    });
  }

  // The source's JSON for the query ``pairs`` ([[name, value], ...]).
  function ask(url, pairs, signal) {
    var query = new URLSearchParams();
    pairs.forEach(function (pair) {
      query.append(pair[0], pair[1]);
    });
    return fetch(url + (url.indexOf("?") === -1 ? "?" : "&") + query.toString(), {
      headers: { Accept: "application/json" },
      credentials: "same-origin",
      signal: signal,
    }).then(function (response) {
      return response.ok ? response.json() : Promise.reject(response.status);
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
      ask(url, [["q", text]], controller.signal)
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
      timer = window.setTimeout(search, DELAY);
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

  function ticked(list) {
    var values = [];
    list.querySelectorAll("input[type=checkbox]:checked").forEach(function (box) {
      values.push(box.value);
    });
    return values;
  }

  // The checklist's unticked boxes make way for ``results`` ([{id, label}]).
  function fill(list, results) {
    var name = list.getAttribute("data-picker-name");
    list.querySelectorAll(".picker__option").forEach(function (option) {
      var box = option.querySelector("input[type=checkbox]");
      if (!box || !box.checked) {
        option.remove();
      }
    });
    list.querySelectorAll("p.muted").forEach(function (empty) {
      empty.remove();
    });
    var present = {};
    ticked(list).forEach(function (value) {
      present[value] = true;
    });
    results.forEach(function (result) {
      if (present[String(result.id)]) {
        return;
      }
      var option = document.createElement("div");
      option.className = "picker__option";
      var label = document.createElement("label");
      var box = document.createElement("input");
      box.type = "checkbox";
      box.name = name;
      box.value = String(result.id);
      box.id = list.id + "_" + result.id;
      label.htmlFor = box.id;
      label.appendChild(box);
      label.appendChild(document.createTextNode(" " + result.label));
      option.appendChild(label);
      list.appendChild(option);
    });
    if (!list.querySelector(".picker__option")) {
      var empty = document.createElement("p");
      empty.className = "muted";
      empty.textContent = "\u2014";
      list.appendChild(empty);
    }
  }

  // Asks the checklist's source with ``pairs`` and its ticked ids (left out of the answer)
  // and puts the matches in place of the unticked boxes; a newer question cancels an older.
  function refresher(list) {
    var url = list.getAttribute("data-picker-url");
    var controller = null;
    return function (pairs) {
      ticked(list).forEach(function (id) {
        pairs.push(["chosen", id]);
      });
      if (controller) {
        controller.abort();
      }
      controller = new AbortController();
      return ask(url, pairs, controller.signal).then(function (data) {
        fill(list, data.results || []);
        return data;
      });
    };
  }

  // A search box naming a checklist (data-picker-filter): typing asks for its matches,
  // the ticked ones left out; Enter does not submit the form, the no-JS button hides.
  function setupFilter(input) {
    var list = document.getElementById(input.getAttribute("data-picker-filter"));
    if (!list || input.hasAttribute("data-picker-ready")) {
      return;
    }
    input.setAttribute("data-picker-ready", "");
    var box = input.closest("[data-picker-search]");
    var status = box && box.querySelector("[data-picker-status]");
    var button = box && box.querySelector("[data-picker-search-button]");
    var refresh = refresher(list);
    var last = input.value.trim();
    var timer = null;
    if (button) {
      button.hidden = true;
    }
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
      }
    });
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        var text = input.value.trim();
        if (text === last) {
          return;
        }
        last = text;
        refresh([["q", text]])
          .then(function (data) {
            if (status) {
              status.textContent = data.message || "";
            }
          })
          .catch(function (error) {
            if (button && !(error && error.name === "AbortError")) {
              button.hidden = false; // offline: the search button still works
            }
          });
      }, DELAY);
    });
  }

  // A checklist narrowed by another (data-picker-within-list): the persons of the
  // ticked stakeholders, asked for again whenever a tick there changes.
  function setupWithin(list) {
    var other = document.getElementById(list.getAttribute("data-picker-within-list"));
    if (!other || list.hasAttribute("data-picker-ready")) {
      return;
    }
    list.setAttribute("data-picker-ready", "");
    var param = list.getAttribute("data-picker-within");
    var refresh = refresher(list);
    document.querySelectorAll("[data-picker-nojs]").forEach(function (hint) {
      hint.hidden = true;
    });
    other.addEventListener("change", function () {
      var pairs = [];
      ticked(other).forEach(function (id) {
        pairs.push([param, id]);
      });
      refresh(pairs).catch(function () {
        // Offline or aborted: the search button lists the persons on the server.
      });
    });
  }

  function init() {
    document.querySelectorAll("[data-picker]").forEach(setup);
    document.querySelectorAll("[data-picker-filter]").forEach(setupFilter);
    document.querySelectorAll("[data-picker-checklist][data-picker-within-list]").forEach(setupWithin);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
