from enum import StrEnum


class RootType(StrEnum):
    SESSION = "session"
    SPAN = "span"
    TRACE = "trace"

    def __str__(self) -> str:
        return str(self.value)
