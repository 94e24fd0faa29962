from enum import StrEnum


class DatasetSpanFilterRequestExportFormat(StrEnum):
    CSV = ".csv"
    JSONL = ".jsonl"

    def __str__(self) -> str:
        return str(self.value)
