/* What every live page shares (the hearing pages, the mediation pages): a socket that reconnects after a
 * drop with a growing delay, and swapping the server-rendered parts of a page ([data-part]) for fresh ones,
 * leaving alone a part the user is filling in. Each page's own script says what a message means.
 */
(function () {
  "use strict";

  /* Whether the user has changed a field of ``part``, or is typing in it: such a part is not replaced. */
  function dirty(part) {
    var fields = part.querySelectorAll("input, textarea, select");
    for (var i = 0; i < fields.length; i++) {
      var f = fields[i];
      if (f.type === "hidden" || f.type === "submit") continue;
      if (f.type === "checkbox" || f.type === "radio") {
        if (f.checked !== f.defaultChecked) return true;
      } else if (f.tagName === "SELECT") {
        var initial = f.multiple ? -1 : 0; // with none marked selected, the browser shows the first
        for (var j = 0; j < f.options.length; j++) {
          if (f.options[j].defaultSelected) initial = j;
        }
        if (!f.multiple && f.selectedIndex !== initial) return true;
        if (f.multiple) {
          for (var m = 0; m < f.options.length; m++) {
            if (f.options[m].selected !== f.options[m].defaultSelected) return true;
          }
        }
      } else if (f.value !== f.defaultValue) {
        return true;
      }
    }
    var active = document.activeElement;
    return part.contains(active) && /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName);
  }

  /* Fetch ``url`` (a page) and swap each of its [data-part]s into this page, unless the user is busy there. */
  function refreshParts(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } })
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
      });
  }

  /* Keep a WebSocket to ``path`` open: after a drop, reconnect after 1 s, 2 s, 4 s… (at most 30 s, with
   * jitter). ``on.open(reconnected)``, ``on.message(data)`` and ``on.close()`` are the page's. A refusal
   * (4401 not signed in, 4403 not allowed, 4404 no such thing) is final: retrying would not help. The body's
   * data-live attribute says "open" or "closed", for the browser tests. */
  function connect(path, on) {
    var delay = 1000;
    var dropped = false;
    function open() {
      var scheme = location.protocol === "https:" ? "wss://" : "ws://";
      var socket = new WebSocket(scheme + location.host + path);
      socket.onopen = function () {
        delay = 1000;
        document.body.setAttribute("data-live", "open");
        if (on.open) on.open(dropped);
      };
      socket.onmessage = function (message) {
        var data = null;
        try {
          data = JSON.parse(message.data);
        } catch (e) {
          data = null;
        }
        if (on.message) on.message(data);
      };
      socket.onclose = function (closed) {
        document.body.setAttribute("data-live", "closed");
        dropped = true;
        if (on.close) on.close();
        if (closed.code === 4401 || closed.code === 4403 || closed.code === 4404) return;
        setTimeout(open, delay + Math.floor(Math.random() * 500));
        delay = Math.min(delay * 2, 30000);
      };
    }
    if ("WebSocket" in window) open();
  }

  window.Live = { dirty: dirty, refreshParts: refreshParts, connect: connect };
})();
