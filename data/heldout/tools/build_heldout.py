"""Builds the held-out people set (data/heldout/media) from opencv-doc sample data the demo did not use,
or used otherwise: whole vtest.avi frames (small people in a large scene), vtest crops that cut people at
the edge, the chessboard calibration shots (a person mostly hidden behind the board), basketball2.png, and
rendered "tutorial" pages with a small photo inside. Deterministic: fixed frames, boxes and layouts.
Usage: build_heldout.py OPENCV_DATA_DIR OUT_DIR SOURCES_ROWS_CSV"""
import csv
import subprocess
import sys

from PIL import Image, ImageDraw, ImageFont

OCV, OUT, ROWS = sys.argv[1], sys.argv[2], sys.argv[3]
LIC = "Apache-2.0 AND BSD-3-Clause"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
rows = []


def vtest_frame(index):
    raw = subprocess.run(["ffmpeg", "-v", "error", "-i", OCV + "/vtest.avi", "-vf", f"select=eq(n\\,{index})",
                          "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgb24", "-"],
                         stdout=subprocess.PIPE, check=True).stdout
    return Image.frombytes("RGB", (768, 576), raw)


def fit(image, side=480):
    scale = side / max(image.size)
    if scale >= 1:
        return image
    return image.resize((round(image.width * scale), round(image.height * scale)), Image.LANCZOS)


def save(image, source, what):
    name = "ho_%03d.jpg" % (len(rows) + 1)
    fit(image.convert("RGB")).save(OUT + "/" + name, quality=88)
    rows.append((name, "opencv-doc", source, LIC, what))
    return name


# A. whole vtest frames, far apart (the demo cropped single walkers; here people are 40-60 px tall)
for index in [30, 130, 230, 330, 430, 530, 630, 730]:
    save(vtest_frame(index), "vtest.avi", f"frame {index}, whole, scaled to 480 px")

# B. vtest crops that cut people at the edge or hold several small ones: (frame, x0, y0, x1, y1)
CROPS = [(60, 0, 200, 260, 576), (160, 300, 150, 600, 450), (260, 500, 250, 768, 576), (360, 100, 100, 400, 400),
         (460, 350, 280, 650, 576), (560, 0, 0, 384, 288), (660, 384, 288, 768, 576), (760, 200, 150, 560, 420),
         (100, 450, 0, 768, 300), (200, 0, 300, 350, 576), (300, 250, 300, 520, 576), (400, 520, 100, 768, 360),
         (500, 150, 250, 400, 500), (600, 300, 0, 700, 300), (700, 0, 150, 300, 450), (780, 400, 200, 768, 500)]
for frame, x0, y0, x1, y1 in CROPS:
    save(vtest_frame(frame).crop((x0, y0, x1, y1)), "vtest.avi", f"frame {frame}, crop ({x0},{y0})-({x1},{y1})")

# C. chessboard calibration shots: one person, mostly hidden behind the board (left06 was in the demo)
for name in ["left01", "left03", "left05", "left08", "left11", "left13", "right02", "right04", "right06", "right08",
             "right12", "right14"]:
    save(Image.open(f"{OCV}/{name}.jpg"), f"{name}.jpg", "whole, scaled to 480 px")

# D. basketball2.png whole and halves (basketball1 was in the demo)
ball = Image.open(OCV + "/basketball2.png")
save(ball, "basketball2.png", "whole")
save(ball.crop((0, 0, ball.width // 2, ball.height)), "basketball2.png", "left half")
save(ball.crop((ball.width // 2, 0, ball.width, ball.height)), "basketball2.png", "right half")

# E. no people: sample images the demo did not use
for name in ["aero3.jpg", "box_in_scene.png", "licenseplate_motion.jpg", "graf3.png", "blox.jpg", "butterfly.jpg",
             "Blender_Suzanne2.jpg", "text_motion.jpg"]:
    save(Image.open(f"{OCV}/{name}"), name, "whole, scaled to 480 px")


# F. "tutorial" screenshots: a light page with a title, text lines and a small photo
def tutorial(photo, title, photo_side, layout):
    page = Image.new("RGB", (480, 360), (248, 248, 245))
    draw = ImageDraw.Draw(page)
    draw.rectangle((0, 0, 480, 34), fill=(40, 60, 110))
    draw.text((12, 7), title, font=ImageFont.truetype(FONT_BOLD, 17), fill=(255, 255, 255))
    body = ImageFont.truetype(FONT, 11)
    small = fit(photo, photo_side)
    px, py = (300 - small.width // 2, 60) if layout == "right" else (20, 170)
    if layout == "right":
        px = 470 - small.width
    page.paste(small, (px, py))
    for line in range(14):
        y = 48 + line * 21
        if layout == "right" and py - 4 < y < py + small.height + 4:
            width = px - 30
        elif layout != "right" and py - 4 < y < py + small.height + 4:
            width = 0
        else:
            width = 440
        if width > 0:
            words = "Step %d: open the settings, choose the layer and press apply to see the result" % (line + 1)
            draw.text((20 if layout == "right" else 20, y), words[: width // 6], font=body, fill=(50, 50, 50))
    return page


PAGES = [("vtest.avi frame 90", lambda: vtest_frame(90), 160, "right"), ("vtest.avi frame 190", lambda: vtest_frame(190), 200, "below"),
         ("vtest.avi frame 290 crop", lambda: vtest_frame(290).crop((0, 100, 400, 500)), 140, "right"),
         ("vtest.avi frame 390 crop", lambda: vtest_frame(390).crop((300, 200, 700, 576)), 180, "below"),
         ("vtest.avi frame 490", lambda: vtest_frame(490), 220, "below"), ("vtest.avi frame 590 crop", lambda: vtest_frame(590).crop((200, 0, 600, 400)), 150, "right"),
         ("basketball2.png", lambda: ball, 160, "right"), ("basketball2.png left half", lambda: ball.crop((0, 0, ball.width // 2, ball.height)), 120, "right"),
         ("left02.jpg", lambda: Image.open(OCV + "/left02.jpg"), 170, "below"), ("right09.jpg", lambda: Image.open(OCV + "/right09.jpg"), 140, "right"),
         ("building.jpg", lambda: Image.open(OCV + "/building.jpg"), 170, "right"), ("home.jpg", lambda: Image.open(OCV + "/home.jpg"), 200, "below"),
         ("vtest.avi frame 690 crop", lambda: vtest_frame(690).crop((400, 250, 768, 576)), 130, "right"),
         ("vtest.avi frame 740", lambda: vtest_frame(740), 260, "below")]
for index, (source, photo, side, layout) in enumerate(PAGES):
    save(tutorial(photo(), ["How to crop a photo", "Getting started", "Tutorial: layers", "Quick tips"][index % 4], side, layout),
         source.split(" ")[0], f"rendered tutorial page 480x360 with {source} as a {side} px photo ({layout})")

with open(ROWS, "w", newline="") as f:
    csv.writer(f).writerows([("file", "source_package", "source_file", "licence", "what_was_done")] + rows)
print(len(rows), "images")
