"""A test-only app for the worker subprocess: it stalls the sweep after its first send.

After the first FollowUp row of the process is written, every further one waits
inside its transaction (the reminder not yet committed), so the test can kill the
worker at a known point: one reminder sent, the others not.
"""

import time

from django.apps import AppConfig
from django.db.models.signals import post_save

STALL_SECONDS = 120


class SlowFollowUpConfig(AppConfig):
    name = "tests.questions.slow_followup"
    label = "slow_followup"

    def ready(self) -> None:
        written = []

        def stall_after_the_first(sender, **kwargs) -> None:
            if written:
                time.sleep(STALL_SECONDS)
            written.append(True)

        post_save.connect(stall_after_the_first, sender="questions.FollowUp", weak=False)
