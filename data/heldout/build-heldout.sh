#!/usr/bin/env bash
# Regenerates data/heldout/media/* and data/heldout/sources.csv deterministically from Debian 12's opencv-doc
# (apt-get download, no install). Needs ffmpeg, Debian's python3-pil and fonts-dejavu-core. The truth,
# data/heldout/truth.csv, was written by looking at the images, not by this script.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && apt-get download opencv-doc >/dev/null && dpkg-deb -x opencv-doc_*.deb x)
rm -rf "$here/media"
mkdir -p "$here/media"
/usr/bin/python3 "$here/tools/build_heldout.py" "$work/x/usr/share/doc/opencv-doc/examples/data" "$here/media" "$here/sources.csv"
# SOURCES.md was written from sources.csv; truth.csv by hand
echo "media: $(ls "$here/media" | wc -l) files, $(du -sh "$here/media" | cut -f1)"
