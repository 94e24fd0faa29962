"""The text form of filters, for the command line: it reads what expressions print.

    total_cost > 0.01
    status in (success, error) and not name startswith "tool"
    metadata.env = prod or (`metrics/duration_ns` between 1e9 and 5e9)
    start_time >= 2025-01-01T00:00:00Z and expected_output is not null

Operators: = (or ==), !=, <, <=, >, >=, contains, icontains, iexact, startswith, endswith,
in (...), not in (...), between ... and ..., is null, is not null, is empty, is not empty;
combined with and, or,
not and parentheses (not binds tightest, then and, then or). Values: "quoted" or 'quoted'
strings, numbers, true, false, null, ISO 8601 date-times, and bare words (strings).
Field names are bare (`metadata.user_id`, `metrics/duration_ns`) or `backquoted`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..errors import FilterError
from .expr import And, Expr, Field, Not, Or

_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<backquoted>`(?:[^`]|``)*`)
  | (?P<dstring>"(?:[^"\\]|\\.)*")
  | (?P<sstring>'(?:[^'\\]|\\.)*')
  | (?P<datetime>\d{4}-\d{2}-\d{2}
        (?:[T\ ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?![\w.:-]))
  | (?P<number>-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?(?![\w.]))
  | (?P<op><=|>=|!=|==|=|<|>)
  | (?P<punct>[(),])
  | (?P<word>[A-Za-z_][\w./:\-]*)
    """,
    re.VERBOSE,
)
TEXT_OPERATORS = ("contains", "icontains", "iexact", "startswith", "endswith")


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    column: int

    @property
    def keyword(self) -> str | None:
        return self.text.lower() if self.kind == "word" else None


MAX_DEPTH = 100  # parentheses and nots, one inside another


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    position = 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None:
            raise FilterError(
                f"malformed filter at column {position + 1}: unexpected {text[position]!r}"
            )
        kind = match.lastgroup or ""
        if kind != "space":
            tokens.append(Token(kind, match.group(), position + 1))
        position = match.end()
    return tokens


class _Parser:
    def __init__(self, text: str):
        self.depth = 0
        self.text = text
        self.tokens = tokenize(text)
        self.index = 0

    # -- token helpers ------------------------------------------------------------------------

    def peek(self) -> Token | None:
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def take(self) -> Token:
        token = self.peek()
        if token is None:
            raise self.error("the filter ends too early", None)
        self.index += 1
        return token

    def at_keyword(self, *words: str) -> bool:
        token = self.peek()
        return token is not None and token.keyword in words

    def expect_keyword(self, word: str) -> None:
        token = self.take()
        if token.keyword != word:
            raise self.error(f"expected {word!r}", token)

    def expect(self, text: str) -> None:
        token = self.take()
        if token.text != text:
            raise self.error(f"expected {text!r}", token)

    def error(self, message: str, token: Token | None) -> FilterError:
        where = f"column {token.column}" if token else f"column {len(self.text) + 1}"
        got = f", found {token.text!r}" if token else ""
        return FilterError(f"malformed filter at {where}: {message}{got}", expression=self.text)

    # -- grammar ------------------------------------------------------------------------------

    def parse(self) -> Expr:
        if not self.tokens:
            raise FilterError("the filter is empty", expression=self.text)
        expression = self.or_expr()
        leftover = self.peek()
        if leftover is not None:
            raise self.error("expected and, or or the end", leftover)
        return expression

    def or_expr(self) -> Expr:
        parts = [self.and_expr()]
        while self.at_keyword("or"):
            self.take()
            parts.append(self.and_expr())
        return Or.of(*parts)

    def and_expr(self) -> Expr:
        parts = [self.not_expr()]
        while self.at_keyword("and"):
            self.take()
            parts.append(self.not_expr())
        return And.of(*parts)

    def not_expr(self) -> Expr:
        token = self.peek()
        if self.at_keyword("not") or (token is not None and token.text == "("):
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise self.error(f"nested more than {MAX_DEPTH} deep", token)
            try:
                if self.at_keyword("not"):
                    self.take()
                    return Not(self.not_expr())
                self.take()
                inner = self.or_expr()
                self.expect(")")
                return inner
            finally:
                self.depth -= 1
        return self.comparison()

    def comparison(self) -> Expr:
        field = self.field()
        token = self.take()
        if token.kind == "op":
            value = self.value()
            if token.text in ("=", "=="):
                return field.__eq__(value)
            if token.text == "!=":
                return field.__ne__(value)
            if value is None:
                raise self.error(f"{token.text} cannot compare with null", token)
            return {"<": field.__lt__, "<=": field.__le__, ">": field.__gt__, ">=": field.__ge__}[
                token.text
            ](value)
        keyword = token.keyword
        if keyword in TEXT_OPERATORS:
            value_token = self.peek()
            value = self.value()
            if not isinstance(value, str):
                raise self.error(f"{keyword} takes a string", value_token)
            return getattr(field, keyword)(value)  # type: ignore[no-any-return]
        if keyword == "in":
            return field.isin(self.value_list())
        if keyword == "not":
            self.expect_keyword("in")
            return Not(field.isin(self.value_list()))
        if keyword == "between":
            low = self.value()
            self.expect_keyword("and")
            return field.between(low, self.value())
        if keyword == "is":
            negated = self.at_keyword("not")
            if negated:
                self.take()
            if self.at_keyword("empty"):
                self.take()
                return Not(field.is_empty()) if negated else field.is_empty()
            self.expect_keyword("null")
            return Not(field.is_null()) if negated else field.is_null()
        raise self.error(
            "expected an operator (=, !=, <, <=, >, >=, contains, in, between, is null...)", token
        )

    def field(self) -> Field:
        token = self.take()
        if token.kind == "backquoted":
            return Field(token.text[1:-1].replace("``", "`"))
        if token.kind == "word" and token.keyword not in ("and", "or", "not"):
            return Field(token.text)
        raise self.error("expected a field name", token)

    def value_list(self) -> list[Any]:
        self.expect("(")
        values = [self.value()]
        while self.peek() is not None and self.peek().text == ",":  # type: ignore[union-attr]
            self.take()
            values.append(self.value())
        self.expect(")")
        return values

    def value(self) -> Any:
        token = self.take()
        if token.kind == "dstring":
            return json.loads(token.text)
        if token.kind == "sstring":
            return json.loads('"' + token.text[1:-1].replace("\\'", "'").replace('"', '\\"') + '"')
        if token.kind == "number":
            number = float(token.text)
            return int(token.text) if re.fullmatch(r"-?\d+", token.text) else number
        if token.kind == "datetime":
            try:
                return datetime.fromisoformat(token.text)
            except ValueError:
                raise self.error("not a valid date-time", token) from None
        if token.kind == "word":
            keyword = token.keyword
            if keyword in ("true", "false"):
                return keyword == "true"
            if keyword == "null":
                return None
            if keyword in ("and", "or", "not", "in", "is", "between"):
                raise self.error("expected a value", token)
            return token.text
        raise self.error("expected a value", token)


def parse(text: str) -> Expr:
    """The expression a filter text means; `FilterError` (with the column) when malformed."""
    if not isinstance(text, str):
        raise FilterError(f"a filter text must be a string, not {type(text).__name__}")
    return _Parser(text).parse()
