"""Pictures for the demo articles, drawn here so that no binary file or download is needed."""

import math
import random
from io import BytesIO

from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from PIL import ImageDraw
from wagtail.images.models import Image

from home import renditions

WIDTH, HEIGHT = 1600, 900
IOM_BLUE = (0, 51, 160)
SKY = (65, 143, 222)


def draw_pattern(seed):
    """A blue gradient with translucent white circles (seed 1) or waves (seed 2)."""
    rng = random.Random(seed)
    picture = PillowImage.new("RGB", (WIDTH, HEIGHT))
    draw = ImageDraw.Draw(picture)
    for y in range(HEIGHT):
        share = y / HEIGHT
        colour = tuple(round(a + (b - a) * share) for a, b in zip(IOM_BLUE, SKY, strict=True))
        draw.line([(0, y), (WIDTH, y)], fill=colour)
    overlay = PillowImage.new("RGBA", (WIDTH, HEIGHT), (0, 0, 0, 0))
    shapes = ImageDraw.Draw(overlay)
    if seed % 2:
        for _ in range(14):
            x, y, r = rng.randint(0, WIDTH), rng.randint(0, HEIGHT), rng.randint(60, 260)
            shapes.ellipse([x - r, y - r, x + r, y + r], fill=(255, 255, 255, rng.randint(25, 70)))
    else:
        for band in range(7):
            base = HEIGHT * 0.35 + band * 70
            points = [(x, base + 40 * math.sin(x / 180 + band)) for x in range(0, WIDTH + 20, 20)]
            shapes.line(points, fill=(255, 255, 255, 60 + band * 15), width=14)
    picture = PillowImage.alpha_composite(picture.convert("RGBA"), overlay).convert("RGB")
    buffer = BytesIO()
    picture.save(buffer, format="PNG", optimize=True)
    return buffer


def create_image(title, seed, description):
    """Create (or reuse, when the loader runs again) the demo image with this title."""
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    image = Image(title=title, description=description)
    image.file = ImageFile(draw_pattern(seed), name=f"demo-{seed}.png")
    image.save()
    image.get_renditions(*renditions.ALL)
    return image
