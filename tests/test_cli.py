"""The command line: every command documented with an example; user errors are one line."""
from __future__ import annotations

import pytest
from typer.testing import CliRunner

from kg.cli import app

runner = CliRunner()


def _commands() -> list[str]:
    import typer.main

    group = typer.main.get_command(app)
    return sorted(group.commands)


def test_top_level_help_shows_an_example():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "Example" in result.output


def test_core_commands_are_registered():
    assert {"build", "query", "queries", "export", "viz", "serve", "validate", "stats", "eval"} <= set(_commands())


@pytest.mark.parametrize("command", _commands())
def test_every_command_help_shows_an_example(command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.output, f"`dipkg {command} --help` has no example"
    assert "dipkg " + command.split()[0] in result.output


def test_bad_date_is_one_clean_line(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Canada and Japan held talks.\n", encoding="utf-8")
    result = runner.invoke(app, ["build", str(article), "-o", str(tmp_path / "out"), "--date", "26/06/2020"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        "dipkg: error: --date '26/06/2020' is not a date: use YYYY-MM-DD, e.g. --date 2020-06-26"
    ]
