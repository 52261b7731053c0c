"""Downscaling a photo before it is uploaded: longest side at most N pixels, EXIF orientation
applied (the re-encoded file carries no EXIF, so the pixels must already stand upright)."""

from __future__ import annotations

import io

from PIL import Image, ImageOps, UnidentifiedImageError

#: Formats worth re-encoding; anything else (or anything Pillow cannot read) goes as is.
_PHOTO_FORMATS = frozenset({"JPEG", "PNG", "WEBP", "MPO"})
_DRAFT_SLACK = 0.95


def downscale(data: bytes, max_side: int, quality: int = 85) -> bytes | None:
    """A JPEG of ``data`` with its longest side at most ``max_side``; None when the photo is
    already small enough, is not a photo Pillow reads, or would not get smaller."""
    if max_side <= 0:
        return None
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format not in _PHOTO_FORMATS or max(image.size) <= max_side:
                return None
            # Let the JPEG decoder scale by 1/2, 1/4 or 1/8 while decoding (several times faster
            # than resampling the full picture), accepting a result up to 5 % under max_side.
            ratio = max_side * _DRAFT_SLACK / max(image.size)
            image.draft("RGB", (int(image.width * ratio), int(image.height * ratio)))
            upright = ImageOps.exif_transpose(image)
            if max(upright.size) > max_side:
                upright.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
            if upright.mode not in ("RGB", "L"):
                upright = upright.convert("RGB")
            out = io.BytesIO()
            upright.save(out, "JPEG", quality=quality, optimize=True)
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return None
    smaller = out.getvalue()
    return smaller if len(smaller) < len(data) else None
