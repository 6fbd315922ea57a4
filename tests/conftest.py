"""Hypothesis profiles: ``dev`` (quick, the default) and ``ci`` (derandomized, more examples)."""

import os

from hypothesis import HealthCheck, settings

settings.register_profile("dev", max_examples=40)
settings.register_profile(
    "ci",
    max_examples=150,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
