// The interactive pages' script: marks the page once its circuit has rendered (MainLayout calls
// dxTracker.markInteractive; browser tests wait for it), and drives the Japanese reconnect dialog
// (Components/Layout/ReconnectModal.razor) as the .NET 10 template does.
window.dxTracker = {
  markInteractive() { document.documentElement.dataset.dxInteractive = "true"; },
};

(() => {
  const modal = document.getElementById("components-reconnect-modal");
  if (!modal) return;

  modal.addEventListener("components-reconnect-state-changed", event => {
    const state = event.detail.state;
    if (state === "show") {
      if (!modal.open) modal.showModal();
    } else if (state === "hide") {
      modal.close();
    } else if (state === "failed") {
      document.addEventListener("visibilitychange", retryWhenVisible);
    } else if (state === "rejected") {
      // The server no longer knows this circuit (it restarted): reload; the draft was saved as it was typed.
      location.reload();
    }
  });
  document.getElementById("components-reconnect-button")?.addEventListener("click", retry);
  document.getElementById("components-resume-button")?.addEventListener("click", resume);

  async function retry() {
    document.removeEventListener("visibilitychange", retryWhenVisible);
    try {
      const reconnected = await Blazor.reconnect();
      if (!reconnected) {
        const resumed = await Blazor.resumeCircuit();
        if (resumed) modal.close(); else location.reload();
      }
    } catch {
      document.addEventListener("visibilitychange", retryWhenVisible);
    }
  }

  async function resume() {
    try {
      if (!(await Blazor.resumeCircuit())) location.reload();
    } catch {
      modal.classList.replace("components-reconnect-paused", "components-reconnect-resume-failed");
    }
  }

  async function retryWhenVisible() {
    if (document.visibilityState === "visible") await retry();
  }
})();
