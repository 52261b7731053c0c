"""Valid-looking identifiers: ID card numbers, mobile numbers, business licence codes."""

from __future__ import annotations

from datetime import date
from random import Random

from gridterm.domain.validation import id_check_digit

#: Local districts (武汉: 洪山, 武昌, 江汉, 江岸) come first; tenants often hold a card from home.
LOCAL_REGIONS = ("420111", "420106", "420103", "420102")
OTHER_REGIONS = ("421023", "420984", "421127", "430621", "411523", "362421", "342422", "500228")

_MOBILE_PREFIXES = (
    "130 131 132 133 135 136 137 138 139 150 151 152 153 155 156 157 158 159 166 173 177"
    " 180 181 182 183 185 186 187 188 189 191 198 199"
).split()

# GB 32100-2015 统一社会信用代码: 31 characters (no I, O, S, V, Z) and its check weights.
_CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def id_number(rng: Random, region: str, birth: date, male: bool) -> str:
    """An 18-digit resident identity number whose check digit is valid.

    The 17th digit is odd for men and even for women, as on real cards.
    """
    sequence = int(rng.random() * 100) * 10 + (int(rng.random() * 5) * 2 + (1 if male else 0))
    first17 = f"{region}{birth:%Y%m%d}{sequence:03d}"
    return first17 + id_check_digit(first17)


def mobile(rng: Random) -> str:
    """An 11-digit mainland mobile number with a real carrier prefix."""
    prefix = _MOBILE_PREFIXES[int(rng.random() * len(_MOBILE_PREFIXES))]
    return f"{prefix}{int(rng.random() * 100_000_000):08d}"


def credit_code(rng: Random, region: str) -> str:
    """A unified social credit code (统一社会信用代码) of a sole trader (个体工商户, ``92…``)."""
    body = "92" + region + "".join(_CREDIT_CHARS[int(rng.random() * 31)] for _ in range(9))
    total = sum(_CREDIT_CHARS.index(c) * w for c, w in zip(body, _CREDIT_WEIGHTS, strict=True))
    return body + _CREDIT_CHARS[(31 - total % 31) % 31]
