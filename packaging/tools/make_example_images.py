"""Draw the monitoring-dashboard screenshot used by the built-in example review.

Run once when the example changes: ``python packaging/tools/make_example_images.py``. It writes
``resources/example/latency-dashboard.png`` (deterministic: fixed seed, shipped font).
"""

from __future__ import annotations

import math
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[2]
FONTS = ROOT / "resources" / "fonts"
OUT = ROOT / "resources" / "example" / "latency-dashboard.png"

W, H = 1400, 820
BG, PANEL, GRID, TEXT, MUTED = "#111217", "#181b1f", "#2c3036", "#d8d9da", "#8e9193"
START, END = 8 * 60 + 45, 10 * 60 + 15  # minutes of the day, UTC


def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(
        str(FONTS / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")), size
    )


def latency(minute: float, rng: random.Random) -> float:
    base = 0.42 + 0.05 * math.sin(minute / 7)
    if 9 * 60 + 2 <= minute < 9 * 60 + 50:
        ramp = min(1.0, (minute - (9 * 60 + 2)) / 14)
        base += ramp * (7.6 + 1.2 * math.sin(minute / 3))
    elif 9 * 60 + 50 <= minute < 10 * 60 + 0:
        base += max(0.0, 2.2 - (minute - (9 * 60 + 50)) * 0.25)
    return max(0.2, base + rng.gauss(0, 0.08 + base * 0.04))


def cpu(minute: float, rng: random.Random) -> float:
    base = 38 + 6 * math.sin(minute / 9)
    if 9 * 60 + 1 <= minute < 9 * 60 + 47:
        base = min(97, base + (minute - (9 * 60 + 1)) * 9)
    elif 9 * 60 + 47 <= minute < 9 * 60 + 55:
        base = 30 + rng.random() * 8
    elif minute >= 9 * 60 + 55:
        base = 22 + 4 * math.sin(minute / 5)
    return max(3, min(99.5, base + rng.gauss(0, 1.6)))


def panel(
    img: Image.Image,
    draw: ImageDraw.ImageDraw,
    box: tuple[int, int, int, int],
    title: str,
    unit: str,
    series: list[tuple[float, float]],
    ymax: float,
    threshold: float | None,
    color: str,
) -> None:
    x0, y0, x1, y1 = box
    draw.rounded_rectangle(box, radius=6, fill=PANEL, outline=GRID)
    draw.text((x0 + 16, y0 + 12), title, font=font(18, True), fill=TEXT)
    px0, py0, px1, py1 = x0 + 70, y0 + 50, x1 - 20, y1 - 40
    for i in range(6):
        y = py1 - (py1 - py0) * i / 5
        draw.line((px0, y, px1, y), fill=GRID)
        draw.text((x0 + 12, y - 8), f"{ymax * i / 5:g}{unit}", font=font(13), fill=MUTED)
    for m in range(START, END + 1, 15):
        x = px0 + (px1 - px0) * (m - START) / (END - START)
        draw.line((x, py0, x, py1), fill=GRID)
        draw.text((x - 18, py1 + 8), f"{m // 60:02d}:{m % 60:02d}", font=font(13), fill=MUTED)
    points = [
        (px0 + (px1 - px0) * (m - START) / (END - START), py1 - (py1 - py0) * min(v, ymax) / ymax)
        for m, v in series
    ]
    fill = [*points, (points[-1][0], py1), (points[0][0], py1)]
    overlay = Image.new("RGBA", img.size, (0, 0, 0, 0))
    ImageDraw.Draw(overlay).polygon(fill, fill=color + "40")
    img.alpha_composite(overlay)
    draw.line(points, fill=color, width=3)
    if threshold is not None:
        y = py1 - (py1 - py0) * threshold / ymax
        for x in range(px0, px1, 14):
            draw.line((x, y, x + 8, y), fill="#f2495c", width=2)
        draw.text(
            (px1 - 150, y - 20), f"alert at {threshold:g}{unit}", font=font(13), fill="#f2495c"
        )


def annotate(draw: ImageDraw.ImageDraw, minute: int, label: str, top: int, bottom: int) -> None:
    px0, px1 = 90, W - 40
    x = px0 + (px1 - px0) * (minute - START) / (END - START)
    for y in range(top, bottom, 10):
        draw.line((x, y, x, y + 5), fill="#5794f2", width=2)
    draw.text((x + 6, top), label, font=font(13, True), fill="#5794f2")


def main() -> None:
    rng = random.Random(20250312)
    img = Image.new("RGBA", (W, H), BG)
    draw = ImageDraw.Draw(img, "RGBA")
    draw.rectangle((0, 0, W, 48), fill="#0b0c0e")
    draw.text(
        (20, 13), "payments / checkout-api  ›  Service health", font=font(18, True), fill=TEXT
    )
    draw.text((W - 360, 15), "Last 90 min · 2025-03-12 · UTC", font=font(15), fill=MUTED)
    minutes = [START + i / 2 for i in range((END - START) * 2 + 1)]
    panel(
        img,
        draw,
        (20, 64, W - 20, 430),
        "checkout-api · p95 response time",
        "s",
        [(m, latency(m, rng)) for m in minutes],
        10,
        5,
        "#ff9830",
    )
    panel(
        img,
        draw,
        (20, 446, W - 20, H - 16),
        "orders-db (primary) · CPU utilisation",
        "%",
        [(m, cpu(m, rng)) for m in minutes],
        100,
        None,
        "#73bf69",
    )
    annotate(draw, 9 * 60 + 15, "alert fired", 110, 400)
    annotate(draw, 9 * 60 + 45, "instance resized", 490, 770)
    img.convert("RGB").save(OUT, optimize=True)
    print(f"wrote {OUT} ({OUT.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
