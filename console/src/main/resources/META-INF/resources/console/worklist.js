// Live worklist: the console's server-sent events say when the alerts changed; the rows are fetched again
// and replaced in place (no page reload). A row being worked on (focus inside the table) is not replaced
// until focus leaves it.
(function () {
  'use strict';
  var table = document.getElementById('worklist');
  if (!table || !window.EventSource) {
    return;
  }
  var status = document.getElementById('live-status');
  var body = document.getElementById('worklist-rows');
  var busy = false;
  var deferred = false;

  function refresh() {
    if (busy) {
      deferred = true;
      return;
    }
    if (body.contains(document.activeElement)) {
      deferred = true;
      return;
    }
    busy = true;
    fetch(table.getAttribute('data-rows'), { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
      .then(function (response) {
        if (response.redirected || !response.ok) {
          throw new Error('HTTP ' + response.status);
        }
        return response.text();
      })
      .then(function (html) {
        body.innerHTML = html;
        status.textContent = 'Live: updated at ' + new Date().toLocaleTimeString() + '.';
      })
      .catch(function () {
        status.textContent = 'Live updates paused: the console could not read the alerts; reload the page.';
      })
      .finally(function () {
        busy = false;
        if (deferred) {
          deferred = false;
          refresh();
        }
      });
  }

  body.addEventListener('focusout', function () {
    if (deferred) {
      setTimeout(function () {
        if (!body.contains(document.activeElement)) {
          deferred = false;
          refresh();
        }
      }, 0);
    }
  });
  var source = new EventSource(table.getAttribute('data-stream'));
  source.onmessage = refresh;
  source.onerror = function () {
    status.textContent = 'Live updates interrupted; reconnecting.';
  };
})();
