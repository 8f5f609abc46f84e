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

(function () {
  "use strict";
  // <form data-draft="key">: a field form keeps what was typed in the phone's storage until
  // the server confirms it (the next page's URL carries ?terkirim=<client_id>). A form that
  // never arrived (no signal) can be restored and sent again; it keeps its client_id, so if
  // the first send did arrive after all, the server recognises it instead of adding another.
  // Personal data never stays on the phone: the NIK, the NIB and the phone number are not
  // kept in a draft (they are typed again when one is restored), and logging out removes
  // every draft (SECURITY.md, "What a lost phone exposes").
  var PREFIX = "umkm-draft:";
  var PERSONAL = ["owner_nik", "nib", "owner_phone"];
  var sent = new URLSearchParams(window.location.search).get("terkirim");
  if (sent) {
    Object.keys(window.localStorage).forEach(function (key) {
      if (key.indexOf(PREFIX) !== 0) { return; }
      try {
        if (JSON.parse(window.localStorage.getItem(key)).client_id === sent) {
          window.localStorage.removeItem(key);
        }
      } catch (e) { window.localStorage.removeItem(key); }
    });
  }

  function values(form) {
    var data = {};
    new FormData(form).forEach(function (value, name) {
      if (name === "csrfmiddlewaretoken" || value instanceof File) { return; }
      if (PERSONAL.indexOf(name) !== -1) { return; }
      (data[name] = data[name] || []).push(value);
    });
    return data;
  }

  function restore(form, data) {
    Object.keys(data).forEach(function (name) {
      form.querySelectorAll("[name='" + name + "']").forEach(function (input) {
        if (input.type === "checkbox" || input.type === "radio") {
          input.checked = data[name].indexOf(input.value) !== -1;
        } else {
          input.value = data[name][0];
        }
      });
    });
  }

  document.querySelectorAll("form[data-clear-drafts]").forEach(function (form) {
    form.addEventListener("submit", function () {
      Object.keys(window.localStorage).forEach(function (key) {
        if (key.indexOf(PREFIX) === 0) { window.localStorage.removeItem(key); }
      });
    });
  });

  document.querySelectorAll("form[data-draft]").forEach(function (form) {
    var key = PREFIX + form.dataset.draft;
    var idInput = form.querySelector("[name=client_id]");
    var saved = null;
    try { saved = JSON.parse(window.localStorage.getItem(key)); } catch (e) { saved = null; }
    if (saved && idInput && saved.client_id !== idInput.value) {
      var banner = document.createElement("div");
      banner.className = "alert alert-warning d-flex flex-wrap gap-2 align-items-center";
      banner.dataset.testid = "draft-banner";
      banner.textContent = form.dataset.draftMessage || "";
      var button = document.createElement("button");
      button.type = "button";
      button.className = "btn btn-warning";
      button.textContent = form.dataset.draftRestore || "Restore";
      button.addEventListener("click", function () {
        restore(form, saved.fields);
        banner.remove();
      });
      banner.appendChild(button);
      form.prepend(banner);
    }
    function save() {
      var fields = values(form);
      window.localStorage.setItem(key, JSON.stringify({
        client_id: idInput ? idInput.value : "", fields: fields, saved_at: Date.now()
      }));
    }
    form.addEventListener("input", save);
    form.addEventListener("change", save);
    form.addEventListener("submit", save);
  });

  // <form data-locate>: a button fills the hidden latitude/longitude from the phone.
  document.querySelectorAll("form[data-locate]").forEach(function (form) {
    var button = form.querySelector("[data-locate-button]");
    var status = form.querySelector("[data-location-status]");
    if (!button || !navigator.geolocation) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      status.textContent = button.dataset.waiting || "";
      navigator.geolocation.getCurrentPosition(function (position) {
        form.querySelector("[name=latitude]").value = position.coords.latitude.toFixed(6);
        form.querySelector("[name=longitude]").value = position.coords.longitude.toFixed(6);
        status.textContent = (button.dataset.done || "") + " " +
          position.coords.latitude.toFixed(5) + ", " + position.coords.longitude.toFixed(5);
      }, function () {
        status.textContent = button.dataset.failed || "";
      }, { enableHighAccuracy: true, timeout: 15000 });
    });
  });
})();

(function () {
  "use strict";
  // <input type=file data-shrink="1600">: a phone photo is scaled down to that many pixels
  // on its long side before it is sent, so it fits the upload limit and a weak signal.
  document.querySelectorAll("input[type=file][data-shrink]").forEach(function (input) {
    input.addEventListener("change", function () {
      var file = input.files && input.files[0];
      var longest = parseInt(input.dataset.shrink, 10);
      if (!file || !/^image\/(jpeg|png|webp)$/.test(file.type) || !window.DataTransfer) { return; }
      var image = new Image();
      image.onload = function () {
        var scale = Math.min(1, longest / Math.max(image.width, image.height));
        if (scale === 1 && file.size < 1024 * 1024) { URL.revokeObjectURL(image.src); return; }
        var canvas = document.createElement("canvas");
        canvas.width = Math.round(image.width * scale);
        canvas.height = Math.round(image.height * scale);
        canvas.getContext("2d").drawImage(image, 0, 0, canvas.width, canvas.height);
        URL.revokeObjectURL(image.src);
        canvas.toBlob(function (blob) {
          if (!blob || blob.size >= file.size) { return; }
          var name = file.name.replace(/\.[^.]+$/, "") + ".jpg";
          var transfer = new DataTransfer();
          transfer.items.add(new File([blob], name, { type: "image/jpeg" }));
          input.files = transfer.files;
        }, "image/jpeg", 0.85);
      };
      image.src = URL.createObjectURL(file);
    });
  });
})();
