"""The parser's shared pieces: help formatting, the settings epilog, the version."""

import argparse
import json
from importlib.metadata import PackageNotFoundError, version

SubParsers = argparse._SubParsersAction  # the type ``add_subparsers`` returns


def package_version() -> str:
    try:
        return version("content-api")
    except PackageNotFoundError:  # running from a checkout that is not installed
        return "unknown"


def _environment_help() -> str:
    """Every setting's environment variable with its default (``api.config.Settings``)."""
    from api.config import Settings

    lines = ["environment variables (or .env in the working directory), with defaults:"]
    for name, field in Settings.model_fields.items():
        lines.append(f"  {name.upper()}={json.dumps(field.default)}")
    return "\n".join(lines)


class Parser(argparse.ArgumentParser):
    """Builds the settings epilog only when help is shown, so other commands skip api.config."""

    def format_help(self) -> str:
        if self.epilog is None and " " not in self.prog:
            self.epilog = _environment_help()
        return super().format_help()


class Help(argparse.ArgumentDefaultsHelpFormatter, argparse.RawDescriptionHelpFormatter):
    """Defaults after each option; the epilog's lines kept as written."""


def port_number(text: str) -> int:
    """A TCP port, 1-65535 (argparse type: the error names the option and what is accepted)."""
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"must be a TCP port from 1 to 65535, got {text!r}")
    return int(text)
