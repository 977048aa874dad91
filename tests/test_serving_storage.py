"""`serving.storage.MediaStorage`: Django's file system storage, the same URLs without
`urljoin` where joining is concatenation."""

from urllib.parse import urljoin

import pytest
from django.core.files.storage import FileSystemStorage, default_storage
from django.utils.encoding import filepath_to_uri

from serving.storage import MediaStorage

NAMES = [
    "images/picture.max-800x600.jpg",
    "images/მიგრაცია 2021.jpg",
    "documents/report (final)?v=2#top.pdf",
    "original_images/a:b;c.png",
    "/images/leading-slash.jpg",
    "images/./dot.jpg",
    "images/../up.jpg",
    "images/.hidden.jpg",
    "",
]
BASES = ["/media/", "https://cdn.example.org/media/", "/media", "/a/./media/", "/a/../media/"]


@pytest.mark.parametrize("base", BASES)
def test_the_urls_djangos_storage_gives(base):
    ours, djangos = MediaStorage(base_url=base), FileSystemStorage(base_url=base)
    for name in NAMES:
        assert ours.url(name) == djangos.url(name), (base, name)
    assert ours.url(NAMES[0]) == urljoin(djangos.base_url, filepath_to_uri(NAMES[0]))


def test_uploads_use_it():
    assert isinstance(default_storage, MediaStorage)  # (a lazy object passes isinstance)
