"""lintgate: one fast binary that lints and gates a whole repository.

The wheel ships the native ``lintgate`` executable among the environment's
scripts; this package only finds it (``python -m lintgate``).
"""

from lintgate._find import find_lintgate_bin

__all__ = ["find_lintgate_bin"]
