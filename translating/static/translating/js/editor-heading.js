// wagtail-localize's React editor writes its heading, "<source> to <target> translation",
// as a JavaScript template string without gettext, so no catalogue can translate it. The
// server renders the heading in the admin's language (translating/editor.py `heading`) and
// this puts it in place of the English one whenever React draws it.
(function () {
  const script = document.currentScript;
  const english = script.dataset.english;
  const translated = script.dataset.translated;
  if (!english || english === translated) return;
  function replace(root) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const found = [];
    while (walker.nextNode()) {
      if (walker.currentNode.nodeValue.trim() === english) found.push(walker.currentNode);
    }
    for (const node of found) node.nodeValue = translated;
  }
  const editor = document.querySelector(".js-translation-editor") || document.body;
  replace(editor);
  new MutationObserver(() => replace(editor)).observe(editor, {
    childList: true,
    subtree: true,
    characterData: true,
  });
})();
