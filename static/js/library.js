/*
 * Library pages: search as you type and filter without a reload, and confirm a delete in a
 * dialog. Without this script the search form submits normally and Delete opens its own
 * confirmation page.
 */
(function () {
  "use strict";

  var SEARCH_DELAY_MS = 350;

  function searchUrl(form) {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, key) {
      if (typeof value === "string" && value.trim() !== "") {
        params.append(key, value.trim());
      }
    });
    var query = params.toString();
    return form.action.split("?")[0] + (query ? "?" + query : "");
  }

  function liveSearch(form) {
    var targets = (form.dataset.liveTargets || "").split(/\s+/).filter(Boolean);
    var timer = null;
    var controller = null;

    function regions() {
      return targets.map(function (id) { return document.getElementById(id); });
    }

    function update() {
      var url = searchUrl(form);
      if (controller) {
        controller.abort();
      }
      controller = typeof AbortController === "function" ? new AbortController() : null;
      regions().forEach(function (region) {
        if (region) { region.setAttribute("aria-busy", "true"); }
      });
      fetch(url, {
        credentials: "same-origin",
        headers: { Accept: "text/html" },
        signal: controller ? controller.signal : undefined
      })
        .then(function (response) {
          // A lapsed session redirects to the login page: let the browser follow it.
          if (!response.ok || response.redirected) {
            throw new Error("navigate");
          }
          return response.text();
        })
        .then(function (html) {
          var page = new DOMParser().parseFromString(html, "text/html");
          targets.forEach(function (id) {
            var current = document.getElementById(id);
            var fresh = page.getElementById(id);
            if (current && fresh) {
              current.innerHTML = fresh.innerHTML;
            }
          });
          history.replaceState(null, "", url);
        })
        .catch(function (error) {
          if (error && error.name === "AbortError") {
            return;
          }
          window.location.assign(url);
        })
        .finally(function () {
          regions().forEach(function (region) {
            if (region) { region.removeAttribute("aria-busy"); }
          });
        });
    }

    form.addEventListener("submit", function (event) {
      if (!window.fetch || !window.DOMParser) {
        return;
      }
      event.preventDefault();
      window.clearTimeout(timer);
      update();
    });
    form.addEventListener("input", function (event) {
      if (!event.target.matches("[data-live-search-input]")) {
        return;
      }
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { form.requestSubmit ? form.requestSubmit() : update(); },
        SEARCH_DELAY_MS);
    });
    form.addEventListener("change", function (event) {
      if (event.target.matches("[data-live-search-select]")) {
        window.clearTimeout(timer);
        if (form.requestSubmit) { form.requestSubmit(); } else { update(); }
      }
    });
  }

  function deleteDialog(dialog) {
    var form = dialog.querySelector("[data-delete-form]");
    var name = dialog.querySelector("[data-delete-name]");
    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a[data-delete-title]");
      if (!link || event.defaultPrevented || event.button !== 0 ||
          event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
        return;
      }
      event.preventDefault();
      form.action = link.href;
      name.textContent = link.dataset.deleteTitle;
      dialog.showModal();
    });
  }

  document.querySelectorAll("form[data-live-search]").forEach(liveSearch);

  var dialog = document.querySelector("dialog[data-delete-dialog]");
  if (dialog && typeof dialog.showModal === "function") {
    deleteDialog(dialog);
  }
})();
