"""The error hierarchy. Each error carries an exit code and a one-line, actionable message.

A user's mistake (a missing file, an unknown summariser, a broken template) is reported by the
CLI as ``error: <message>`` with the error's exit code and never as a traceback.
"""

from __future__ import annotations


class BriefingError(Exception):
    """Base class of every error that briefing reports to a user. Exit code 1."""

    exit_code: int = 1


class UsageError(BriefingError):
    """The command line or configuration asks for something impossible. Exit code 2."""

    exit_code = 2


class InputError(BriefingError):
    """An input (file, directory, stdin, URL) cannot be read at all. Exit code 1.

    The message names the input and says what to do about it.
    """

    def __init__(self, input_name: str, problem: str, fix: str = "") -> None:
        self.input_name = input_name
        self.problem = problem
        self.fix = fix
        message = f"{input_name}: {problem}"
        if fix:
            message += f"; {fix}"
        super().__init__(message)


class ArticleError(BriefingError):
    """One article cannot be used (empty, unreadable, wrong language...).

    The pipeline catches it, records the article in ``Briefing.skipped`` and goes on.
    """

    def __init__(self, input_name: str, reason: str) -> None:
        self.input_name = input_name
        self.reason = reason
        super().__init__(f"{input_name}: {reason}")


class TemplateError(BriefingError):
    """A template is missing or broken; the message names the template file and line."""


class OutputError(BriefingError):
    """An output cannot be written (permissions, missing directory...)."""


class NoArticlesError(BriefingError):
    """Every input was skipped or no input held an article."""
