from enum import StrEnum


class FilterOperator(StrEnum):
    CONTAINS = "contains"
    EMPTY = "empty"
    ENDSWITH = "endswith"
    EQ = ""
    GT = "gt"
    GTE = "gte"
    ICONTAINS = "icontains"
    IEXACT = "iexact"
    IN = "in"
    IS = "is"
    ISNULL = "isnull"
    LT = "lt"
    LTE = "lte"
    NOT = "not"
    NOT_CONTAINS = "not_contains"
    NOT_EMPTY = "not_empty"
    NOT_EMPTY_CAMEL = "notEmpty"
    NOT_ENDSWITH = "not_endswith"
    NOT_IN = "not_in"
    NOT_STARTSWITH = "not_startswith"
    STARTSWITH = "startswith"

    def __str__(self) -> str:
        return str(self.value)
