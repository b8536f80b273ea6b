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
from collections.abc import Sequence
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
    return convert_all([src], to, outdir, timeout)[0]


def convert_all(sources: Sequence[Path], to: str, outdir: Path, timeout: float = 180) -> list[Path]:
    """Convert every file of `sources` to `to` into `outdir` with one LibreOffice process, as `convert` does one.

    Starting LibreOffice costs about a second, converting a short report a tenth of that: a batch of files
    goes through one process. Returns the files written, in the order of `sources`; RuntimeError names every
    source that was not converted. Two sources with one name would write one file, so they are refused.
    """
    srcs = [Path(src).resolve() for src in sources]
    outdir = Path(outdir).resolve()
    missing = [str(src) for src in srcs if not src.is_file()]
    if missing:
        raise RuntimeError(f"cannot convert {', '.join(missing)}: no such file")
    binary = find_soffice()
    outdir.mkdir(parents=True, exist_ok=True)
    # The output extension is the part before any ":filter:options" suffix.
    extension = to.split(":", 1)[0]
    targets = [outdir / f"{src.stem}.{extension}" for src in srcs]
    if len(set(targets)) < len(targets):
        raise RuntimeError(
            f"cannot convert two files of one name into {outdir}: the second would overwrite the first"
        )
    for src, target in zip(srcs, targets, strict=True):
        if target == src:
            raise RuntimeError(
                f"cannot convert {src} to {to} in its own folder: the output would overwrite it"
            )
        # A stale file from an earlier run would hide a failed conversion.
        target.unlink(missing_ok=True)
    what = f"converting {srcs[0]} to {to}" if len(srcs) == 1 else f"converting {len(srcs)} files to {to}"
    timeout = timeout if len(srcs) == 1 else timeout + 10 * len(srcs)
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
            *map(str, srcs),
        ]
        try:
            returncode, output = _run(command, timeout, what)
        except RuntimeError:
            for target in targets:
                target.unlink(missing_ok=True)  # a half-written file must not pass for a result
            raise
    failed = [src for src, target in zip(srcs, targets, strict=True) if not target.is_file()]
    if returncode != 0 or failed:
        detail = output.strip() or "no output"
        names = (
            ", ".join(f"{src} (expected {outdir / (src.stem + '.' + extension)})" for src in failed)
            or "all files"
        )
        raise RuntimeError(f"LibreOffice did not convert {names} to {to} (exit code {returncode}): {detail}")
    return targets


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
