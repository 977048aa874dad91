"""A private article and a draft article never show up anywhere a reader or an app looks:
pages, listings, related articles, feeds, sitemap, search, both APIs and the translations
other pages list."""

import json

import pytest
import wagtail_factories
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.http import Http404
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction
from wagtail.signals import page_slug_changed

from home.models import MissionPage
from newsroom.models import NewsIndexPage
from security.images import CACHE_KEY as RESTRICTED_CACHE_KEY

from .factories import MissionPageFactory, NewsArticlePageFactory

pytestmark = pytest.mark.django_db

PRIVATE = "Private board minutes"
DRAFT = "Unfinished press release"


@pytest.fixture
def hidden_articles(en_locale):
    newsroom = NewsIndexPage.objects.get(locale=en_locale)
    public_topic = newsroom.articles().first().article_topics.first().topic
    private = NewsArticlePageFactory(parent=newsroom, title=PRIVATE, topics=[public_topic])
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    draft = NewsArticlePageFactory(parent=newsroom, title=DRAFT, topics=[public_topic], live=False)
    return private, draft


def answers(client, url):
    response = client.get(url)
    return response.status_code, response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/en/",
        "/en/news/",
        "/en/feeds/news/",
        "/sitemap-1.xml",
        "/en/search/?q=minutes",
        "/en/search/?q=press",
        "/api/v2/pages/?locale=en&limit=100",
        "/api/v2/pages/?type=newsroom.NewsArticlePage&fields=*&search=minutes",
        "/api/v3/pages/?locale=en&limit=100",
        "/api/v3/pages/?type=newsroom.NewsArticlePage&search=minutes",
    ],
)
def test_listings_leave_them_out(client, hidden_articles, url):
    status, body = answers(client, url)
    assert status == 200, url
    assert PRIVATE not in body and DRAFT not in body


def test_related_articles_leave_them_out(client, hidden_articles, en_locale):
    newsroom = NewsIndexPage.objects.get(locale=en_locale)
    for article in newsroom.articles():
        status, body = answers(client, article.url)
        assert status == 200
        assert PRIVATE not in body and DRAFT not in body


def test_details_and_find_refuse_them(client, hidden_articles):
    for page in hidden_articles:
        for url in (
            f"/api/v2/pages/{page.pk}/",
            f"/api/v3/pages/{page.pk}/",
            f"/api/v2/pages/find/?html_path={page.url}",
        ):
            status, body = answers(client, url)
            assert status == 404, (url, status)
        status, _body = answers(client, f"/api/v3/pages/find/?html_path={page.url}")
        assert status == 404
    # The private page asks for its password; the draft does not exist for readers.
    private, draft = hidden_articles
    assert PRIVATE not in answers(client, private.url)[1]
    assert answers(client, draft.url)[0] == 404


# Canary: everything that must never be public, requested on every public surface ----------

CANARY = "zqcanary"  # in every title, slug, file name and text below; nowhere public


def canary_page(parent, name, *, live=True, **fields):
    return MissionPageFactory(
        parent=parent,
        title=f"{CANARY} {name}",
        slug=f"{CANARY}-{name}",
        intro=f"{CANARY} intro of {name}",
        live=live,
        **fields,
    )


def slug_change(page, new_name):
    """Change the slug the way the editor's Save does (Wagtail makes a redirect from the old
    path on this signal, drafts included: DESIGN.md pitfall 12)."""
    before = page.specific_class.objects.get(pk=page.pk)
    page.slug = f"{CANARY}-{new_name}"
    page.save_revision()
    page.save()
    page_slug_changed.send(sender=page.specific_class, instance=page, instance_before=before)


@pytest.fixture
def canary(en_home, ka_home, en_locale, ka_locale, django_user_model, tmp_path):
    """The content of issue item 1. Returns (pages, image, document, old paths)."""
    hidden = {}
    hidden["draft"] = canary_page(en_home, "english-draft", live=False)
    hidden["draft"].save_revision()
    live = MissionPageFactory(parent=en_home, title="Public mission", slug="public-mission")
    live.title = f"{CANARY} newer draft"
    live.intro = f"{CANARY} newer intro"
    live.save_revision()  # the live page keeps its public title
    password = canary_page(en_home, "password")
    PageViewRestriction.objects.create(page=password, restriction_type="password", password="x")
    hidden["password"] = password
    hidden["password-child"] = canary_page(password, "password-child")
    login = canary_page(en_home, "login")
    PageViewRestriction.objects.create(page=login, restriction_type="login")
    hidden["login"] = login
    hidden["login-child"] = canary_page(login, "login-child")
    # A Georgian translation in progress: a draft copy of a public English page.
    source = MissionPageFactory(parent=en_home, title="Translated soon", slug="translated-soon")
    progress = source.copy_for_translation(ka_locale)
    progress.title = f"{CANARY} ka in progress"
    progress.save_revision()
    hidden["ka-progress"] = progress
    # A Georgian page in moderation (the Georgian tree's review workflow).
    moderation = canary_page(ka_home, "ka-moderation", live=False, locale=ka_locale)
    moderation.save_revision()
    moderator = django_user_model.objects.create_superuser("canary-admin", "c@example.org", "x")
    moderation.get_workflow().start(moderation, moderator)
    hidden["ka-moderation"] = moderation
    old_paths = []
    # Slugs changed while hidden: a draft, the Georgian page in progress, the page in
    # moderation and the password-protected page.
    for key in ("draft", "ka-progress", "ka-moderation", "password"):
        page = hidden[key]
        old_paths.append(page.url)
        slug_change(page, f"{key}-renamed")
    # An image and a document in a restricted collection, the image on a public page.
    collection = Collection.get_first_root_node().add_child(name=f"{CANARY} collection")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type="password", password="x"
    )
    image = wagtail_factories.ImageFactory(
        title=f"{CANARY} image",
        collection=collection,
        file__filename=f"{CANARY}-image.png",
    )
    document = get_document_model().objects.create(
        title=f"{CANARY} document",
        collection=collection,
        file=ContentFile(f"{CANARY} secret".encode(), name=f"{CANARY}-document.txt"),
    )
    newsroom = NewsIndexPage.objects.get(locale=en_locale)
    public = NewsArticlePageFactory(
        parent=newsroom,
        title="Public article with a private picture",
        featured_image=image,
        body__3="image",
        body__3__image__image=image,
    )
    MissionPageFactory(parent=en_home, title="Public hero", hero_image=image)
    yield {
        "pages": hidden,
        "image": image,
        "document": document,
        "old_paths": old_paths,
        "source": source,
        "public": public,
    }
    cache.delete(RESTRICTED_CACHE_KEY)


def json_ids(data):
    """(kind, id) of every page, image and document a JSON document describes: objects with
    an id and a meta.type, and the pages redirects lead to."""
    found = set()
    if isinstance(data, dict):
        kind = (data.get("meta") or {}).get("type") if isinstance(data.get("meta"), dict) else None
        if isinstance(data.get("id"), int) and kind:
            if kind.startswith("wagtailimages."):
                found.add(("image", data["id"]))
            elif kind.startswith("wagtaildocs."):
                found.add(("document", data["id"]))
            else:
                found.add(("page", data["id"]))
        if isinstance(data.get("redirect_page_id"), int):
            found.add(("page", data["redirect_page_id"]))
        for value in data.values():
            found |= json_ids(value)
    elif isinstance(data, list):
        for item in data:
            found |= json_ids(item)
    return found


def assert_no_canary(response, canary_ids, url):
    assert response.status_code < 500, (url, response.status_code)
    body = response.content.decode(errors="replace")
    assert CANARY not in body.lower(), (url, response.status_code)
    location = response.get("Location", "")
    assert CANARY not in location, (url, location)
    if response.get("Content-Type", "").startswith(("application/json", "application/problem")):
        leaked = json_ids(json.loads(body)) & canary_ids
        assert not leaked, (url, leaked)


def public_surfaces(canary):
    pages = canary["pages"]
    image, document = canary["image"], canary["document"]
    urls = []
    for lang in ("en", "ka"):
        urls += [
            f"/{lang}/",
            f"/{lang}/news/",
            f"/{lang}/news/?year=2021",
            # The search page shows the query itself: search for the canaries' other words.
            f"/{lang}/search/?q=intro",
            f"/{lang}/search/?q=newer",
            f"/{lang}/search/?q=renamed",
            f"/{lang}/feeds/news/",
            f"/api/v2/pages/?locale={lang}&limit=100",
            f"/api/v2/pages/?locale={lang}&limit=100&fields=*&search={CANARY}",
            f"/api/v2/pages/?locale={lang}&translation_of={canary['source'].pk}",
            f"/api/v3/pages/?locale={lang}&limit=100",
            f"/api/v3/pages/?locale={lang}&search={CANARY}",
            f"/api/v3/pages/?locale={lang}&translation_of={canary['source'].pk}",
        ]
    urls += [
        "/sitemap.xml",
        f"/api/v2/pages/?translation_of={canary['source'].pk}",
        f"/api/v2/pages/{canary['public'].pk}/",
        f"/api/v3/pages/{canary['public'].pk}/",
        canary["public"].url,
        "/api/v2/images/?limit=100",
        f"/api/v2/images/?search={CANARY}",
        "/api/v2/documents/?limit=100",
        f"/api/v2/documents/?search={CANARY}",
        "/api/v3/images/?limit=100",
        "/api/v3/redirects/?limit=100",
        f"/api/v2/images/{image.pk}/",
        f"/api/v2/images/find/?id={image.pk}",
        f"/api/v3/images/{image.pk}/",
        f"/api/v2/documents/{document.pk}/",
        f"/api/v2/documents/find/?id={document.pk}",
        f"/media/{document.file.name}",
        "/api/v2/preview/?token=forged",
    ]
    for page in pages.values():
        urls += [
            f"/api/v2/pages/{page.pk}/",
            f"/api/v3/pages/{page.pk}/",
            f"/api/v2/pages/find/?id={page.pk}",
            f"/api/v3/pages/find/?id={page.pk}",
            f"/api/v2/pages/?child_of={page.pk}",
            f"/api/v2/pages/?descendant_of={page.pk}",
            f"/api/v2/pages/?translation_of={page.pk}",
            f"/api/v3/pages/?translation_of={page.pk}",
            f"/api/v2/pages/find/?html_path={page.url}",
            f"/api/v3/pages/find/?html_path={page.url}",
            f"/api/v3/redirects/find/?html_path={page.url}",
        ]
    for old_path in canary["old_paths"]:
        urls += [old_path, f"/api/v3/redirects/find/?html_path={old_path}"]
    return urls


def test_canary_content_is_on_no_public_surface(client, canary):
    pages = canary["pages"]
    canary_ids = {("page", page.pk) for page in pages.values()}
    canary_ids |= {("image", canary["image"].pk), ("document", canary["document"].pk)}
    for url in public_surfaces(canary):
        assert_no_canary(client.get(url), canary_ids, url)
    # The document's own URL asks for its collection's password (the form sends the reader
    # back to the URL they asked for); its file is not served anywhere.
    document = canary["document"]
    response = client.get(f"/documents/{document.pk}/{document.filename}")
    assert response.status_code == 200 and b"secret" not in response.content
    assert b'type="password"' in response.content
    assert client.get(f"/media/{document.file.name}").status_code == 404
    # Pages whose address is known still give nothing away: password and login forms (which
    # send the reader back to the address they asked for), 404 for the drafts.
    for page in pages.values():
        response = client.get(page.url)
        assert response.status_code in (200, 302, 404), (page.url, response.status_code)
        body = response.content.decode()
        assert page.title not in body and "intro of" not in body, page.url
        if response.status_code == 200:
            assert 'type="password"' in body, page.url


def test_redirects_lead_only_to_live_public_pages(client, canary):
    # Wagtail made a redirect for every slug change; none is followed or listed.
    for old_path in canary["old_paths"]:
        assert Redirect.objects.filter(old_path=old_path.rstrip("/")).exists(), old_path
        assert client.get(old_path).status_code == 404, old_path
    listed = client.get("/api/v3/redirects/?limit=100").json()
    assert listed["items"] == [] or all(
        item["redirect_page_id"] not in {p.pk for p in canary["pages"].values()}
        for item in listed["items"]
    )


def test_a_redirect_to_a_live_public_page_still_works(client, en_home):
    page = MissionPageFactory(parent=en_home, title="Renamed", slug="before-rename")
    old = page.url
    page.slug = "after-rename"
    before = MissionPage.objects.get(pk=page.pk)
    page.save()
    page_slug_changed.send(sender=MissionPage, instance=page, instance_before=before)
    response = client.get(old)
    assert response.status_code == 301 and response["Location"].endswith("/after-rename/")
    listed = client.get("/api/v3/redirects/?limit=100").json()["items"]
    assert page.pk in [item["redirect_page_id"] for item in listed]
    found = client.get(f"/api/v3/redirects/find/?html_path={old.rstrip('/')}")
    assert found.status_code == 302


def test_the_restricted_picture_is_left_out_of_public_pages(client, canary):
    public = canary["public"]
    body = client.get(public.url).content.decode()
    assert CANARY not in body and canary["image"].file.name not in body
    data = client.get(f"/api/v2/pages/{public.pk}/").json()
    assert data["featured_image"] is None
    assert all(block["type"] != "image" or block["value"]["id"] is None for block in data["body"])


def test_documents_are_served_only_through_wagtails_view(settings, canary):
    from django.test import RequestFactory

    from security.media import media_urlpatterns, serve_public_media

    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"
    request = RequestFactory().get("/media/x")
    with pytest.raises(Http404):
        serve_public_media(request, canary["document"].file.name)
    settings.DEBUG = True
    assert media_urlpatterns(), "the development server serves other media"
