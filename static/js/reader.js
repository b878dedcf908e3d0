/*
 * Reader: turn pages without reloading. Every page is already in the document; this shows
 * one, keeps the address (?page=N) and the Previous/Next links in step, lets the ← and →
 * keys turn pages and announces the page counter. Without this script the links load
 * ?page=N from the server.
 */
(function () {
  "use strict";

  var reader = document.querySelector("[data-reader]");
  if (!reader) {
    return;
  }
  var screens = Array.prototype.slice.call(reader.querySelectorAll("[data-reader-screen]"));
  var previous = reader.querySelector("[data-reader-prev]");
  var next = reader.querySelector("[data-reader-next]");
  var counter = reader.querySelector("[data-reader-counter]");
  var hint = reader.querySelector("[data-reader-hint]");
  var edit = reader.querySelector("[data-reader-edit]");
  if (screens.length === 0 || !previous || !next || !counter) {
    return;
  }

  function currentIndex() {
    for (var i = 0; i < screens.length; i += 1) {
      if (!screens[i].hidden) {
        return i;
      }
    }
    return 0;
  }

  function urlFor(index) {
    var url = new URL(window.location.href);
    url.searchParams.set("page", String(index));
    url.hash = "";
    return url.pathname + url.search;
  }

  function setLink(link, index) {
    if (index === null) {
      link.removeAttribute("href");
      link.setAttribute("aria-disabled", "true");
    } else {
      link.setAttribute("href", urlFor(index));
      link.removeAttribute("aria-disabled");
    }
  }

  function show(index) {
    if (index < 0 || index >= screens.length) {
      return;
    }
    var from = currentIndex();
    if (index === from) {
      return;
    }
    var active = document.activeElement;
    screens.forEach(function (screen, i) {
      screen.hidden = i !== index;
    });
    setLink(previous, index > 0 ? index - 1 : null);
    setLink(next, index < screens.length - 1 ? index + 1 : null);
    counter.textContent = screens[index].dataset.label || "";
    if (edit) {
      // "Edit" opens the editor at the page being read.
      var editUrl = new URL(edit.href, window.location.href);
      editUrl.searchParams.set("page", String(index));
      edit.href = editUrl.pathname + editUrl.search;
    }
    if (window.history && window.history.replaceState) {
      window.history.replaceState({ page: index }, "", urlFor(index));
    }
    // A link that just went disabled cannot keep the focus: hand it to the other one.
    if (active === previous && index === 0) {
      next.focus();
    } else if (active === next && index === screens.length - 1) {
      previous.focus();
    }
    // Keep the page in view on a small screen where it is taller than the window.
    var top = screens[index].getBoundingClientRect().top;
    if (top < 0) {
      screens[index].scrollIntoView({ block: "start" });
    }
  }

  function onLink(step) {
    return function (event) {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
        return; // let "open in a new tab" work
      }
      event.preventDefault();
      show(currentIndex() + step);
    };
  }

  previous.addEventListener("click", onLink(-1));
  next.addEventListener("click", onLink(1));

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) {
      return;
    }
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) {
      return;
    }
    if (event.key === "ArrowLeft") {
      event.preventDefault();
      show(currentIndex() - 1);
    } else if (event.key === "ArrowRight") {
      event.preventDefault();
      show(currentIndex() + 1);
    }
  });

  if (hint && screens.length > 1 && window.matchMedia("(hover: hover)").matches) {
    hint.hidden = false;
  }
})();
