// The award workbench: shows the calculation inputs of the chosen kind and recomputes each item's amount
// as its figures change, by asking POST /api/v1/calculations/ with the page's session (and CSRF token).
// Saving the draft computes it again on the server; this only spares a round trip.
(function () {
  "use strict";
  var form = document.getElementById("award-form");
  if (!form || !window.fetch) return;
  var url = form.getAttribute("data-calculations");
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var timers = {};

  function body(item, kind) {
    var data = { kind: kind };
    var group = item.querySelector('fieldset[data-calc-kind="' + kind + '"]');
    if (!group) return null;
    group.querySelectorAll("[data-calc]").forEach(function (input) {
      var name = input.getAttribute("data-calc");
      if (input.getAttribute("data-type") === "bool") data[name] = input.checked;
      else if (input.value.trim()) data[name] = input.value.trim();
    });
    return data;
  }

  function recompute(item) {
    var kind = item.querySelector("[data-kind-select]").value;
    var shown = item.querySelector("[data-computed]");
    var problem = item.querySelector("[data-computed-error]");
    problem.textContent = "";
    if (!kind) { shown.textContent = "—"; return; }
    fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify(body(item, kind)),
    })
      .then(function (response) {
        return response.json().then(function (json) { return { ok: response.ok, json: json }; });
      })
      .then(function (answer) {
        if (answer.ok) { shown.textContent = answer.json.amount === null ? "—" : answer.json.amount; return; }
        shown.textContent = "—";
        var fields = answer.json.fields || {};
        var texts = Object.keys(fields).map(function (key) { return fields[key].join(" "); });
        problem.textContent = texts.join(" ") || answer.json.detail || "";
      })
      .catch(function () { problem.textContent = ""; });
  }

  form.querySelectorAll("[data-item]").forEach(function (item) {
    var select = item.querySelector("[data-kind-select]");
    var key = item.getAttribute("data-item");
    function later() {
      clearTimeout(timers[key]);
      timers[key] = setTimeout(function () { recompute(item); }, 400);
    }
    select.addEventListener("change", function () {
      item.querySelectorAll("fieldset[data-calc-kind]").forEach(function (group) {
        group.hidden = group.getAttribute("data-calc-kind") !== select.value;
      });
      later();
    });
    item.querySelectorAll("[data-calc]").forEach(function (input) {
      input.addEventListener("input", later);
      input.addEventListener("change", later);
    });
  });
})();
