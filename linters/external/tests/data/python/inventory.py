import sys
import os
from collections import OrderedDict


def total_weight(items):
    unused = 0
    return sum(item["weight"] for item in items)


class Shelf:
    def add(self, name: str) -> int:
        return name


def describe(count: int) -> str:
    return "count: " + count
