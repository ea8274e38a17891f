#!/usr/bin/env bash
# Regenerates data/demo/media/*, data/demo/media.csv and data/demo/SOURCES.md deterministically
# from freely licensed Debian packages (Debian 12 "bookworm"). Run from anywhere, as root (apt-get).
#   data/demo/build-media.sh            install packages, rebuild media, media.csv, SOURCES.md
#   SKIP_APT=1 data/demo/build-media.sh  same, without apt-get
# Then run the simulator: dotnet run data/demo/simulator/Simulate.cs
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PKGS=(imagemagick ffmpeg python3 python3-pil python3-numpy python3-scipy
      opencv-doc python3-skimage python-matplotlib-data gnome-backgrounds openclipart-png
      tuxpaint-stamps-default plasma-workspace-wallpapers mate-backgrounds
      lomiri-wallpapers-16.04 lomiri-wallpapers-20.04 ukui-wallpapers
      fonts-dejavu-core fonts-liberation fonts-freefont-ttf fonts-urw-base35 fonts-open-sans
      fonts-roboto-unhinted fonts-lobster fonts-comic-neue)
if [[ "${SKIP_APT:-0}" != 1 ]]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${PKGS[@]}" >/dev/null
fi
rm -rf "$here/media"
mkdir -p "$here/media"
# Debian's python (the packages above install into it), not a pyenv shim
/usr/bin/python3 "$here/tools/build_media.py" "$here/media" "$here/media.csv" "$here/tools/label-fixes.csv"
echo "media: $(ls "$here/media" | wc -l) files, $(du -sh "$here/media" | cut -f1)"
