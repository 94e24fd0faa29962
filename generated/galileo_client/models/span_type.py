from enum import StrEnum


class SpanType(StrEnum):
    AGENT = "agent"
    CONTROL = "control"
    LLM = "llm"
    RETRIEVER = "retriever"
    TOOL = "tool"
    WORKFLOW = "workflow"

    def __str__(self) -> str:
        return str(self.value)
