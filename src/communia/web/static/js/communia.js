// Communia: send the CSRF token with every HTMX request (no inline scripts: CSP).
document.addEventListener("htmx:configRequest", function (event) {
  var meta = document.querySelector('meta[name="csrf-token"]');
  if (meta) { event.detail.headers["X-CSRF-Token"] = meta.getAttribute("content"); }
});

// Show the server's explanation of a refused request (4xx: a missing field, a file it
// cannot read) where the answer would have gone, instead of silently showing nothing.
document.addEventListener("htmx:beforeSwap", function (event) {
  var status = event.detail.xhr.status;
  if (status >= 400 && status < 500) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});

// "Back to the form" on an error page: go back in the history, where the browser keeps
// what was typed, rather than loading the form again empty (the link's address is the
// fallback).
document.addEventListener("click", function (event) {
  var link = event.target.closest ? event.target.closest("a[data-history-back]") : null;
  if (link && window.history.length > 1) {
    event.preventDefault();
    window.history.back();
  }
});
