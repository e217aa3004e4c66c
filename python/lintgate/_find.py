"""Locate the ``lintgate`` executable the wheel installed."""

import os
import sys
import sysconfig


def find_lintgate_bin() -> str:
    """Return the path of the ``lintgate`` executable installed with this package."""
    name = "lintgate" + (sysconfig.get_config_var("EXE") or "")
    candidates = [sysconfig.get_path("scripts")]
    # `pip install --user`: the user scheme's scripts directory.
    user_scheme = {"posix": "posix_user", "nt": "nt_user"}.get(os.name)
    if user_scheme and user_scheme in sysconfig.get_scheme_names():
        candidates.append(sysconfig.get_path("scripts", scheme=user_scheme))
    # `pip install --target DIR`: DIR/bin next to DIR/lintgate.
    package_parent = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    candidates.append(os.path.join(package_parent, "bin"))
    for directory in candidates:
        path = os.path.join(directory, name)
        if os.path.isfile(path) and os.access(path, os.X_OK):
            return path
    searched = ", ".join(candidates)
    raise FileNotFoundError(f"the lintgate executable is not installed (searched {searched})")


if __name__ == "__main__":
    sys.stdout.write(find_lintgate_bin() + "\n")
