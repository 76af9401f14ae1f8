// Security keys and passkeys (allauth's mfa/js/webauthn.js does the WebAuthn calls).
// When the browser gets no answer from a key, or the person cancels, allauth only logs
// the error; this shows the page's German message in its alert region instead.
(function () {
  "use strict";
  document.addEventListener("allauth.error", function (event) {
    var tags = (event.detail && event.detail.tags) || [];
    var region = document.querySelector("[data-webauthn-error]");
    if (tags.indexOf("webauthn") === -1 || !region) { return; }
    event.preventDefault();
    region.classList.add("message", "message--error");
    region.textContent = region.getAttribute("data-message");
  });
})();
