"""Imports in the wrong order, twice."""
import sys
import abc

print(sys, abc)


def later():
    """Imports inside a function are sorted too."""
    import re
    import json
    return re, json
