// Behaviour every page shares: the account menu closes on Escape or a click elsewhere.
(function () {
  "use strict";

  var menu = document.querySelector(".account-menu");
  if (!menu) {
    return;
  }
  document.addEventListener("click", function (event) {
    if (menu.open && !menu.contains(event.target)) {
      menu.open = false;
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && menu.open) {
      menu.open = false;
      menu.querySelector("summary").focus();
    }
  });
})();

// Storygen.follow: poll a status fragment of the page, backing off while nothing changes.
// Asks at once, then waits 1 s growing ×1.3 up to 8 s (back to 1 s when something changed),
// rests while the tab is hidden, and stops when the server says the work is over, when it
// redirects (signed out: that page says what to do) or when the object is gone (404).
//   apply(html) → true when the page changed; finished(response) → true to stop;
//   onFinish() runs once when it stops because the work is over.
window.Storygen = window.Storygen || {};
window.Storygen.follow = function (url, options) {
  "use strict";

  var MIN_DELAY_MS = 1000;
  var MAX_DELAY_MS = 8000;
  var GROWTH = 1.3;
  var delay = MIN_DELAY_MS;
  var timer = null;
  var busy = false;
  var stopped = false;

  function schedule() {
    window.clearTimeout(timer);
    timer = null;
    if (!stopped && !document.hidden) {
      timer = window.setTimeout(poll, delay);
    }
  }

  function poll() {
    timer = null;
    if (stopped || busy || document.hidden) {
      return;
    }
    busy = true;
    fetch(url, { credentials: "same-origin", cache: "no-store", headers: { Accept: "text/html" } })
      .then(function (response) {
        if (response.redirected) {
          stopped = true;
          window.location.assign(response.url);
          return null;
        }
        if (response.status === 404) {
          stopped = true; // deleted meanwhile; the next reload says so
          return null;
        }
        if (!response.ok) {
          throw new Error("status " + response.status);
        }
        return response.text().then(function (html) {
          var changed = options.apply(html);
          delay = changed ? MIN_DELAY_MS : Math.min(MAX_DELAY_MS, delay * GROWTH);
          if (options.finished(response)) {
            stopped = true;
            if (options.onFinish) {
              options.onFinish();
            }
          }
        });
      })
      .catch(function () {
        // The server or the network is having a moment: ask again, less often.
        delay = Math.min(MAX_DELAY_MS, delay * GROWTH * GROWTH);
      })
      .then(function () {
        busy = false;
        schedule();
      });
  }

  document.addEventListener("visibilitychange", function () {
    if (document.hidden) {
      window.clearTimeout(timer);
      timer = null;
    } else if (!stopped) {
      delay = MIN_DELAY_MS;
      poll();
    }
  });

  poll();
};
