/* The hearing pages update live, with no framework and no reload.
 *
 * The session's WebSocket (/ws/hearing-sessions/<id>/, the session cookie authenticates it) says that
 * something happened and its number (seq). The page then asks the events API for everything after the
 * last number it has seen, and re-fetches the parts of the page that change (server-rendered, in the
 * page's language). After a drop it reconnects with a growing delay and catches up from the last number,
 * so nothing said while it was away is missed. A part the user is typing in is left alone. The socket and
 * the swapping of parts are core/live.js's.
 */
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("hearing-live").textContent);
  var lastSeq = config.lastSeq || 0;
  var fetching = false;
  var again = false;
  var status = document.querySelector("[data-live-status]");

  function say(text, kind) {
    if (!status) return;
    status.textContent = text;
    status.className = "live-status " + (kind || "");
  }

  function refresh() {
    return Live.refreshParts(config.live).then(countdowns);
  }

  function fetchEvents(url, seen) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then(function (page) {
        (page.results || []).forEach(function (event) {
          if (event.seq > seen.max) seen.max = event.seq;
        });
        return page.next ? fetchEvents(page.next, seen) : seen;
      });
  }

  /* Fetch what was missed after lastSeq; re-render if anything was. One catch-up at a time. */
  function catchUp() {
    if (fetching) {
      again = true;
      return;
    }
    fetching = true;
    var seen = { max: lastSeq };
    fetchEvents(config.events + "?after=" + lastSeq + "&page_size=100", seen)
      .then(function () {
        if (seen.max > lastSeq) {
          lastSeq = seen.max;
          return refresh().then(function () {
            say(config.messages.updated, "fresh");
            document.body.setAttribute("data-last-seq", String(lastSeq));
          });
        }
      })
      .catch(function () {
        again = true;
      })
      .then(function () {
        fetching = false;
        if (again) {
          again = false;
          setTimeout(catchUp, 1000);
        }
      });
  }

  function connect() {
    Live.connect(config.socket, {
      open: function () {
        say(config.messages.online, "online");
        catchUp(); // whatever happened while the page loaded or the socket was down
      },
      message: function (event) {
        if (!event || typeof event.seq !== "number" || event.seq > lastSeq) catchUp();
      },
      close: function () {
        say(config.messages.offline, "offline");
      },
    });
  }

  /* Deadlines count down each second; at zero the page asks for the new state. */
  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }

  function countdowns() {
    document.querySelectorAll("[data-countdown]").forEach(function (el) {
      el.setAttribute("data-until", String(Date.parse(el.getAttribute("data-countdown"))));
    });
  }

  function tick() {
    var now = Date.now();
    document.querySelectorAll("[data-until]").forEach(function (el) {
      var left = Math.floor((Number(el.getAttribute("data-until")) - now) / 1000);
      if (left <= 0) {
        if (!el.hasAttribute("data-done")) {
          el.setAttribute("data-done", "");
          el.textContent = config.messages.closed;
          setTimeout(function () {
            refresh().catch(function () {});
          }, 1500);
        }
        return;
      }
      var days = Math.floor(left / 86400);
      var rest = pad(Math.floor((left % 86400) / 3600)) + ":" + pad(Math.floor((left % 3600) / 60)) + ":" + pad(left % 60);
      el.textContent = (days ? config.messages.days.replace("%(days)s", String(days)) + " " : "") + rest;
    });
  }

  countdowns();
  tick();
  setInterval(tick, 1000);
  connect();
})();
