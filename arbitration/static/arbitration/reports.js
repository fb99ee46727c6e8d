// The reports page: while a report is being made, poll its progress and show it; reload once it is done
// (or failed), so the download links appear.
(function () {
  "use strict";
  var rows = document.querySelectorAll("[data-progress-url]");
  if (!rows.length) return;
  function poll(row) {
    fetch(row.dataset.progressUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (state) {
        row.querySelector("progress").value = state.progress;
        row.querySelector("[data-role=status]").textContent = state.status_label;
        if (state.status === "done" || state.status === "failed") {
          window.location.reload();
        } else {
          setTimeout(function () { poll(row); }, 2000);
        }
      })
      .catch(function () { setTimeout(function () { poll(row); }, 5000); });
  }
  rows.forEach(poll);
})();
