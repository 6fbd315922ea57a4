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


def pytest_terminal_summary(terminalreporter) -> None:
    """Report how many fuzz examples ran and how fast the hostile inputs were refused."""
    from tests.hostile import record

    if record.EXAMPLES:
        terminalreporter.section("fuzz examples")
        for target, count in sorted(record.EXAMPLES.items()):
            terminalreporter.write_line(f"{target}: {count} examples")
        terminalreporter.write_line(f"total: {sum(record.EXAMPLES.values())} examples")
    if record.TIMES:
        terminalreporter.section("hostile inputs refused")
        slowest = sorted(record.TIMES.items(), key=lambda item: -item[1])
        for name, seconds in slowest:
            terminalreporter.write_line(f"{seconds * 1000:8.1f} ms  {name}")
