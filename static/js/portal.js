// Behaviour shared by every page. No inline scripts anywhere: the portal's
// Content-Security-Policy forbids them, so pages mark elements with data-* attributes.
(function () {
  "use strict";
  // A <select data-autosubmit> sends its form as soon as it changes (the language menu).
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
  // Buttons only needed without JavaScript.
  document.querySelectorAll(".js-hide").forEach(function (el) { el.hidden = true; });
})();
