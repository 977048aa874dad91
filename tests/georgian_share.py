"""How Georgian a screen's interface is, measured in the browser.

Counts the words of the visible text nodes (as rendered, so CSS `text-transform` applies)
and of the interface text in attributes of visible elements (aria-label, placeholder, title,
alt):
Georgian words (Mkhedruli letters) against Latin words of two letters or more. Page content
is left out: text inside an element marked `data-page-content` or `lang="en"`, form field
values (inputs, text areas, rich text editors), the strings of wagtail-localize's translation
editor (its segments' source and translation), text in quotation marks („…“, “…”, "…": the
title or old English a message quotes), and the text of the pages and objects the test names
(`content`: titles shown in headers, breadcrumbs and listings). Names that stay Latin in any
language are not counted either: product names and codes (Wagtail, URL, PO, ID), the site's
name (IOM Georgia) and the people's names given. Nothing else is left out: labels, buttons,
menus, help texts, messages, dates and every other interface text count.
"""

MEASURE = r"""
([names, content]) => {
  const skip = "script, style, noscript, template, textarea, input, select, svg, "
    + "[data-page-content], [lang=en], [aria-hidden=true], [contenteditable=true], "
    + ".js-translation-editor li .segment-value, .js-translation-editor li blockquote, "
    + ".js-translation-editor li p";
  const keep = new Set([
    "Wagtail", "URL", "PO", "ID", "API", "JSON", "CSV", "HTML", "IOM", "Georgia", ...names,
  ]);
  let georgian = 0, latin = 0;
  const latinWords = [];
  const latinAt = [];  // where the Latin words are: element and text (for the report)
  // Wagtail's StreamField block headers summarise the block's own value: content.
  const blockTitles = [...document.querySelectorAll(".c-sf-block__title")]
    .map((element) => element.textContent.trim());
  const contentText = [...content, ...blockTitles].map((text) => text.trim())
    .filter((text) => text.length >= 3).sort((a, b) => b.length - a.length);
  // A known title (or block summary) anywhere in the text is left out; so is a whole text
  // that is one cut short with "…" (the minimap's entries).
  const withoutContent = (text) => {
    const cut = text.trim().replace(/(…|\.\.\.)$/, "").trim();
    if (cut !== text.trim() && contentText.some((known) => known.startsWith(cut))) return "";
    for (const known of contentText) text = text.split(known).join(" ");
    return text;
  };
  const quoted = /„[^“”]*[“”]|“[^”]*”|"[^"]*"/g;
  const count = (raw, where) => {
    const text = withoutContent(raw).replace(quoted, " ");
    georgian += (text.match(/[\u10D0-\u10FF]+/g) || []).length;
    let found = false;
    for (const word of text.match(/[A-Za-z]{2,}/g) || []) {
      if (keep.has(word)) continue;
      latin += 1;
      latinWords.push(word);
      found = true;
    }
    if (found) latinAt.push(`${where}: ${text.trim().slice(0, 60)}`);
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const element = node.parentElement;
    if (!element || element.closest(skip) || element.closest(".c-sf-block__title")) continue;
    if (!element.getClientRects().length) continue;
    const style = getComputedStyle(element);
    if (style.visibility === "hidden" || style.display === "none") continue;
    count(node.nodeValue, `${element.tagName}.${element.className}`);
  }
  // Interface text in attributes: what a screen reader says (aria-label), a field shows
  // before it is filled (placeholder), a tooltip (title) or a picture's alt text.
  for (const element of document.body.querySelectorAll(
    "[aria-label], [placeholder], [title], img[alt]"
  )) {
    if (element.closest(skip.replace("input, select, ", "")) || !element.getClientRects().length) {
      continue;
    }
    if (element.closest(".c-sf-block__title")) continue;
    for (const name of ["aria-label", "placeholder", "title", "alt"]) {
      const value = element.getAttribute(name);
      if (!value) continue;
      count(value, `${element.tagName}@${name}`);
    }
  }
  const text = document.body.innerText;
  const mtavruli = (text.match(/[\u1C90-\u1CBF]/g) || []).join("");
  // where: the elements whose own rendered text has Mtavruli (for the failure message)
  const mtavruliAt = [];
  if (mtavruli) {
    for (const element of document.body.querySelectorAll("*")) {
      const own = [...element.childNodes].some((n) => n.nodeType === 3 && n.nodeValue.trim());
      if (own && /[\u1C90-\u1CBF]/.test(element.innerText || "")) {
        const where = `${element.tagName}.${element.className}`;
        mtavruliAt.push(`${where}: ${element.innerText.slice(0, 40)}`);
      }
    }
  }
  return {
    georgian, latin, latinWords: latinWords.slice(0, 60), latinAt: latinAt.slice(0, 30),
    mtavruli, mtavruliAt,
  };
}
"""


def measure(tab, names=(), content=()):
    """{georgian, latin, share, latinWords, mtavruli} for the tab's current screen; `names`
    are people's names, `content` the titles (and other text) of the objects shown."""
    result = tab.evaluate(MEASURE, [list(names), [str(text) for text in content]])
    words = result["georgian"] + result["latin"]
    result["share"] = result["georgian"] / words if words else 1.0
    return result
