"""How Georgian a screen's interface is, measured in the browser.

Counts the words of the visible text nodes (as rendered, so CSS `text-transform` applies):
Georgian words (Mkhedruli letters) against Latin words of two letters or more. Page content
is left out: text inside an element marked `data-page-content` or `lang="en"`, form field
values, and the strings of wagtail-localize's translation editor (its segments' source and
translation). Names that stay Latin in any language are not counted either: product names and
codes (Wagtail, URL, PO, ID), the site's name (IOM Georgia) and the people's names given.
"""

MEASURE = r"""
(names) => {
  const skip = "script, style, noscript, template, textarea, input, select, svg, "
    + "[data-page-content], [lang=en], [aria-hidden=true], "
    + ".js-translation-editor li .segment-value, .js-translation-editor li blockquote, "
    + ".js-translation-editor li p";
  const keep = new Set([
    "Wagtail", "URL", "PO", "ID", "API", "JSON", "CSV", "HTML", "IOM", "Georgia", ...names,
  ]);
  let georgian = 0, latin = 0;
  const latinWords = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const element = node.parentElement;
    if (!element || element.closest(skip)) continue;
    if (!element.getClientRects().length) continue;
    const style = getComputedStyle(element);
    if (style.visibility === "hidden" || style.display === "none") continue;
    georgian += (node.nodeValue.match(/[\u10D0-\u10FF]+/g) || []).length;
    for (const word of node.nodeValue.match(/[A-Za-z]{2,}/g) || []) {
      if (keep.has(word)) continue;
      latin += 1;
      latinWords.push(word);
    }
  }
  const text = document.body.innerText;
  const mtavruli = (text.match(/[\u1C90-\u1CBF]/g) || []).join("");
  return {georgian, latin, latinWords: latinWords.slice(0, 40), mtavruli};
}
"""


def measure(tab, names=()):
    """{georgian, latin, share, latinWords, mtavruli} for the tab's current screen."""
    result = tab.evaluate(MEASURE, list(names))
    words = result["georgian"] + result["latin"]
    result["share"] = result["georgian"] / words if words else 1.0
    return result
