// Presenter view: follows the moderator's highlighted question. Asks the server every 3 seconds
// (the live updates over server-sent events replace this); without JavaScript a reload does it.
(function () {
  'use strict';
  var main = document.querySelector('[data-source]');
  if (!main) return;
  var box = main.querySelector('.presenter__question');
  var last = '';
  function render(q) {
    var key = q ? q.id + '|' + q.text + '|' + q.votes : '';
    if (key === last) return;
    last = key;
    box.textContent = '';
    if (!q) {
      var none = document.createElement('p');
      none.className = 'presenter__none';
      none.textContent = main.getAttribute('data-none');
      box.appendChild(none);
      return;
    }
    var text = document.createElement('p');
    text.className = 'presenter__text';
    text.textContent = q.text;
    var meta = document.createElement('p');
    meta.className = 'presenter__meta';
    meta.textContent = (q.author || main.getAttribute('data-anonymous')) + ' · ▲ ' + q.votes;
    box.appendChild(text);
    box.appendChild(meta);
  }
  function poll() {
    fetch(main.getAttribute('data-source'), { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (body) { if (body) render(body.question); })
      .catch(function () {})
      .then(function () { setTimeout(poll, 3000); });
  }
  setTimeout(poll, 3000);
})();
