// The slug is drafted on the server as soon as the title's translation is saved
// (translating/slugs.py), but wagtail-localize's editor keeps its strings in React state that
// nothing outside it can update, so the open editor would go on showing the slug as
// untranslated. When the title is saved and the slug had no translation yet, the editor
// reloads once to show the drafted slug. Included only then (translating_tags.slug_follows_title).
(function () {
  const script = document.currentScript;
  const suffix = `/strings/${script.dataset.titleSegment}/edit/`;
  const originalFetch = window.fetch;
  window.fetch = function (url, options) {
    const result = originalFetch.apply(this, arguments);
    if (options && options.method === "PUT" && String(url).endsWith(suffix)) {
      result.then((response) => {
        if (response.ok) window.location.reload();
      });
    }
    return result;
  };
})();
