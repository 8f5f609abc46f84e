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

(function () {
  "use strict";
  // <button data-print>: the page's print button (receipts, repayment cards).
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
  // <form data-once>: the submit button is disabled after the first click. The server
  // would count a second post once anyway (the form's token); this spares the confusion.
  document.querySelectorAll("form[data-once]").forEach(function (form) {
    form.addEventListener("submit", function () {
      form.querySelectorAll("button[type=submit]").forEach(function (b) { b.disabled = true; });
    });
  });
})();
