"""A quick look at a briefing in the terminal.

On a terminal the Markdown briefing is drawn with rich (headings, bullets, quotes, links); when
the output is a pipe or a file (or ``plain=True``) it is written as plain text, with the Markdown
markup and escaping taken out so that it reads well in a pager or an e-mail.
"""

from __future__ import annotations

import html
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

# The characters Markdown lets you backslash-escape; after removing markup they are plain text.
_ESCAPABLE = "\\`*_{}[]()#+-.!>|"
_ESCAPED = re.compile(r"\\([" + re.escape(_ESCAPABLE) + r"])")
# Escaped characters are parked in the Unicode private-use area while markup is removed, so
# that an escaped "*" or "[" is never mistaken for markup.
_PARK = 0xE000

_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_QUOTE = re.compile(r"^[ \t]{0,3}>[ \t]?")
_IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)\s]*)(?:\s+\"[^\"]*\")?\)")
_LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]*)(?:\s+\"[^\"]*\")?\)")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?!\*)|(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)")
_CODE = re.compile(r"`([^`]+)`")


def _park(match: re.Match[str]) -> str:
    return chr(_PARK + ord(match.group(1)))


def _unpark(text: str) -> str:
    return "".join(chr(ord(c) - _PARK) if _PARK <= ord(c) < _PARK + 128 else c for c in text)


def _inline(text: str) -> str:
    text = _ESCAPED.sub(_park, text)
    text = _CODE.sub(r"\1", text)
    text = _IMAGE.sub(r"\1 <\2>", text)
    text = _LINK.sub(lambda m: f"{m.group(1)} <{m.group(2)}>" if m.group(2) else m.group(1), text)
    text = _STRONG.sub(r"\2", text)
    text = _EMPHASIS.sub(lambda m: m.group(1) or m.group(2), text)
    return html.unescape(_unpark(text))


def markdown_to_plain(markdown_text: str) -> str:
    """``markdown_text`` as readable plain text.

    Headings lose their ``#`` (level 1 and 2 get an underline), emphasis markers and backslash
    escapes go, HTML entities are decoded, links read ``text <url>`` and block quotes are
    indented. List bullets and numbers stay: they read well as they are.
    """
    lines: list[str] = []
    for line in markdown_text.splitlines():
        heading = _HEADING.match(line)
        if heading:
            text = _inline(heading.group(2))
            lines.append(text)
            level = len(heading.group(1))
            if level <= 2:
                lines.append(("=" if level == 1 else "-") * len(text))
            continue
        quote = _QUOTE.match(line)
        if quote:
            lines.append("  " + _inline(line[quote.end() :]))
            continue
        lines.append(_inline(line))
    text = "\n".join(lines)
    return text + "\n" if text and not text.endswith("\n") else text


def preview(
    markdown_text: str,
    *,
    console: Console | None = None,
    plain: bool | None = None,
    pager: bool | None = None,
) -> None:
    """Show a Markdown briefing: drawn with rich on a terminal, as plain text otherwise.

    ``plain=None`` decides by the output: rich on a terminal, plain text when writing to a pipe
    or a file. ``console`` is the rich console to print to (default: standard output).
    ``pager=None`` pages a drawn briefing taller than the terminal through ``$PAGER`` (default
    ``less``, with ``LESS=-FRX`` unless set) when printing to standard output; ``True`` always
    pages, ``False`` never. Plain output is never paged: it goes to a pipe or a file.
    """
    if console is None:
        if plain is None:
            isatty = getattr(sys.stdout, "isatty", None)
            plain = not (callable(isatty) and isatty())
        if plain:
            # Straight to stdout: a rich console would re-wrap lines to its guessed width.
            sys.stdout.write(markdown_to_plain(markdown_text))
            sys.stdout.flush()
            return
        from rich.console import Console

        console = Console()
    else:
        if plain is None:
            plain = not console.is_terminal
        # A console the caller made may write to a file of theirs, which a pager would bypass.
        if pager is None:
            pager = False

    if plain:
        console.print(
            markdown_to_plain(markdown_text),
            markup=False,
            highlight=False,
            emoji=False,
            soft_wrap=True,
            end="",
        )
        return

    from rich.markdown import Markdown

    if pager is not False and console.is_terminal:
        with console.capture() as capture:
            console.print(Markdown(markdown_text))
        drawn = capture.get()
        if pager is None:
            pager = drawn.count("\n") > console.size.height
        if pager and page(drawn):
            return
    console.print(Markdown(markdown_text))


def page(text: str) -> bool:
    """Show ``text`` (which may hold colour codes) through the user's pager.

    Returns ``False`` when no pager could be started, so that the caller prints instead.
    """
    import shlex
    import subprocess

    command = shlex.split(os.environ.get("PAGER") or "less")
    if not command:
        return False
    env = dict(os.environ)
    # -R shows colours, -F quits when the text fits, -X leaves it on the screen afterwards.
    env.setdefault("LESS", "-FRX")
    try:
        subprocess.run(command, input=text, text=True, env=env, check=False)
    except OSError:
        return False
    return True


def open_in_browser(
    page_html: str,
    *,
    name: str = "briefing.html",
    opener: Callable[[str], bool] | None = None,
) -> Path:
    """Write ``page_html`` to the user's cache folder and open it in their web browser.

    The file (``$XDG_CACHE_HOME/briefing/NAME``, else ``~/.cache/briefing/NAME``) outlives the
    command, since browsers load it after we return. Returns its path; raises
    :class:`~briefing.errors.OutputError` when no browser could be started.
    """
    import webbrowser

    from briefing.deliver import write_atomic
    from briefing.errors import OutputError

    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    folder = Path(cache) / "briefing"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{folder}: cannot create it ({exc.strerror or exc})") from None
    path = folder / name
    write_atomic(path, page_html)
    if not (opener or webbrowser.open)(path.as_uri()):
        raise OutputError(f"no web browser could be started; open {path} yourself")
    return path
