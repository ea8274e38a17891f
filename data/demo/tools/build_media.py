#!/usr/bin/python3
"""Builds the demo media (data/demo/media) deterministically from Debian package files.

Run through data/demo/build-media.sh (which installs the packages). Usage:
    /usr/bin/python3 build_media.py OUTDIR MEDIA_CSV FIXES_CSV

Every output file gets a construction record (source package, source file, licence, what was
done, labels known from construction). Labels are then corrected with FIXES_CSV, which holds
the corrections made by looking at contact sheets, and written to MEDIA_CSV with brightness
(mean luma 0..1) computed from the final file.
"""
import csv
import glob
import math
import os
import random
import subprocess
import sys

import numpy as np
from PIL import Image, ImageDraw, ImageEnhance, ImageFilter, ImageFont
from scipy import ndimage

OUT, MEDIA_CSV, FIXES_CSV = sys.argv[1], sys.argv[2], sys.argv[3]
ONLY = sys.argv[4] if len(sys.argv) > 4 else "all"   # all | images | videos
R = random.Random(20211101)
LONG = 320
QUALITY = 70

LIC_OPENCV = "Apache-2.0 AND BSD-3-Clause"
LIC_SKIMAGE = "BSD-3-Clause (package); image CC0/public domain per skimage.data docs"
LIC_MPL = "Matplotlib licence (PSF-based, BSD-compatible); photo is a US Navy public-domain image"
LIC_PLASMA = "GPL-2+"
LIC_MATE = "GPL-2+"
LIC_OCA = "Public domain (Creative Commons Public Domain Dedication)"
LIC_TUX = "GPL-2"
LIC_UKUI = "CC-BY-SA-3.0"
LIC_GNOME = "CC-BY-SA-3.0"

VTEST = "/usr/share/doc/opencv-doc/examples/data/vtest.avi"
OCV = "/usr/share/doc/opencv-doc/examples/data/"
SKI = "/usr/lib/python3/dist-packages/skimage/data/"
LOMIRI_LIC = {
    "aitzgorri": "CC-BY-4.0", "analogpattern": "CC-BY-SA-4.0", "Bridge": "CC-BY-SA-4.0",
    "Dragonfly": "CC-BY-SA-4.0", "free": "CC-BY-SA-4.0", "friends": "CC-BY-4.0",
    "greentock": "CC-BY-SA-4.0", "life": "CC-BY-4.0", "picosdeeuropa": "CC-BY-4.0",
    "Picture_0B": "CC-BY-4.0", "Picture_1A": "CC-BY-4.0", "seeding": "CC0-1.0",
    "sunset": "CC-BY-4.0", "umang": "CC-BY-4.0", "Wine": "CC-BY-SA-4.0",
    "Fossa": "CC-BY-SA-3.0", "Infinite-Sea": "CC-BY-SA-3.0", "Kleiber": "CC-BY-SA-3.0",
    "Painting-Colors": "CC-BY-SA-3.0",
}


def lomiri(name):
    p = glob.glob("/usr/share/backgrounds/%s_by_*.jpg" % name)[0]
    pkg = "lomiri-wallpapers-20.04" if name in ("Fossa", "Infinite-Sea", "Kleiber", "Painting-Colors") else "lomiri-wallpapers-16.04"
    return (p, pkg, LOMIRI_LIC[name])


def plasma(name):
    d = "/usr/share/wallpapers/%s/contents/images/" % name
    f = sorted(os.listdir(d), key=lambda s: -os.path.getsize(d + s))[0]
    return (d + f, "plasma-workspace-wallpapers", LIC_PLASMA)


def mate(sub, name):
    return ("/usr/share/backgrounds/mate/%s/%s" % (sub, name), "mate-backgrounds", LIC_MATE)


# ---------------------------------------------------------------- source catalogue
LANDSCAPE = [plasma(n) for n in ["BytheWater", "ColdRipple", "DarkestHour", "EveningGlow", "FallenLeaf",
                                 "Grey", "Kite", "OneStandsOut", "Path", "Volna", "summer_1am"]]
LANDSCAPE += [mate("nature", n + ".jpg") for n in ["Aqua", "Blinds", "Dune", "FreshFlower", "Garden", "GreenMeadow",
                                                   "LadyBird", "RainDrops", "Storm", "TwoWings", "Wood", "YellowFlower"]]
LANDSCAPE += [lomiri(n) for n in ["Bridge", "Dragonfly", "aitzgorri", "life", "picosdeeuropa", "seeding",
                                  "sunset", "Infinite-Sea", "Picture_0B", "Picture_1A", "Wine"]]
OBJECTS = [(OCV + n, "opencv-doc", LIC_OPENCV) for n in
           ["fruits.jpg", "apple.jpg", "orange.jpg", "building.jpg", "home.jpg", "aero1.jpg", "leuvenA.jpg",
            "leuvenB.jpg", "board.jpg", "smarties.png", "stuff.jpg", "aloeL.jpg", "rubberwhale1.png"]]
OBJECTS += [(SKI + n, "python3-skimage", LIC_SKIMAGE) for n in
            ["coffee.png", "rocket.jpg", "motorcycle_left.png", "motorcycle_right.png", "hubble_deep_field.jpg"]]
ILLUS_BG = [plasma(n) for n in ["Altai", "Autumn", "Canopee", "Cascade", "Cluster", "ColorfulCups", "Elarun", "Flow",
                                "FlyingKonqui", "Honeywave", "IceCold", "Kay", "Kokkini", "MilkyWay", "Opal",
                                "PastelHills", "Patak", "SafeLanding", "Shell"]]
ILLUS_BG += [lomiri(n) for n in ["Fossa", "Painting-Colors", "analogpattern", "umang"]]
ILLUS_BG += [("/usr/share/backgrounds/%s" % n, "ukui-wallpapers", LIC_UKUI) for n in
             ["calla.png", "city.png", "desert.png", "fluent-color.png", "goldfish.png", "rhythm.jpg", "string.jpg"]]
ILLUS_BG += [("/usr/share/backgrounds/gnome/%s" % n, "gnome-backgrounds", LIC_GNOME) for n in
             ["adwaita-l.webp", "pixels-l.webp", "truchet-l.webp", "pixels-d.webp", "symbolic-l.webp"]]
ILLUS_BG += [(OCV + n, "opencv-doc", LIC_OPENCV) for n in ["starry_night.jpg", "graf1.png", "HappyFish.jpg", "Blender_Suzanne1.jpg"]]
# real photos with people: (source, people, faces, crop boxes as fractions of width/height or None)
PEOPLE_PHOTOS = [
    ((SKI + "astronaut.png", "python3-skimage", LIC_SKIMAGE), 1, 1),
    ((SKI + "camera.png", "python3-skimage", LIC_SKIMAGE), 1, 0),
    (("/usr/share/matplotlib/mpl-data/sample_data/grace_hopper.jpg", "python-matplotlib-data", LIC_MPL), 1, 1),
    ((OCV + "messi5.jpg", "opencv-doc", LIC_OPENCV), 1, 1),
    ((OCV + "basketball1.png", "opencv-doc", LIC_OPENCV), 2, 2),
    ((OCV + "left06.jpg", "opencv-doc", LIC_OPENCV), 1, 1),
]
ANIMAL_PHOTOS = [
    ((SKI + "chelsea.png", "python3-skimage", LIC_SKIMAGE), "cat"),
    ((OCV + "chicky_512.png", "opencv-doc", LIC_OPENCV), "dog"),
    (lomiri("friends"), "dog"),
    (lomiri("Kleiber"), "bird"),
]
TUX = "/usr/share/tuxpaint/stamps/"
TUX_ANIMALS = {}
for n in ["adelaide-rosella", "albino_peahen", "blackbird", "chicken_profile", "crow", "crowned_crane", "cuckoo", "drake",
          "duck", "gander", "guineafowl", "helmeted_guineafowl", "hen", "heron_greatblue", "heron_greatblue_flying", "lark",
          "little-penguin", "magellanic_penguin", "magpie", "nandou", "ostrich", "owl", "peacock", "pelican", "penguin",
          "pigeon", "pink_flamingo", "rainbow-lorikeet", "rooster", "seagull", "silver-gull", "tucan", "turkey", "vulture"]:
    TUX_ANIMALS[TUX + "animals/birds/%s.png" % n] = "bird"
for sub, names, cls in [("bears", ["bear", "european-bear"], "bear"), ("bovines", ["bull", "cow", "cow_white", "zebu"], "cow"),
                        ("bovines", ["ram", "sheep", "sheep_lamb"], "sheep"), ("dogs", ["dog", "dingo"], "dog"),
                        ("equines", ["horse"], "horse"), ("equines", ["zebra"], "zebra")]:
    for n in names:
        TUX_ANIMALS[TUX + "animals/mammals/%s/%s.png" % (sub, n)] = cls
TUX_ANIMALS[TUX + "animals/mammals/elephant.png"] = "elephant"
TUX_ANIMALS[TUX + "animals/mammals/giraffe.png"] = "giraffe"
TUX_OBJECTS = sorted(glob.glob(TUX + "food/*/*.png") + glob.glob(TUX + "food/*.png") + glob.glob(TUX + "plants/flowers/*.png")
                     + glob.glob(TUX + "household/*.png") + glob.glob(TUX + "hobbies/music/*.png") + glob.glob(TUX + "vehicles/*/*.png"))
OCA = "/usr/share/openclipart/png/"
OCA_ANIMAL_WORDS = {"cat": "cat", "kitten": "cat", "dog": "dog", "puppy": "dog", "bird": "bird", "parrot": "bird",
                    "owl": "bird", "duck": "bird", "penguin": "bird", "chicken": "bird", "horse": "horse", "cow": "cow",
                    "sheep": "sheep", "elephant": "elephant", "bear": "bear", "zebra": "zebra", "giraffe": "giraffe"}


def oca_list(sub):
    return sorted(glob.glob(OCA + sub + "/*.png"))


OCA_PEOPLE = [f for f in oca_list("people") if "bodypart" not in f]
OCA_ANIMALS = []
for f in oca_list("animals") + sorted(glob.glob(OCA + "animals/*/*.png")):
    b = os.path.basename(f).lower()
    for w, c in OCA_ANIMAL_WORDS.items():
        if b.startswith(w + "_") or ("_" + w + "_") in b:
            OCA_ANIMALS.append((f, c))
            break
OCA_OBJECTS = (oca_list("food") + oca_list("transportation") + oca_list("plants") + oca_list("buildings")
               + oca_list("office") + oca_list("tools") + oca_list("recreation") + oca_list("electronics")
               + oca_list("signs_and_symbols") + oca_list("decorations"))

# files whose first construction was unusable (seen on the contact sheets), rebuilt from SAFE_CLIPART
REPLACE = {"img_0139.jpg", "img_0200.jpg", "img_1251.jpg", "img_0509.jpg", "img_0805.jpg", "img_0924.jpg"}
SAFE_CLIPART = oca_list("food") + oca_list("plants")

FONTS = ["/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf",
         "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
         "/usr/share/fonts/truetype/liberation/LiberationSerif-BoldItalic.ttf",
         "/usr/share/fonts/truetype/freefont/FreeSerifBold.ttf", "/usr/share/fonts/truetype/freefont/FreeMonoBold.ttf",
         "/usr/share/fonts/opentype/lobster/lobster.otf", "/usr/share/fonts/opentype/comic-neue/ComicNeue-Bold.otf",
         "/usr/share/fonts/truetype/open-sans/OpenSans-ExtraBold.ttf", "/usr/share/fonts/truetype/open-sans/OpenSans-Bold.ttf",
         "/usr/share/fonts/truetype/roboto/unhinted/RobotoTTF/Roboto-Black.ttf",
         "/usr/share/fonts/opentype/urw-base35/C059-Bold.otf", "/usr/share/fonts/opentype/urw-base35/URWBookman-Demi.otf"]
PHRASES = ["SALE -30%", "New post!", "Summer vibes", "Only today", "Link in bio", "NEW IN", "Weekend deal",
           "-50% on everything", "Coming soon", "Thank you!", "Free shipping", "Big news", "Save the date",
           "Behind the scenes", "Meet the team", "Swipe up", "Shop now", "Last chance", "Hello Monday",
           "Do more of what\nmakes you happy", "Dream big", "Stay curious", "Black Friday", "Limited edition",
           "Back in stock", "Giveaway!", "Tips & tricks", "5 ideas for\nyour weekend", "Good morning",
           "Happy holidays", "Join us live", "Now open", "Fresh & local", "Less is more", "Be kind",
           "Quote of the day:\nkeep going", "Sale ends Sunday", "Buy 1 get 1", "Hot deal", "Top 10", "Win a trip",
           "Our story", "Made with love", "Don't miss it", "Register now", "Free webinar", "Holiday sale -20%"]

records = []


def rec(file, kind, src, ops, people=0, faces=0, text=0, illus=0, animals="", variant_of="", notes="", inherit=""):
    path, pkg, lic = src if isinstance(src, tuple) else (src, "", "")
    records.append(dict(file=file, kind=kind, source_package=pkg, licence=lic, inherit=inherit,
                        source_file=path, ops=ops, people=people, faces=faces, text_overlay=text,
                        illustration=illus, animals=animals, nsfw=0, variant_of=variant_of, notes=notes))


_cache = {}


def load(path, maxside=1600):
    key = (path, maxside)
    if key not in _cache:
        im = Image.open(path)
        im.load()
        if im.mode in ("RGBA", "LA", "P"):
            im = im.convert("RGBA")
            bg = Image.new("RGBA", im.size, (255, 255, 255, 255))
            im = Image.alpha_composite(bg, im)
        im = im.convert("RGB")
        if max(im.size) > maxside:
            s = maxside / max(im.size)
            im = im.resize((max(1, round(im.width * s)), max(1, round(im.height * s))), Image.LANCZOS)
        if len(_cache) > 40:
            _cache.clear()
        _cache[key] = im
    return _cache[key]


def load_rgba(path, maxside=700):
    im = Image.open(path).convert("RGBA")
    bbox = im.getchannel("A").getbbox()
    if bbox:
        im = im.crop(bbox)
    if max(im.size) > maxside:
        s = maxside / max(im.size)
        im = im.resize((max(1, round(im.width * s)), max(1, round(im.height * s))), Image.LANCZOS)
    return im


ASPECTS = [(4, 3), (1, 1), (4, 5), (3, 4), (16, 9), (1, 1), (4, 5)]


def rand_crop(im, rng, min_frac=0.3, max_frac=0.9, aspect=None):
    a = aspect or rng.choice(ASPECTS)
    ar = a[0] / a[1]
    frac = rng.uniform(min_frac, max_frac)
    w = im.width * frac
    h = w / ar
    if h > im.height * max_frac:
        h = im.height * rng.uniform(min_frac, max_frac)
        w = h * ar
    if w > im.width:
        w = im.width
        h = w / ar
    x = rng.uniform(0, im.width - w)
    y = rng.uniform(0, im.height - h)
    box = (round(x), round(y), round(x + w), round(y + h))
    return im.crop(box), box


def fit(im, long=LONG):
    s = long / max(im.size)
    return im.resize((max(1, round(im.width * s)), max(1, round(im.height * s))), Image.LANCZOS)


def light(im, rng, ops):
    """Natural brightness variation plus some deliberate darker/brighter variants."""
    u = rng.random()
    if u < 0.14:
        f = rng.uniform(0.45, 0.7)
        ops.append("darkened x%.2f" % f)
    elif u < 0.24:
        f = rng.uniform(1.25, 1.6)
        ops.append("brightened x%.2f" % f)
    else:
        f = rng.uniform(0.9, 1.1)
    return ImageEnhance.Brightness(im).enhance(f)


def save(im, name, q=QUALITY):
    im.convert("RGB").save(os.path.join(OUT, name), "JPEG", quality=q, optimize=True, subsampling=2)


def gradient_bg(size, rng):
    w, h = size
    c1 = np.array([rng.randint(0, 255) for _ in range(3)], dtype=np.float32)
    c2 = np.array([rng.randint(0, 255) for _ in range(3)], dtype=np.float32)
    if rng.random() < 0.35:
        c2 = c1
    t = np.linspace(0, 1, h if rng.random() < 0.6 else w, dtype=np.float32)
    if len(t) == h:
        g = (c1[None, None, :] * (1 - t)[:, None, None] + c2[None, None, :] * t[:, None, None]).repeat(w, axis=1)
    else:
        g = (c1[None, None, :] * (1 - t)[None, :, None] + c2[None, None, :] * t[None, :, None]).repeat(h, axis=0)
    return Image.fromarray(g.astype(np.uint8), "RGB")


def paste_center(bg, fg, rng, scale_range=(0.45, 0.8), pos=None):
    s = rng.uniform(*scale_range) * min(bg.width / fg.width, bg.height / fg.height)
    fg = fg.resize((max(1, round(fg.width * s)), max(1, round(fg.height * s))), Image.LANCZOS)
    if pos is None:
        x = rng.randint(0, max(0, bg.width - fg.width))
        y = rng.randint(0, max(0, bg.height - fg.height))
    else:
        x, y = pos
    bg.paste(fg, (x, y), fg)
    return bg


def overlay_text(im, rng, ops):
    im = im.copy()
    d = ImageDraw.Draw(im)
    phrase = rng.choice(PHRASES)
    font_path = rng.choice(FONTS)
    w, h = im.size
    size = rng.randint(max(18, w // 14), max(24, w // 7))
    font = ImageFont.truetype(font_path, size)
    bb = d.multiline_textbbox((0, 0), phrase, font=font, align="center")
    tw, th = bb[2] - bb[0], bb[3] - bb[1]
    while tw > w * 0.92 and size > 14:
        size -= 2
        font = ImageFont.truetype(font_path, size)
        bb = d.multiline_textbbox((0, 0), phrase, font=font, align="center")
        tw, th = bb[2] - bb[0], bb[3] - bb[1]
    where = rng.choice(["top", "center", "bottom", "center", "corner"])
    x = (w - tw) // 2 if where != "corner" else rng.choice([8, w - tw - 8])
    y = {"top": 12, "center": (h - th) // 2, "bottom": h - th - 16, "corner": rng.choice([12, h - th - 16])}[where]
    style = rng.choice(["box", "box", "outline", "shadow", "banner"])
    light_text = rng.random() < 0.6
    fg = (255, 255, 255) if light_text else (20, 20, 20)
    if style == "box":
        col = tuple(rng.randint(0, 255) for _ in range(3))
        if light_text:
            col = tuple(c // 3 for c in col)
        else:
            col = tuple(255 - (255 - c) // 4 for c in col)
        d.rectangle([x - 8, y - 6 + bb[1], x + tw + 8, y + th + 8 + bb[1]], fill=col)
    elif style == "banner":
        col = (rng.randint(150, 255), rng.randint(0, 80), rng.randint(0, 90))
        fg = (255, 255, 255)
        d.rectangle([0, y - 6 + bb[1], w, y + th + 8 + bb[1]], fill=col)
        x = (w - tw) // 2
    elif style == "shadow":
        d.multiline_text((x + 2, y + 2), phrase, font=font, fill=(0, 0, 0) if light_text else (230, 230, 230), align="center")
    kw = dict(stroke_width=2, stroke_fill=(0, 0, 0) if light_text else (255, 255, 255)) if style == "outline" else {}
    d.multiline_text((x, y), phrase, font=font, fill=fg, align="center", **kw)
    ops.append('text "%s" (%s, %s, %dpx, %s)' % (phrase.replace("\n", " / "), os.path.basename(font_path), style, size, where))
    return im


# ---------------------------------------------------------------- vtest.avi people detection
def vtest_frames(step=1):
    W, H = 768, 576
    p = subprocess.run(["ffmpeg", "-v", "error", "-i", VTEST, "-f", "rawvideo", "-pix_fmt", "rgb24", "-"],
                       stdout=subprocess.PIPE, check=True)
    arr = np.frombuffer(p.stdout, dtype=np.uint8).reshape(-1, H, W, 3)
    return arr


def person_blobs(gray, bg):
    diff = np.abs(gray.astype(np.int16) - bg.astype(np.int16)) > 24
    diff = ndimage.binary_opening(diff, structure=np.ones((3, 3)))
    diff = ndimage.binary_closing(diff, structure=np.ones((9, 5)))
    lab, n = ndimage.label(diff)
    blobs = []
    for sl in ndimage.find_objects(lab):
        y0, y1, x0, x1 = sl[0].start, sl[0].stop, sl[1].start, sl[1].stop
        hh, ww = y1 - y0, x1 - x0
        if hh * ww < 25:
            continue
        blobs.append((x0, y0, x1, y1))
    return blobs


def count_in(blobs, box, min_h):
    """Persons fully inside box; None when a blob is cut by the box or ambiguous (small/merged)."""
    bx0, by0, bx1, by1 = box
    n = 0
    for (x0, y0, x1, y1) in blobs:
        ix0, iy0, ix1, iy1 = max(x0, bx0), max(y0, by0), min(x1, bx1), min(y1, by1)
        if ix0 >= ix1 or iy0 >= iy1:
            continue  # outside
        inside = x0 >= bx0 + 2 and y0 >= by0 + 2 and x1 <= bx1 - 2 and y1 <= by1 - 2
        if not inside:
            return None
        hh, ww = y1 - y0, x1 - x0
        if hh < min_h or ww > 0.75 * hh:
            return None  # too small to be clearly visible, or several people merged
        n += 1
    return n


def build_vtest_people(frames, bg, quotas, rng, start_idx):
    """Crops of vtest frames with 0/1/2/3+ clearly visible people (counted from foreground blobs)."""
    out = []
    got = {k: 0 for k in quotas}
    tries = 0
    blob_cache = {}
    while any(got[k] < quotas[k] for k in quotas) and tries < 60000:
        tries += 1
        fi = rng.randrange(0, len(frames))
        if fi not in blob_cache:
            g = frames[fi].mean(axis=2)
            blob_cache[fi] = person_blobs(g, bg)
        blobs = blob_cache[fi]
        a = rng.choice([(4, 3), (1, 1), (4, 5), (3, 2)])
        cw = rng.uniform(200, 420)
        ch = cw * a[1] / a[0]
        if ch > 560:
            continue
        x = rng.uniform(0, 768 - cw)
        y = rng.uniform(125, 576 - ch) if (rng.random() < 0.85 and ch < 440) else rng.uniform(0, 576 - ch)
        box = (int(x), int(y), int(x + cw), int(y + ch))
        n = count_in(blobs, box, min_h=max(34, ch * 0.14))
        if n is None:
            continue
        k = min(n, 3)
        if got[k] >= quotas[k]:
            continue
        got[k] += 1
        out.append((fi, box, n))
    return out


# ---------------------------------------------------------------- image generation
def build_images():
    idx = [0]

    def name():
        idx[0] += 1
        return "img_%04d.jpg" % idx[0]

    rng = R
    print("vtest frames...", flush=True)
    frames = vtest_frames()
    sample = frames[::10].mean(axis=3)
    bg = np.median(sample, axis=0)
    crops = build_vtest_people(frames, bg, {0: 40, 1: 120, 2: 95, 3: 95}, rng, 0)
    rng.shuffle(crops)
    items = []  # (kind tag, function) built in shuffled order later

    for fi, box, n in crops:
        items.append(("vtest", (fi, box, n)))
    for src, p, f in PEOPLE_PHOTOS:
        for k in range(4):
            items.append(("peoplephoto", (src, p, f, k)))
    for k in range(300):
        items.append(("illus", k))
    for k in range(110):
        items.append(("tuxanimal", k))
    for src, c in ANIMAL_PHOTOS:
        for k in range(6):
            items.append(("animalphoto", (src, c, k)))
    for k in range(430):
        items.append(("landscape", k))
    for k in range(90):
        items.append(("object", k))
    for k in range(60):
        items.append(("tuxobject", k))
    rng.shuffle(items)
    text_p = {"vtest": 0.18, "peoplephoto": 0.25, "illus": 0.2, "tuxanimal": 0.15, "animalphoto": 0.15,
              "landscape": 0.30, "object": 0.25, "tuxobject": 0.35}
    made = []
    for tag, arg in items:
        ops = []
        nm = name()
        people = faces = illus = 0
        animals = ""
        notes = ""
        if tag == "vtest":
            fi, box, n = arg
            im = Image.fromarray(frames[fi]).crop(box)
            src = (VTEST, "opencv-doc", LIC_OPENCV)
            ops.append("frame %d (t=%.1fs), crop %s" % (fi, fi / 10, box))
            people = n
            notes = "street scene"
        elif tag == "peoplephoto":
            src, people, faces, k = arg
            base = load(src[0])
            if k == 0:
                im = base
                ops.append("full frame")
            else:
                im, box = rand_crop(base, rng, 0.7, 0.95)
                ops.append("crop %s" % (box,))
            notes = "portrait/people photo"
        elif tag == "illus":
            im, people, animals, notes, src = make_illustration(rng, ops)
            illus = 1
        elif tag == "tuxanimal":
            classes = sorted(set(TUX_ANIMALS.values()))
            cls = classes[arg % len(classes)] if arg % 3 else "bird"
            f = rng.choice(sorted(k for k, v in TUX_ANIMALS.items() if v == cls))
            bgsrc = rng.choice(LANDSCAPE[:23])
            bgim, box = rand_crop(load(bgsrc[0]), rng, 0.3, 0.8)
            bgim = fit(bgim, 480)
            fg = load_rgba(f)
            im = paste_center(bgim, fg, rng, (0.5, 0.9))
            animals = TUX_ANIMALS[f]
            src = (f, "tuxpaint-stamps-default", LIC_TUX)
            ops.append("cut-out stamp composited on crop of %s (%s, %s)" % (os.path.basename(bgsrc[0]), bgsrc[1], bgsrc[2]))
            notes = "animal photo cut-out on background"
        elif tag == "animalphoto":
            src, animals, k = arg
            base = load(src[0])
            im, box = rand_crop(base, rng, 0.6, 0.95) if k else (base, None)
            ops.append("crop %s" % (box,) if box else "full frame")
            notes = "animal photo"
        elif tag == "landscape":
            src = LANDSCAPE[arg % len(LANDSCAPE)]
            im, box = rand_crop(load(src[0]), rng, 0.25, 0.9)
            ops.append("crop %s of 1600px version" % (box,))
            notes = "landscape/nature photo"
        elif tag == "object":
            src = OBJECTS[arg % len(OBJECTS)]
            base = load(src[0])
            im, box = rand_crop(base, rng, 0.5, 0.95)
            ops.append("crop %s" % (box,))
            notes = "object/food photo"
        elif tag == "tuxobject":
            f = TUX_OBJECTS[(arg * 7) % len(TUX_OBJECTS)]
            if rng.random() < 0.5:
                bgsrc = rng.choice(LANDSCAPE)
                bgim, _ = rand_crop(load(bgsrc[0]), rng, 0.3, 0.8)
                bgim = fit(bgim, 480).filter(ImageFilter.GaussianBlur(3))
                ops.append("cut-out composited on blurred crop of %s (%s, %s)" % (os.path.basename(bgsrc[0]), bgsrc[1], bgsrc[2]))
            else:
                bgim = gradient_bg((480, 360) if rng.random() < 0.5 else (400, 400), rng)
                ops.append("cut-out composited on plain/gradient background")
            im = paste_center(bgim, load_rgba(f), rng, (0.55, 0.9))
            src = (f, "tuxpaint-stamps-default", LIC_TUX)
            notes = "product/object shot"
        im = fit(im)
        ops.append("resized to %dpx long side" % LONG)
        im = light(im, rng, ops)
        text = 0
        if rng.random() < text_p[tag]:
            im = overlay_text(im, rng, ops)
            text = 1
        save(im, nm)
        rec(nm, "image", src, "; ".join(ops), people, faces, text, illus, animals, "", notes)
        made.append(nm)
    # replace images found unusable by looking (broken "linked image not found" cliparts, an
    # unsuitable symbol); each uses its own RNG so nothing else changes
    for r in records:
        if r["file"] in REPLACE:
            rr = random.Random("replace:" + r["file"])
            f = rr.choice(SAFE_CLIPART)
            ops = ["replacement: clipart composited on plain/gradient background"]
            im = paste_center(gradient_bg(rr.choice([(480, 360), (400, 400)]), rr), load_rgba(f), rr, (0.55, 0.9))
            im = fit(im)
            ops.append("resized to %dpx long side" % LONG)
            if r["text_overlay"]:
                im = overlay_text(im, rr, ops)
            save(im, r["file"])
            r.update(source_file=f, source_package="openclipart-png", licence=LIC_OCA, ops="; ".join(ops),
                     people=0, faces=0, illustration=1, animals="", notes="clipart (replacement)")
    # planted near-duplicate reposts
    originals = [r for r in records if r["kind"] == "image"]
    picks = rng.sample(originals, 40)
    for r in picks:
        nm = name()
        im = Image.open(os.path.join(OUT, r["file"])).convert("RGB")
        ops = ["near-duplicate of %s" % r["file"]]
        c = rng.uniform(0.03, 0.08)
        w, h = im.size
        im = im.crop((round(w * c * rng.random()), round(h * c * rng.random()), round(w * (1 - c * rng.random())), round(h * (1 - c * rng.random()))))
        ops.append("slight crop")
        if rng.random() < 0.6:
            im = ImageEnhance.Color(im).enhance(rng.uniform(0.8, 1.25))
            im = ImageEnhance.Brightness(im).enhance(rng.uniform(0.93, 1.07))
            ops.append("colour tweak")
        im = fit(im)
        q = rng.randint(55, 85)
        ops.append("re-encoded q%d" % q)
        save(im, nm, q)
        rec(nm, "image", (r["source_file"], r["source_package"], r["licence"]), "; ".join(ops), r["people"], r["faces"],
            r["text_overlay"], r["illustration"], r["animals"], r["file"], "planted near-duplicate repost", r["file"])


def make_illustration(rng, ops):
    """Clipart on a plain/gradient background, or a crop of an illustrated wallpaper."""
    u = rng.random()
    people, animals = 0, ""
    if u < 0.2:
        src = rng.choice(ILLUS_BG)
        im, box = rand_crop(load(src[0]), rng, 0.3, 0.9)
        ops.append("crop %s of illustrated wallpaper/render" % (box,))
        return im, 0, "", "illustration/render", src
    bg = gradient_bg(rng.choice([(480, 360), (400, 400), (400, 500), (480, 270)]), rng)
    if u < 0.38:
        f = rng.choice(OCA_PEOPLE)
        people = -1  # to be counted by looking
        note = "clipart people"
    elif u < 0.52 and OCA_ANIMALS:
        f, animals = rng.choice(OCA_ANIMALS)
        note = "clipart animal"
    else:
        f = rng.choice(OCA_OBJECTS)
        note = "clipart"
    im = paste_center(bg, load_rgba(f), rng, (0.55, 0.92))
    ops.append("clipart composited on plain/gradient background")
    if rng.random() < 0.25:
        f2 = rng.choice(OCA_OBJECTS)
        im = paste_center(im, load_rgba(f2, 300), rng, (0.2, 0.35))
        ops.append("second clipart %s" % os.path.relpath(f2, OCA))
    return im, people, animals, note, (f, "openclipart-png", LIC_OCA)


# ---------------------------------------------------------------- videos
def ff(args):
    subprocess.run(["ffmpeg", "-v", "error", "-y"] + args, check=True)


ENC = ["-c:v", "libx264", "-preset", "medium", "-pix_fmt", "yuv420p", "-an", "-fflags", "+bitexact",
       "-flags:v", "+bitexact", "-map_metadata", "-1", "-movflags", "+faststart"]


def build_videos():
    rng = random.Random(20261031)
    frames = vtest_frames()
    bg = np.median(frames[::10].mean(axis=3), axis=0)
    blobs = {}

    def fb(i):
        if i not in blobs:
            blobs[i] = person_blobs(frames[i].mean(axis=2), bg)
        return blobs[i]

    idx = [0]

    def name():
        idx[0] += 1
        return "vid_%03d.mp4" % idx[0]

    tmp = "/tmp/insights_media_tmp"
    os.makedirs(tmp, exist_ok=True)
    # 1) vtest segments (people walking)
    plan = []
    for k in range(95):
        plan.append("vtest")
    for k in range(95):
        plan.append("kenburns")
    for k in range(10):
        plan.append("megamind")
    for k in range(6):
        plan.append("tree")
    rng.shuffle(plan)
    imgs = [r for r in records if r["kind"] == "image" and not r["variant_of"]]
    for tag in plan:
        nm = name()
        out = os.path.join(OUT, nm)
        ops = []
        people, faces, text, illus, animals, notes = 0, 0, 0, 0, "", ""
        dur = rng.choice([2, 3, 3, 4, 4, 5, 6, 8])
        if tag == "vtest":
            st = rng.randrange(0, 795 - dur * 10 - 1)
            cw = rng.choice([320, 384, 480, 560, 768])
            ch = cw * 3 // 4
            x = rng.randrange(0, 768 - cw + 1)
            y = rng.randrange(0, 576 - ch + 1)
            counts = []
            for i in range(st, st + dur * 10, 5):
                c = count_in(fb(i), (x, y, x + cw, y + ch), min_h=30)
                counts.append(c)
            known = [c for c in counts if c is not None]
            people = max(set(known), key=known.count) if known else -1
            vf = "trim=start_frame=%d:end_frame=%d,setpts=PTS-STARTPTS,crop=%d:%d:%d:%d,scale=288:216" % (st, st + dur * 10, cw, ch, x, y)
            if rng.random() < 0.2:
                vf, t = add_drawtext(vf, rng, ops)
                text = 1
            ff(["-i", VTEST, "-vf", vf, "-r", "10", "-crf", "33"] + ENC + [out])
            src = (VTEST, "opencv-doc", LIC_OPENCV)
            ops.insert(0, "frames %d-%d, crop %dx%d+%d+%d, scaled to 288x216, 10 fps, %d s" % (st, st + dur * 10, cw, ch, x, y, dur))
            notes = "street clip; people estimated %s" % ("/".join("?" if c is None else str(c) for c in counts))
        elif tag in ("megamind", "tree"):
            srcf = OCV + ("Megamind.avi" if tag == "megamind" else "tree.avi")
            total = float(subprocess.run(["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", srcf],
                                         stdout=subprocess.PIPE, text=True).stdout.strip())
            st = rng.uniform(0, max(0, total - dur - 0.5))
            vf = "scale=288:-2"
            ff(["-ss", "%.2f" % st, "-t", str(dur), "-i", srcf, "-vf", vf, "-r", "12", "-crf", "33"] + ENC + [out])
            src = (srcf, "opencv-doc", LIC_OPENCV)
            ops.append("segment %.1f-%.1f s, scaled to 288 px wide, 12 fps" % (st, st + dur))
            if tag == "megamind":
                illus = 1
                people = -1
                notes = "animated film clip"
            else:
                notes = "tree/nature clip"
        else:
            r = rng.choice(imgs)
            src = (r["source_file"], r["source_package"], r["licence"])
            people, faces, illus, animals = r["people"], r["faces"], r["illustration"], r["animals"]
            text = r["text_overlay"]
            # re-build a larger still of the same content: use the 320px image, upscaled for the pan
            still = os.path.join(OUT, r["file"])
            w, h = Image.open(still).size
            z = rng.uniform(1.15, 1.45)
            fps = 12
            n = dur * fps
            mode = rng.choice(["zin", "zout", "pan"])
            if mode == "zin":
                zexpr = "1+%.4f*on/%d" % (z - 1, n)
            elif mode == "zout":
                zexpr = "%.4f-%.4f*on/%d" % (z, z - 1, n)
            else:
                zexpr = "%.4f" % z
            ow, oh = (288, 216) if w >= h else (216, 288)
            vf = ("scale=%d:%d,zoompan=z='%s':x='(iw-iw/zoom)*on/%d':y='(ih-ih/zoom)/2':d=%d:s=%dx%d:fps=%d"
                  % (ow * 3, oh * 3, zexpr, n, n, ow, oh, fps))
            if rng.random() < 0.2 and not text:
                vf, t = add_drawtext(vf, rng, ops)
                text = 1
            ff(["-loop", "1", "-i", still, "-vf", vf, "-frames:v", str(n), "-crf", "32"] + ENC + [out])
            ops.insert(0, "Ken Burns %s (zoompan) over %s (itself: %s), %dx%d, %d fps, %d s" % (mode, r["file"], r["ops"], ow, oh, fps, dur))
            notes = "Ken Burns over " + r["file"]
        rec(nm, "video", src, "; ".join(ops), people, faces, text, illus, animals, "", notes,
            r["file"] if tag == "kenburns" else "")
    # 60 s benchmark clip
    nm = "vid_bench_60s.mp4"
    ff(["-i", VTEST, "-vf", "trim=start_frame=0:end_frame=600,setpts=PTS-STARTPTS,scale=256:192", "-r", "10", "-crf", "34"] + ENC + [os.path.join(OUT, nm)])
    rec(nm, "video", (VTEST, "opencv-doc", LIC_OPENCV), "frames 0-600 (60 s), full frame scaled to 256x192, 10 fps",
        -1, 0, 0, 0, "", "", "60 s benchmark clip (whole scene, several walking people)")


def add_drawtext(vf, rng, ops):
    phrase = rng.choice([p for p in PHRASES if "\n" not in p and "%" not in p and "'" not in p and ":" not in p])
    font = rng.choice(FONTS)
    size = rng.randint(20, 32)
    pos = rng.choice(["x=(w-tw)/2:y=h-th-14", "x=(w-tw)/2:y=14", "x=(w-tw)/2:y=(h-th)/2"])
    vf += ",drawtext=fontfile=%s:text='%s':fontsize=%d:fontcolor=white:box=1:boxcolor=black@0.55:boxborderw=6:%s" % (font, phrase, size, pos)
    ops.append('burned-in text "%s" (%s, %dpx)' % (phrase, os.path.basename(font), size))
    return vf, phrase


# ---------------------------------------------------------------- brightness and CSV
def luma_of(path, kind):
    if kind == "image":
        a = np.asarray(Image.open(path).convert("L"), dtype=np.float64)
        return a.mean() / 255.0
    p = subprocess.run(["ffmpeg", "-v", "error", "-i", path, "-vf", "select='not(mod(n\\,10))',scale=64:48", "-vsync", "vfr",
                        "-f", "rawvideo", "-pix_fmt", "gray", "-"], stdout=subprocess.PIPE, check=True)
    a = np.frombuffer(p.stdout, dtype=np.uint8)
    return a.mean() / 255.0


PKG_INFO = {
    "opencv-doc": "OpenCV sample data (/usr/share/doc/opencv-doc/examples/data): vtest.avi pedestrian video, Megamind.avi, tree.avi, sample photos",
    "python3-skimage": "scikit-image sample images (/usr/lib/python3/dist-packages/skimage/data)",
    "python-matplotlib-data": "Matplotlib sample data (grace_hopper.jpg)",
    "plasma-workspace-wallpapers": "KDE Plasma wallpapers (/usr/share/wallpapers)",
    "mate-backgrounds": "MATE desktop backgrounds (/usr/share/backgrounds/mate)",
    "lomiri-wallpapers-16.04": "Lomiri (Ubuntu Touch) wallpapers, per-file licences from the copyright file",
    "lomiri-wallpapers-20.04": "Lomiri (Ubuntu Touch) wallpapers, per-file licences from the copyright file",
    "ukui-wallpapers": "UKUI desktop wallpapers",
    "gnome-backgrounds": "GNOME backgrounds",
    "openclipart-png": "Open Clip Art Library, PNG renderings (/usr/share/openclipart/png)",
    "tuxpaint-stamps-default": "Tux Paint stamps: photo cut-outs of animals, food and objects (/usr/share/tuxpaint/stamps)",
}


def md(s):
    return str(s).replace("|", "\\|").replace("\n", " ")


def write_sources(path):
    by = {}
    for r in records:
        by.setdefault(r["source_package"], []).append(r)
    L = ["# Sources of data/demo/media", "",
         "Every file in `media/` was made by `build-media.sh` (`tools/build_media.py`) from files of the Debian",
         "packages below (Debian 12). Licences are quoted from each package's `/usr/share/doc/PKG/copyright`;",
         "where a package's copyright file gives per-file licences (lomiri-wallpapers, mate-backgrounds) the",
         "per-file licence is used. Text overlays use fonts from Debian font packages (fonts-dejavu-core,",
         "fonts-liberation, fonts-freefont-ttf, fonts-open-sans, fonts-roboto-unhinted, fonts-lobster,",
         "fonts-comic-neue, fonts-urw-base35); rendered text is not a copy of the font software.",
         "Nothing in this folder is NSFW. The lena image is not used.", "",
         "All images: JPEG, long side 320 px, quality 70 (near-duplicates 55-85). All videos: H.264 yuv420p MP4,",
         "no audio, 288 px wide (the 60 s benchmark clip 256x192).", "",
         "## Summary by package", "", "| package | what | licence(s) | files |", "| --- | --- | --- | --- |"]
    for pkg in sorted(by):
        lics = sorted(set(r["licence"] for r in by[pkg]))
        L.append("| %s | %s | %s | %d |" % (pkg, PKG_INFO.get(pkg, ""), "; ".join(lics), len(by[pkg])))
    L += ["", "Composites name their second source (background photo) in the *what was done* column; its licence",
          "is the one of that package as listed above.", "",
          "## Every file", "", "| file | package | source file | licence | what was done |", "| --- | --- | --- | --- | --- |"]
    for r in records:
        L.append("| %s | %s | %s | %s | %s |" % (r["file"], r["source_package"], md(r["source_file"]), r["licence"], md(r["ops"])))
    with open(path, "w") as f:
        f.write("\n".join(L) + "\n")


def build_extra_animals():
    """Second pass (own RNG, so nothing above changes): animal classes the first pass missed."""
    rng = random.Random("extra-animals")
    n = sum(1 for r in records if r["kind"] == "image")
    picks = [(TUX + "animals/mammals/bears/bear.png", "bear"), (TUX + "animals/mammals/bears/european-bear.png", "bear"),
             (TUX + "animals/mammals/equines/horse.png", "horse"), (TUX + "animals/mammals/dogs/dog.png", "dog"),
             (TUX + "animals/mammals/dogs/dingo.png", "dog")]
    for k in range(24):
        f, cls = picks[k % len(picks)]
        n += 1
        nm = "img_%04d.jpg" % n
        bgsrc = rng.choice(LANDSCAPE[:23])
        bgim, box = rand_crop(load(bgsrc[0]), rng, 0.3, 0.8)
        im = paste_center(fit(bgim, 480), load_rgba(f), rng, (0.5, 0.9))
        ops = ["cut-out stamp composited on crop of %s (%s, %s)" % (os.path.basename(bgsrc[0]), bgsrc[1], bgsrc[2])]
        im = fit(im)
        ops.append("resized to %dpx long side" % LONG)
        im = light(im, rng, ops)
        text = 0
        if rng.random() < 0.2:
            im = overlay_text(im, rng, ops)
            text = 1
        save(im, nm)
        rec(nm, "image", (f, "tuxpaint-stamps-default", LIC_TUX), "; ".join(ops), 0, 0, text, 0, cls, "",
            "animal photo cut-out on background")


def main():
    os.makedirs(OUT, exist_ok=True)
    build_images()
    build_videos()
    build_extra_animals()
    fixes = {}
    if os.path.exists(FIXES_CSV):
        with open(FIXES_CSV, newline="") as f:
            for row in csv.DictReader(l for l in f if not l.startswith("#")):
                fixes.setdefault(row["file"], []).append((row["column"], row["value"]))
    cols = ["file", "kind", "source_package", "licence", "people", "faces", "text_overlay", "illustration", "animals",
            "nsfw", "brightness", "variant_of", "notes"]
    with open(MEDIA_CSV, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(cols)
        byname = {r["file"]: r for r in records}
        for r in records:
            if r["inherit"]:
                o = byname[r["inherit"]]
                for c in ("people", "faces", "illustration", "animals"):
                    r[c] = o[c]
                r["text_overlay"] = max(int(r["text_overlay"]), int(o["text_overlay"]))
            for c, v in fixes.get(r["file"], []):
                r[c] = v
            r["brightness"] = "%.3f" % luma_of(os.path.join(OUT, r["file"]), r["kind"])
            w.writerow([r[c] for c in cols])
    write_sources(os.path.join(os.path.dirname(MEDIA_CSV), "SOURCES.md"))



main()
