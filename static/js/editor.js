/*
 * The story editor: autosave, the page's own look, rewriting a page and following a redraw.
 *
 * Without this script every control still works: the forms post and the page comes back.
 * With it, a change saves itself shortly after the last keystroke (one save at a time; the
 * next one follows with whatever changed meanwhile), the page and the strip are redrawn
 * from the server's answer (the PDF's own sheets, fitted as they will print), the saved
 * state is announced, and buttons that leave the page save pending changes first.
 *
 * Every save names the version of the story it was made from (If-Match, and the forms'
 * hidden fields). When the story was changed somewhere else meanwhile, the server refuses
 * it (412): saving stops, a notice says so and offers a reload, and what the person wrote is
 * shown to copy, kept for this tab through the reload.
 */
(function () {
  "use strict";

  var root = document.querySelector("[data-editor]");
  if (!root || !window.fetch || !window.FormData) {
    return;
  }
  var form = root.querySelector("[data-editor-form]");
  var stateLabel = root.querySelector("[data-save-state]");
  var preview = root.querySelector("[data-preview]");
  var strip = root.querySelector("[data-strip]");
  var titleLabel = root.querySelector("[data-editor-title]");
  var SAVE_DELAY_MS = 700;
  var RETRY_DELAY_MS = 5000;
  var OVERRIDES = ["text_position", "font_family", "font_size", "font_color", "text_box_opacity"];
  // The controls whose words a person would not want to type again.
  var TEXTS = ["title", "page-text"];
  var KEPT_KEY = "storygen:unsaved:" + root.dataset.story;

  var timer = null;
  var dirty = false;
  var running = null; // the save under way, a promise
  var again = false;
  var etag = root.dataset.etag || null; // the version every save is made from
  var conflict = false; // a save was refused: the story changed elsewhere
  var savedTexts = {};

  var hint = root.querySelector("[data-autosave-hint]");
  if (hint) {
    hint.hidden = false;
  }

  function setState(name, text) {
    stateLabel.dataset.state = name;
    stateLabel.textContent = text;
  }

  // --- Controls ------------------------------------------------------------------------------

  function showRangeValues() {
    form.querySelectorAll('input[type="range"]').forEach(function (range) {
      var output = range.parentNode.querySelector("[data-range-output]");
      if (output) {
        output.textContent = range.value + "%";
      }
    });
  }

  function controls(name) {
    return Array.prototype.filter.call(form.elements, function (element) {
      return element.name === name;
    });
  }

  function valueOf(name) {
    var found = controls(name);
    for (var i = 0; i < found.length; i += 1) {
      if (found[i].type !== "radio" || found[i].checked) {
        return found[i].value;
      }
    }
    return null;
  }

  function setValue(name, value) {
    controls(name).forEach(function (element) {
      if (element.type === "radio") {
        element.checked = element.value === value;
      } else {
        element.value = value;
      }
    });
  }

  // A setting the page does not make its own shows the value it takes from "Every page".
  function mirror(name) {
    var own = form.elements["page-own_" + name];
    if (!own) {
      return;
    }
    var row = own.closest("[data-override]");
    if (row) {
      row.classList.toggle("override--own", own.checked);
    }
    if (!own.checked) {
      var value = valueOf(name);
      if (value !== null) {
        setValue("page-" + name, value);
      }
    }
  }

  function onEdit(event) {
    var target = event.target;
    if (!target.name || target.form !== form) {
      return;
    }
    var pageSetting = /^page-(.+)$/.exec(target.name);
    if (pageSetting && OVERRIDES.indexOf(pageSetting[1]) !== -1) {
      // Changing a page's setting makes it the page's own.
      var own = form.elements["page-own_" + pageSetting[1]];
      if (own && !own.checked) {
        own.checked = true;
        mirror(pageSetting[1]);
      }
    } else if (target.name.indexOf("page-own_") === 0) {
      mirror(target.name.slice("page-own_".length));
    } else if (OVERRIDES.indexOf(target.name) !== -1) {
      mirror(target.name);
    }
    showRangeValues();
    schedule();
  }

  form.addEventListener("input", onEdit);
  form.addEventListener("change", onEdit);

  // --- Saving ----------------------------------------------------------------------------------

  function clearErrors() {
    form.querySelectorAll(".errorlist").forEach(function (list) {
      list.remove();
    });
    form.querySelectorAll('[aria-invalid="true"]').forEach(function (element) {
      element.removeAttribute("aria-invalid");
    });
    form.querySelectorAll("[data-js-errors]").forEach(function (box) {
      box.remove();
    });
  }

  function errorList(messages) {
    var list = document.createElement("ul");
    list.className = "errorlist";
    messages.forEach(function (message) {
      var item = document.createElement("li");
      item.textContent = message;
      list.appendChild(item);
    });
    return list;
  }

  function showErrors(errors) {
    Object.keys(errors || {}).forEach(function (name) {
      var found = controls(name);
      if (name === "__all__" || !found.length) {
        var box = document.createElement("div");
        box.className = "form-errors";
        box.setAttribute("role", "alert");
        box.dataset.jsErrors = "";
        box.appendChild(errorList(errors[name]));
        form.prepend(box);
        return;
      }
      var holder = found[0].closest("fieldset.field") || found[0].closest(".field");
      found.forEach(function (element) {
        element.setAttribute("aria-invalid", "true");
      });
      var list = errorList(errors[name]);
      if (holder) {
        var label = holder.querySelector("legend, label");
        holder.insertBefore(list, label ? label.nextSibling : holder.firstChild);
      }
    });
  }

  // --- The version saves are made from, and the notice when it is outdated ------------------

  function textsOf(data) {
    var texts = {};
    TEXTS.forEach(function (name) {
      var value = data.get(name);
      if (value !== null) {
        texts[name] = value;
      }
    });
    return texts;
  }

  function adoptVersion(response, body) {
    etag = response.headers.get("ETag") || etag;
    root.querySelectorAll("[data-edit-version]").forEach(function (input) {
      input.value = body.version;
    });
    root.querySelectorAll("[data-edit-redraws]").forEach(function (input) {
      input.value = body.redraws;
    });
  }

  // The forms posted without the script that change the story (restoring, picture versions).
  function versioned(other) {
    return Boolean(other.closest("[data-picture-panel]") || other.id === "restore-text-form");
  }

  // They name the same version as the autosave (the polled picture panel comes without it).
  function carryVersion(other) {
    if (!versioned(other) || !form.querySelector("[data-edit-version]")) {
      return;
    }
    ["version", "redraws"].forEach(function (name) {
      var source = form.querySelector('input[name="' + name + '"]');
      var input = other.querySelector('input[name="' + name + '"]');
      if (!input) {
        input = document.createElement("input");
        input.type = "hidden";
        input.name = name;
        other.appendChild(input);
      }
      input.value = source.value;
    });
  }

  var notice = root.querySelector("[data-conflict]");
  var noticeHeading = notice.querySelector("[data-conflict-heading]");
  var noticeMessage = notice.querySelector("[data-conflict-message]");
  var noticeTexts = notice.querySelector("[data-conflict-texts]");
  var reloadForm = notice.querySelector("[data-conflict-reload]");
  var copyButton = notice.querySelector("[data-conflict-copy]");
  var dismissButton = notice.querySelector("[data-conflict-dismiss]");
  var copiedLabel = notice.querySelector("[data-conflict-copied]");
  var shownTexts = [];

  function unsavedTexts() {
    var heading = document.getElementById("page-heading");
    var texts = [];
    TEXTS.forEach(function (name) {
      var value = valueOf(name);
      if (value === null || !value.trim() || value === savedTexts[name]) {
        return;
      }
      var label = name === "title" ? "Title" : (heading ? heading.textContent.trim() : "Page") + " text";
      texts.push({ label: label, text: value });
    });
    return texts;
  }

  function showTexts(texts) {
    shownTexts = texts;
    noticeTexts.textContent = "";
    texts.forEach(function (item, index) {
      var field = document.createElement("div");
      field.className = "field conflict__text";
      var label = document.createElement("label");
      label.htmlFor = "conflict-text-" + (index + 1);
      label.textContent = item.label;
      var area = document.createElement("textarea");
      area.id = label.htmlFor;
      area.rows = 4;
      area.readOnly = true;
      area.value = item.text;
      field.appendChild(label);
      field.appendChild(area);
      noticeTexts.appendChild(field);
    });
    copyButton.hidden = !texts.length;
    copiedLabel.textContent = "";
  }

  function keep(texts) {
    try {
      if (texts.length) {
        window.sessionStorage.setItem(KEPT_KEY, JSON.stringify(texts));
      } else {
        window.sessionStorage.removeItem(KEPT_KEY);
      }
    } catch (error) {
      // Storage refused (private mode, full): the notice still shows the text to copy.
    }
  }

  function kept() {
    try {
      var texts = JSON.parse(window.sessionStorage.getItem(KEPT_KEY) || "[]");
      return Array.isArray(texts) ? texts : [];
    } catch (error) {
      return [];
    }
  }

  // Typing after the refusal is not saved either: the notice and the kept copy follow it.
  function refreshConflict() {
    var texts = unsavedTexts();
    keep(texts);
    showTexts(texts);
  }

  function changedElsewhere() {
    conflict = true;
    dirty = false;
    window.clearTimeout(timer);
    timer = null;
    setState("error", "Not saved: the story was changed somewhere else.");
    var texts = unsavedTexts();
    keep(texts);
    noticeHeading.textContent = "This story was changed somewhere else";
    noticeMessage.textContent =
      "It was edited in another tab or on another device after you opened it here, so your " +
      "latest changes were not saved and nothing was overwritten. Reload the story to see it " +
      "as it is now, then make your changes again." +
      (texts.length ? " What you wrote is below, and stays here after the reload, to copy back." : "");
    showTexts(texts);
    reloadForm.hidden = false;
    dismissButton.hidden = true;
    notice.hidden = false;
    notice.focus();
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var done = false;
    try {
      done = document.execCommand("copy");
    } catch (error) {
      done = false;
    }
    area.remove();
    return done ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  copyButton.addEventListener("click", function () {
    var text =
      shownTexts.length === 1
        ? shownTexts[0].text
        : shownTexts
            .map(function (item) {
              return item.label + ":\n" + item.text;
            })
            .join("\n\n");
    copyText(text).then(
      function () {
        copiedLabel.textContent = "Copied.";
      },
      function () {
        copiedLabel.textContent = "Select the text above and copy it.";
      }
    );
  });

  dismissButton.addEventListener("click", function () {
    keep([]);
    notice.hidden = true;
  });

  // Back after the reload: what was not saved is still here to copy.
  (function showKept() {
    var texts = kept();
    if (!texts.length || !notice.hidden) {
      return;
    }
    noticeHeading.textContent = "Your text that was not saved";
    noticeMessage.textContent =
      "The story was changed somewhere else while you were editing it, so this was not " +
      "saved. The editor shows the story as it is now: copy what you want to keep back into it.";
    showTexts(texts);
    reloadForm.hidden = true;
    dismissButton.hidden = false;
    notice.hidden = false;
  })();

  function applyPreview(body) {
    if (typeof body.preview === "string") {
      preview.innerHTML = body.preview;
    }
    if (typeof body.strip === "string") {
      strip.innerHTML = body.strip;
    }
    if (typeof body.title === "string" && titleLabel) {
      titleLabel.textContent = body.title || "Untitled story";
    }
  }

  function readJson(response) {
    if (response.redirected) {
      // Signed out meanwhile: that page says what to do.
      window.location.assign(response.url);
      return new Promise(function () {});
    }
    return response.json().then(function (body) {
      return { response: response, body: body };
    });
  }

  function send(action) {
    var data = new FormData(form);
    if (action) {
      data.set("action", action);
    }
    var sent = textsOf(data);
    var headers = { Accept: "application/json" };
    if (etag) {
      headers["If-Match"] = etag;
    }
    dirty = false;
    setState("saving", "Saving…");
    return fetch(form.getAttribute("action"), {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: headers,
    })
      .then(readJson)
      .then(function (result) {
        clearErrors();
        if (result.response.ok) {
          adoptVersion(result.response, result.body);
          savedTexts = sent;
          applyPreview(result.body);
          if (!dirty) {
            setState("saved", "Saved at " + result.body.saved_at);
          }
        } else if (result.response.status === 412) {
          changedElsewhere();
        } else if (result.response.status === 400) {
          showErrors(result.body.errors);
          setState("error", result.body.detail || "Not saved: check the marked fields.");
        } else {
          setState("error", result.body.detail || "Not saved. Please try again.");
        }
      })
      .catch(function () {
        dirty = true;
        setState("error", "Not saved: the connection was lost. Trying again…");
        window.clearTimeout(timer);
        timer = window.setTimeout(save, RETRY_DELAY_MS);
      });
  }

  // One save at a time; asked for during one, it runs once more when that one ends.
  function save(action) {
    window.clearTimeout(timer);
    timer = null;
    if (conflict) {
      refreshConflict();
      return Promise.resolve();
    }
    if (running) {
      again = true;
      return running;
    }
    running = send(action).then(function () {
      running = null;
      if (again) {
        again = false;
        return save();
      }
      return null;
    });
    return running;
  }

  function schedule() {
    if (conflict) {
      refreshConflict();
      return;
    }
    dirty = true;
    setState("dirty", "Unsaved changes…");
    window.clearTimeout(timer);
    timer = window.setTimeout(save, SAVE_DELAY_MS);
  }

  function flush() {
    if (dirty || timer) {
      return save();
    }
    return running || Promise.resolve();
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (conflict) {
      notice.focus(); // saving from this page is refused: the notice says what to do
      return;
    }
    var action = event.submitter ? event.submitter.value : "save";
    if (action === "page-defaults") {
      OVERRIDES.forEach(function (name) {
        var own = form.elements["page-own_" + name];
        if (own) {
          own.checked = false;
          mirror(name);
        }
      });
      showRangeValues();
    }
    save(action);
  });

  // Forms that leave the page (restore, redraw, use a version) save pending changes first.
  // Listened for on the document: the picture panel's forms are replaced while following.
  document.addEventListener("submit", function (event) {
    var other = event.target;
    if (other === form || !other.matches("[data-action-form], #restore-text-form")) {
      return;
    }
    if (conflict && versioned(other)) {
      // Made from the outdated page, it would be refused too: the notice says what to do.
      event.preventDefault();
      notice.focus();
      return;
    }
    carryVersion(other);
    if (other.hasAttribute("data-rewrite-form") || (!dirty && !timer && !running)) {
      return;
    }
    event.preventDefault();
    flush().then(function () {
      if (!dirty && !conflict) {
        carryVersion(other);
        other.submit();
      }
    });
  });

  window.addEventListener("beforeunload", function (event) {
    if (!conflict && (dirty || timer)) {
      save();
      event.preventDefault();
      event.returnValue = "";
    }
  });

  // --- Rewriting the page's text ----------------------------------------------------------------

  var rewrite = root.querySelector("[data-rewrite]");
  if (rewrite) {
    var rewriteForm = rewrite.querySelector("[data-rewrite-form]");
    var rewriteButton = rewrite.querySelector("[data-rewrite-button]");
    var proposal = rewrite.querySelector("[data-proposal]");
    var proposalText = rewrite.querySelector("[data-proposal-text]");
    var proposalValue = rewrite.querySelector("[data-proposal-value]");
    var proposalNotice = rewrite.querySelector("[data-proposal-notice]");
    var textArea = form.elements["page-text"];
    var buttonLabel = rewriteButton.textContent;

    var showProblem = function (message) {
      rewriteForm.querySelectorAll("[data-js-errors]").forEach(function (box) {
        box.remove();
      });
      if (!message) {
        return;
      }
      var box = document.createElement("div");
      box.className = "form-errors";
      box.setAttribute("role", "alert");
      box.dataset.jsErrors = "";
      box.appendChild(errorList([message]));
      rewriteForm.prepend(box);
    };

    var showProposal = function (text, notice) {
      // What the storyteller could not follow of the wishes, as plain text beside the proposal.
      proposalNotice.textContent = notice || "";
      proposalNotice.hidden = !notice;
      proposalText.textContent = "";
      text.split(/\n\s*\n/).forEach(function (paragraph) {
        var p = document.createElement("p");
        p.textContent = paragraph.trim();
        proposalText.appendChild(p);
      });
      proposalValue.value = text;
      proposal.hidden = false;
      var heading = proposal.querySelector("h3");
      heading.tabIndex = -1;
      heading.focus();
    };

    rewriteForm.addEventListener("submit", function (event) {
      event.preventDefault();
      showProblem("");
      rewriteButton.disabled = true;
      rewriteButton.textContent = "Rewriting…";
      fetch(rewriteForm.getAttribute("action"), {
        method: "POST",
        body: new FormData(rewriteForm),
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
        .then(readJson)
        .then(function (result) {
          if (result.response.ok) {
            showProposal(result.body.text, result.body.notice);
          } else {
            showProblem(result.body.detail || "The page could not be rewritten. Please try again.");
          }
        })
        .catch(function () {
          showProblem("The page could not be rewritten: the connection was lost.");
        })
        .then(function () {
          rewriteButton.disabled = false;
          rewriteButton.textContent = buttonLabel;
        });
    });

    rewrite.querySelector("[data-proposal-accept]").addEventListener("submit", function (event) {
      if (!textArea) {
        return;
      }
      event.preventDefault();
      textArea.value = proposalValue.value;
      proposal.hidden = true;
      textArea.focus();
      dirty = true;
      save();
    });

    rewrite.querySelector("[data-proposal-discard]").addEventListener("click", function (event) {
      event.preventDefault();
      proposal.hidden = true;
      rewriteButton.focus();
    });
  }

  // --- Following a redraw ------------------------------------------------------------------------

  function refreshPreview() {
    return fetch(root.dataset.previewUrl, {
      credentials: "same-origin",
      cache: "no-store",
      headers: { Accept: "application/json" },
    })
      .then(readJson)
      .then(function (result) {
        if (result.response.ok) {
          applyPreview(result.body);
        }
      })
      .catch(function () {});
  }

  var live = root.querySelector("[data-picture-live]");
  var panel = live && live.querySelector("[data-picture-panel]");
  if (panel && panel.dataset.active === "true" && window.Storygen && window.Storygen.follow) {
    window.Storygen.follow(root.dataset.pictureUrl, {
      apply: function (html) {
        var template = document.createElement("template");
        template.innerHTML = html;
        var incoming = template.content.querySelector("[data-picture-panel]");
        var current = live.querySelector("[data-picture-panel]");
        if (!incoming || !current || incoming.dataset.version === current.dataset.version) {
          return false;
        }
        current.replaceWith(document.importNode(incoming, true));
        return true;
      },
      finished: function (response) {
        return response.headers.get("X-Redraw-Active") === "false";
      },
      onFinish: function () {
        live.querySelectorAll('[data-while-drawing="disable"]').forEach(function (button) {
          button.disabled = false;
        });
        refreshPreview();
      },
    });
  }

  savedTexts = textsOf(new FormData(form));
  showRangeValues();
})();
