// Networking rounds in the browser: the countdown of a running round, and the group's results
// board saved while people type. Without JavaScript the countdown shows the end time and the
// board works with its buttons; this script only adds to that.
(function () {
  'use strict';

  // --- Countdown: every [data-countdown] shows the time left to its datetime, and says once,
  // through its polite live region, when one minute is left. Parts of the page are replaced by
  // live updates, so each tick looks the elements up again.
  var announced = {};
  function pad(n) { return n < 10 ? '0' + n : String(n); }
  function tick() {
    var clocks = document.querySelectorAll('[data-countdown]');
    for (var i = 0; i < clocks.length; i++) {
      var el = clocks[i];
      var end = Date.parse(el.getAttribute('datetime'));
      if (isNaN(end)) continue;
      // Seconds left by the server's clock when the element arrived, minus the time since then by
      // this computer's (a steady difference, right even when the computer's clock is off).
      if (el.lcArrived === undefined) el.lcArrived = Date.now();
      var fromServer = Number(el.getAttribute('data-left'));
      var left = el.hasAttribute('data-left') && !isNaN(fromServer)
        ? Math.round(fromServer - (Date.now() - el.lcArrived) / 1000)
        : Math.round((end - Date.now()) / 1000);
      if (left <= 0) {
        el.textContent = el.getAttribute('data-time-up');
      } else {
        var h = Math.floor(left / 3600);
        var m = Math.floor((left % 3600) / 60);
        el.textContent = (h > 0 ? h + ':' + pad(m) : String(m)) + ':' + pad(left % 60);
      }
      var key = el.getAttribute('datetime');
      var announce = el.parentNode.querySelector('[data-countdown-announce]');
      if (announce && left <= 60 && left > 0 && !announced[key]) {
        announced[key] = true;
        announce.textContent = el.getAttribute('data-one-minute');
      }
    }
  }
  if (document.querySelector('[data-countdown]') || document.querySelector('[data-fragment]')) {
    tick();
    setInterval(tick, 1000);
  }

  // --- The results board.
  var board = document.querySelector('[data-board]');
  var list = board && board.querySelector('[data-board-list]');
  if (!board || !list || !window.fetch || !window.URLSearchParams) return;
  var status = board.querySelector('[data-board-status]');
  var groupId = Number(board.getAttribute('data-board').split('/').pop());
  var dirty = {};
  var timers = {};
  var inFlight = {};

  function say(message) {
    if (!status) return;
    status.textContent = '';
    setTimeout(function () { status.textContent = message; }, 50);
  }

  function formBody(form, extra) {
    var body = new URLSearchParams();
    var fields = form.querySelectorAll('input, textarea');
    for (var i = 0; i < fields.length; i++) if (fields[i].name) body.set(fields[i].name, fields[i].value);
    Object.keys(extra || {}).forEach(function (k) { body.set(k, extra[k]); });
    return body;
  }

  function post(form, extra) {
    // getAttribute: a field named "action" (the entry's buttons) hides the form's own action property.
    return fetch(form.getAttribute('action'), {
      method: 'POST', credentials: 'same-origin', body: formBody(form, extra),
      headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
    }).then(function (r) { return r.json().then(function (json) { return { status: r.status, json: json }; }, function () { return { status: r.status, json: {} }; }); });
  }

  function entryForm(id) { return list.querySelector('form[data-entry="' + id + '"]'); }

  function problem(form, message) {
    var p = form.querySelector('.board-entry__problem');
    if (!p) {
      p = document.createElement('p');
      p.className = 'field__error board-entry__problem';
      p.id = 'entry-problem-' + form.getAttribute('data-entry');
      form.insertBefore(p, form.querySelector('textarea'));
      form.querySelector('textarea').setAttribute('aria-describedby', p.id);
    }
    p.textContent = message;
  }

  function save(form) {
    var id = form.getAttribute('data-entry');
    if (inFlight[id]) { dirty[id] = true; return; }
    inFlight[id] = true;
    dirty[id] = false;
    var labels = board.dataset;
    post(form, { action: 'save' }).then(function (answer) {
      inFlight[id] = false;
      var current = entryForm(id) || form;
      if (answer.status === 200 && answer.json.entry) {
        current.querySelector('input[name="version"]').value = String(answer.json.entry.version);
        var p = current.querySelector('.board-entry__problem');
        if (p) p.remove();
        current.setAttribute('data-saved', 'yes');
      } else if (answer.status === 409 && answer.json.entry) {
        // Someone else saved first: their text in the field, ours in the message, nothing lost.
        current.querySelector('textarea').value = answer.json.entry.text;
        current.querySelector('input[name="version"]').value = String(answer.json.entry.version);
        dirty[id] = false;
        problem(current, answer.json.error + ' ' + (labels.yourVersion || '') + ': „' + answer.json.yours + '“');
        say(answer.json.error);
        return;
      } else {
        problem(current, answer.json.error || labels.unsaved || '');
        return;
      }
      if (dirty[id]) save(current);
    }, function () {
      inFlight[id] = false;
      dirty[id] = true;
      problem(form, labels.unsaved || '');
    });
  }

  list.addEventListener('input', function (e) {
    var form = e.target.closest && e.target.closest('form[data-entry]');
    if (!form) return;
    var id = form.getAttribute('data-entry');
    dirty[id] = true;
    form.removeAttribute('data-saved');
    clearTimeout(timers[id]);
    timers[id] = setTimeout(function () { save(form); }, 700);
  });

  /** Fetches the board again, keeping what people are typing (and where) in entries not yet saved. */
  function refresh() {
    var url = new URL(window.location.href);
    url.searchParams.set('fragment', 'board');
    url.hash = '';
    fetch(url.toString(), { credentials: 'same-origin', headers: { Accept: 'text/html' } })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (html === null) return;
        var active = document.activeElement;
        var focusId = active && list.contains(active) ? active.id : null;
        var selection = focusId && typeof active.selectionStart === 'number' ? [active.selectionStart, active.selectionEnd] : null;
        var kept = {};
        Array.prototype.forEach.call(list.querySelectorAll('textarea'), function (t) {
          var form = t.closest('form');
          var id = form.getAttribute('data-entry');
          if ((id && (dirty[id] || inFlight[id])) || (!id && t.value)) kept[t.id] = { value: t.value, version: id ? form.querySelector('input[name="version"]').value : null };
        });
        list.innerHTML = html;
        Object.keys(kept).forEach(function (key) {
          var t = document.getElementById(key);
          if (!t) return;
          t.value = kept[key].value;
          if (kept[key].version !== null) t.closest('form').querySelector('input[name="version"]').value = kept[key].version;
        });
        if (focusId) {
          var again = document.getElementById(focusId);
          if (again) {
            again.focus();
            if (selection && typeof again.setSelectionRange === 'function') again.setSelectionRange(selection[0], selection[1]);
          }
        }
      })
      .catch(function () {});
  }

  // The buttons: add and delete without leaving the page; "save" saves now.
  list.addEventListener('submit', function (e) {
    var form = e.target;
    var button = e.submitter;
    e.preventDefault();
    if (form.hasAttribute('data-entry')) {
      if (button && button.value === 'delete') {
        post(form, { action: 'delete' }).then(function (answer) {
          if (answer.status === 200) { say(board.dataset.removed || ''); refresh(); }
        });
      } else {
        clearTimeout(timers[form.getAttribute('data-entry')]);
        save(form);
      }
      return;
    }
    var text = form.querySelector('textarea');
    post(form).then(function (answer) {
      if (answer.status === 200) {
        text.value = '';
        say(board.dataset.added || '');
        refresh();
      } else {
        say(answer.json.error || board.dataset.unsaved || '');
      }
    }, function () { say(board.dataset.unsaved || ''); });
  });

  document.addEventListener('labcamp:live', function (e) {
    var detail = e.detail || {};
    if (detail.kind === 'reload') { refresh(); return; }
    if (detail.kind !== 'board' || Number(detail.data.groupId) !== groupId) return;
    var entry = detail.data.entry;
    var form = entry && entryForm(entry.id);
    if (!form) { refresh(); return; }
    // Someone else's save of an entry shown here: take it over unless we are changing it ourselves.
    var id = String(entry.id);
    var version = form.querySelector('input[name="version"]');
    if (dirty[id] || inFlight[id] || Number(version.value) >= entry.version) return;
    form.querySelector('textarea').value = entry.text;
    version.value = String(entry.version);
  });
})();
