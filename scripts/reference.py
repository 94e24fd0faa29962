"""Write docs/reference.md from the code itself: every command with its arguments and
options, every public method of the clients, their resources and the pagers, every error
class, and every exit code.

    python scripts/reference.py           # write docs/reference.md
    python scripts/reference.py --check   # fail (listing what differs) when it is stale

The test suite runs `--check` (tests/test_reference_docs.py), so the page cannot drift from
what ships: change a command or a method, run this, commit both.
"""

from __future__ import annotations

import argparse
import difflib
import inspect
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "reference.md"
sys.path.insert(0, str(ROOT / "facade"))


def first_paragraph(text: str | None) -> str:
    if not text:
        return ""
    paragraph = inspect.cleandoc(text).split("\n\n", 1)[0]
    return " ".join(paragraph.split())


def cell(text: str) -> str:
    return text.replace("|", "\\|")


# -- the command line ----------------------------------------------------------------------


def commands(command: Any, path: str) -> Iterator[tuple[str, Any]]:
    yield path, command
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        yield from commands(sub, f"{path} {name}")


def option_names(param: Any) -> str:
    names = [*param.opts, *param.secondary_opts]
    if param.param_type_name == "argument":
        return (param.metavar or param.name).upper()
    return ", ".join(f"`{name}`" for name in names)


def default_of(param: Any) -> str:
    if param.param_type_name == "argument":
        return "required" if param.required else "optional"
    if param.required:
        return "required"
    default = param.default
    if default is None or default is False or default == "":
        return ""
    if param.is_flag and default is True:
        names = param.opts + param.secondary_opts
        return f"`{names[0]}`"
    return f"`{default}`"


def command_section() -> list[str]:
    import typer.main

    from tracebridge.cli import app

    root = typer.main.get_command(app)
    lines = ["## Commands", ""]
    for path, command in commands(root, "tracebridge"):
        lines += [f"### `{path}`", "", first_paragraph(command.help), ""]
        params = [p for p in command.params if not getattr(p, "hidden", False)]
        if not params:
            continue
        lines += ["| argument or option | default | what |", "|---|---|---|"]
        for param in params:
            what = first_paragraph(getattr(param, "help", None) or "")
            lines.append(f"| {option_names(param)} | {default_of(param)} | {cell(what)} |")
        lines.append("")
    return lines


# -- the Python API ------------------------------------------------------------------------


def public_methods(cls: type) -> Iterator[tuple[str, Any]]:
    """Public methods and properties of `cls` and of its tracebridge bases, each once."""
    seen: set[str] = set()
    found: list[tuple[str, Any]] = []
    for klass in cls.__mro__:
        if not klass.__module__.startswith("tracebridge"):
            continue
        for name, member in sorted(vars(klass).items()):
            if name in seen or (name.startswith("_") and name != "__init__"):
                continue
            if isinstance(member, property) or inspect.isfunction(member):
                seen.add(name)
                found.append((name, member))
    found.sort(key=lambda item: (item[0] != "__init__", item[0]))  # the constructor first
    yield from found


def annotation(value: Any) -> str:
    return value if isinstance(value, str) else inspect.formatannotation(value)


def signature_of(member: Any, asynchronous: bool) -> str:
    """A signature as a caller sees it: the plan's `Listing[X]` is the `Pager[X]` a resource
    returns (`AsyncPager[X]` for asyncio), its `Call[X]` the X it gives (awaitable)."""
    if isinstance(member, property):
        return ""
    signature = inspect.signature(member)
    parts, star = [], False
    for parameter in signature.parameters.values():
        if parameter.name == "self":
            continue
        if parameter.kind is parameter.KEYWORD_ONLY and not star:
            parts.append("*")
            star = True
        text = parameter.name
        if parameter.kind is parameter.VAR_POSITIONAL:
            text, star = f"*{text}", True
        elif parameter.kind is parameter.VAR_KEYWORD:
            text = f"**{text}"
        if parameter.annotation is not parameter.empty:
            text += f": {annotation(parameter.annotation)}"
        if parameter.default is not parameter.empty:
            text += f" = {parameter.default!r}"
        parts.append(text)
    shown = f"({', '.join(parts)})"
    if signature.return_annotation is not signature.empty:
        returned = annotation(signature.return_annotation)
        if returned.startswith("Listing["):
            pager = "AsyncPager" if asynchronous else "Pager"
            returned = pager + returned.removeprefix("Listing")
        elif returned.startswith("Call["):
            inner = returned.removeprefix("Call[")[:-1]
            returned = f"Awaitable[{inner}]" if asynchronous else inner
        shown += f" -> {returned}"
    return shown


def method_lines(owner: str, cls: type, *, constructor: bool = True) -> list[str]:
    lines = []
    asynchronous = cls.__name__.startswith("Async")
    for name, member in public_methods(cls):
        if name == "__init__" and not constructor:
            continue
        shown = owner if name == "__init__" else f"{owner}.{name}"
        kind = " (property)" if isinstance(member, property) else ""
        prefix = "async " if inspect.iscoroutinefunction(member) else ""
        doc = first_paragraph(getattr(member, "__doc__", None))
        lines.append(f"- `{prefix}{shown}{signature_of(member, asynchronous)}`{kind}")
        if doc:
            lines.append(f"  {doc}")
    return lines


def resources(client: Any) -> list[tuple[str, type]]:
    """A client's resources: the attributes whose methods are planned calls."""
    return [
        (name, type(value))
        for name, value in sorted(vars(client).items())
        if not name.startswith("_") and hasattr(type(value), "_plans")
    ]


def api_section() -> list[str]:
    import tracebridge
    from tracebridge.combined import AsyncCombined, Combined
    from tracebridge.galileo import AsyncGalileo, Galileo
    from tracebridge.pagination import AsyncPager, Pager
    from tracebridge.respan import AsyncRespan, Respan

    lines = ["## Python", ""]
    clients: list[tuple[type, Any]] = [
        (Respan, lambda: Respan("k", base_url="http://127.0.0.1:9")),
        (AsyncRespan, lambda: AsyncRespan("k", base_url="http://127.0.0.1:9")),
        (Galileo, lambda: Galileo("k", base_url="http://127.0.0.1:9")),
        (AsyncGalileo, lambda: AsyncGalileo("k", base_url="http://127.0.0.1:9")),
    ]
    for cls, make in clients:
        lines += [f"### `{cls.__name__}`", "", first_paragraph(cls.__doc__), ""]
        lines += method_lines(cls.__name__, cls)
        client = make()
        for name, resource in resources(client):
            lines += ["", f"#### `{cls.__name__}().{name}`", ""]
            lines += method_lines(f".{name}", resource, constructor=False)
        lines.append("")
    for cls in (Pager, AsyncPager, Combined, AsyncCombined):
        lines += [f"### `{cls.__name__}`", "", first_paragraph(cls.__doc__), ""]
        lines += [*method_lines(cls.__name__, cls, constructor=False), ""]
    from tracebridge.export import write_rows

    shown = signature_of(write_rows, asynchronous=False)
    lines += ["### Functions", "", f"- `tracebridge.export.write_rows{shown}`"]
    lines += [f"  {first_paragraph(write_rows.__doc__)}", ""]
    lines += ["### Errors", "", "| class | is a | what |", "|---|---|---|"]
    for name in sorted(tracebridge.__all__):
        value = getattr(tracebridge, name)
        if isinstance(value, type) and issubclass(value, Exception):
            base = value.__mro__[1].__name__
            lines.append(f"| `{name}` | `{base}` | {cell(first_paragraph(value.__doc__))} |")
    return [*lines, ""]


# -- exit codes ----------------------------------------------------------------------------


def exit_section() -> list[str]:
    from tracebridge.cli import common

    meanings = {
        "EXIT_OK": "done",
        "EXIT_FAILED": "an internal error of tracebridge (`--debug` shows it)",
        "EXIT_USAGE": "bad usage or input, refused before any request",
        "EXIT_API": "the service answered with an error or an answer it does not document",
        "EXIT_UNREACHABLE": "the service could not be reached or did not answer in time",
        "EXIT_DIFFERS": "`doctor`: the service and the spec differ",
        "EXIT_REGRESSED": "`compare --fail-if`: a condition held (a CI gate stops the release)",
        "EXIT_INTERRUPTED": "interrupted (Ctrl-C); an export keeps its rows for `--resume`",
    }
    codes = {name: getattr(common, name) for name in dir(common) if name.startswith("EXIT_")}
    missing = sorted(set(codes) - set(meanings))
    if missing:
        raise SystemExit(f"exit codes without a meaning here: {', '.join(missing)}")
    lines = ["## Exit codes", "", "| code | name | meaning |", "|---|---|---|"]
    for name, code in sorted(codes.items(), key=lambda item: item[1]):
        lines.append(f"| {code} | `{name}` | {meanings[name]} |")
    return [*lines, ""]


def page() -> str:
    lines = [
        "# Reference",
        "",
        "Generated from the code by `scripts/reference.py`; `tests/test_reference_docs.py`",
        "fails when it is stale. The column contract is in [columns.md](columns.md).",
        "",
        *exit_section(),
        *command_section(),
        *api_section(),
    ]
    return "\n".join(lines).rstrip() + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail when the page is stale")
    args = parser.parse_args()
    text = page()
    if args.check:
        current = PAGE.read_text() if PAGE.exists() else ""
        if current != text:
            diff = difflib.unified_diff(
                current.splitlines(),
                text.splitlines(),
                "docs/reference.md",
                "generated",
                lineterm="",
            )
            print("\n".join(list(diff)[:60]))
            print("docs/reference.md is stale: run python scripts/reference.py")
            return 1
        return 0
    PAGE.write_text(text)
    print(f"wrote {PAGE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
