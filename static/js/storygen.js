// Behaviour every page shares: the account menu closes on Escape or a click elsewhere.
(function () {
  "use strict";

  var menu = document.querySelector(".account-menu");
  if (!menu) {
    return;
  }
  document.addEventListener("click", function (event) {
    if (menu.open && !menu.contains(event.target)) {
      menu.open = false;
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && menu.open) {
      menu.open = false;
      menu.querySelector("summary").focus();
    }
  });
})();
