"""The README's tour by question, parsed from README.md and run against a built graph: every
command runs, and every key or name it is given was printed by a command before it in the tour,
so that the tour uses only what can be pasted from one command's output into the next."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from bestuursgraaf.graph.cli import main

README = Path(__file__).resolve().parent.parent / "README.md"
# values a user types rather than copies: dates, `today`, a status name, a format
TYPED = re.compile(r"\d{4}-\d{2}-\d{2}|today|[A-Z][a-z]+(?:[A-Z][a-z]+)*")


def tour_commands() -> list[list[str]]:
    """The `bestuursgraaf query …` lines of the README's "A tour by question" code blocks, as
    argument lists (comments cut off), in the README's order."""
    text = README.read_text(encoding="utf-8")
    section = text.split("\n## A tour by question", 1)[1].split("\n## ", 1)[0]
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", section, re.DOTALL):
        for line in block.replace("\\\n", " ").splitlines():
            if line.startswith("bestuursgraaf query "):
                commands.append(shlex.split(line, comments=True)[1:])
    return commands


def pasted_values(argv: list[str]) -> list[str]:
    """The `--param name=value` values of a command that a user copies from earlier output."""
    values = [argv[i + 1].split("=", 1)[1] for i, word in enumerate(argv[:-1]) if word == "--param"]
    return [value for value in values if not TYPED.fullmatch(value)]


def test_the_readme_tour_is_found():
    commands = tour_commands()
    assert len(commands) >= 10
    assert any(pasted_values(argv) for argv in commands)


def test_every_tour_command_runs_on_what_the_commands_before_it_printed(capsys, built_graph_path):
    printed = ""
    for argv in tour_commands():
        for value in pasted_values(argv):
            assert value in printed, (
                f"README tour: {shlex.join(argv)!r} is given {value!r}, which no command before "
                "it in the tour prints"
            )
        code = main([*argv, "--graph", str(built_graph_path)])
        out, err = capsys.readouterr()
        assert code == 0, (argv, err)
        assert out.strip(), argv
        cut_keys = [w for w in out.split() if w.endswith("…") and ("/" in w or w.startswith("kst-"))]
        assert not cut_keys, f"{shlex.join(argv)} cuts keys, which cannot then be pasted: {cut_keys}"
        printed += out


@pytest.mark.parametrize("value", ["2024-07-01", "today", "HandedToNextCabinet", "Overdue"])
def test_typed_values_are_not_asked_to_be_pasted(value):
    assert pasted_values(["query", "x", "--param", f"p={value}"]) == []
