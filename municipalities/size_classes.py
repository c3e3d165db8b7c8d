"""CBS municipality size classes (gemeentegrootteklassen).

Derived from the population on read rather than stored, so a population update from
a new CBS file can never leave a stale class behind.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SizeClass(models.TextChoices):
    UNDER_5K = "<5k", _("fewer than 5,000 inhabitants")
    FROM_5K = "5k-10k", _("5,000 to 10,000 inhabitants")
    FROM_10K = "10k-20k", _("10,000 to 20,000 inhabitants")
    FROM_20K = "20k-50k", _("20,000 to 50,000 inhabitants")
    FROM_50K = "50k-100k", _("50,000 to 100,000 inhabitants")
    FROM_100K = "100k-150k", _("100,000 to 150,000 inhabitants")
    FROM_150K = "150k-250k", _("150,000 to 250,000 inhabitants")
    FROM_250K = "250k+", _("250,000 inhabitants or more")


# Lower bound (inclusive) of each class, in ascending order.
LOWER_BOUNDS: list[tuple[int, SizeClass]] = [
    (0, SizeClass.UNDER_5K),
    (5_000, SizeClass.FROM_5K),
    (10_000, SizeClass.FROM_10K),
    (20_000, SizeClass.FROM_20K),
    (50_000, SizeClass.FROM_50K),
    (100_000, SizeClass.FROM_100K),
    (150_000, SizeClass.FROM_150K),
    (250_000, SizeClass.FROM_250K),
]


def size_class_for(population: int) -> SizeClass:
    chosen = LOWER_BOUNDS[0][1]
    for lower, size_class in LOWER_BOUNDS:
        if population >= lower:
            chosen = size_class
    return chosen


def population_range(size_class: SizeClass) -> tuple[int, int | None]:
    """The [lower, upper) population bounds of a class, for filtering querysets."""
    for index, (lower, candidate) in enumerate(LOWER_BOUNDS):
        if candidate == size_class:
            upper = LOWER_BOUNDS[index + 1][0] if index + 1 < len(LOWER_BOUNDS) else None
            return lower, upper
    raise ValueError(size_class)


def in_size_class(municipalities: models.QuerySet, size_class: SizeClass) -> models.QuerySet:
    """`municipalities` whose population falls in `size_class` (the site and the API)."""
    lower, upper = population_range(size_class)
    municipalities = municipalities.filter(population__gte=lower)
    return municipalities if upper is None else municipalities.filter(population__lt=upper)
