/*
 * Reader: turn pages without reloading. Every page is already in the document; this shows
 * one, keeps the address (?page=N) and the Previous/Next links in step, lets the ← and →
 * keys turn pages and announces the page counter. Without this script the links load
 * ?page=N from the server.
 *
 * It also fits each page's text to its box as the PDF does (stories.services.pdf): text that
 * would not fit at its chosen size is set smaller, never below the readable size on screen
 * (--readable-min in reader.css; it takes the place of the paper's smallest size, which on a
 * phone would be far too small), by searching the largest font scale (--fit) at which the
 * box holds every word. Here the browser measures its own layout, so what it finds holds on
 * this screen. Over a full-page picture the box is kept to about a third of the page, so
 * most of the picture stays in view, or half of it if a third is too little. Words that
 * need more room than that at the readable size go under the picture (data-text-room="below"): the page grows as a web page does
 * rather than its text shrinking out of reach. Without this script every page is shown that
 * way (reader.css).
 */
(function () {
  "use strict";

  var reader = document.querySelector("[data-reader]");
  if (!reader) {
    return;
  }

  // --- Fitting the text -----------------------------------------------------------------------

  var SEARCH_ROUNDS = 7;

  function fitText(page) {
    var box = page.querySelector(".story-page__box");
    if (!box || box.getClientRects().length === 0) {
      return; // not shown: measured when it is
    }
    var text = page.querySelector(".story-page__text");
    var kept =
      page.classList.contains("story-page--full-page-overlay") &&
      !page.classList.contains("story-page--text-only");

    function setScale(scale) {
      page.style.setProperty("--fit", scale.toFixed(3));
    }

    function fontSize() {
      return parseFloat(window.getComputedStyle(text).fontSize);
    }

    // Every word whole inside the box (reader.css keeps words from breaking while fitting).
    function fits() {
      return box.scrollHeight <= box.clientHeight && box.scrollWidth <= box.clientWidth;
    }

    // The largest scale in [low, high] at which the text fits, or null if none does.
    function largestFitting(low, high) {
      setScale(high);
      if (fits()) {
        return high;
      }
      setScale(low);
      if (!fits()) {
        return null;
      }
      for (var round = 0; round < SEARCH_ROUNDS; round += 1) {
        var middle = (low + high) / 2;
        setScale(middle);
        if (fits()) {
          low = middle;
        } else {
          high = middle;
        }
      }
      return low;
    }

    // Measured afresh each time: a wider or narrower window may change where the words go.
    // Over a picture the box may take a third of the page, then half; beside or under a
    // picture, or on a page of its own, the text keeps the room its layout gives it.
    var rooms = kept ? ["third", "half"] : [""];
    var scale = null;
    for (var i = 0; i < rooms.length && scale === null; i += 1) {
      page.dataset.textRoom = rooms[i];
      setScale(1);
      var chosen = fontSize();
      setScale(0);
      // The stylesheet holds the text at the readable size however small the scale.
      scale = largestFitting(Math.min(1, fontSize() / chosen), 1);
    }
    if (scale === null) {
      page.dataset.textRoom = "below";
      scale = 1;
    }
    setScale(scale);
  }

  reader.dataset.fitting = "";

  function fitShown() {
    Array.prototype.forEach.call(reader.querySelectorAll(".story-page"), fitText);
  }

  fitShown();
  if (document.fonts && document.fonts.ready) {
    // The bundled faces change the text's size once they arrive.
    document.fonts.ready.then(fitShown);
  }
  var resizing = null;
  window.addEventListener("resize", function () {
    window.cancelAnimationFrame(resizing);
    resizing = window.requestAnimationFrame(fitShown);
  });

  // --- Turning pages ----------------------------------------------------------------------------

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
    Array.prototype.forEach.call(screens[index].querySelectorAll(".story-page"), fitText);
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
