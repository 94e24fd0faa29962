"""The `tracebridge` command: exports from Respan and Galileo to files, from the shell.

    tracebridge demo                                    # everything, against an emulator
    tracebridge respan traces exp_123 -o traces.parquet --where "total_cost > 0.01"
    tracebridge galileo export --project P --log-stream L --root-type span -o spans.jsonl

Imported only when the command runs (typer and rich are not loaded by `import tracebridge`).
Exit codes and error output are described in `common`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

try:  # typer 0.2x carries its own copy of click
    from typer._click import exceptions as click_errors
except ImportError:  # pragma: no cover - older typer runs on click itself
    from click import exceptions as click_errors  # type: ignore[no-redef]

from .. import __version__
from . import compare as comparing
from . import galileo, respan
from . import sync as syncing
from .demo import demo
from .doctor import doctor


class OneLineErrors(TyperGroup):
    """The root command, whose usage mistakes (a missing option, an unknown flag, a bad
    value) are one line on stderr naming where help is, exit code 2, like every other error
    (click would draw a usage box)."""

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        def run() -> Any:
            return super(OneLineErrors, self).main(
                args=args, prog_name=prog_name, complete_var=complete_var,
                standalone_mode=False, **extra,
            )  # fmt: skip

        if not standalone_mode:
            return run()
        try:
            returned = run()
        except click_errors.NoArgsIsHelpError as error:  # `tracebridge respan`: its help
            help_text = error.format_message()  # empty where rich has printed it already
            if help_text.strip():
                typer.echo(help_text)
            sys.exit(error.exit_code)
        except click_errors.UsageError as error:
            where = f" (see: {error.ctx.command_path} --help)" if error.ctx is not None else ""
            _say(f"error: {error.format_message()}{where}")
            sys.exit(error.exit_code)
        except click_errors.ClickException as error:
            _say(f"error: {error.format_message()}")
            sys.exit(error.exit_code)
        except typer.Abort:
            _say("interrupted")
            sys.exit(130)
        sys.exit(returned if isinstance(returned, int) else 0)


def _say(line: str) -> None:
    typer.echo(" ".join(line.split()), err=True)


app = typer.Typer(
    name="tracebridge",
    cls=OneLineErrors,
    help="Get LLM evaluation data out of Respan and Galileo into files. "
    "Exit codes: 0 done, 2 bad input, 3 API error, 4 unreachable, "
    "5 the service differs from the spec (doctor), 6 a compare --fail-if condition held, "
    "130 interrupted.",
    no_args_is_help=True,
    add_completion=True,  # --install-completion, --show-completion (bash, zsh, fish)
    pretty_exceptions_enable=False,
)
app.add_typer(respan.app, name="respan")
app.add_typer(galileo.app, name="galileo")
app.command()(demo)
app.command()(doctor)
app.command()(syncing.sync)
app.command()(syncing.sql)
app.command()(comparing.compare)
app.command()(comparing.summary)
app.command()(comparing.report)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"tracebridge {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", callback=_version, is_eager=True, help="Print the version."
        ),
    ] = False,
    profile: Annotated[
        str | None,
        typer.Option(
            "--profile",
            help="A profile of the config file (~/.config/tracebridge/config.toml); "
            "flags win over the environment, which wins over the profile.",
        ),
    ] = None,
) -> None:
    """tracebridge: LLM evaluation data out of observability platforms."""
    if profile is not None:
        os.environ["TRACEBRIDGE_PROFILE"] = profile  # read by every client this run makes


@app.command(
    context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
    add_help_option=False,
)
def emulator(ctx: typer.Context) -> None:
    """Serve the emulator of both services on a port and print its URL and keys
    (options: --port, --seed, --latency, --rate-limit, sizes; see `emulator --help`)."""
    from .._optional import require

    require("uvicorn", "emulator")
    from ..emulator.__main__ import main as serve_main

    raise typer.Exit(serve_main(list(ctx.args)))


def main() -> None:
    """The console script's entry point."""
    app(prog_name="tracebridge")


if __name__ == "__main__":
    main()
