"""How the scripts turn measurements into figures (kept apart from the locustfile, which
patches the standard library with gevent when imported)."""


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile: the value below which `share` of the values lie."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]
