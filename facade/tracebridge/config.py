"""Keys, base URLs, timeouts and limits: from arguments, else the environment, else a
profile of the config file, else a `ConfigError` that says what to set. Nothing here makes
a request.

Respan: RESPAN_API_KEY; RESPAN_BASE_URL with or without its `/api` suffix.
Galileo: GALILEO_API_KEY; GALILEO_API_URL, or GALILEO_CONSOLE_URL (the console's host
`console.` or `app.` becomes `api.`); GALILEO_PROJECT_ID.

The config file (TRACEBRIDGE_CONFIG, else $XDG_CONFIG_HOME/tracebridge/config.toml, else
~/.config/tracebridge/config.toml) holds profiles, each a table of the same variables:

    [default]
    RESPAN_API_KEY = "..."
    [staging]
    GALILEO_API_URL = "https://api.staging.example"

TRACEBRIDGE_PROFILE (the command line's --profile) picks one; `default` otherwise. A file
that other users can read is refused, as ssh refuses such a key: it holds keys.
"""

from __future__ import annotations

import math
import os
import stat
from collections import ChainMap
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from . import __version__
from .errors import ConfigError

RESPAN_URL = "https://api.respan.ai"
GALILEO_URL = "https://api.galileo.ai"
RESPAN_RATE_LIMIT = 60  # requests per minute per organization, for the non-logs APIs
DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=10.0)
USER_AGENT = f"tracebridge/{__version__} python-httpx/{httpx.__version__}"


class Secret:
    """A key that shows as `'********'` in repr, str and f-strings; `.reveal()` gives it."""

    __slots__ = ("_value",)

    def __init__(self, value: str):
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret('********')"

    __str__ = __repr__

    def __format__(self, spec: str) -> str:
        return repr(self)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(("Secret", self._value))

    def __reduce__(self) -> str:
        raise TypeError("a Secret is not pickled")


@dataclass(frozen=True)
class Settings:
    """Everything a client needs to reach one service."""

    service: str
    base_url: str
    api_key: Secret
    key_header: str
    key_prefix: str
    timeout: httpx.Timeout = field(default_factory=lambda: DEFAULT_TIMEOUT)
    max_retries: int = 3
    rate_limit: int | None = None  # requests per `rate_window` seconds; None: no client limit
    rate_window: float = 60.0
    headers: Mapping[str, str] = field(default_factory=dict, repr=False)


def _key(given: str | None, variable: str, service: str, env: Mapping[str, str]) -> Secret:
    value = given if given is not None else env.get(variable)
    if value is not None and not isinstance(value, str):
        raise ConfigError(f"the {service} API key must be text; check {variable} or api_key")
    if value is None or not value.strip():
        raise ConfigError(f"no {service} API key: pass api_key=... or set {variable}")
    if value != value.strip() or any(c.isspace() for c in value):
        raise ConfigError(
            f"the {service} API key contains white space; check {variable} or api_key"
        )
    if not value.isascii() or not value.isprintable():
        raise ConfigError(
            f"the {service} API key holds a control or non-ASCII character, which no key "
            f"has; check {variable} or api_key (the key is not shown)"
        )
    return Secret(value)


def normalize_base_url(url: str, service: str) -> str:
    """A base URL without a trailing slash; only http and https."""
    try:
        parsed = httpx.URL(url.strip())
    except (httpx.InvalidURL, TypeError) as exc:
        raise ConfigError(f"the {service} base URL {url!r} is not a URL: {exc}") from None
    if parsed.scheme not in ("http", "https"):
        shown = parsed.scheme or "no scheme"
        raise ConfigError(
            f"the {service} base URL must start with https:// or http://, not {shown} ({url!r})"
        )
    if parsed.userinfo:
        raise ConfigError(
            f"the {service} base URL holds a user name or password (user:secret@host); "
            "give the key as api_key or in the environment instead (the URL is not shown)"
        )
    if not parsed.host:
        raise ConfigError(f"the {service} base URL {url!r} has no host")
    return str(parsed.copy_with(query=None, fragment=None)).rstrip("/")


def _checked_options(
    max_retries: int, rate_limit: int | None, rate_window: float, service: str
) -> None:
    if not _whole(max_retries) or max_retries < 0:
        raise ConfigError(f"max_retries must be a whole number from 0, not {max_retries!r}")
    if rate_limit is not None and (not _whole(rate_limit) or rate_limit < 1):
        raise ConfigError(
            f"rate_limit must be a positive whole number of requests or None, not {rate_limit!r}"
        )
    if not _seconds(rate_window):
        raise ConfigError(f"rate_window must be positive, finite seconds, not {rate_window!r}")


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _seconds(value: object) -> bool:
    """A positive, finite number of seconds (not a bool, NaN or infinity)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    return math.isfinite(value) and value > 0


def config_path(env: Mapping[str, str] | None = None) -> Path:
    """Where the config file is looked for."""
    env = os.environ if env is None else env
    if env.get("TRACEBRIDGE_CONFIG"):
        return Path(env["TRACEBRIDGE_CONFIG"])
    base = env.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "tracebridge" / "config.toml"


def profile(env: Mapping[str, str] | None = None) -> dict[str, str]:
    """The chosen profile's variables ({} when there is no config file and none was asked)."""
    env = os.environ if env is None else env
    path = config_path(env)
    asked = env.get("TRACEBRIDGE_PROFILE")
    if not path.is_file():
        if asked:
            raise ConfigError(f"profile {asked!r} asked for, but there is no config file at {path}")
        return {}
    if os.name == "posix" and path.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise ConfigError(f"{path} holds keys and other users can read it; run: chmod 600 {path}")
    import tomllib  # only when there is a config file to read

    try:
        profiles = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path} is not valid TOML: {exc}") from None
    name = asked or "default"
    chosen = profiles.get(name)
    if chosen is None:
        if asked:
            known = ", ".join(sorted(profiles)) or "none"
            raise ConfigError(f"no profile {name!r} in {path}; its profiles: {known}")
        return {}
    if not isinstance(chosen, dict) or not all(isinstance(v, str) for v in chosen.values()):
        raise ConfigError(f"profile {name!r} in {path} must map variable names to text")
    return dict(chosen)


def environment() -> Mapping[str, str]:
    """The environment, then the chosen profile: what settings are read from."""
    return ChainMap(dict(os.environ), profile())


def _timeout(timeout: float | httpx.Timeout | None) -> httpx.Timeout:
    if timeout is None:
        return DEFAULT_TIMEOUT
    if isinstance(timeout, httpx.Timeout):
        return timeout
    if not _seconds(timeout):
        raise ConfigError(f"timeout must be positive, finite seconds, not {timeout!r}")
    return httpx.Timeout(float(timeout), connect=min(10.0, float(timeout)))


def respan_settings(
    *,
    api_key: str | None = None,
    base_url: str | None = None,
    timeout: float | httpx.Timeout | None = None,
    max_retries: int = 3,
    rate_limit: int | None = RESPAN_RATE_LIMIT,
    rate_window: float = 60.0,
    headers: Mapping[str, str] | None = None,
    env: Mapping[str, str] | None = None,
) -> Settings:
    env = environment() if env is None else env
    url = normalize_base_url(base_url or env.get("RESPAN_BASE_URL") or RESPAN_URL, "Respan")
    url = url.removesuffix("/api")  # RESPAN_BASE_URL of the tracing tools carries it
    _checked_options(max_retries, rate_limit, rate_window, "Respan")
    return Settings(
        service="Respan",
        base_url=url,
        api_key=_key(api_key, "RESPAN_API_KEY", "Respan", env),
        key_header="Authorization",
        key_prefix="Bearer",
        timeout=_timeout(timeout),
        max_retries=max_retries,
        rate_limit=rate_limit,
        rate_window=rate_window,
        headers=dict(headers or {}),
    )


def console_to_api(url: str) -> str:
    """https://console.galileo.ai (or app.) -> https://api.galileo.ai."""
    parsed = httpx.URL(url)
    first, _, rest = parsed.host.partition(".")
    if first in ("console", "app") and rest:
        return str(parsed.copy_with(host=f"api.{rest}")).rstrip("/")
    return url


def galileo_settings(
    *,
    api_key: str | None = None,
    base_url: str | None = None,
    key_header: str = "Galileo-API-Key",
    timeout: float | httpx.Timeout | None = None,
    max_retries: int = 3,
    rate_limit: int | None = None,
    rate_window: float = 60.0,
    headers: Mapping[str, str] | None = None,
    env: Mapping[str, str] | None = None,
) -> Settings:
    env = environment() if env is None else env
    if base_url:
        url = normalize_base_url(base_url, "Galileo")
    elif env.get("GALILEO_API_URL"):
        url = normalize_base_url(env["GALILEO_API_URL"], "Galileo")
    elif env.get("GALILEO_CONSOLE_URL"):
        url = console_to_api(normalize_base_url(env["GALILEO_CONSOLE_URL"], "Galileo"))
    else:
        url = GALILEO_URL
    if not key_header or any(c.isspace() or c == ":" for c in key_header):
        raise ConfigError(f"key_header must be a header name, not {key_header!r}")
    _checked_options(max_retries, rate_limit, rate_window, "Galileo")
    return Settings(
        service="Galileo",
        base_url=url,
        api_key=_key(api_key, "GALILEO_API_KEY", "Galileo", env),
        key_header=key_header,
        key_prefix="",
        timeout=_timeout(timeout),
        max_retries=max_retries,
        rate_limit=rate_limit,
        rate_window=rate_window,
        headers=dict(headers or {}),
    )
