"""Exit codes and the one error type raised for input that cannot be read.

Every command uses the same exit codes (DESIGN.md, "Contracts"); `InputError` carries a Chinese message
meant for the user, never a traceback.
"""

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0  # done, no error-severity finding
    FINDINGS = 1  # done, with error-severity findings
    USAGE = 2  # bad command line
    UNREADABLE = 3  # input that cannot be read
    INTERNAL = 4  # a bug: one Chinese line naming the file and the log holding the traceback


class InputError(Exception):
    """A file that cannot be read as a report: the message is shown to the user as it is."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message
