// Progressive enhancement only: every page works without this file.
// After a form comes back with errors, focus moves to the error summary (GOV.UK pattern), and
// following one of its links moves focus into the field, not just the view.
(function () {
  'use strict';
  document.addEventListener('DOMContentLoaded', function () {
    var summary = document.querySelector('[data-error-summary]');
    if (!summary) return;
    summary.focus();
    summary.addEventListener('click', function (event) {
      var link = event.target.closest ? event.target.closest('a[href^="#"]') : null;
      if (!link) return;
      var field = document.getElementById(link.getAttribute('href').slice(1));
      if (!field) return;
      event.preventDefault();
      field.scrollIntoView();
      field.focus();
    });
  });
})();
