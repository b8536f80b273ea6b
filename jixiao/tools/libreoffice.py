"""Convert documents with a headless LibreOffice (`soffice --convert-to`), e.g. docx -> pdf for tests.

Each call runs its own soffice process with a fresh, throw-away user profile: two processes sharing a
profile either block on its lock or silently hand the job to the first process and exit without output,
so parallel tests and benchmarks would fail at random.
"""

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

_BINARIES = ("soffice", "libreoffice")


def find_soffice() -> str:
    """The LibreOffice executable on PATH; RuntimeError when none is installed."""
    for name in _BINARIES:
        found = shutil.which(name)
        if found:
            return found
    raise RuntimeError("LibreOffice not found: neither 'soffice' nor 'libreoffice' is on PATH")


def convert(src: Path, to: str, outdir: Path, timeout: float = 180) -> Path:
    """Convert `src` to format `to` ("pdf", "docx", or "pdf:writer_pdf_Export:{...}") into `outdir`.

    Returns the path of the file written. RuntimeError when LibreOffice is missing, times out, fails,
    or exits without writing the expected file (it does so silently for input it cannot open).
    """
    src = Path(src).resolve()
    outdir = Path(outdir).resolve()
    if not src.is_file():
        raise RuntimeError(f"cannot convert {src}: no such file")
    binary = find_soffice()
    outdir.mkdir(parents=True, exist_ok=True)
    # The output extension is the part before any ":filter:options" suffix.
    extension = to.split(":", 1)[0]
    target = outdir / f"{src.stem}.{extension}"
    if target == src:
        raise RuntimeError(f"cannot convert {src} to {to} in its own folder: the output would overwrite it")
    # A stale file from an earlier run would hide a failed conversion.
    target.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="jixiao-lo-profile-", ignore_cleanup_errors=True) as profile:
        command = [
            binary,
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--norestore",
            "--nologo",
            "--nodefault",
            "--nolockcheck",
            "--convert-to",
            to,
            "--outdir",
            str(outdir),
            str(src),
        ]
        try:
            returncode, output = _run(command, timeout, f"converting {src} to {to}")
        except RuntimeError:
            target.unlink(missing_ok=True)  # a half-written file must not pass for a result
            raise
    if returncode != 0 or not target.is_file():
        detail = output.strip() or "no output"
        raise RuntimeError(
            f"LibreOffice did not convert {src} to {to} (exit code {returncode}, expected {target}): {detail}"
        )
    return target


def _run(command: list[str], timeout: float, what: str) -> tuple[int, str]:
    """Run soffice in its own process group, so a timeout kills soffice.bin too, not just its launcher."""
    posix = os.name == "posix"
    try:
        process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            text=True,
            errors="replace",
            start_new_session=posix,
        )
    except OSError as exc:
        raise RuntimeError(f"LibreOffice could not be started ({command[0]}): {exc}") from exc
    try:
        output, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        if posix:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
        else:
            process.kill()
        process.communicate()
        raise RuntimeError(f"LibreOffice timed out after {timeout:g} s {what}") from exc
    return process.returncode, output or ""
