// Puts each embed warning of home/embed_warnings.py inside its block: Wagtail's StreamField
// draws its blocks in the browser after the page has loaded, so this waits for them.
(() => {
  const placeAll = () => {
    const warnings = [...document.querySelectorAll("[data-block-warning]")];
    for (const warning of warnings) {
      // The content area of the block's panel, which Wagtail names after the block's id.
      const block = document.getElementById(`block-${warning.dataset.blockWarning}-content`);
      if (block && !block.contains(warning)) {
        block.prepend(warning);
      }
    }
    return warnings.every((warning) => warning.closest("[data-streamfield-child]"));
  };
  const start = () => {
    if (placeAll()) return;
    const observer = new MutationObserver(() => {
      if (placeAll()) observer.disconnect();
    });
    observer.observe(document.body, { childList: true, subtree: true });
    setTimeout(() => observer.disconnect(), 10000);
  };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
