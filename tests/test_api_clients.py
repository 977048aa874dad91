"""Typed clients, generated at test time from the live OpenAPI documents.

- Python: `openapi-python-client` generates a client for v2 and one for v3, with no warning
  and no skipped endpoint; the clients then fetch, typed, the Georgian menu, the newest
  Georgian article with its quote, press-contact and image blocks, the footer and topics.
- TypeScript: `openapi-typescript` generates v2's types and `tsc --noEmit` type-checks the
  small consumer in examples/consumer/ that renders a Georgian article.
Slow: they run real tools (`make test-slow`).
"""

import importlib
import json
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = Path(sys.executable).parent / "openapi-python-client"
NODE_BIN = ROOT / "node_modules" / ".bin"


def fetch_document(live_url, version, directory):
    with urllib.request.urlopen(f"{live_url}/api/{version}/openapi.json", timeout=60) as answer:
        document = json.load(answer)
    path = directory / f"{version}.json"
    path.write_text(json.dumps(document, ensure_ascii=False))
    return path


def generate_client(document, directory, package):
    config = directory / "generator.yaml"
    config.write_text("post_hooks: []\n")  # no formatter run on the generated code
    result = subprocess.run(
        [GENERATOR, "generate", "--path", document, "--meta", "none"]
        + ["--output-path", directory / package, "--config", config],
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Warning" not in output and "will not be generated" not in output, output
    sys.path.insert(0, str(directory))
    importlib.invalidate_caches()
    return package


@pytest.fixture
def clients(live_url, tmp_path):
    if not GENERATOR.exists():
        pytest.skip("openapi-python-client is not installed (pip install -e '.[test]')")
    packages = {}
    for version in ("v2", "v3"):
        document = fetch_document(live_url, version, tmp_path)
        packages[version] = generate_client(document, tmp_path, f"iom_{version}_client")
    yield packages
    sys.path.remove(str(tmp_path))
    for name in list(sys.modules):
        if name.startswith(("iom_v2_client", "iom_v3_client")):
            del sys.modules[name]


def module(package, name):
    return importlib.import_module(f"{package}.{name}")


def check_articles(articles, models, article_class):
    """The newest article has typed quote and image blocks; the demo's press contact is in
    the older one (the newest story has none)."""
    blocks = {}
    for article in reversed(articles):  # the newest wins
        assert isinstance(article, getattr(models, article_class))
        assert article.meta.locale == "ka"
        blocks.update({type(block).__name__: block for block in article.body})
    newest = {type(block).__name__ for block in articles[0].body}
    assert {"ArticleStreamBlockQuote", "ArticleStreamBlockImage"} <= newest
    quote = blocks["ArticleStreamBlockQuote"].value
    assert isinstance(quote, models.QuoteBlock) and quote.attribution
    contact = blocks["ArticleStreamBlockContact"].value
    assert isinstance(contact, models.ContactBlock) and contact.name
    image = blocks["ArticleStreamBlockImage"].value
    assert isinstance(image, models.CaptionedImageBlock)
    assert image.renditions.medium.url.startswith("http")
    assert articles[0].date_display == "16 მარტი, 2021"


def test_python_clients_read_the_georgian_site(clients, live_url):
    for version, package in clients.items():
        client_module = importlib.import_module(package)
        client = client_module.Client(base_url=live_url)
        models = module(package, "models")
        group = "default" if version == "v2" else "site"
        pages = "default" if version == "v2" else "pages"

        navigation = module(package, f"api.{group}.navigation_get").sync(
            client=client, locale=models.NavigationGetLocale.KA
        )
        assert isinstance(navigation, models.Navigation)
        who_we_are = next(i for i in navigation.items if i.html_path == "/ka/vin-vart-chven/")
        assert who_we_are.children and all(
            isinstance(c, models.MenuItem) for c in who_we_are.children
        )

        listing = module(package, f"api.{pages}.pages_list").sync(
            client=client,
            type_="newsroom.NewsArticlePage",
            locale=models.PagesListLocale.KA,
            order="-date",
            limit=10,
        )
        detail = module(package, f"api.{pages}.pages_detail")
        articles = [detail.sync(item.id, client=client) for item in listing.items]
        article_class = "NewsArticlePage" if version == "v2" else "NewsArticlePageSchema"
        check_articles(articles, models, article_class)

        footer = module(package, f"api.{group}.footer_get").sync(
            client=client, locale=models.FooterGetLocale.KA
        )
        assert isinstance(footer, models.Footer) and footer.organisation
        topics = module(package, f"api.{group}.topics_get").sync(
            client=client, locale=models.TopicsGetLocale.KA
        )
        assert all(isinstance(topic, models.Topic) for topic in topics.items)
        assert sum(topic.article_count for topic in topics.items) > 0


def test_typescript_consumer_type_checks(live_url, tmp_path):
    if not (NODE_BIN / "openapi-typescript").exists() or not (NODE_BIN / "tsc").exists():
        pytest.skip("openapi-typescript / tsc missing: run `npm ci`")
    document = fetch_document(live_url, "v2", tmp_path)
    for name in ("article.ts", "tsconfig.json"):
        shutil.copy(ROOT / "examples" / "consumer" / name, tmp_path / name)
    generated = subprocess.run(
        [NODE_BIN / "openapi-typescript", document, "-o", tmp_path / "api-v2.ts"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert generated.returncode == 0, generated.stdout + generated.stderr
    checked = subprocess.run(
        [NODE_BIN / "tsc", "--noEmit", "-p", tmp_path],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
