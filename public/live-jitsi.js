// Embeds the live room's Jitsi meeting (ADR 0023). The page works without this script: its link
// opens the meeting in a new tab. The Jitsi server's IFrame API is loaded only when the person
// clicks "join here", so no page load alone reaches the video server.
(function () {
  'use strict';
  var container = document.getElementById('jitsi-embed');
  var start = document.getElementById('jitsi-start');
  var hint = document.getElementById('jitsi-start-hint');
  if (!container || !start) return;
  var data = container.dataset;
  start.hidden = false;
  if (hint) hint.hidden = false;

  function embed() {
    start.hidden = true;
    if (hint) hint.hidden = true;
    var options = {
      roomName: data.room,
      parentNode: container,
      width: '100%',
      height: 600,
      lang: data.lang,
      userInfo: { displayName: data.name },
    };
    if (data.jwt) options.jwt = data.jwt;
    var api = new window.JitsiMeetExternalAPI(data.domain, options);
    // The frame needs a name for screen readers (WCAG 4.1.2); the IFrame API gives it none.
    api.getIFrame().title = data.title;
  }

  start.addEventListener('click', function () {
    start.disabled = true;
    if (window.JitsiMeetExternalAPI) return embed();
    var script = document.createElement('script');
    script.src = 'https://' + data.domain + '/external_api.js';
    script.onload = embed;
    // Unreachable or blocked: the new-tab link above still works.
    script.onerror = function () { start.disabled = false; };
    document.head.appendChild(script);
  });
})();
