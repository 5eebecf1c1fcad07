// Progressive enhancement of the server-rendered pages; each works
// without it. Loaded from this server only (the Content-Security-Policy
// allows no inline or foreign script).
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  // Bring the linked moment into view: the highlighted utterance on the
  // transcript tab, else the quote of it above the tabs.
  const current = document.querySelector(".transcript li.current");
  const target = current || document.getElementById("moment");
  if (target) {
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.scrollIntoView({ block: "center" });
    target.focus({ preventScroll: true });
  }

  // Copy-link buttons: shown only where the clipboard can be written.
  if (navigator.clipboard && window.isSecureContext) {
    for (const button of document.querySelectorAll("button.copy[data-copy]")) {
      button.hidden = false;
      button.addEventListener("click", async () => {
        const url = new URL(button.dataset.copy, window.location.origin).href;
        const label = button.firstChild.textContent;
        try {
          await navigator.clipboard.writeText(url);
          button.firstChild.textContent = "Copied";
        } catch {
          button.firstChild.textContent = "Copy failed";
        }
        setTimeout(() => { button.firstChild.textContent = label; }, 2000);
      });
    }
  }

  // Transcript search narrows the lines as one types; the form still
  // submits to the server.
  const q = document.querySelector(".transcript") && document.getElementById("q");
  if (q) {
    const items = [...document.querySelectorAll(".transcript li[id]")];
    q.addEventListener("input", () => {
      const needle = q.value.trim().toLowerCase();
      for (const li of items) {
        li.hidden = needle !== "" && !li.textContent.toLowerCase().includes(needle);
      }
    });
  }

  // The recording plays in step with the transcript: a line's time seeks
  // the player there, and the line being played is marked as it plays.
  const player = document.getElementById("player");
  if (player) {
    const start = Number(player.dataset.start);
    if (start > 0) {
      player.addEventListener("loadedmetadata", () => { player.currentTime = start; }, { once: true });
    }
    const timed = [...document.querySelectorAll(".transcript li[data-at]")];
    for (const li of timed) {
      const at = li.querySelector("a.at");
      if (!at) continue;
      at.addEventListener("click", (event) => {
        event.preventDefault();
        player.currentTime = Number(li.dataset.at);
        player.play().catch(() => {});
      });
    }
    let playing = null;
    player.addEventListener("timeupdate", () => {
      let now = null;
      for (const li of timed) {
        if (Number(li.dataset.at) <= player.currentTime) now = li;
      }
      if (now === playing) return;
      if (playing) playing.classList.remove("playing");
      playing = now;
      if (playing) playing.classList.add("playing");
    });
  }
});
