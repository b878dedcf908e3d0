// Admin monitoring page: the log viewer's client-side filter, "Follow" and remembered choices.
// Without this script the viewer's GET form asks the server for a filtered tail instead.
(function () {
  "use strict";

  var form = document.querySelector("[data-log-viewer]");
  if (!form) {
    return;
  }

  var PREFS_KEY = "storygen.monitoring.logViewer";
  var FOLLOW_MS = 3000; // how often a followed tail is asked for while the tab is visible
  var MAX_DELAY_MS = 30000; // failures space the next attempts out, up to this
  var ERROR_LINE = /\b(?:ERROR|CRITICAL|FATAL)\b/;
  var WARNING_LINE = /\bWARN(?:ING)?\b/;

  var fields = form.elements;
  var fileInput = fields.namedItem("file");
  var linesInput = fields.namedItem("lines");
  var filterInput = fields.namedItem("filter");
  var regexInput = fields.namedItem("regex");
  var invertInput = fields.namedItem("invert");
  var follow = form.querySelector("[data-log-follow]");
  var problem = form.querySelector("[data-filter-problem]");
  var download = form.querySelector("[data-log-download]");
  var output = document.querySelector("[data-log-output]");
  var summary = document.querySelector("[data-log-summary]");
  var updated = document.querySelector("[data-log-updated]");
  var tailUrl = form.getAttribute("data-tail-url");
  var downloadBase = form.getAttribute("data-download-url");

  var lines = null; // the current tail, unfiltered, once fetched
  var loadedFile = "";
  var request = 0; // only the answer to the latest request is shown
  var loop = null; // the running follow loop, if any
  var timer = null;
  var delay = FOLLOW_MS;

  form.querySelector("[data-follow-control]").hidden = false;

  // --- preferences ------------------------------------------------------------------------

  function readPrefs() {
    try {
      return JSON.parse(window.localStorage.getItem(PREFS_KEY)) || {};
    } catch (error) {
      return {};
    }
  }

  function savePrefs() {
    try {
      window.localStorage.setItem(
        PREFS_KEY,
        JSON.stringify({
          file: fileInput.value,
          lines: linesInput.value,
          follow: follow.checked,
          regex: regexInput.checked,
          invert: invertInput.checked,
        })
      );
    } catch (error) {
      // Storage full or disabled: the page works, it just forgets.
    }
  }

  function hasOption(select, value) {
    return Array.prototype.some.call(select.options, function (option) {
      return option.value === value;
    });
  }

  // The address keeps the viewer's choices, so a reload or a shared link shows the same.
  function rememberInAddress() {
    var params = new URLSearchParams(new FormData(form));
    window.history.replaceState(null, "", "?" + params.toString() + "#logs");
  }

  // --- filtering and drawing ---------------------------------------------------------------

  function say(element, text) {
    if (element.textContent !== text) {
      element.textContent = text; // unchanged text is not announced again
    }
  }

  function clearServerErrors(input) {
    var field = input.closest(".field");
    var list = field && field.querySelector(".errorlist");
    if (list) {
      list.remove();
    }
    input.removeAttribute("aria-invalid");
  }

  // A test for one line, or null to keep every line.
  function matcher() {
    var query = filterInput.value;
    say(problem, "");
    filterInput.removeAttribute("aria-invalid");
    if (!query) {
      return null;
    }
    if (regexInput.checked) {
      var pattern;
      try {
        pattern = new RegExp(query, "i");
      } catch (error) {
        // Chromium says "Invalid regular expression: /([/i: Unterminated character class".
        var reason = String(error.message).split(": ").pop();
        say(problem, "This is not a valid regular expression (" + reason + "), so every line is shown.");
        filterInput.setAttribute("aria-invalid", "true");
        filterInput.setAttribute("aria-describedby", problem.id);
        return null;
      }
      return function (line) {
        return pattern.test(line);
      };
    }
    var needle = query.toLowerCase();
    return function (line) {
      return line.toLowerCase().indexOf(needle) !== -1;
    };
  }

  function atBottom() {
    return output.scrollHeight - output.scrollTop - output.clientHeight < 24;
  }

  function render(toBottom) {
    if (lines === null) {
      return;
    }
    var stick = toBottom || atBottom();
    var test = matcher();
    var invert = invertInput.checked;
    var shown = test
      ? lines.filter(function (line) {
          return test(line) !== invert;
        })
      : lines;
    var fragment = document.createDocumentFragment();
    shown.forEach(function (line) {
      var span = document.createElement("span");
      span.className = "log-line";
      if (ERROR_LINE.test(line)) {
        span.className += " log-line--error";
      } else if (WARNING_LINE.test(line)) {
        span.className += " log-line--warning";
      }
      span.textContent = line;
      fragment.appendChild(span);
    });
    if (!shown.length) {
      var empty = document.createElement("span");
      empty.className = "log-output__empty";
      empty.textContent = lines.length ? "No lines match." : "The file is empty.";
      fragment.appendChild(empty);
    }
    output.replaceChildren(fragment);
    var count = lines.length + " line" + (lines.length === 1 ? "" : "s");
    say(summary, (test ? shown.length + " of " + count : count) + " of " + loadedFile + ".");
    if (stick) {
      output.scrollTop = output.scrollHeight;
    }
  }

  // --- fetching ------------------------------------------------------------------------------

  function clampLines() {
    var value = parseInt(linesInput.value, 10);
    var low = parseInt(linesInput.min, 10) || 10;
    var high = parseInt(linesInput.max, 10) || 5000;
    value = isNaN(value) ? 1000 : Math.min(high, Math.max(low, value));
    linesInput.value = String(value);
    return value;
  }

  function showProblem(text) {
    lines = null;
    output.replaceChildren();
    say(summary, text);
  }

  // Fetch the tail of the chosen file; resolves to true when it arrived.
  function load(fresh) {
    var file = fileInput.value;
    if (!file) {
      return Promise.resolve(false);
    }
    var mine = ++request;
    var params = new URLSearchParams({ file: file, lines: String(clampLines()) });
    output.setAttribute("aria-busy", "true");
    return fetch(tailUrl + "?" + params.toString(), {
      credentials: "same-origin",
      cache: "no-store",
      headers: { Accept: "text/plain" },
    })
      .then(function (response) {
        if (response.redirected) {
          window.location.assign(response.url); // signed out: that page says what to do
          return false;
        }
        return response.text().then(function (text) {
          if (mine !== request) {
            return true;
          }
          if (!response.ok) {
            showProblem(text || "The log could not be read (" + response.status + ").");
            return false;
          }
          lines = text.split("\n");
          if (lines[lines.length - 1] === "") {
            lines.pop(); // the final newline ends the last line
          }
          loadedFile = file;
          download.href = downloadBase + encodeURIComponent(file) + "/download";
          download.hidden = false;
          render(fresh);
          updated.textContent = "· updated " + new Date().toLocaleTimeString();
          return true;
        });
      })
      .catch(function () {
        if (mine === request) {
          updated.textContent = "· could not reach the server, trying again";
        }
        return false;
      })
      .then(function (ok) {
        if (mine === request) {
          output.removeAttribute("aria-busy");
        }
        return ok;
      });
  }

  // --- following -----------------------------------------------------------------------------

  function run(current, fresh) {
    if (current !== loop || document.hidden) {
      return; // stopped, or resting until the tab is shown again
    }
    load(fresh).then(function (ok) {
      if (current !== loop) {
        return;
      }
      delay = ok ? FOLLOW_MS : Math.min(MAX_DELAY_MS, delay * 2);
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        run(current, false);
      }, delay);
    });
  }

  // Following starts at the newest line and stays there unless the reader scrolls up.
  function startFollowing(fresh) {
    window.clearTimeout(timer);
    delay = FOLLOW_MS;
    loop = {};
    run(loop, fresh);
  }

  function stopFollowing() {
    loop = null;
    window.clearTimeout(timer);
  }

  document.addEventListener("visibilitychange", function () {
    if (document.hidden) {
      window.clearTimeout(timer);
    } else if (loop) {
      startFollowing(false);
    }
  });

  // --- wiring --------------------------------------------------------------------------------

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    savePrefs();
    rememberInAddress();
    load(true);
  });

  fileInput.addEventListener("change", function () {
    clearServerErrors(fileInput);
    savePrefs();
    rememberInAddress();
    load(true);
  });

  linesInput.addEventListener("change", function () {
    clampLines();
    clearServerErrors(linesInput);
    savePrefs();
    rememberInAddress();
    load(false);
  });

  filterInput.addEventListener("input", function () {
    clearServerErrors(filterInput);
    rememberInAddress();
    render(false);
  });

  [regexInput, invertInput].forEach(function (input) {
    input.addEventListener("change", function () {
      clearServerErrors(filterInput);
      savePrefs();
      rememberInAddress();
      render(false);
    });
  });

  follow.addEventListener("change", function () {
    savePrefs();
    if (follow.checked) {
      startFollowing(true);
    } else {
      stopFollowing();
    }
  });

  // A plain visit restores the last choices; an address with choices in it wins over them.
  var prefs = readPrefs();
  if (!new URLSearchParams(window.location.search).has("file")) {
    if (prefs.file && hasOption(fileInput, prefs.file)) {
      fileInput.value = prefs.file;
    }
    if (prefs.lines) {
      linesInput.value = prefs.lines;
    }
    regexInput.checked = Boolean(prefs.regex);
    invertInput.checked = Boolean(prefs.invert);
  }
  follow.checked = Boolean(prefs.follow);
  if (follow.checked) {
    startFollowing(true);
  } else {
    load(true);
  }
})();
