// The story wizard, made quicker with JavaScript: the character library search updates as
// you type (the plain form still works without it).
(function () {
  "use strict";

  var search = document.querySelector("[data-live-search]");
  if (!search) {
    return;
  }
  var results = document.querySelector(search.getAttribute("data-results"));
  var hiddenQuery = document.querySelector('.wizard__form input[type="hidden"][name="q"]');
  var timer = null;
  var latest = 0;

  function load() {
    var query = search.value.trim();
    var url = new URL(window.location.href);
    if (query) {
      url.searchParams.set("q", query);
    } else {
      url.searchParams.delete("q");
    }
    var ticket = ++latest;
    results.setAttribute("aria-busy", "true");
    fetch(url.toString(), { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("search failed");
        }
        return response.text();
      })
      .then(function (html) {
        if (ticket !== latest) {
          return; // a newer search is on its way
        }
        var page = new DOMParser().parseFromString(html, "text/html");
        var fresh = page.querySelector("#" + results.id);
        if (fresh) {
          results.innerHTML = fresh.innerHTML;
        }
        if (hiddenQuery) {
          hiddenQuery.value = query;
        }
        window.history.replaceState(null, "", url.toString());
      })
      .catch(function () {
        // Keep the current list; the Search button still works.
      })
      .finally(function () {
        if (ticket === latest) {
          results.removeAttribute("aria-busy");
        }
      });
  }

  search.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(load, 300);
  });
  search.addEventListener("keydown", function (event) {
    if (event.key === "Enter") {
      event.preventDefault();
      window.clearTimeout(timer);
      load();
    }
  });
})();
