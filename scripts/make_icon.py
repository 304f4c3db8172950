"""Draw RegDesk's icon (resources/icons/regdesk.png and .ico) with Pillow: a green rounded
square, a white card with a check mark. Run again after changing the drawing:

    .venv/bin/python scripts/make_icon.py
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "resources" / "icons"
GREEN, DARK, WHITE = (0, 133, 66, 255), (0, 92, 46, 255), (255, 255, 255, 255)


def draw(size: int = 256) -> Image.Image:
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(image)
    s = size / 256
    d.rounded_rectangle((8 * s, 8 * s, 248 * s, 248 * s), radius=48 * s, fill=GREEN)
    d.rounded_rectangle((40 * s, 64 * s, 216 * s, 192 * s), radius=16 * s, fill=WHITE)
    d.rectangle((40 * s, 88 * s, 216 * s, 108 * s), fill=DARK)  # the card's stripe
    d.line([(78 * s, 146 * s), (108 * s, 172 * s), (172 * s, 122 * s)], fill=GREEN,
           width=max(2, round(18 * s)), joint="curve")
    return image


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    image = draw()
    image.save(OUT / "regdesk.png")
    image.save(OUT / "regdesk.ico", sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64),
                                           (128, 128), (256, 256)])


if __name__ == "__main__":
    main()
