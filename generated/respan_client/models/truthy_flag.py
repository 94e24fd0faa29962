from enum import StrEnum


class TruthyFlag(StrEnum):
    ONE = "1"
    TRUE = "true"

    def __str__(self) -> str:
        return str(self.value)
