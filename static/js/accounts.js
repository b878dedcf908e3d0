// Account pages: a Show/Hide button for each password input marked data-password-toggle.
(function () {
  "use strict";

  document.querySelectorAll("input[data-password-toggle]").forEach(function (input) {
    var wrapper = document.createElement("div");
    wrapper.className = "password-reveal";
    input.parentNode.insertBefore(wrapper, input);
    wrapper.appendChild(input);

    var label = input.labels && input.labels[0] ? input.labels[0].textContent : "password";
    var verb = document.createElement("span");
    verb.textContent = "Show";
    var what = document.createElement("span");
    what.className = "visually-hidden";
    what.textContent = " " + label.replace(/:\s*$/, "").trim().toLowerCase();

    var button = document.createElement("button");
    button.type = "button";
    button.className = "password-reveal__button";
    button.setAttribute("aria-controls", input.id);
    button.append(verb, what);
    wrapper.appendChild(button);

    button.addEventListener("click", function () {
      var hidden = input.type === "password";
      input.type = hidden ? "text" : "password";
      verb.textContent = hidden ? "Hide" : "Show";
    });

    // A revealed password goes back to a password input before the form is sent, so the
    // browser never stores it as ordinary text.
    if (input.form) {
      input.form.addEventListener("submit", function () {
        input.type = "password";
      });
    }
  });
})();
