from enum import StrEnum


class ListFilterOperator(StrEnum):
    CONTAINS = "contains"
    ENDSWITH = "endsWith"
    EQ = "="
    GT = ">"
    GTE = ">="
    IN = "in"
    LT = "<"
    LTE = "<="
    NE = "!="
    NOT_IN = "not_in"
    STARTSWITH = "startsWith"

    def __str__(self) -> str:
        return str(self.value)
