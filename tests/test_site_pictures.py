"""Responsive pictures (home/renditions.py): one alternative text per use, and none at all when
nobody described the picture, so the content checker reports it (alt="" would say decorative,
and Wagtail would fill in the file's title)."""

import pytest
import wagtail_factories

from home import renditions


@pytest.mark.django_db
def test_a_picture_nobody_described_has_no_alt_attribute():
    image = wagtail_factories.ImageFactory(title="IMG_2034", description="")
    assert "alt=" not in str(renditions.picture(image, "inline", None))
    assert 'alt="A harbour at dawn"' in str(
        renditions.picture(image, "inline", "A harbour at dawn")
    )
    assert 'alt=""' in str(renditions.picture(image, "card", ""))  # decorative, said so
