"""Which files isort would reorder or regroup: compares the imported names,
in order, before and after `isort.code` with its default profile, so that
formatting (wrapping, blank lines, parentheses, `import a, b`) is ignored.

Usage: python isort_order.py ROOT MINOR FILE... ; prints the files isort
would reorder, one per line. Run from ROOT (isort's first-party root).
"""

import ast
import sys

import isort


def imported(tree):
    items = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            items.extend(("import", a.name, a.asname, node.lineno) for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            module = "." * node.level + (node.module or "")
            items.extend((module, a.name, a.asname, node.lineno) for a in node.names)
    # ast.walk is breadth-first: order by position, then drop positions.
    return [item[:3] for item in sorted(items, key=lambda i: i[3])]


def main():
    minor = sys.argv[2]
    config = isort.Config(py_version=f"3{minor}", src_paths=(sys.argv[1],))
    for path in sys.argv[3:]:
        try:
            with open(path, encoding="utf-8") as handle:
                source = handle.read()
            before = imported(ast.parse(source))
            after = imported(ast.parse(isort.code(source, config=config)))
        except Exception:  # a file either cannot read is not compared
            continue
        if before != after:
            print(path)


main()
