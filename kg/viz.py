"""Compatibility: the HTML views moved to :mod:`kg.views`; ``kg.viz.to_html`` and the other
names the README documented keep working from here."""
from __future__ import annotations

from .views import *  # noqa: F401,F403
from .views import __all__  # noqa: F401
