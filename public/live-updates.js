// Live updates in the live room (server-sent events). A page that wants them has an element with
// data-stream (the stream's URL) and data-since (the feed position it was rendered at). Parts of
// the page marked data-fragment="<name>" data-on="<events>" are fetched again from the server
// (this URL with ?fragment=<name>, rendered and escaped there, for this person) when one of those
// events arrives; vote counts ([data-votes]) change in place. EventSource reconnects by itself
// and sends Last-Event-ID; when the server refuses or is gone we reconnect with a growing pause.
// Without JavaScript, every page is current on reload.
(function () {
  'use strict';
  var root = document.querySelector('[data-stream]');
  if (!root || !window.EventSource || !window.fetch) return;
  var since = root.getAttribute('data-since') || '0';
  var backoff = 1000;

  /** Runs fn at most once per `ms`, after the burst that triggered it. */
  function debounce(fn, ms) {
    var timer = null;
    return function () {
      if (timer) return;
      timer = setTimeout(function () { timer = null; fn(); }, ms);
    };
  }

  /** A key for the focused control, to find it again in the new rendering. */
  function focusKey(el) {
    var item = el.closest('[id]');
    return (item ? item.id : '') + '|' + (el.getAttribute('name') || '') + '|' + el.textContent;
  }

  function refresher(part) {
    var name = part.getAttribute('data-fragment');
    return debounce(function () {
      var url = new URL(window.location.href);
      url.searchParams.set('fragment', name);
      fetch(url.toString(), { credentials: 'same-origin', headers: { Accept: 'text/html' } })
        .then(function (r) { return r.ok ? r.text() : null; })
        .then(function (html) {
          if (html === null) return;
          var focused = document.activeElement && part.contains(document.activeElement) ? focusKey(document.activeElement) : null;
          part.innerHTML = html;
          if (!focused) return;
          var candidates = part.querySelectorAll('a, button, summary, textarea, select, input');
          for (var i = 0; i < candidates.length; i++) {
            if (focusKey(candidates[i]) === focused) { candidates[i].focus(); break; }
          }
        })
        .catch(function () {});
    }, 150);
  }

  var handlers = {};
  function on(kind, fn) { (handlers[kind] = handlers[kind] || []).push(fn); }
  Array.prototype.forEach.call(document.querySelectorAll('[data-fragment]'), function (part) {
    var refresh = refresher(part);
    (part.getAttribute('data-on') || '').split(' ').forEach(function (kind) { if (kind) on(kind, refresh); });
  });
  on('vote', function (data) {
    var item = document.getElementById('q' + Number(data.id));
    var count = item && item.querySelector('[data-votes]');
    var unit = item && item.querySelector('[data-votes-unit]');
    if (count) count.textContent = String(data.votes);
    if (unit) unit.textContent = ' ' + unit.getAttribute(data.votes === 1 ? 'data-one' : 'data-many');
  });

  // Other scripts of the page (the results board) name the events they want in data-kinds and
  // hear them as "labcamp:live" DOM events on the document.
  var kinds = Object.keys(handlers).concat(['reload'], (root.getAttribute('data-kinds') || '').split(' ').filter(Boolean))
    .filter(function (kind, i, all) { return all.indexOf(kind) === i; });

  function connect() {
    var url = new URL(root.getAttribute('data-stream'), window.location.href);
    url.searchParams.set('since', since);
    var source = new EventSource(url.toString());
    source.addEventListener('open', function () { backoff = 1000; });
    kinds.forEach(function (kind) {
      source.addEventListener(kind, function (e) {
        since = e.lastEventId || since;
        var data = {};
        try { data = JSON.parse(e.data); } catch (err) { /* keep {} */ }
        // "reload": too much was missed; everything that can refresh does.
        var run = kind === 'reload' ? Object.keys(handlers).filter(function (k) { return k !== 'vote'; }) : [kind];
        run.forEach(function (k) { (handlers[k] || []).forEach(function (fn) { fn(data); }); });
        document.dispatchEvent(new CustomEvent('labcamp:live', { detail: { kind: kind, data: data } }));
      });
    });
    source.addEventListener('error', function () {
      // CLOSED: the server refused (say, the session ended) or is gone; try again later, then less often.
      if (source.readyState === EventSource.CLOSED) {
        source.close();
        setTimeout(connect, backoff);
        backoff = Math.min(backoff * 2, 30000);
      }
    });
  }
  connect();
})();
