"""Whole numbers that add up exactly: the largest-remainder method (Hamilton)."""
from __future__ import annotations

import math
from collections.abc import Mapping


def largest_remainder(total: int, weights: Mapping[str, float]) -> dict[str, int]:
    """`total` shared over the keys in proportion to their weights, as whole numbers that
    add up to `total`: each key gets the whole part of its quota, and the homes left over go
    one by one to the largest remainders (ties to the smaller key, so the result does not
    depend on the order of the mapping)."""
    whole = sum(weights.values())
    if total and whole <= 0:
        raise ValueError(f"cannot share {total} over weights that add up to {whole}")
    quotas = {k: total * w / whole if whole else 0.0 for k, w in weights.items()}
    out = {k: math.floor(q) for k, q in quotas.items()}
    left = total - sum(out.values())
    for k in sorted(quotas, key=lambda k: (-(quotas[k] - out[k]), k))[:left]:
        out[k] += 1
    return out
