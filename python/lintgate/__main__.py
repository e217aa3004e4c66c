"""``python -m lintgate ARGS``: run the installed ``lintgate`` executable."""

import os
import subprocess
import sys

from lintgate._find import find_lintgate_bin


def main() -> int:
    """Replace this process with lintgate (a child process on Windows)."""
    try:
        binary = find_lintgate_bin()
    except FileNotFoundError as error:
        sys.stderr.write(f"python -m lintgate: {error}\n")
        return 2
    argv = [binary, *sys.argv[1:]]
    if sys.platform == "win32":
        return subprocess.run(argv, check=False).returncode
    os.execv(binary, argv)
    return 2  # not reached: execv does not return


if __name__ == "__main__":
    sys.exit(main())
