"""The base of the management commands that take a file (`backup`, `restore`): told like every jixiao command.

Run from the command line (`jixiao backup FILE`, `python -m jixiao.web restore FILE`), a file that cannot be
used is one Chinese line and exit code 3, and any other exception, a bug, is one Chinese line naming the log
of its traceback and exit code 4 (`jixiao.failures`), never a traceback. Called from code (`call_command`),
the unusable file is Django's `CommandError` and a bug is raised as it is, for the caller to see.
"""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from jixiao.core.errors import ExitCode, InputError
from jixiao.failures import internal_error


class FileCommand(BaseCommand):
    def execute(self, *args: Any, **options: Any) -> Any:
        try:
            return super().execute(*args, **options)
        except CommandError:
            raise
        except InputError as exc:
            message = f"{exc.path}：{exc.message}"
            if not self._called_from_command_line:
                raise CommandError(message, returncode=ExitCode.UNREADABLE) from None
            code = ExitCode.UNREADABLE
        except Exception as exc:
            if not self._called_from_command_line:
                raise
            message, code = internal_error(str(options.get("file")), exc), ExitCode.INTERNAL
        self.stderr.write(f"错误：{message}")
        sys.exit(code)
