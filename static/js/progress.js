/*
 * Progress page: poll the status fragment and swap in what changed, so pages appear as they
 * are drawn. Polls at once, then backs off (1 s growing to 8 s) while nothing changes, rests
 * while the tab is hidden and stops when the run is over. Without this script the page
 * reloads itself every few seconds instead.
 */
(function () {
  "use strict";

  var root = document.querySelector("[data-progress]");
  if (!root || root.dataset.finished === "true" || !window.fetch) {
    return;
  }
  var url = root.dataset.statusUrl;

  function status() {
    return root.querySelector("[data-progress-status]");
  }

  // The live region stays the same node; only its words change, so it is announced once.
  function updateStep(current, next) {
    current.textContent = next.textContent;
  }

  // The bar keeps its node so its width glides from the old value to the new one.
  function updateBar(current, next) {
    ["aria-valuenow", "aria-valuetext"].forEach(function (name) {
      if (next.hasAttribute(name)) {
        current.setAttribute(name, next.getAttribute(name));
      }
    });
    var bar = current.querySelector(".progress__bar");
    var nextBar = next.querySelector(".progress__bar");
    if (bar && nextBar) {
      bar.setAttribute("style", nextBar.getAttribute("style") || "");
    }
  }

  // Swapping a region must not throw away the keyboard focus a reader put inside it.
  function replaceKeepingFocus(current, next) {
    var focused = document.activeElement;
    var focusId = focused && current.contains(focused) ? focused.id : null;
    current.replaceWith(next);
    if (focusId) {
      var again = document.getElementById(focusId);
      (again || next).focus({ preventScroll: true });
    }
  }

  function apply(html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    var incoming = template.content.querySelector("[data-progress-status]");
    var current = status();
    if (!incoming || !current) {
      return false;
    }
    var changed = false;
    incoming.querySelectorAll("[data-region]").forEach(function (next) {
      var name = next.dataset.region;
      var here = current.querySelector('[data-region="' + name + '"]');
      if (!here || here.isEqualNode(next)) {
        return;
      }
      changed = true;
      if (name === "step") {
        updateStep(here, next);
      } else if (name === "bar") {
        updateBar(here, next);
      } else {
        replaceKeepingFocus(here, document.importNode(next, true));
      }
    });
    current.className = incoming.className;
    current.dataset.finished = incoming.dataset.finished;
    // The title arrives once the story is written; the heading changes when it is ready.
    var title = document.querySelector("[data-progress-title]");
    var heading = document.querySelector("[data-progress-heading]");
    var newTitle = incoming.dataset.title || current.dataset.title;
    var newHeading = incoming.dataset.heading || current.dataset.heading;
    if (newTitle !== current.dataset.title || newHeading !== current.dataset.heading) {
      if (title) {
        title.textContent = newTitle;
      }
      if (heading) {
        heading.textContent = newHeading;
      }
      updateDocumentTitle(newHeading, newTitle);
      current.dataset.title = newTitle;
      current.dataset.heading = newHeading;
      changed = true;
    }
    return changed;
  }

  // The window title reads like the page's own: "<heading>: “<title>” · <site>".
  function updateDocumentTitle(heading, title) {
    var site = document.title.lastIndexOf(" · ");
    var suffix = site >= 0 ? document.title.slice(site) : "";
    document.title = heading + ": \u201c" + title + "\u201d" + suffix;
  }

  window.Storygen.follow(url, {
    apply: apply,
    finished: function (response) {
      return response.headers.get("X-Progress-Finished") === "true";
    },
    onFinish: function () {
      root.dataset.finished = "true";
    },
  });
})();
