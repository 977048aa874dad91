"""Georgian is never capitalised (DESIGN.md pitfall 11).

Python (Unicode 11+) upper-cases a Mkhedruli letter into Mtavruli (U+1C90-U+1CBF): "ადგილი"
becomes "Ადგილი". That is not Georgian spelling, and the admin's fonts have no Mtavruli
glyphs, so every Georgian label Django capitalises starts with a box. The capitalising happens
in one place, Django's `capfirst`, which Django itself (form labels from verbose names,
admin headings), Wagtail (panel labels, listing columns, page-type names, headers) and
wagtail-localize (the translation editor's field names) call: as the function
`django.utils.text.capfirst` and as the template filter `|capfirst`. Django PR #12437 tried to
fix it and was closed unmerged, so this module adapts both, once, from
`TranslatingConfig.ready()`:

- `capfirst` upper-cases the first character as before, unless that would turn it into
  Mtavruli; any other text is unchanged, and lazy strings stay lazy (the Georgian is only
  known once the language is active).
- Modules that did `from django.utils.text import capfirst` before `ready()` hold the
  original function: every loaded module's `capfirst` that *is* Django's is rebound. Modules
  imported later get the new one from `django.utils.text`.
- The template filter is re-registered in Django's built-in filter library.
- What cannot be reached: a lazy `capfirst(...)` made before `ready()` (a panel built when a
  models module is imported, e.g. an InlinePanel's default heading) holds Django's function;
  such a panel is given its heading (newsroom.models, the topics panel).
  tests/test_georgian_case.py opens the page editors in Georgian to catch another.

`str.capitalize()` and `str.title()` (and `|title`) need nothing: since Python 3.8 they use
Unicode *title* case, and a Mkhedruli letter is its own title case. The admin's CSS
`text-transform: uppercase` on status tags is undone for Georgian in
`static/translating/css/georgian-case.css` (see wagtail_hooks).

tests/test_georgian_case.py fails if Django or Wagtail change under this (the original no
longer capitalises Georgian, a module still holds the original, the filter is not ours).
"""

import sys

from django.template import defaultfilters
from django.utils import text
from django.utils.functional import keep_lazy_text

MTAVRULI = range(0x1C90, 0x1CC0)

DJANGO_CAPFIRST = text.capfirst
DJANGO_CAPFIRST_FILTER = defaultfilters.capfirst


def becomes_mtavruli(character):
    upper = character.upper()
    return len(upper) == 1 and ord(upper) in MTAVRULI


def _capfirst(value):
    if not value:
        return value
    value = str(value)
    if becomes_mtavruli(value[0]):
        return value
    return value[0].upper() + value[1:]


@keep_lazy_text
def capfirst(x):
    """Django's `capfirst`, except that Georgian is left as it is."""
    return _capfirst(x)


@defaultfilters.stringfilter
def capfirst_filter(value):
    """Django's `|capfirst` filter, except that Georgian is left as it is."""
    return _capfirst(value)


def modules_holding(function):
    """Names of the loaded modules with a module-level `capfirst` that is `function`."""
    return [
        name
        for name, module in list(sys.modules.items())
        if module is not None and getattr(module, "capfirst", None) is function
    ]


def install():
    text.capfirst = capfirst
    for name in modules_holding(DJANGO_CAPFIRST):
        sys.modules[name].capfirst = capfirst
    for name in modules_holding(DJANGO_CAPFIRST_FILTER):  # defaultfilters, admin.helpers
        sys.modules[name].capfirst = capfirst_filter
    defaultfilters.register.filter("capfirst", capfirst_filter, is_safe=True)
