/*
 * Waiting for a story's PDF: poll the status fragment (1 s, growing to 5 s), swap it in,
 * and start the download once the PDF is ready. Without this script the page reloads
 * itself every few seconds instead, and the reload that finds the PDF downloads it.
 */
(function () {
  "use strict";

  var MIN_DELAY_MS = 1000;
  var MAX_DELAY_MS = 5000;

  var root = document.querySelector("[data-pdf-wait]");
  if (!root || !window.fetch) {
    return;
  }
  var status = root.dataset.status;
  if (status !== "queued" && status !== "rendering") {
    return;
  }
  var delay = MIN_DELAY_MS;

  function swap(html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    var incoming = template.content.querySelector("[data-pdf-status]");
    var current = root.querySelector("[data-pdf-status]");
    if (!incoming || !current) {
      return;
    }
    // The live region keeps its node, so only its new words are announced.
    var sentence = current.querySelector("[role=status]");
    var nextSentence = incoming.querySelector("[role=status]");
    if (sentence && nextSentence && current.dataset.pdfStatus === incoming.dataset.pdfStatus) {
      sentence.textContent = nextSentence.textContent;
      var bar = current.querySelector(".progress");
      var nextBar = incoming.querySelector(".progress");
      if (bar && nextBar) {
        bar.replaceWith(nextBar);
      }
      return;
    }
    current.replaceWith(incoming);
  }

  function poll() {
    fetch(root.dataset.statusUrl, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) {
        var next = response.headers.get("X-Pdf-Status") || "";
        return response.text().then(function (html) {
          swap(html);
          return next;
        });
      })
      .then(function (next) {
        if (next === "ready") {
          window.location.assign(root.dataset.downloadUrl);
          return;
        }
        if (next === "queued" || next === "rendering") {
          delay = Math.min(MAX_DELAY_MS, delay * 1.4);
          window.setTimeout(poll, delay);
        }
      })
      .catch(function () {
        delay = MAX_DELAY_MS;
        window.setTimeout(poll, delay);
      });
  }

  window.setTimeout(poll, delay);
})();
