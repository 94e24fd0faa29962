from enum import StrEnum


class LogFilterRequestOperator(StrEnum):
    AND = "AND"
    OR = "OR"

    def __str__(self) -> str:
        return str(self.value)
