"""Hypothesis settings profiles: ``ci`` (derandomised, no deadline) and ``dev``."""

from __future__ import annotations

import os

__all__ = ["register_profiles"]


def register_profiles(load: bool = True) -> str:
    """Register the ``ci`` and ``dev`` hypothesis profiles and load one.

    ``ci`` is derandomised with no deadline, so CI runs are deterministic; ``dev`` is hypothesis'
    default search with no deadline.  The profile loaded is ``$HYPOTHESIS_PROFILE`` if set, else
    ``ci`` when ``$CI`` is set, else ``dev``.  Returns the loaded profile's name.
    """
    from .._optional import require

    require("hypothesis", "hypothesis", "register_profiles")
    from hypothesis import HealthCheck, settings

    settings.register_profile(
        "ci",
        derandomize=True,
        deadline=None,
        print_blob=True,
        suppress_health_check=[HealthCheck.too_slow],
    )
    settings.register_profile("dev", deadline=None)
    name = os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
    if load:
        settings.load_profile(name)
    return name
