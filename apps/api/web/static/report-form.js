// The report form's enhancements; the form works without this file (its buttons save the draft).
// - Autosave: a moment after the person stops typing, the form is posted to its data-autosave
//   address (same origin, the form's own CSRF token, urlencoded like the form itself); the
//   answer carries the draft's new version, which the next save sends as its guard, and the
//   "last saved" line says when, in the reader's language and time zone.
// - A button pressed while a save is under way waits for it, so it sends the current version.
// - Arriving at a field's anchor (after "Add another", or a "Change" link) puts focus in it.
(function () {
  'use strict';
  document.addEventListener('DOMContentLoaded', function () {
    var form = document.querySelector('form[data-autosave]');
    if (!form || !window.fetch || !window.FormData || !window.URLSearchParams) return;
    var status = document.getElementById('draft-status');
    var version = form.querySelector('input[name="draftVersion"]');
    var timer = null;
    var saving = null;
    var again = false;
    var stopped = false;
    var submitter = null;

    function say(text) {
      if (status && text) status.textContent = text;
    }

    function save() {
      timer = null;
      if (stopped) return Promise.resolve();
      if (saving) {
        again = true;
        return saving;
      }
      var body = new URLSearchParams(new FormData(form));
      saving = fetch(form.getAttribute('data-autosave'), {
        method: 'POST',
        body: body,
        credentials: 'same-origin',
        headers: { Accept: 'application/json' },
      })
        .then(function (res) {
          return res
            .json()
            .catch(function () {
              return {};
            })
            .then(function (answer) {
              if (res.ok && typeof answer.version === 'number') {
                version.value = String(answer.version);
                say(answer.message);
              } else if (res.status === 409) {
                // Changed elsewhere: saving on would overwrite it. The buttons still work, and say so.
                stopped = true;
                say(answer.message);
              } else {
                say(answer.message || form.getAttribute('data-failed'));
              }
            });
        })
        .catch(function () {
          say(form.getAttribute('data-failed'));
        })
        .then(function () {
          saving = null;
          if (again) {
            again = false;
            return save();
          }
        });
      return saving;
    }

    function changed() {
      if (stopped) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(save, 1500);
    }
    form.addEventListener('input', changed);
    form.addEventListener('change', changed);

    form.addEventListener('click', function (event) {
      var button = event.target.closest ? event.target.closest('button[type="submit"]') : null;
      if (button) submitter = button;
    });
    form.addEventListener('submit', function (event) {
      if (timer) {
        clearTimeout(timer);
        timer = null;
      }
      if (!saving) return;
      // Wait for the save under way, then send the form with the version it returned.
      event.preventDefault();
      var pressed = event.submitter || submitter;
      saving.then(function () {
        if (form.requestSubmit) form.requestSubmit(pressed && pressed.form === form ? pressed : undefined);
        else form.submit();
      });
    });

    if (location.hash.length > 1) {
      var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
      if (target && /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName) && !document.querySelector('[data-error-summary]')) target.focus();
    }
  });
})();
