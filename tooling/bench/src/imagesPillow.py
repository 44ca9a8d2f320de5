# Pillow's side of the image benchmark, as the issue specifies it: thumbnail((1024, 1024),
# LANCZOS), WEBP quality 85, two worker processes. Run with Debian's /usr/bin/python3 and its
# python3-pil. Deliberately nothing more (no exif_transpose, no ICC conversion): that is how
# Pillow is commonly used, and what the benchmark compares against.
import os
import sys
from multiprocessing import Pool

from PIL import Image

OUT = sys.argv[2]


def work(path):
    name = os.path.splitext(os.path.basename(path))[0]
    with Image.open(path) as im:
        im.thumbnail((1024, 1024), Image.LANCZOS)
        im.save(os.path.join(OUT, name + ".webp"), "WEBP", quality=85)


if __name__ == "__main__":
    with open(sys.argv[1]) as f:
        files = [line for line in f.read().split("\n") if line]
    with Pool(int(sys.argv[3]) if len(sys.argv) > 3 else 2) as pool:
        pool.map(work, files, chunksize=1)
