/* The mediation pages (the mediator's dispute page, the party's page) update live, with no reload.
 *
 * The dispute's mediation socket (/ws/cases/<id>/mediation/, the session cookie authenticates it) says
 * that something happened — a message this user may read, an agreement drafted, confirmed or refused, a
 * payment — and nothing more. The page then fetches itself again (server-rendered, with the server's
 * visibility rule and in the page's language) and swaps its live parts ([data-part]), leaving alone a
 * part the user is filling in. After a drop it reconnects with a growing delay and refreshes once open,
 * so nothing that happened meanwhile is missed. The socket and the swapping of parts are core/live.js's.
 */
(function () {
  "use strict";
  var script = document.getElementById("mediation-live");
  if (!script) return;
  var fetching = false;
  var again = false;

  function refresh() {
    if (fetching) {
      again = true;
      return;
    }
    fetching = true;
    Live.refreshParts(location.pathname + location.search)
      .then(function () {
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

  Live.connect(script.getAttribute("data-socket"), {
    open: function (reconnected) {
      if (reconnected) refresh(); // catch up after a drop
    },
    message: refresh,
  });
})();
