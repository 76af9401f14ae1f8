// Security keys and passkeys (allauth's mfa/js/webauthn.js does the WebAuthn calls).
// When the browser gets no answer from a key, the person cancels, or the key is already
// added, allauth only logs the error; this shows the page's German message instead.
(function () {
  "use strict";
  document.addEventListener("allauth.error", function (event) {
    var detail = event.detail || {};
    var tags = detail.tags || [];
    var region = document.querySelector("[data-webauthn-error]");
    if (tags.indexOf("webauthn") === -1 || !region) { return; }
    event.preventDefault();
    var known = detail.exception && detail.exception.name === "InvalidStateError";
    region.classList.add("message", "message--error");
    region.textContent = region.getAttribute(known ? "data-message-known" : "data-message");
  });
})();
