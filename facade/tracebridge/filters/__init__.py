"""One filter language for every dialect.

Build expressions with `F` (or parse their text form), then compile them for the endpoint:
Respan's standard and list formats, Galileo's flat filters and filter tree. Whatever a
dialect cannot express fails with `FilterError` before any request, naming the
sub-expression and the dialect; field names are checked against the endpoint's fields.
"""

from .expr import And, Compare, Expr, F, Field, Not, Or
from .galileo import to_flat as to_galileo_filters
from .galileo import to_tree as to_galileo_tree
from .parse import parse
from .respan import to_list as to_respan_list
from .respan import to_standard as to_respan

__all__ = [
    "And",
    "Compare",
    "Expr",
    "F",
    "Field",
    "Not",
    "Or",
    "parse",
    "to_galileo_filters",
    "to_galileo_tree",
    "to_respan",
    "to_respan_list",
]
