"""Shared test set-up: hypothesis profiles (``ci`` when $CI is set) and literature fixtures."""

from __future__ import annotations

from gametheory.testing import register_profiles

register_profiles()
