/*
 * A character's page: follow a sheet being drawn, and look at a photo before uploading it.
 *
 * While a drawing is under way the sheet panel polls its status fragment (at once, then
 * backing off from 1 s to 8 s while nothing changes; resting while the tab is hidden) and
 * swaps in what changed: the new picture, the versions strip, the status sentence. Without
 * this script the page reloads itself instead, and photos upload without a preview.
 */
(function () {
  "use strict";

  // --- Following a drawing --------------------------------------------------------------

  function followSheet(root) {
    var url = root.dataset.statusUrl;

    function panel() {
      return root.querySelector("[data-sheet-panel]");
    }

    function setDrawing(active) {
      document.querySelectorAll('[data-while-drawing="disable"]').forEach(function (button) {
        button.disabled = active;
      });
    }

    // The live region keeps its node, so only its new words are announced.
    function updateStatus(here, next) {
      var sentence = here.querySelector("[data-status-sentence]");
      var nextSentence = next.querySelector("[data-status-sentence]");
      if (sentence && nextSentence) {
        sentence.textContent = nextSentence.textContent;
      }
      var extra = here.querySelector("[data-status-extra]");
      var nextExtra = next.querySelector("[data-status-extra]");
      if (extra && nextExtra) {
        extra.replaceWith(document.importNode(nextExtra, true));
      }
      here.className = next.className;
      here.dataset.version = next.dataset.version;
    }

    // A button pressed in the versions strip keeps the keyboard focus where it was.
    function replaceKeepingFocus(here, next) {
      var focused = document.activeElement;
      var hadFocus = focused && here.contains(focused);
      var fresh = document.importNode(next, true);
      here.replaceWith(fresh);
      if (hadFocus) {
        var target = fresh.querySelector("button, a[href]") || fresh;
        if (target === fresh) { fresh.tabIndex = -1; }
        target.focus({ preventScroll: true });
      }
    }

    function apply(html) {
      var template = document.createElement("template");
      template.innerHTML = html;
      var incoming = template.content.querySelector("[data-sheet-panel]");
      var current = panel();
      if (!incoming || !current) {
        return false;
      }
      var changed = false;
      incoming.querySelectorAll("[data-region]").forEach(function (next) {
        var name = next.dataset.region;
        var here = current.querySelector('[data-region="' + name + '"]');
        if (!here || here.dataset.version === next.dataset.version) {
          return;
        }
        changed = true;
        if (name === "status") {
          updateStatus(here, next);
        } else {
          replaceKeepingFocus(here, next);
        }
      });
      current.className = incoming.className;
      current.dataset.active = incoming.dataset.active;
      return changed;
    }

    window.Storygen.follow(url, {
      apply: apply,
      finished: function (response) {
        return response.headers.get("X-Sheet-Active") === "false";
      },
      onFinish: function () {
        setDrawing(false);
      },
    });
  }

  var live = document.querySelector("[data-sheet-live]");
  var sheetPanel = live && live.querySelector("[data-sheet-panel]");
  if (live && sheetPanel && sheetPanel.dataset.active === "true" && window.fetch) {
    followSheet(live);
  }

  // --- Choosing a photo -------------------------------------------------------------------

  function sizeLabel(bytes) {
    if (bytes < 1024 * 1024) {
      return Math.max(1, Math.round(bytes / 1024)) + " KB";
    }
    var value = bytes / (1024 * 1024);
    return (value >= 10 || value === Math.round(value) ? Math.round(value) : value.toFixed(1)) + " MB";
  }

  function photoUpload(form) {
    var input = form.querySelector('input[type="file"]');
    var message = form.querySelector("[data-photo-message]");
    var preview = form.querySelector("[data-photo-preview]");
    var image = form.querySelector("[data-photo-preview-image]");
    var caption = form.querySelector("[data-photo-preview-caption]");
    if (!input || !message || !preview || !image) {
      return;
    }
    var maxBytes = parseInt(input.dataset.maxBytes || "0", 10);
    var accepted = (input.getAttribute("accept") || "").split(",").filter(Boolean);
    var objectUrl = null;

    function problem(file) {
      if (accepted.length && accepted.indexOf(file.type) === -1) {
        return "“" + file.name + "” is not a JPEG, PNG or WebP picture. Choose another file.";
      }
      if (maxBytes && file.size > maxBytes) {
        return "“" + file.name + "” is " + sizeLabel(file.size) + ": photos can be at most " +
          sizeLabel(maxBytes) + ". Choose a smaller one.";
      }
      if (file.size === 0) {
        return "“" + file.name + "” is empty. Choose a photo.";
      }
      return "";
    }

    function clear() {
      if (objectUrl) {
        URL.revokeObjectURL(objectUrl);
        objectUrl = null;
      }
      preview.hidden = true;
      image.removeAttribute("src");
      message.hidden = true;
      message.textContent = "";
      input.removeAttribute("aria-invalid");
    }

    input.addEventListener("change", function () {
      clear();
      var file = input.files && input.files[0];
      if (!file) {
        return;
      }
      var wrong = problem(file);
      if (wrong) {
        message.textContent = wrong;
        message.hidden = false;
        input.setAttribute("aria-invalid", "true");
        return;
      }
      objectUrl = URL.createObjectURL(file);
      image.src = objectUrl;
      if (caption) {
        caption.textContent = file.name + " · " + sizeLabel(file.size) + " · not uploaded yet";
      }
      preview.hidden = false;
    });

    form.addEventListener("submit", function (event) {
      var file = input.files && input.files[0];
      var wrong = file ? problem(file) : "";
      if (wrong) {
        event.preventDefault();
        message.textContent = wrong;
        message.hidden = false;
        input.focus();
      }
    });
  }

  document.querySelectorAll("form[data-photo-upload]").forEach(photoUpload);
})();
