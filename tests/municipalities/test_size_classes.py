import pytest

from municipalities.size_classes import SizeClass, population_range, size_class_for


@pytest.mark.parametrize(
    ("population", "expected"),
    [
        (947, SizeClass.UNDER_5K),  # Schiermonnikoog
        (4_999, SizeClass.UNDER_5K),
        (5_000, SizeClass.FROM_5K),
        (23_568, SizeClass.FROM_20K),
        (161_055, SizeClass.FROM_150K),
        (249_999, SizeClass.FROM_150K),
        (250_000, SizeClass.FROM_250K),
        (931_298, SizeClass.FROM_250K),
    ],
)
def test_size_class_for(population, expected):
    assert size_class_for(population) == expected


def test_ranges_cover_every_class_without_gaps():
    upper_of_previous = 0
    for size_class in SizeClass:
        lower, upper = population_range(size_class)
        assert lower == upper_of_previous
        assert size_class_for(lower) == size_class
        upper_of_previous = upper
    assert upper_of_previous is None
