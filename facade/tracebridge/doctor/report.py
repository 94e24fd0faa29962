"""What doctor found, as data: per service and per request, the differences from the spec
and the problems with paging and filtering. Scrubbed by construction: field names, types
and counts, never a key, and no row value unless asked for (`include_values`)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from .probe import Check


@dataclass
class ServiceReport:
    service: str
    base_url: str
    checks: list[Check] = field(default_factory=list)
    rate_limit_headers: dict[str, str] = field(default_factory=dict)
    sent: list[str] = field(default_factory=list)

    @property
    def agrees(self) -> bool:
        return all(check.agrees for check in self.checks)


@dataclass
class Report:
    """doctor's findings for one or both services."""

    services: list[ServiceReport]
    include_values: bool = False

    @property
    def agrees(self) -> bool:
        return all(service.agrees for service in self.services)

    def differences(self) -> list[tuple[str, str, str, str, str]]:
        """(service, operation, path, kind, seen) of every difference, for tests and tools."""
        return sorted(
            (service.service, check.operation, d.path, d.kind, d.seen)
            for service in self.services
            for check in service.checks
            for d in set(check.differences)
        )

    def problems(self) -> list[tuple[str, str, str]]:
        return sorted(
            (service.service, check.operation, problem)
            for service in self.services
            for check in service.checks
            for problem in check.problems
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "agrees": self.agrees,
            "services": [
                {
                    "service": service.service,
                    "base_url": service.base_url,
                    "agrees": service.agrees,
                    "requests": len(service.sent),
                    "rate_limit_headers": service.rate_limit_headers,
                    "checks": [_check(check, self.include_values) for check in service.checks],
                }
                for service in self.services
            ],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False, default=str)


def _check(check: Check, include_values: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        "name": check.name,
        "operation": check.operation,
        "status": check.status,
        "agrees": check.agrees,
        "differences": [
            {"path": path, "kind": kind, "spec": expected, "seen": seen, "count": count}
            for path, kind, expected, seen, count in check.summary()
        ],
        "problems": check.problems,
        "notes": check.notes,
    }
    if include_values and check.samples:
        out["values"] = check.samples
    return out
