/* The mediation pages (the mediator's dispute page, the party's page) update live, with no reload.
 *
 * The dispute's mediation socket (/ws/cases/<id>/mediation/, the session cookie authenticates it) says
 * that something happened — a message this user may read, an agreement drafted, confirmed or refused, a
 * payment — and nothing more. The page then fetches itself again (server-rendered, with the server's
 * visibility rule and in the page's language) and swaps its live parts ([data-part]), leaving alone a
 * part the user is filling in. After a drop it reconnects with a growing delay and refreshes once open,
 * so nothing that happened meanwhile is missed.
 */
(function () {
  "use strict";
  var script = document.getElementById("mediation-live");
  if (!script || !("WebSocket" in window)) return;
  var path = script.getAttribute("data-socket");
  var delay = 1000;
  var fetching = false;
  var again = false;

  function dirty(part) {
    var fields = part.querySelectorAll("input, textarea, select");
    for (var i = 0; i < fields.length; i++) {
      var f = fields[i];
      if (f.type === "hidden" || f.type === "submit") continue;
      if (f.type === "checkbox" || f.type === "radio") {
        if (f.checked !== f.defaultChecked) return true;
      } else if (f.tagName === "SELECT") {
        for (var j = 0; j < f.options.length; j++) {
          if (f.options[j].selected !== f.options[j].defaultSelected) return true;
        }
      } else if (f.value !== f.defaultValue) {
        return true;
      }
    }
    return part.contains(document.activeElement) && /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName);
  }

  function refresh() {
    if (fetching) {
      again = true;
      return;
    }
    fetching = true;
    fetch(location.pathname + location.search, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.text();
      })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html");
        fresh.querySelectorAll("[data-part]").forEach(function (incoming) {
          var here = document.querySelector('[data-part="' + incoming.getAttribute("data-part") + '"]');
          if (here && !dirty(here) && here.innerHTML !== incoming.innerHTML) here.innerHTML = incoming.innerHTML;
        });
        document.body.setAttribute("data-live-refreshed", String(Date.now()));
      })
      .catch(function () {
        again = true;
      })
      .then(function () {
        fetching = false;
        if (again) {
          again = false;
          setTimeout(refresh, 1000);
        }
      });
  }

  function connect() {
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    var socket = new WebSocket(scheme + location.host + path);
    var opened = false;
    socket.onopen = function () {
      if (document.body.getAttribute("data-live") === "closed") refresh(); // catch up after a drop
      opened = true;
      delay = 1000;
      document.body.setAttribute("data-live", "open");
    };
    socket.onmessage = function () {
      refresh();
    };
    socket.onclose = function (closed) {
      document.body.setAttribute("data-live", "closed");
      if (closed.code === 4401 || closed.code === 4403 || closed.code === 4404) return; // not allowed
      setTimeout(connect, delay + Math.floor(Math.random() * 500));
      delay = opened ? 1000 : Math.min(delay * 2, 30000);
    };
  }

  connect();
})();
