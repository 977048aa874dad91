"""The headless API as an external client sees it: HTTP only, against a live server.

Nothing here reads the database or uses Django's test client. The client starts from the
OpenAPI document and discovers every id, path and URL from the API's own answers: the
bilingual news listing, an English article's Georgian alternate, the same page found by its
public path, and its body rendered to HTML from the typed block JSON alone.

The server runs on the test's own database connection, as in test_site_browser.py (not
pytest-django's `live_server`, whose `transactional_db` would flush the demo content).
Absolute URLs in the answers are built from WAGTAILAPI_BASE_URL (`http://testserver` under
the test settings), a host this client cannot reach; it keeps their path and asks the live
server, as a client behind a different public hostname would have to.
"""

import html
import json
import re
import urllib.error
import urllib.request
from urllib.parse import quote, urlencode, urljoin, urlsplit

import pytest
from jsonschema import Draft202012Validator

pytestmark = pytest.mark.django_db

ARTICLE_TYPE = "newsroom.NewsArticlePage"
MISSION_TYPE = "home.MissionPage"
GEORGIAN = re.compile(r"[\u10a0-\u10ff\u1c90-\u1cbf\u2d00-\u2d2f]")
HREF = re.compile(r'<a\b[^>]*\bhref="([^"]*)"')
IMG_SRC = re.compile(r'<img\b[^>]*\bsrc="([^"]*)"')


# The client ----------------------------------------------------------------------------


class Client:
    """A minimal HTTP client for the API: urllib only."""

    def __init__(self, base_url):
        self.base_url = base_url

    def url(self, url_or_path):
        """Any URL the API hands out, on the live server: only its path and query are kept."""
        parts = urlsplit(url_or_path)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        return urljoin(self.base_url + "/", path)

    def get(self, url_or_path, params=None, headers=None):
        """(status, headers, body bytes); never raises on an HTTP error status."""
        url = self.url(url_or_path)
        if params is not None:
            url += ("&" if "?" in url else "?") + params
        request = urllib.request.Request(url, headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()

    def json(self, url_or_path, params=None, headers=None):
        status, response_headers, body = self.get(url_or_path, params, headers)
        assert status == 200, (url_or_path, params, status, body[:500])
        assert response_headers["Content-Type"].startswith("application/json")
        return json.loads(body.decode("utf-8")), response_headers


@pytest.fixture
def api(live_url):
    return Client(live_url)


def query(**params):
    """A query string with `/`, `*`, `,` and `.` left as they are, everything else encoded."""
    return urlencode(params, safe="/*,.-")


def openapi(api):
    document, _headers = api.json("/api/v2/openapi.json")
    return document


def path_template(document, operation_id):
    """The path of an operation, looked up by operationId as a generated client would."""
    for path, item in document["paths"].items():
        if item.get("get", {}).get("operationId") == operation_id:
            return path
    raise AssertionError(f"no operation {operation_id!r} in the OpenAPI document")


def resolve(document, schema):
    while "$ref" in schema:
        name = schema["$ref"].removeprefix("#/components/schemas/")
        schema = document["components"]["schemas"][name]
    return schema


def block_schemas(document, page_type, field):
    """{block type: schema} for a StreamField of a page type, from the OpenAPI document."""
    # One schema per page type, named after the model (a member of the `Page` union).
    page = document["components"]["schemas"][page_type.rsplit(".", 1)[-1]]
    members = page["properties"][field]["items"]["oneOf"]
    schemas = {}
    for member in members:
        schema = resolve(document, member)
        schemas[schema["properties"]["type"]["const"]] = schema
    return schemas


def listing(api, document, **params):
    data, _headers = api.json(path_template(document, "pages_list"), query(**params))
    assert data["meta"]["total_count"] == len(data["items"]), "one page of results is enough"
    return data["items"]


def detail(api, document, page_id, **params):
    path = path_template(document, "pages_detail").replace("{id}", str(page_id))
    data, _headers = api.json(path, query(**params) if params else None)
    return data


# The renderer --------------------------------------------------------------------------


def e(text):
    return html.escape(text or "", quote=True)


def render_image(value):
    renditions = value["renditions"]
    srcset = ", ".join(f"{e(r['url'])} {r['width']}w" for r in renditions.values())
    medium = renditions.get("medium") or next(iter(renditions.values()))
    img = (
        f'<img src="{e(medium["url"])}" srcset="{srcset}" width="{medium["width"]}"'
        f' height="{medium["height"]}" alt="{e(value["alt"])}">'
    )
    caption = f"<figcaption>{e(value['caption'])}</figcaption>" if value["caption"] else ""
    return f"<figure>{img}{caption}</figure>"


def render_quote(value):
    role = f", {e(value['role'])}" if value.get("role") else ""
    return (
        f"<blockquote><p>{e(value['text'])}</p>"
        f"<footer><cite>{e(value['attribution'])}</cite>{role}</footer></blockquote>"
    )


def render_contact(value):
    lines = [f"<strong>{e(value['name'])}</strong>"]
    if value.get("office"):
        lines.append(e(value["office"]))
    if value.get("phone"):
        lines.append(f'<a href="tel:{e(value["phone"])}">{e(value["phone"])}</a>')
    if value.get("email"):
        lines.append(f'<a href="mailto:{e(value["email"])}">{e(value["email"])}</a>')
    return f"<address>{'<br>'.join(lines)}</address>"


def page_href(page):
    """A chosen page's public path (its html_url names the API's configured host)."""
    return urlsplit(page["html_url"]).path if page and page.get("html_url") else ""


def render_heading(value):
    level = value["level"] or "h2"
    return f"<{level}>{e(value['text'])}</{level}>"


def render_facts(value):
    heading = f"<h2>{e(value['heading'])}</h2>" if value.get("heading") else ""
    facts = "".join(
        f"<dt>{e(fact['figure'])}</dt><dd>{e(fact['label'])}</dd>" for fact in value["facts"]
    )
    return f"{heading}<dl>{facts}</dl>"


def render_link_cards(value):
    heading = f"<h2>{e(value['heading'])}</h2>" if value.get("heading") else ""
    cards = "".join(
        f'<li><a href="{e(page_href(card["page"]))}">{e(card["title"])}</a>'
        f"<p>{e(card['text'])}</p></li>"
        for card in value["cards"]
    )
    return f"{heading}<ul>{cards}</ul>"


def render_call_to_action(value):
    href = page_href(value["page"]) or value["url"]
    return (
        f"<aside><h2>{e(value['title'])}</h2><p>{e(value['text'])}</p>"
        f'<a href="{e(href)}">{e(value["button_label"])}</a></aside>'
    )


def render_embed(value):
    return f'<p><a href="{e(value)}">{e(value)}</a></p>' if value else ""


def render_document(value):
    return f'<a href="{e(value["url"])}" download>{e(value["title"])}</a>'


RENDERERS = {
    "paragraph": lambda value: value,  # rich text already comes as HTML
    "heading": render_heading,
    "quote": render_quote,
    "image": render_image,
    "contact": render_contact,
    "embed": render_embed,
    "document": render_document,
    "facts": render_facts,
    "link_cards": render_link_cards,
    "call_to_action": render_call_to_action,
}


def render(body):
    """The body's HTML, from the block JSON alone; an unknown block type is an error."""
    parts = []
    for block in body:
        renderer = RENDERERS.get(block["type"])
        assert renderer is not None, f"no renderer for block type {block['type']!r}"
        html_block = renderer(block["value"])
        parts.append(f'<section class="block-{e(block["type"])}">{html_block}</section>')
    return "\n".join(parts)


# The tests -----------------------------------------------------------------------------


def test_openapi_declares_the_pages_listing_and_find(api):
    document = openapi(api)
    assert document["openapi"].startswith("3.")
    listing_op = document["paths"]["/api/v2/pages/"]["get"]
    find_op = document["paths"]["/api/v2/pages/find/"]["get"]
    assert listing_op["operationId"] == "pages_list"
    assert find_op["operationId"] == "pages_find"
    listing_params = {param["name"] for param in listing_op["parameters"]}
    assert {"type", "locale", "fields", "order", "translation_of"} <= listing_params
    assert "html_path" in {param["name"] for param in find_op["parameters"]}
    assert "200" in find_op["responses"] and "404" in find_op["responses"]
    assert set(block_schemas(document, ARTICLE_TYPE, "body")) >= {
        "paragraph",
        "heading",
        "quote",
        "image",
        "contact",
    }


def test_bilingual_news_listing_newest_first(api):
    document = openapi(api)
    news = {
        language: listing(
            api, document, type=ARTICLE_TYPE, locale=language, fields="*", order="-date"
        )
        for language in ("en", "ka")
    }
    for language, items in news.items():
        assert len(items) == 2, language
        dates = [item["date"] for item in items]
        assert dates == sorted(dates, reverse=True), (language, dates)
        assert len(set(dates)) == 2, "two different dates, so the order means something"
        for item in items:
            assert item["meta"]["type"] == ARTICLE_TYPE
            assert item["meta"]["locale"] == language
            assert item["body"], item["title"]
        # The server honours `order`: ascending is the exact reverse.
        oldest_first = listing(api, document, type=ARTICLE_TYPE, locale=language, order="date")
        assert [item["id"] for item in oldest_first] == [item["id"] for item in items][::-1]
    for item in news["ka"]:
        assert GEORGIAN.search(item["title"]), item["title"]
    for item in news["en"]:
        assert not GEORGIAN.search(item["title"]), item["title"]
    # The two listings are the same articles: each English article's Georgian alternate is
    # the Georgian article at the same position (same date).
    for en_item, ka_item in zip(news["en"], news["ka"], strict=True):
        ka_alternates = [a for a in en_item["meta"]["alternates"] if a["locale"] == "ka"]
        assert [a["id"] for a in ka_alternates] == [ka_item["id"]]
        assert en_item["date"] == ka_item["date"]


def find_by_path(api, document, html_path, encoded):
    """The find endpoint with html_path raw (slashes as they are, any non-ASCII letter
    UTF-8 percent-encoded for the wire, as every HTTP client must) or percent-encoded in the
    value itself (so `%2F` reaches the server as `%252F`)."""
    value = quote(html_path, safe="") if encoded else html_path
    find = path_template(document, "pages_find")
    status, headers, body = api.get(find, query(html_path=value))
    assert status == 200, (html_path, encoded, status, body[:500])
    return json.loads(body.decode("utf-8")), headers


def test_english_article_to_georgian_alternate_found_by_path_and_rendered(api):
    document = openapi(api)
    schemas = block_schemas(document, ARTICLE_TYPE, "body")
    english = listing(api, document, type=ARTICLE_TYPE, locale="en", order="-date")
    diaspora_ids = [
        item["id"] for item in english if "diaspora" in urlsplit(item["meta"]["html_url"]).path
    ]
    assert len(diaspora_ids) == 1, [item["meta"]["html_url"] for item in english]

    seen_types = set()
    for en_item in english:
        # 3. Follow the English article to its Georgian alternate and fetch its detail.
        alternates = {a["locale"]: a for a in en_item["meta"]["alternates"]}
        # Every version, the page itself and x-default (the English one) included.
        assert set(alternates) == {"en", "ka", "x-default"}, en_item["meta"]["alternates"]
        assert alternates["en"]["id"] == alternates["x-default"]["id"] == en_item["id"]
        alternate = alternates["ka"]
        assert GEORGIAN.search(alternate["title"])
        article = detail(api, document, alternate["id"])
        assert article["id"] == alternate["id"]
        assert article["title"] == alternate["title"]
        assert article["meta"]["locale"] == "ka"
        assert article["meta"]["type"] == ARTICLE_TYPE
        assert article["meta"]["html_url"] == alternate["html_url"]
        assert [a["id"] for a in article["meta"]["alternates"]] == [
            en_item["id"],
            alternate["id"],
            en_item["id"],
        ]  # en, ka (itself), x-default

        # 4. The same page by its public Georgian path, raw and percent-encoded.
        html_path = urlsplit(alternate["html_url"]).path
        assert html_path.startswith("/ka/"), alternate["html_url"]
        status, _headers, _body = api.get(html_path)
        assert status == 200, f"the public page {html_path} answers {status}"
        for encoded in (False, True):
            found, headers = find_by_path(api, document, html_path, encoded)
            assert found["id"] == article["id"], (html_path, encoded)
            assert found == article, "find answers with the page itself, in the detail format"
            location = urlsplit(headers["Content-Location"]).path
            assert location == urlsplit(article["meta"]["detail_url"]).path

        # 5. Render the body from the typed JSON alone.
        body = article["body"]
        rendered = render(body)
        for block in body:
            seen_types.add(block["type"])
            value = block["value"]
            if block["type"] == "quote":
                assert e(value["attribution"]) in rendered
                assert GEORGIAN.search(value["attribution"]), value["attribution"]
            if block["type"] == "image":
                assert value["renditions"], block
                for rendition in value["renditions"].values():
                    status, headers, data = api.get(rendition["url"])
                    assert status == 200, (rendition["url"], status)
                    assert headers["Content-Type"].startswith("image/"), headers["Content-Type"]
                    assert data
                assert e(value["renditions"]["medium"]["url"]) in IMG_SRC.findall(rendered)
        assert [b for b in body if b["type"] == "quote"], "the stories quote people"
        assert [b for b in body if b["type"] == "image"], "each story has a picture"
        for href in HREF.findall(rendered):
            if not href.startswith(("tel:", "mailto:", "http://", "https://")):
                assert href.startswith("/ka/"), href
        contacts = [b["value"] for b in body if b["type"] == "contact"]
        if en_item["id"] in diaspora_ids:
            assert len(contacts) == 1, "the diaspora story names its press contact"
            name = contacts[0]["name"]
            assert GEORGIAN.search(name), name
            assert f"<strong>{e(name)}</strong>" in rendered
            assert f"mailto:{contacts[0]['email']}" in rendered

        # 6. Every block type is declared in the OpenAPI document, with a matching shape.
        for block in body:
            assert block["type"] in schemas, block["type"]
            schema = schemas[block["type"]]
            assert set(block) <= set(schema["properties"]), block["type"]
            assert set(schema["required"]) <= set(block), block["type"]
            errors = [
                error.message
                for error in Draft202012Validator({**document, **schema}).iter_errors(block)
            ]
            assert errors == [], (block["type"], errors)
    assert {"paragraph", "quote", "image", "contact"} <= seen_types


def test_links_in_georgian_rich_text_stay_georgian(api):
    """The article bodies hold no links; the Georgian mission pages do. Asked for in English
    (Accept-Language), the links still point at the Georgian pages and answer over HTTP."""
    document = openapi(api)
    schemas = block_schemas(document, MISSION_TYPE, "body")
    pages, _headers = api.json(
        path_template(document, "pages_list"),
        query(type=MISSION_TYPE, locale="ka", fields="body", limit=100),
        headers={"Accept-Language": "en"},
    )
    assert pages["items"]
    links = []
    for page in pages["items"]:
        assert page["meta"]["locale"] == "ka"
        for block in page["body"]:
            assert block["type"] in schemas, block["type"]
            assert Draft202012Validator({**document, **schemas[block["type"]]}).is_valid(block), (
                block["type"]
            )
        render(page["body"])  # every mission block type renders too
        paragraphs = [block["value"] for block in page["body"] if block["type"] == "paragraph"]
        links += HREF.findall(render([{"type": "paragraph", "value": p} for p in paragraphs]))
    assert links, "some Georgian rich text links to another page"
    for href in links:
        assert href.startswith("/ka/"), href
        status, _headers, _body = api.get(html.unescape(href))
        assert status == 200, (href, status)
