"""Uses a package that is not installed."""
from missing_package import helper

count: int = "three"
reveal_type(count)
helper(count)
