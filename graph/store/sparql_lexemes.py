"""The lexemes of SPARQL text that the cheap checks read (IRIs, words, space and comments), in one place."""

from __future__ import annotations

import re

# SPARQL 1.1 IRIREF: '<' ([^<>"{}|^`\]-[#x00-#x20])* '>'; a '<' that does not open one is "less than".
IRIREF = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
# A variable, or a run of name characters (keywords, prefixed names, numbers). `ex:service` and
# `?service` are one token each; a bare `SERVICE` (any case) is the keyword, also after a dot
# inside a run (`1.SERVICE` is the number 1, a dot and the keyword).
WORD = re.compile(r"[?$][\w\u00B7]*|[\w:][\w\-.:%\\\u00B7]*")
SPACE = re.compile(r"(?:\s+|#[^\n\r]*)+")  # white space and comments


def skip_space(text: str, position: int) -> int:
    """The position of the first lexeme at or after `position` that is no space or comment."""
    space = SPACE.match(text, position)
    return space.end() if space else position
