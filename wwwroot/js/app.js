// MetaNode Dashboard browser glue: starts Blazor with a reconnect handler that never gives up,
// reloads the page by itself when the server no longer knows this circuit (a restarted
// dashboard), keeps the connection indicator honest while the server cannot draw, and
// remembers the operator's theme in a cookie the server reads on the next request.
(() => {
  "use strict";

  const retryDelaysMs = [250, 500, 1000, 1000, 2000];
  const maxDelayMs = 3000;
  let reconnect = null;

  function setConnectionState(state) {
    document.documentElement.dataset.connection = state;
    const indicator = document.getElementById("mn-connection");
    if (indicator) {
      indicator.setAttribute("data-state", state);
    }
  }

  function showBanner(text) {
    const banner = document.getElementById("mn-reconnect");
    const label = document.getElementById("mn-reconnect-text");
    if (!banner) {
      return;
    }
    if (text === null) {
      banner.hidden = true;
      return;
    }
    if (label) {
      label.textContent = text;
    }
    banner.hidden = false;
  }

  function startReconnecting() {
    let cancelled = false;
    let attempt = 0;
    let timer = 0;
    const downSince = Date.now();
    setConnectionState("reconnecting");
    showBanner("Connection to the dashboard lost. Reconnecting…");

    const tryOnce = async () => {
      if (cancelled) {
        return;
      }
      attempt += 1;
      const seconds = Math.round((Date.now() - downSince) / 1000);
      showBanner(`Connection to the dashboard lost ${seconds}s ago. Reconnecting (attempt ${attempt})…`);
      try {
        const resumed = await Blazor.reconnect();
        if (!resumed) {
          // The server answered but no longer holds this page's circuit (it restarted or
          // expired the circuit): a fresh page is the only way back, and it needs no click.
          showBanner("The dashboard restarted. Reloading…");
          location.reload();
          return;
        }
        return; // onConnectionUp clears the banner.
      } catch {
        // The server is not reachable yet; keep trying.
      }
      if (!cancelled) {
        const delay = attempt <= retryDelaysMs.length ? retryDelaysMs[attempt - 1] : maxDelayMs;
        timer = setTimeout(tryOnce, delay);
      }
    };

    timer = setTimeout(tryOnce, retryDelaysMs[0]);
    return {
      cancel() {
        cancelled = true;
        clearTimeout(timer);
      },
    };
  }

  Blazor.start({
    circuit: {
      reconnectionHandler: {
        onConnectionDown() {
          reconnect ??= startReconnecting();
        },
        onConnectionUp() {
          reconnect?.cancel();
          reconnect = null;
          showBanner(null);
          setConnectionState("live");
        },
      },
    },
  });

  window.metanode = {
    /** Remembers the theme for this browser; App.razor reads the cookie on the next request. */
    rememberTheme(mode) {
      const secure = location.protocol === "https:" ? "; secure" : "";
      document.cookie = `metanode-theme=${encodeURIComponent(mode)}; path=/; max-age=31536000; samesite=lax${secure}`;
    },
  };
})();
