"""How a cell's error looks: red, once, like a failed cell in Jupyter.

Deno's kernel sends an `error` message whose traceback is plain text
("TypeError: fetch failed" then "    at ..." lines). Classic Notebook shows a
traceback exactly as sent, so without colour an error looks like ordinary
output. IPython colours its tracebacks with ANSI codes, which every Jupyter
front end renders; we do the same: the message in bold red, the stack in
grey. A traceback that already has colours is left alone.
"""

import re

RED = "\x1b[1;31m"
GREY = "\x1b[90m"
RESET = "\x1b[0m"


def is_stack_line(line):
    """`    at f (file:///...)` and the like: where the error came from."""
    return line.lstrip().startswith("at ") and line[:1] in (" ", "\t")


def style_error(content):
    """Returns the error content with a coloured traceback (a new dict).

    Lines of the message are red, stack lines grey. An empty traceback gets
    one line, `ename: evalue`, so the front end always shows the error.
    """
    traceback = list(content.get("traceback") or [])
    if any("\x1b[" in line for line in traceback):
        return dict(content)
    if not traceback:
        traceback = [f"{content.get('ename', 'Error')}: {content.get('evalue', '')}"]
    lines = []
    for entry in traceback:
        for line in entry.split("\n"):
            colour = GREY if is_stack_line(line) else RED
            lines.append(f"{colour}{line}{RESET}" if line else line)
    advice = next_step(content)
    if advice:
        lines.append(advice)
    return {**content, "traceback": lines}


def next_step(content):
    """What to do about an error a learner meets by running cells out of
    order: a name that an earlier cell defines. None for other errors."""
    if content.get("ename") != "ReferenceError":
        return None
    match = re.fullmatch(r"(\S+) is not defined", content.get("evalue", ""))
    if not match:
        return None
    return (
        f"If an earlier cell defines `{match.group(1)}`, run that cell first "
        "(or Cell > Run All Above)."
    )
