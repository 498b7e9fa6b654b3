"""Reading files that came from elsewhere without trusting them.

Every importer reads through here. A file over :data:`MAX_FILE_BYTES`, JSON that is not JSON
(or nests deeper than Python can follow), and ZIP archives with members that would escape the
folder (``../``, absolute or drive paths), symbolic links, encryption, more than
:data:`MAX_MEMBERS` entries, or sizes that point at a zip bomb are refused with one sentence
(:class:`IntakeError`). Sizes are checked from the archive's directory *before* anything is
inflated, and again while inflating, because a directory can lie.
"""

from __future__ import annotations

import json
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from .entries import IntakeError

MAX_FILE_BYTES = 64 * 1024 * 1024  # one JSON or CSV file
MAX_MEMBERS = 20_000  # entries in an archive (a day file per channel per day)
MAX_TOTAL_BYTES = 512 * 1024 * 1024  # everything in an archive, inflated
MAX_RATIO = 100  # inflated / compressed, for members big enough to matter
RATIO_FLOOR = 1024 * 1024  # members smaller than this may compress as well as they like
_CHUNK = 1 << 16


def read_bytes(path: Path) -> bytes:
    """A whole (small enough) file; a folder, a missing file or a huge one is one sentence."""
    try:
        if path.is_dir():
            raise IntakeError(f"{path}: is a folder, not a file")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise IntakeError(
                f"{path}: is {size / 1_048_576:.0f} MB; files over "
                f"{MAX_FILE_BYTES // 1_048_576} MB are not read"
            )
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise IntakeError(f"{path}: {exc.strerror or exc}") from exc
    if len(data) > MAX_FILE_BYTES:
        raise IntakeError(f"{path}: is too big to read")
    return data


def decode_text(data: bytes, where: str) -> str:
    for encoding in (
        ("utf-8-sig", "utf-16") if data[:2] in (b"\xff\xfe", b"\xfe\xff") else ("utf-8-sig",)
    ):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    try:
        return data.decode("cp1252")  # spreadsheets saved on Windows
    except UnicodeDecodeError:
        raise IntakeError(f"{where}: is not text (UTF-8 expected)") from None


def parse_json(data: bytes, where: str) -> Any:
    """JSON from bytes, or one sentence saying why not (never a RecursionError)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise IntakeError(f"{where}: is not JSON text (it is not UTF-8)") from None
    try:
        return json.loads(text)
    except RecursionError:
        raise IntakeError(f"{where}: nests too deeply to be a real export") from None
    except json.JSONDecodeError as exc:
        raise IntakeError(
            f"{where}: is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None


def read_json(path: Path) -> Any:
    return parse_json(read_bytes(path), str(path))


# ------------------------------------------------------------------------------ archives


def _unsafe_name(name: str) -> bool:
    if "\\" in name or "\x00" in name or name.startswith("/"):
        return True
    if len(name) > 1 and name[1] == ":":  # C:... on Windows
        return True
    return any(part == ".." for part in PurePosixPath(name).parts)


def _is_link(info: zipfile.ZipInfo) -> bool:
    mode = info.external_attr >> 16
    return info.create_system == 3 and stat.S_ISLNK(mode)


@dataclass
class SafeArchive:
    """A ZIP whose directory was checked; :meth:`read` inflates one member within the limits.

    Member names are kept as written, with a common top folder (``export/``) taken off, so
    ``users.json`` is found whether the export was zipped with or without its folder.
    """

    path: Path
    zf: zipfile.ZipFile
    members: dict[str, zipfile.ZipInfo]
    inflated: int = 0

    def names(self) -> list[str]:
        return list(self.members)

    def has(self, name: str) -> bool:
        return name in self.members

    def read(self, name: str) -> bytes:
        info = self.members[name]
        out = bytearray()
        try:
            with self.zf.open(info) as handle:
                while chunk := handle.read(_CHUNK):
                    out += chunk
                    if len(out) > info.file_size or len(out) > MAX_FILE_BYTES:
                        raise IntakeError(
                            f"{self.path}: {name} inflates to more than its archive says "
                            "(a zip bomb?)"
                        )
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
            raise IntakeError(f"{self.path}: {name} cannot be read ({exc})") from None
        self.inflated += len(out)
        if self.inflated > MAX_TOTAL_BYTES:
            raise IntakeError(f"{self.path}: inflates to too much data")
        return bytes(out)

    def read_json(self, name: str) -> Any:
        return parse_json(self.read(name), f"{self.path}: {name}")

    def close(self) -> None:
        self.zf.close()

    def __enter__(self) -> SafeArchive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_archive(path: Path) -> SafeArchive:
    """Open and check a ZIP; any reason not to trust it is one :class:`IntakeError`."""
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        if isinstance(exc, OSError) and not isinstance(exc, zipfile.BadZipFile):
            raise IntakeError(f"{path}: {exc.strerror or exc}") from None
        raise IntakeError(f"{path}: is not a ZIP archive") from None
    try:
        infos = zf.infolist()
        if len(infos) > MAX_MEMBERS:
            raise IntakeError(f"{path}: holds {len(infos):,} files, more than an export has")
        total = 0
        for info in infos:
            name = info.filename
            if _unsafe_name(name):
                raise IntakeError(
                    f"{path}: a file in the archive points outside it ({name[:80]!r})"
                )
            if _is_link(info):
                raise IntakeError(f"{path}: the archive holds a symbolic link ({name[:80]!r})")
            if info.flag_bits & 0x1:
                raise IntakeError(f"{path}: the archive is encrypted")
            if info.file_size > MAX_FILE_BYTES:
                raise IntakeError(f"{path}: {name[:80]} is too big to read")
            if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(
                1, info.compress_size
            ):
                raise IntakeError(
                    f"{path}: {name[:80]} would inflate {info.file_size // max(1, info.compress_size)}"
                    " times (a zip bomb?)"
                )
            total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise IntakeError(f"{path}: would inflate to {total / 1_048_576:.0f} MB; too much")
    except IntakeError:
        zf.close()
        raise
    files = [i for i in infos if not i.is_dir()]
    tops = {PurePosixPath(i.filename).parts[0] for i in files if "/" in i.filename}
    strip = ""
    if len(tops) == 1 and all("/" in i.filename for i in files):
        strip = tops.pop() + "/"
    members = {}
    for info in files:
        name = info.filename[len(strip) :] if strip else info.filename
        if name.startswith("__MACOSX/"):
            continue
        members[name] = info
    return SafeArchive(path, zf, members)
