"""A module whose name has a space."""
import json


def loader():
    return 1
