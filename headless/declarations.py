"""What a content app declares for the headless API, next to its models; `headless` discovers
the declarations (headless/registry.py) and never imports a content app.

- Page models: Wagtail's `api_fields`, plus `api_filters = [APIFilter(...)]` for listing
  filters that are not a plain field (e.g. an article's topic by slug). A field of
  `api_fields` may define `prefetch_listing(pages)`: a v2 listing calls it once with its
  page of results before serializing them (e.g. an article's topics, in one query).
- Other models: `api_collection = APICollection(...)` serves them per language at
  `/api/v2/<name>/` and `/api/v3/<name>/` (e.g. the footer, the topics).
- Blocks: `get_api_representation` (Wagtail's) and `get_api_schema()` (ours) side by side.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class APIFilter:
    """A listing query parameter `name` that filters with the queryset lookup `lookup`."""

    name: str
    lookup: str
    description: str
    distinct: bool = False


@dataclass(frozen=True)
class APICollection:
    """A model served per language at /api/<version>/<name>/?locale=<code>.

    `fields`: model field names; `computed`: {name: Python type} of values an object of
    `queryset` carries (annotations); `queryset`: the name of a classmethod taking a Locale
    (default: the objects of that locale); `single`: one object per language (a footer).
    """

    name: str
    description: str
    fields: tuple[str, ...]
    computed: dict = field(default_factory=dict)
    queryset: str | None = None
    single: bool = False
