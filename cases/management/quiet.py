import contextlib
import logging
from collections.abc import Iterator


@contextlib.contextmanager
def quiet_wagtail(verbosity: int) -> Iterator[None]:
    """Hold back Wagtail's three INFO lines per page, which would bury a command's report.

    They are still shown with --verbosity 2 or more.
    """
    logger = logging.getLogger("wagtail")
    level = logger.level
    if verbosity < 2:
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)
