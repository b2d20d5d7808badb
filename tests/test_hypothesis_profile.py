"""Property tests judge behaviour, not speed (speed is measured in benchmarks)."""

from __future__ import annotations

from hypothesis import HealthCheck, settings


def test_property_tests_have_no_time_limit() -> None:
    assert settings.default.deadline is None
    assert HealthCheck.too_slow in settings.default.suppress_health_check
