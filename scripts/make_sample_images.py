#!/usr/bin/env python3
"""Draw the illustrative sample images used by the sample content.

Every picture is drawn from scratch with Pillow (gradients and simple
shapes: mountains, terraced fields, tea hills, a market stall, a bus, a
dam, a hospital, gift boxes...). Nothing is downloaded or copied.

Output: JPEG files under ``content/images/`` at the paths referenced by
the articles (``Image:`` headers and inline images) and by
``content/data/campaigns.yml``.

One picture (``images/2026/02/truc-giao-thua.jpg``) imitates a phone
photo: its pixels are stored rotated and carry EXIF ``Orientation = 6``
plus a GPS position in Lai Châu, so that image handling code can be
tested against real-world EXIF.

The script is deterministic: every image uses its own ``random.Random``
seeded from a fixed number and the image name.

Usage::

    .venv/bin/python scripts/make_sample_images.py [--out content]
"""

from __future__ import annotations

import argparse
import math
import random
import zlib
from pathlib import Path

from PIL import ExifTags, Image, ImageDraw, ImageFilter

SEED = 20240101
QUALITY = 82
SS = 2  # supersampling factor: draw large, scale down for smooth edges

# --------------------------------------------------------------------------
# Palette
# --------------------------------------------------------------------------
SKY_DAY = ((120, 175, 225), (214, 233, 245))
SKY_DAWN = ((160, 180, 215), (250, 222, 196))
SKY_NIGHT = ((12, 18, 48), (44, 52, 98))
RED = (196, 30, 36)
DEEP_RED = (150, 18, 26)
GOLD = (246, 196, 48)
CREAM = (250, 244, 228)
PEACH = (242, 150, 176)
GREENS = [(64, 128, 60), (86, 150, 70), (110, 170, 80), (140, 186, 92)]
SKIN = (214, 170, 130)
DARK = (40, 40, 52)


# --------------------------------------------------------------------------
# Canvas helpers
# --------------------------------------------------------------------------
class Canvas:
    """A supersampled RGB canvas addressed in normalised coordinates."""

    def __init__(self, w: int, h: int, rng: random.Random):
        self.out_size = (w, h)
        self.W, self.H = w * SS, h * SS
        self.img = Image.new("RGB", (self.W, self.H), (255, 255, 255))
        self.d = ImageDraw.Draw(self.img)
        self.rng = rng

    # coordinate helpers ---------------------------------------------------
    def p(self, x: float, y: float) -> tuple[int, int]:
        return int(x * self.W), int(y * self.H)

    def box(self, x0, y0, x1, y1):
        return [self.p(x0, y0), self.p(x1, y1)]

    def s(self, v: float) -> int:
        """A length relative to the shorter side."""
        return max(1, int(v * min(self.W, self.H)))

    # drawing helpers ------------------------------------------------------
    def gradient(self, top, bottom, y0=0.0, y1=1.0):
        h = max(1, int((y1 - y0) * self.H))
        mask = Image.linear_gradient("L").resize((self.W, h))
        band = Image.composite(
            Image.new("RGB", (self.W, h), bottom),
            Image.new("RGB", (self.W, h), top),
            mask,
        )
        self.img.paste(band, (0, int(y0 * self.H)))

    def poly(self, pts, fill, outline=None, width=1):
        self.d.polygon([self.p(x, y) for x, y in pts], fill=fill, outline=outline,
                       width=width)

    def rect(self, x0, y0, x1, y1, fill, outline=None, width=1, radius=0):
        if radius:
            self.d.rounded_rectangle(self.box(x0, y0, x1, y1), radius=self.s(radius),
                                     fill=fill, outline=outline, width=width)
        else:
            self.d.rectangle(self.box(x0, y0, x1, y1), fill=fill, outline=outline,
                             width=width)

    def ellipse(self, cx, cy, rx, ry, fill, outline=None, width=1):
        """Ellipse centred at (cx, cy); rx is relative to width, ry to height."""
        self.d.ellipse(self.box(cx - rx, cy - ry, cx + rx, cy + ry), fill=fill,
                       outline=outline, width=width)

    def circle(self, cx, cy, r, fill, outline=None, width=1):
        """A true circle; r is relative to the shorter side."""
        x, y = self.p(cx, cy)
        rr = self.s(r)
        self.d.ellipse([x - rr, y - rr, x + rr, y + rr], fill=fill, outline=outline,
                       width=width)

    def line(self, pts, fill, width):
        self.d.line([self.p(x, y) for x, y in pts], fill=fill, width=self.s(width),
                    joint="curve")

    def blur_layer(self, draw_fn, radius):
        """Draw on a transparent layer, blur it and composite it."""
        layer = Image.new("RGBA", (self.W, self.H), (0, 0, 0, 0))
        saved_img, saved_d = self.img, self.d
        self.img, self.d = layer, ImageDraw.Draw(layer)
        draw_fn()
        self.img, self.d = saved_img, saved_d
        layer = layer.filter(ImageFilter.GaussianBlur(radius * SS))
        self.img.paste(layer, (0, 0), layer)

    def result(self) -> Image.Image:
        return self.img.resize(self.out_size, Image.Resampling.LANCZOS)


def mix(c1, c2, t: float):
    return tuple(int(a + (b - a) * t) for a, b in zip(c1, c2))


def ridge(rng: random.Random, base: float, amp: float, n: int = 7, steps: int = 120):
    """A mountain ridge: y(x) as a sum of random sines, sampled on [0, 1]."""
    waves = [(rng.uniform(0.6, 1.0) / (k + 1), rng.uniform(1, 3) * (k + 1),
              rng.uniform(0, math.tau)) for k in range(n)]
    pts = []
    for i in range(steps + 1):
        x = i / steps
        y = base - amp * sum(a * math.sin(f * math.pi * x + ph) for a, f, ph in waves) / 1.6
        pts.append((x, y))
    return pts


# --------------------------------------------------------------------------
# Scene building blocks
# --------------------------------------------------------------------------
def mountains(c: Canvas, layers=4, top=0.25, bottom=0.62, far=(150, 170, 200),
              near=(54, 104, 66), haze=0.0):
    for i in range(layers):
        t = i / max(1, layers - 1)
        base = top + (bottom - top) * t
        col = mix(far, near, t)
        pts = ridge(c.rng, base, 0.10 - 0.04 * t)
        poly = pts + [(1, 1), (0, 1)]
        if i == 0 and haze:
            c.blur_layer(lambda: c.poly(poly, fill=col + (255,)), haze)
        else:
            c.poly(poly, fill=col)


def sun(c: Canvas, x, y, r, col=(255, 236, 180)):
    c.blur_layer(lambda: c.circle(x, y, r * 2.2, fill=col + (90,)), 30)
    c.circle(x, y, r, fill=col)


def clouds(c: Canvas, n=4, y0=0.08, y1=0.3, col=(255, 255, 255, 170)):
    def draw():
        for _ in range(n):
            cx, cy = c.rng.uniform(0.05, 0.95), c.rng.uniform(y0, y1)
            for _ in range(5):
                c.ellipse(cx + c.rng.uniform(-0.06, 0.06), cy + c.rng.uniform(-0.02, 0.02),
                          c.rng.uniform(0.04, 0.08), c.rng.uniform(0.02, 0.04), fill=col)
    c.blur_layer(draw, 8)


def terraces(c: Canvas, y_top=0.55, y_bottom=1.0, bands=14, palette=None, tilt=0.08):
    palette = palette or [(122, 168, 66), (150, 186, 78), (176, 196, 92), (104, 150, 60)]
    ph = c.rng.uniform(0, math.tau)
    prev = None
    for i in range(bands + 1):
        t = i / bands
        base = y_top + (y_bottom - y_top) * t ** 0.9
        pts = [(x / 60, base + tilt * math.sin(x / 60 * math.pi * 1.6 + ph + t)
                * (0.4 + t) * 0.4 - tilt * 0.5 * (x / 60)) for x in range(61)]
        if prev is not None:
            col = palette[i % len(palette)]
            c.poly(prev + pts[::-1], fill=col)
            c.line(pts, fill=mix(col, (60, 80, 40), 0.5), width=0.002)
        prev = pts


def tea_hills(c: Canvas, y_top=0.45, hills=5, rows=9):
    for h in range(hills):
        t = h / max(1, hills - 1)
        cx = c.rng.uniform(0.0, 1.0)
        cy = y_top + 0.12 * h
        rx = c.rng.uniform(0.3, 0.5)
        ry = 0.18 + 0.05 * t
        base = mix((120, 170, 110), (60, 130, 56), t)
        c.ellipse(cx, cy + ry, rx, ry, fill=base)
        # rows of tea bushes following the hill's contour
        for r in range(1, rows):
            rr = r / rows
            pts = []
            for k in range(41):
                a = math.pi + math.pi * k / 40
                pts.append((cx + rx * rr * 1.05 * math.cos(a) * 0.98,
                            cy + ry + ry * rr * 1.0 * math.sin(a) * 0.98))
            c.line(pts, fill=mix(base, (30, 80, 30), 0.45), width=0.006 * (0.6 + t))


def person(c: Canvas, x, y, h, shirt, hat=None, back=False, skin=SKIN):
    """A simple standing figure; (x, y) is the feet position, h its height."""
    hw = h * c.H / c.W  # keep proportions on non-square canvases
    head_r = h * 0.11
    c.rect(x - hw * 0.09, y - h * 0.45, x + hw * 0.09, y, fill=(50, 56, 80))  # legs
    c.poly([(x - hw * 0.17, y - h * 0.42), (x + hw * 0.17, y - h * 0.42),
            (x + hw * 0.13, y - h * 0.78), (x - hw * 0.13, y - h * 0.78)], fill=shirt)
    cy = y - h * 0.78 - head_r * 0.9
    c.circle(x, cy, head_r * c.H / min(c.W, c.H), fill=(40, 30, 30) if back else skin)
    if hat == "conical":
        c.poly([(x - hw * 0.26, cy + head_r * 0.1), (x + hw * 0.26, cy + head_r * 0.1),
                (x, cy - head_r * 1.6)], fill=(232, 214, 160))
    elif hat == "helmet":
        c.d.chord(c.box(x - hw * 0.13, cy - head_r * 1.2, x + hw * 0.13, cy + head_r * 0.6),
                  180, 360, fill=(250, 200, 30))
    elif hat == "cap":
        c.rect(x - hw * 0.09, cy - head_r * 1.3, x + hw * 0.09, cy - head_r * 0.6,
               fill=(250, 250, 250))


def crowd_from_behind(c: Canvas, y0=0.78, rows=4, per_row=16, helmets=False):
    for r in range(rows):
        y = y0 + r * 0.07
        size = 0.035 + r * 0.008
        for i in range(per_row):
            x = (i + 0.5 + (r % 2) * 0.5) / per_row + c.rng.uniform(-0.01, 0.01)
            shirt = c.rng.choice([(40, 80, 150), (240, 240, 240), (60, 110, 170),
                                  (200, 60, 50), (90, 90, 110)])
            c.ellipse(x, y + size * 1.6, size * 1.1 * c.H / c.W, size * 1.3, fill=shirt)
            c.circle(x, y, size * c.H / min(c.W, c.H) * 0.75, fill=(30, 26, 26))
            if helmets:
                hr = size * 0.8
                c.d.chord(c.box(x - hr * c.H / c.W, y - hr, x + hr * c.H / c.W, y + hr * 0.5),
                          180, 360, fill=c.rng.choice([(250, 200, 30), (250, 250, 250)]))


def star(c: Canvas, cx, cy, r, fill):
    pts = []
    for k in range(10):
        a = -math.pi / 2 + k * math.pi / 5
        rr = r if k % 2 == 0 else r * 0.4
        pts.append((cx + rr * math.cos(a) * c.H / c.W, cy + rr * math.sin(a)))
    c.poly(pts, fill=fill)


def flag(c: Canvas, x, y, w, h, pole=True):
    if pole:
        c.rect(x - 0.003, y, x, y + h * 4, fill=(200, 200, 200))
    c.rect(x, y, x + w, y + h, fill=RED)
    star(c, x + w / 2, y + h / 2, h * 0.32, GOLD)


def lantern(c: Canvas, x, y, r):
    c.line([(x, y - r * 2.2), (x, y - r)], fill=(90, 60, 30), width=0.002)
    c.ellipse(x, y, r * 0.8 * c.H / c.W, r, fill=RED)
    c.rect(x - r * 0.3 * c.H / c.W, y - r * 1.05, x + r * 0.3 * c.H / c.W, y - r * 0.85,
           fill=GOLD)
    c.line([(x, y + r), (x, y + r * 1.6)], fill=GOLD, width=0.003)


def peach_branch(c: Canvas, x0, y0, x1, y1, blossoms=40, col=PEACH):
    pts = [(x0 + (x1 - x0) * t + 0.02 * math.sin(t * 9), y0 + (y1 - y0) * t)
           for t in [i / 12 for i in range(13)]]
    c.line(pts, fill=(96, 60, 40), width=0.008)
    for _ in range(6):
        i = c.rng.randrange(2, 11)
        bx, by = pts[i]
        tx = bx + c.rng.uniform(-0.08, 0.08)
        ty = by + c.rng.uniform(-0.1, 0.02)
        c.line([(bx, by), (tx, ty)], fill=(96, 60, 40), width=0.004)
        pts.append((tx, ty))
    for _ in range(blossoms):
        bx, by = c.rng.choice(pts)
        bx += c.rng.uniform(-0.02, 0.02)
        by += c.rng.uniform(-0.02, 0.02)
        c.circle(bx, by, c.rng.uniform(0.006, 0.012), fill=mix(col, (255, 255, 255),
                                                                 c.rng.uniform(0, 0.4)))
        c.circle(bx, by, 0.003, fill=(200, 60, 90))


def gift(c: Canvas, x, y, w, h, col, ribbon=GOLD):
    """A gift box standing on (x, y) bottom-left."""
    c.rect(x, y - h, x + w, y, fill=col)
    c.rect(x - w * 0.05, y - h - h * 0.18, x + w * 1.05, y - h, fill=mix(col, (0, 0, 0), 0.15))
    c.rect(x + w * 0.44, y - h * 1.18, x + w * 0.56, y, fill=ribbon)
    c.ellipse(x + w * 0.38, y - h * 1.28, w * 0.13, h * 0.1, fill=ribbon)
    c.ellipse(x + w * 0.62, y - h * 1.28, w * 0.13, h * 0.1, fill=ribbon)


def stall(c: Canvas, x, y_top, w, h, stripe=(RED, CREAM)):
    """A market stall with a striped awning; (x, y_top) is the awning's top left."""
    n = 8
    for i in range(n):
        c.poly([(x + w * i / n, y_top), (x + w * (i + 1) / n, y_top),
                (x + w * (i + 1) / n + 0.004, y_top + h * 0.22),
                (x + w * i / n - 0.004, y_top + h * 0.22)], fill=stripe[i % 2])
    for i in range(n):  # scalloped edge
        c.d.pieslice(c.box(x + w * i / n, y_top + h * 0.17, x + w * (i + 1) / n,
                           y_top + h * 0.27), 0, 180, fill=stripe[i % 2])
    c.rect(x + 0.004, y_top + h * 0.22, x + 0.01, y_top + h, fill=(110, 80, 50))
    c.rect(x + w - 0.01, y_top + h * 0.22, x + w - 0.004, y_top + h, fill=(110, 80, 50))
    c.rect(x - 0.01, y_top + h * 0.68, x + w + 0.01, y_top + h * 0.76, fill=(150, 100, 60))
    c.rect(x, y_top + h * 0.76, x + w, y_top + h, fill=(126, 84, 50))
    # goods on the table
    gx = x + 0.02
    while gx < x + w - 0.05:
        gw = c.rng.uniform(0.02, 0.045)
        gh = c.rng.uniform(0.05, 0.14) * h
        col = c.rng.choice([RED, GOLD, (60, 140, 70), (236, 120, 40), (240, 240, 235),
                            (90, 130, 200)])
        c.rect(gx, y_top + h * 0.68 - gh, gx + gw, y_top + h * 0.68, fill=col,
               outline=mix(col, (0, 0, 0), 0.3), width=SS)
        gx += gw + 0.006


def bus(c: Canvas, x, y, w, h, body=(30, 120, 190)):
    """A coach; (x, y) is the bottom-left at road level."""
    c.rect(x, y - h, x + w, y - h * 0.12, fill=body, radius=0.02)
    c.rect(x, y - h * 0.45, x + w, y - h * 0.36, fill=(250, 250, 250))
    for i in range(7):
        wx = x + w * (0.04 + i * 0.125)
        c.rect(wx, y - h * 0.9, wx + w * 0.1, y - h * 0.55, fill=(180, 220, 240),
               radius=0.004)
    c.rect(x + w * 0.9, y - h * 0.9, x + w * 0.99, y - h * 0.45, fill=(160, 205, 235),
           radius=0.006)
    for wx in (0.2, 0.8):
        cx, cy = x + w * wx, y - h * 0.12
        c.circle(cx, cy, h * 0.17 * c.H / min(c.W, c.H), fill=(30, 30, 30))
        c.circle(cx, cy, h * 0.08 * c.H / min(c.W, c.H), fill=(170, 170, 170))
    c.rect(x + w * 0.97, y - h * 0.3, x + w, y - h * 0.2, fill=GOLD)


def house(c: Canvas, x, y, w, h, wall=(246, 214, 120), roof=(190, 50, 40)):
    c.rect(x, y - h, x + w, y, fill=wall)
    c.poly([(x - w * 0.08, y - h), (x + w * 1.08, y - h), (x + w * 0.86, y - h * 1.55),
            (x + w * 0.14, y - h * 1.55)], fill=roof)
    c.rect(x + w * 0.42, y - h * 0.62, x + w * 0.58, y, fill=(120, 74, 40))
    for wx in (0.12, 0.7):
        c.rect(x + w * wx, y - h * 0.7, x + w * (wx + 0.18), y - h * 0.35,
               fill=(150, 200, 230), outline=(255, 255, 255), width=2 * SS)


def stilt_house(c: Canvas, x, y, w, h):
    for k in range(5):
        px = x + w * k / 4
        c.rect(px - 0.002, y - h * 0.35, px + 0.002, y, fill=(90, 60, 40))
    c.rect(x, y - h * 0.75, x + w, y - h * 0.35, fill=(150, 104, 64))
    c.poly([(x - w * 0.15, y - h * 0.75), (x + w * 1.15, y - h * 0.75),
            (x + w * 0.85, y - h * 1.15), (x + w * 0.15, y - h * 1.15)], fill=(96, 74, 58))


def tree(c: Canvas, x, y, h, col=(52, 112, 58)):
    c.rect(x - 0.003, y - h * 0.4, x + 0.003, y, fill=(90, 60, 40))
    c.ellipse(x, y - h * 0.65, h * 0.28 * c.H / c.W, h * 0.38, fill=col)


def wire(c: Canvas, a, b, sag=0.04, col=(40, 40, 40)):
    pts = []
    for k in range(31):
        t = k / 30
        pts.append((a[0] + (b[0] - a[0]) * t,
                    a[1] + (b[1] - a[1]) * t + sag * 4 * t * (1 - t)))
    c.line(pts, fill=col, width=0.0016)


def pylon(c: Canvas, x, y, h):
    w = h * 0.22 * c.H / c.W
    col = (70, 74, 84)
    c.line([(x - w, y), (x - w * 0.15, y - h)], fill=col, width=0.003)
    c.line([(x + w, y), (x + w * 0.15, y - h)], fill=col, width=0.003)
    for k in range(6):
        t0, t1 = k / 6, (k + 1) / 6
        xl0 = x - w + (w * 0.85) * t0
        xr1 = x + w - (w * 0.85) * t1
        c.line([(xl0, y - h * t0), (xr1, y - h * t1)], fill=col, width=0.0015)
        xr0 = x + w - (w * 0.85) * t0
        xl1 = x - w + (w * 0.85) * t1
        c.line([(xr0, y - h * t0), (xl1, y - h * t1)], fill=col, width=0.0015)
    for arm in (0.8, 0.95):
        c.line([(x - w * 1.4, y - h * arm), (x + w * 1.4, y - h * arm)], fill=col,
               width=0.003)
    return [(x - w * 1.3, y - h * 0.8), (x + w * 1.3, y - h * 0.8), (x, y - h * 0.95)]


def fireworks(c: Canvas, cx, cy, r, col):
    def draw():
        for k in range(24):
            a = k * math.tau / 24
            c.line([(cx + r * 0.2 * math.cos(a) * c.H / c.W, cy + r * 0.2 * math.sin(a)),
                    (cx + r * math.cos(a) * c.H / c.W, cy + r * math.sin(a))],
                   fill=col + (230,), width=0.003)
            c.circle(cx + r * math.cos(a) * c.H / c.W, cy + r * math.sin(a), 0.004,
                     fill=(255, 255, 255, 255))
    c.blur_layer(draw, 1.5)


def stars_sky(c: Canvas, n=120, y1=0.5):
    for _ in range(n):
        c.circle(c.rng.random(), c.rng.uniform(0, y1), c.rng.uniform(0.0008, 0.002),
                 fill=(255, 255, 230))


# --------------------------------------------------------------------------
# Scenes (one function per picture type)
# --------------------------------------------------------------------------
def scene_stage(c: Canvas, variant="hall"):
    """A ceremony: red backdrop with star and flags, audience from behind."""
    c.gradient((90, 60, 60), (150, 120, 110))
    c.rect(0.08, 0.08, 0.92, 0.6, fill=RED)
    c.rect(0.08, 0.08, 0.92, 0.14, fill=DEEP_RED)
    star(c, 0.5, 0.3, 0.13, GOLD)
    for i in range(9):  # bunting
        x = 0.12 + i * 0.09
        c.poly([(x, 0.14), (x + 0.06, 0.14), (x + 0.03, 0.2)], fill=GOLD if i % 2 else CREAM)
    c.rect(0.25, 0.44, 0.75, 0.5, fill=CREAM)  # banner strip (no text)
    for x in (0.03, 0.94):
        flag(c, x, 0.12, 0.04, 0.08)
    c.rect(0.0, 0.6, 1.0, 0.66, fill=(120, 70, 50))  # stage edge
    # flowers in front of the stage
    for i in range(14):
        c.circle(0.1 + i * 0.06, 0.6, 0.02, fill=c.rng.choice([GOLD, (240, 90, 60), PEACH]))
    if variant == "table":
        for i in range(6):
            person(c, 0.25 + i * 0.1, 0.58, 0.2, c.rng.choice([(40, 60, 120), (240, 240, 240),
                                                               (60, 60, 70)]))
        c.rect(0.18, 0.52, 0.82, 0.62, fill=(236, 236, 240))
    crowd_from_behind(c, 0.74, rows=4, per_row=14, helmets=(variant == "workers"))


def scene_outdoor_ceremony(c: Canvas):
    """Workers in blue uniforms and helmets before an outdoor stage, dam behind."""
    c.gradient(*SKY_DAY)
    clouds(c, 3, 0.05, 0.2)
    mountains(c, 3, 0.22, 0.45, haze=3)
    c.rect(0.2, 0.32, 0.8, 0.62, fill=RED)
    star(c, 0.5, 0.45, 0.09, GOLD)
    for x in (0.12, 0.86):
        flag(c, x, 0.2, 0.05, 0.08)
    c.rect(0.0, 0.62, 1.0, 1.0, fill=(160, 150, 140))
    for r in range(3):
        for i in range(13):
            x = 0.06 + i * 0.072 + (r % 2) * 0.03
            person(c, x, 0.82 + r * 0.08, 0.22 + r * 0.03, (40, 90, 170), hat="helmet",
                   back=True)


def scene_market(c: Canvas, lanterns=False):
    c.gradient(*SKY_DAWN)
    mountains(c, 3, 0.25, 0.42, far=(170, 180, 205), near=(90, 130, 100), haze=3)
    c.rect(0.0, 0.55, 1.0, 1.0, fill=(196, 186, 170))
    for i in range(3):
        stall(c, 0.03 + i * 0.33, 0.32, 0.28, 0.4,
              stripe=(RED, CREAM) if i != 1 else ((230, 120, 30), CREAM))
    if lanterns:
        for i in range(12):
            lantern(c, 0.04 + i * 0.085, 0.12 + 0.03 * math.sin(i), 0.03)
        c.line([(0, 0.06), (1, 0.06)], fill=(90, 60, 30), width=0.002)
    for i in range(9):
        person(c, c.rng.uniform(0.05, 0.95), c.rng.uniform(0.88, 0.98), 0.26,
               c.rng.choice([(200, 60, 50), (40, 90, 150), (60, 140, 80), (240, 200, 60)]),
               back=True)


def scene_bus(c: Canvas):
    c.gradient(*SKY_DAY)
    sun(c, 0.82, 0.16, 0.05)
    clouds(c, 4)
    mountains(c, 4, 0.22, 0.55, haze=4)
    # winding road
    road = [(x / 40, 0.78 - 0.12 * math.sin(x / 40 * math.pi * 1.2) * (x / 40)) for x in
            range(41)]
    c.line(road, fill=(110, 110, 115), width=0.09)
    c.line(road, fill=(240, 240, 240), width=0.004)
    c.rect(0.0, 0.86, 1.0, 1.0, fill=(70, 120, 60))
    bus(c, 0.3, 0.8, 0.34, 0.17)
    for x in (0.08, 0.14, 0.78, 0.9):
        tree(c, x, 0.9, 0.18)


def scene_hospital_night(c: Canvas):
    c.gradient(*SKY_NIGHT, 0, 0.7)
    stars_sky(c, 80, 0.4)
    fireworks(c, 0.2, 0.18, 0.1, (250, 90, 90))
    fireworks(c, 0.78, 0.14, 0.08, (250, 220, 90))
    c.rect(0.0, 0.7, 1.0, 1.0, fill=(60, 60, 70))
    c.rect(0.22, 0.3, 0.78, 0.74, fill=(220, 222, 226))
    c.rect(0.44, 0.22, 0.56, 0.3, fill=(220, 222, 226))
    c.rect(0.47, 0.235, 0.53, 0.285, fill=(250, 250, 250))
    c.rect(0.492, 0.24, 0.508, 0.28, fill=RED)
    c.rect(0.475, 0.252, 0.525, 0.268, fill=RED)
    for r in range(5):
        for k in range(10):
            lit = c.rng.random() < 0.7
            c.rect(0.25 + k * 0.052, 0.34 + r * 0.07, 0.28 + k * 0.052, 0.38 + r * 0.07,
                   fill=(250, 220, 120) if lit else (80, 90, 110))
    c.rect(0.45, 0.64, 0.55, 0.74, fill=(140, 200, 230))
    # ambulance
    c.rect(0.6, 0.76, 0.8, 0.86, fill=(245, 245, 245), radius=0.01)
    c.rect(0.75, 0.78, 0.79, 0.82, fill=(150, 200, 230))
    c.rect(0.66, 0.79, 0.68, 0.83, fill=RED)
    c.rect(0.65, 0.80, 0.69, 0.82, fill=RED)
    for wx in (0.64, 0.76):
        c.circle(wx, 0.86, 0.02, fill=(20, 20, 20))
    c.blur_layer(lambda: c.circle(0.7, 0.755, 0.02, fill=(80, 140, 255, 200)), 6)


def scene_infographic(c: Canvas):
    c.gradient((250, 246, 238), (238, 230, 214))
    c.rect(0.0, 0.0, 1.0, 0.1, fill=RED)
    star(c, 0.05, 0.05, 0.035, GOLD)
    # bar chart
    c.rect(0.05, 0.16, 0.55, 0.92, fill=(255, 255, 255), radius=0.02)
    vals = [0.55, 0.72, 0.4, 0.85, 0.63, 0.5]
    for i, v in enumerate(vals):
        x = 0.1 + i * 0.075
        c.rect(x, 0.86 - 0.6 * v, x + 0.05, 0.86, fill=RED if i == 3 else (230, 120, 60),
               radius=0.005)
    c.line([(0.08, 0.86), (0.52, 0.86)], fill=DARK, width=0.004)
    # pie chart
    c.rect(0.6, 0.16, 0.95, 0.56, fill=(255, 255, 255), radius=0.02)
    cx, cy = c.p(0.775, 0.36)
    r = c.s(0.15)
    start = -90
    for share, col in ((31, RED), (24, (236, 140, 50)), (19, GOLD), (26, (80, 130, 190))):
        end = start + share * 3.6
        c.d.pieslice([cx - r, cy - r, cx + r, cy + r], start, end, fill=col)
        start = end
    c.circle(0.775, 0.36, 0.07, fill=(255, 255, 255))
    # "icon" cards
    c.rect(0.6, 0.6, 0.95, 0.92, fill=(255, 255, 255), radius=0.02)
    for i, col in enumerate((RED, (80, 130, 190), (60, 140, 80))):
        y = 0.66 + i * 0.09
        c.circle(0.65, y + 0.02, 0.03, fill=col)
        c.rect(0.7, y, 0.7 + 0.2 - i * 0.05, y + 0.04, fill=mix(col, (255, 255, 255), 0.5),
               radius=0.01)


def scene_house(c: Canvas):
    c.gradient(*SKY_DAY)
    clouds(c, 3)
    mountains(c, 3, 0.25, 0.5, haze=3)
    terraces(c, 0.62, 1.0, 8, tilt=0.05)
    house(c, 0.35, 0.82, 0.3, 0.24)
    for x, h in ((0.18, 0.3), (0.24, 0.22), (0.75, 0.28), (0.85, 0.34)):
        tree(c, x, 0.86, h)
    c.rect(0.25, 0.82, 0.75, 0.86, fill=(170, 150, 120))
    for i in range(6):
        person(c, 0.3 + i * 0.08, 0.95, 0.2, c.rng.choice([(240, 240, 240), (40, 90, 160),
                                                            RED]))


def scene_tea_hills(c: Canvas):
    c.gradient(*SKY_DAWN)
    sun(c, 0.25, 0.2, 0.05, (255, 230, 190))
    mountains(c, 3, 0.2, 0.42, far=(176, 186, 210), near=(120, 150, 140), haze=5)
    tea_hills(c, 0.38, hills=6, rows=10)
    c.blur_layer(lambda: c.rect(0, 0.36, 1, 0.5, fill=(255, 255, 255, 110)), 25)


def scene_tea_pickers(c: Canvas):
    c.gradient(*SKY_DAY)
    mountains(c, 2, 0.15, 0.3, haze=4)
    c.rect(0, 0.32, 1, 1, fill=(80, 140, 64))
    for r in range(9):
        y = 0.36 + r * 0.075
        for k in range(14):
            x = k / 13 + (r % 2) * 0.035
            c.ellipse(x, y, 0.05, 0.028 + r * 0.002, fill=mix(GREENS[r % 4], (30, 70, 30),
                                                              0.2))
            c.ellipse(x - 0.01, y - 0.01, 0.03, 0.012, fill=(150, 196, 96))
    for x, y, h, col in ((0.3, 0.8, 0.4, (60, 90, 160)), (0.62, 0.86, 0.46, (170, 50, 60))):
        person(c, x, y, h, col, hat="conical")
        c.rect(x + 0.02, y - h * 0.7, x + 0.07, y - h * 0.42, fill=(170, 130, 70),
               radius=0.01)  # basket


def scene_tea_leaves(c: Canvas):
    c.gradient((70, 110, 60), (40, 80, 40))
    c.ellipse(0.5, 1.05, 0.6, 0.45, fill=(214, 170, 130))  # palm
    for _ in range(18):
        cx, cy = c.rng.uniform(0.25, 0.75), c.rng.uniform(0.45, 0.8)
        a = c.rng.uniform(0, math.tau)
        L = c.rng.uniform(0.08, 0.14)
        upper = [(k / 20 * L, 0.35 * L * math.sin(math.pi * k / 20)) for k in range(21)]
        pts = upper + [(x, -y) for x, y in reversed(upper)]
        rot = [(cx + (x * math.cos(a) - y * math.sin(a)) * c.H / c.W,
                cy + x * math.sin(a) + y * math.cos(a)) for x, y in pts]
        c.poly(rot, fill=c.rng.choice([(120, 180, 70), (150, 200, 90), (100, 160, 60)]))


def scene_factory(c: Canvas):
    c.gradient((170, 190, 210), (225, 230, 235))
    mountains(c, 2, 0.25, 0.4, haze=4)
    c.rect(0, 0.7, 1, 1, fill=(140, 130, 120))
    c.rect(0.15, 0.4, 0.75, 0.75, fill=(200, 196, 186))
    c.poly([(0.12, 0.4), (0.78, 0.4), (0.7, 0.3), (0.2, 0.3)], fill=(100, 120, 140))
    c.rect(0.62, 0.12, 0.68, 0.32, fill=(150, 80, 60))
    for r in range(2):
        for k in range(6):
            c.rect(0.2 + k * 0.09, 0.47 + r * 0.12, 0.26 + k * 0.09, 0.55 + r * 0.12,
                   fill=(120, 160, 190))

    def smoke():
        for k in range(8):
            c.circle(0.65 + k * 0.03, 0.1 - k * 0.012, 0.03 + k * 0.008,
                     fill=(240, 240, 240, 150))
    c.blur_layer(smoke, 12)
    tea_hills(c, 0.62, hills=2, rows=6)


def scene_power_lines(c: Canvas, houses=False):
    c.gradient(*SKY_DAY)
    clouds(c, 3)
    mountains(c, 4, 0.2, 0.5, haze=4)
    terraces(c, 0.5, 1.0, 16, palette=[(196, 190, 90), (170, 180, 76), (210, 200, 110),
                                        (150, 170, 70)])
    if houses:
        for x in (0.1, 0.2, 0.72):
            stilt_house(c, x, 0.74, 0.08, 0.1)
    a = pylon(c, 0.18, 0.86, 0.55)
    b = pylon(c, 0.62, 0.6, 0.32)
    d = pylon(c, 0.92, 0.5, 0.2)
    for i in range(3):
        wire(c, a[i], b[i], 0.05)
        wire(c, b[i], d[i], 0.03)
        wire(c, (-0.05, a[i][1] + 0.05), a[i], 0.02)


def scene_dam(c: Canvas, spill=True):
    c.gradient(*SKY_DAY)
    clouds(c, 3)
    mountains(c, 3, 0.18, 0.35, haze=4)
    c.rect(0, 0.36, 1, 0.5, fill=(60, 130, 170))  # reservoir
    for k in range(8):
        c.line([(c.rng.random(), 0.38 + k * 0.015), (c.rng.random(), 0.38 + k * 0.015)],
               fill=(120, 180, 210), width=0.002)
    # valley slopes
    c.poly([(0, 0.3), (0.22, 0.42), (0.3, 1), (0, 1)], fill=(60, 110, 60))
    c.poly([(1, 0.3), (0.78, 0.42), (0.7, 1), (1, 1)], fill=(70, 120, 64))
    # dam wall
    c.poly([(0.2, 0.46), (0.8, 0.46), (0.74, 0.82), (0.26, 0.82)], fill=(196, 196, 190))
    c.rect(0.2, 0.44, 0.8, 0.47, fill=(170, 170, 166))
    if spill:
        for k in range(5):
            x = 0.36 + k * 0.06
            c.rect(x, 0.47, x + 0.04, 0.56, fill=(110, 110, 118))
            c.blur_layer(lambda x=x: c.poly([(x, 0.56), (x + 0.04, 0.56), (x + 0.05, 0.82),
                                             (x - 0.01, 0.82)],
                                            fill=(240, 248, 252, 235)), 3)
    c.rect(0.26, 0.82, 0.74, 1.0, fill=(70, 140, 170))  # river below
    c.blur_layer(lambda: c.rect(0.3, 0.8, 0.7, 0.87, fill=(255, 255, 255, 200)), 8)


def scene_school(c: Canvas):
    c.gradient(*SKY_DAWN)
    mountains(c, 4, 0.2, 0.55, far=(170, 176, 206), near=(70, 112, 76), haze=4)
    c.poly([(0, 0.7), (1, 0.62), (1, 1), (0, 1)], fill=(150, 130, 100))
    c.rect(0.3, 0.48, 0.72, 0.7, fill=(246, 232, 200))
    c.poly([(0.27, 0.49), (0.75, 0.49), (0.7, 0.38), (0.32, 0.38)], fill=(50, 110, 160))
    for k in range(4):
        c.rect(0.33 + k * 0.1, 0.53, 0.39 + k * 0.1, 0.62, fill=(120, 90, 60) if k == 1
               else (150, 200, 230))
    flag(c, 0.2, 0.28, 0.07, 0.05)
    peach_branch(c, 0.86, 0.9, 0.8, 0.38, blossoms=80)
    for i in range(5):
        person(c, 0.36 + i * 0.07, 0.86, 0.14, c.rng.choice([(240, 240, 240), (60, 100, 170),
                                                              RED]))
    person(c, 0.75, 0.88, 0.22, (40, 90, 150))


def scene_gifts(c: Canvas):
    c.gradient((150, 24, 30), (220, 60, 50))
    c.blur_layer(lambda: c.circle(0.5, 0.45, 0.4, fill=(255, 200, 120, 90)), 40)
    peach_branch(c, 0.02, 0.0, 0.35, 0.7, blossoms=90)
    peach_branch(c, 1.0, 0.05, 0.7, 0.6, blossoms=70, col=(250, 220, 90))
    c.rect(0, 0.82, 1, 1, fill=(110, 60, 40))
    specs = [(0.22, 0.2, 0.2, RED, GOLD), (0.44, 0.16, 0.28, GOLD, RED),
             (0.62, 0.18, 0.16, (40, 120, 70), GOLD), (0.3, 0.12, 0.12, (240, 240, 230), RED)]
    for x, w, h, col, rib in specs:
        gift(c, x, 0.86 if x != 0.3 else 0.86 - 0.2 - 0.04, w, h, col, rib)


def scene_nurse(c: Canvas):
    """Portrait: a nurse in a hospital corridor at night (phone photo)."""
    c.gradient((220, 226, 230), (180, 186, 190))
    vx, vy = 0.5, 0.42
    c.poly([(0, 0), (1, 0), (vx + 0.1, vy - 0.07), (vx - 0.1, vy - 0.07)], fill=(236, 238, 240))
    c.poly([(0, 1), (1, 1), (vx + 0.1, vy + 0.07), (vx - 0.1, vy + 0.07)], fill=(170, 176, 170))
    c.poly([(0, 0), (vx - 0.1, vy - 0.07), (vx - 0.1, vy + 0.07), (0, 1)], fill=(210, 222, 226))
    c.poly([(1, 0), (vx + 0.1, vy - 0.07), (vx + 0.1, vy + 0.07), (1, 1)], fill=(200, 214, 220))
    c.rect(vx - 0.1, vy - 0.07, vx + 0.1, vy + 0.07, fill=(16, 22, 54))
    fireworks(c, vx, vy - 0.02, 0.04, (250, 120, 120))
    for k in range(4):  # ceiling lights
        t = 0.2 + k * 0.2
        c.rect(vx - 0.1 * (1 - t) - 0.02 * (1 - t), 0.06 + (vy - 0.13) * t,
               vx + 0.1 * (1 - t) + 0.02 * (1 - t), 0.08 + (vy - 0.13) * t,
               fill=(255, 255, 240))
    for k, side in ((0.3, -1), (0.55, 1)):  # doors
        x = vx + side * (0.5 - 0.3 * k)
        c.rect(min(x, x + side * 0.08), 0.3, max(x, x + side * 0.08), 0.62,
               fill=(150, 180, 200))
    # the nurse
    x, y, h = 0.34, 0.98, 0.62
    c.poly([(x - 0.2, y), (x + 0.2, y), (x + 0.14, y - h * 0.72), (x - 0.14, y - h * 0.72)],
           fill=(250, 250, 252))
    c.rect(x - 0.13, y - h * 0.55, x + 0.13, y - h * 0.5, fill=(90, 150, 200))
    c.circle(x, y - h * 0.82, 0.1, fill=SKIN)
    c.d.chord(c.box(x - 0.12, y - h * 0.98, x + 0.12, y - h * 0.78), 180, 360,
              fill=(40, 30, 30))
    c.rect(x - 0.08, y - h * 0.99, x + 0.08, y - h * 0.92, fill=(255, 255, 255))
    c.rect(x - 0.015, y - h * 0.985, x + 0.015, y - h * 0.925, fill=RED)
    c.rect(x - 0.04, y - h * 0.965, x + 0.04, y - h * 0.945, fill=RED)
    c.rect(x + 0.05, y - h * 0.66, x + 0.1, y - h * 0.6, fill=(60, 60, 70))  # badge


def scene_campaign_tet(c: Canvas):
    scene_gifts(c)
    c.blur_layer(lambda: c.rect(0, 0, 1, 0.12, fill=(120, 10, 20, 160)), 4)
    for i in range(10):
        lantern(c, 0.05 + i * 0.1, 0.1, 0.025)


def scene_campaign_workers(c: Canvas):
    c.gradient((240, 140, 80), (252, 222, 160), 0, 0.6)
    sun(c, 0.5, 0.45, 0.12, (255, 236, 170))
    mountains(c, 3, 0.4, 0.6, far=(200, 140, 120), near=(120, 80, 70))
    c.rect(0, 0.72, 1, 1, fill=(80, 60, 56))
    for i in range(7):
        person(c, 0.14 + i * 0.12, 0.96, 0.42, (40, 90, 170) if i % 2 else (230, 120, 40),
               hat="helmet")
    flag(c, 0.88, 0.2, 0.08, 0.06)


# --------------------------------------------------------------------------
# The image list
# --------------------------------------------------------------------------
L, XL, PORTRAIT, SMALL = (1600, 1067), (2000, 1333), (1080, 1440), (480, 320)

IMAGES: list[tuple[str, tuple[int, int], object]] = [
    ("images/2024/01/phat-dong-tet-sum-vay.jpg", L, lambda c: scene_stage(c)),
    ("images/2024/01/cho-tet-tp-lai-chau.jpg", L, lambda c: scene_market(c)),
    ("images/2024/02/chuyen-xe-cong-doan.jpg", XL, scene_bus),
    ("images/2024/02/truc-tet-benh-vien.jpg", L, scene_hospital_night),
    ("images/2024/05/thang-cong-nhan-2024.jpg", L, lambda c: scene_stage(c, "workers")),
    ("images/2024/05/infographic-thang-cong-nhan.jpg", L, scene_infographic),
    ("images/2024/07/toa-dam-95-nam.jpg", L, lambda c: scene_stage(c, "table")),
    ("images/2024/07/mai-am-cong-doan.jpg", L, scene_house),
    ("images/2024/08/doi-che-tam-duong.jpg", XL, scene_tea_hills),
    ("images/2024/08/hai-che-buoi-sang.jpg", L, scene_tea_pickers),
    ("images/2024/08/bup-che-non.jpg", SMALL, scene_tea_leaves),
    ("images/2024/08/xuong-che-bien.jpg", L, scene_factory),
    ("images/2024/10/an-toan-dien.jpg", L, lambda c: scene_power_lines(c)),
    ("images/2025/01/qua-tet-huoi-quang.jpg", XL, lambda c: scene_dam(c, spill=False)),
    ("images/2025/01/cho-tet-cong-doan-2025.jpg", L, lambda c: scene_market(c, True)),
    ("images/2025/02/tet-o-diem-truong.jpg", L, scene_school),
    ("images/2025/05/khai-mac-thang-cong-nhan.jpg", XL, scene_outdoor_ceremony),
    ("images/2025/05/tho-dien.jpg", L, lambda c: scene_power_lines(c, houses=True)),
    ("images/2025/10/nha-may-thuy-dien.jpg", L, lambda c: scene_dam(c, spill=True)),
    ("images/2026/01/tet-sum-vay-2026.jpg", L, scene_gifts),
    ("images/2026/02/truc-giao-thua.jpg", PORTRAIT, scene_nurse),
    ("images/campaigns/tet-sum-vay.jpg", L, scene_campaign_tet),
    ("images/campaigns/cho-tet-cong-doan.jpg", L, lambda c: scene_market(c, True)),
    ("images/campaigns/thang-cong-nhan.jpg", L, scene_campaign_workers),
]

# The one picture that imitates a phone photo (EXIF orientation + GPS).
PHONE_PHOTO = "images/2026/02/truc-giao-thua.jpg"
# Bệnh viện Đa khoa tỉnh, thành phố Lai Châu (approximate).
PHONE_GPS = (22.3964, 103.4585, 960.0)
PHONE_TIME = "2026:02:16 23:41:07"


def _dms(value: float) -> tuple[float, float, float]:
    value = abs(value)
    deg = int(value)
    minutes_f = (value - deg) * 60
    minutes = int(minutes_f)
    seconds = round((minutes_f - minutes) * 60, 2)
    return float(deg), float(minutes), seconds


def phone_exif() -> Image.Exif:
    """EXIF block of a phone photo taken in portrait, held sideways (orientation 6)."""
    lat, lon, alt = PHONE_GPS
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "SampleCam"
    exif[ExifTags.Base.Model] = "Sample Phone 1"
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.DateTime] = PHONE_TIME
    sub = exif.get_ifd(ExifTags.IFD.Exif)
    sub[ExifTags.Base.DateTimeOriginal] = PHONE_TIME
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSVersionID] = b"\x02\x02\x00\x00"
    gps[ExifTags.GPS.GPSLatitudeRef] = "N" if lat >= 0 else "S"
    gps[ExifTags.GPS.GPSLatitude] = _dms(lat)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E" if lon >= 0 else "W"
    gps[ExifTags.GPS.GPSLongitude] = _dms(lon)
    gps[ExifTags.GPS.GPSAltitudeRef] = b"\x00"
    gps[ExifTags.GPS.GPSAltitude] = alt
    return exif


def render(name: str, size: tuple[int, int], scene) -> Image.Image:
    rng = random.Random(SEED ^ zlib.crc32(name.encode("utf-8")))
    canvas = Canvas(size[0], size[1], rng)
    scene(canvas)
    return canvas.result()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=str(Path(__file__).resolve().parent.parent / "content"),
                    help="content directory (default: ./content)")
    args = ap.parse_args()
    out = Path(args.out)
    total = 0
    for name, size, scene in IMAGES:
        img = render(name, size, scene)
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if name == PHONE_PHOTO:
            # Store the pixels as the sensor would: rotated 90° counter-clockwise;
            # Orientation 6 tells viewers to rotate 90° clockwise for display.
            stored = img.transpose(Image.Transpose.ROTATE_90)
            stored.save(path, "JPEG", quality=QUALITY, exif=phone_exif())
        else:
            img.save(path, "JPEG", quality=QUALITY, optimize=True)
        total += path.stat().st_size
        print(f"{path.stat().st_size / 1024:7.1f} KB  {img.size[0]}x{img.size[1]}  {name}")
    print(f"{len(IMAGES)} images, {total / 1024 / 1024:.2f} MB")


if __name__ == "__main__":
    main()
