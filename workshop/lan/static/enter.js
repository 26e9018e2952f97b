// The room-code page: says so when the code typed last time was not right (the server sends ?wrong=1).
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const wrong = new URLSearchParams(window.location.search).get("wrong") === "1";
  const field = document.getElementById("code");
  document.getElementById("wrong").hidden = !wrong;
  field.setAttribute("aria-invalid", wrong ? "true" : "false");
  field.focus();
});
