"""The checks of a zip package (.xlsx, .ods), from its directory and its bytes, before parsing.

The directory gives each part's size unpacked and packed: a part or a package that
unpacks to far more than a workbook holds, or a part packed so tightly that it must be a
zip bomb, is refused without unpacking anything. Then every part is unpacked once and
searched, at the speed of a byte search, for

- a DOCTYPE or ENTITY declaration, which no workbook needs: the way in of entity
  expansion (billion laughs) and external entities. A part may be written in UTF-16 (its
  first bytes say so), which hides a declaration from a search for UTF-8 bytes; such a
  part is decoded first. defusedxml, which openpyxl parses with, refuses entities as a
  second layer behind this one;
- the XML elements the parts open, counted: what openpyxl and the survey of an .ods
  spend their time and memory on is one Python object or call per element, so a
  package with more than a workbook ever holds is refused before either starts; the
  styles, which openpyxl turns into objects at some twenty times the cost of a cell,
  have a smaller budget of their own;
- a piece of XML longer than any workbook needs (an attribute, a comment): expat reads
  such a piece again each time more of it arrives, so that 18 MB of one attribute took
  eighteen seconds.
"""

from __future__ import annotations

import codecs
import re
import zipfile

from ict_competence.errors import WorkbookError
from ict_competence.xlsx._survey import MAX_SHEET_BYTES

__all__ = [
    "MAX_ELEMENTS",
    "MAX_PART_BYTES",
    "MAX_PIECE_BYTES",
    "MAX_RATIO",
    "MAX_STYLE_ELEMENTS",
    "MAX_UNPACKED_BYTES",
    "check_package",
]

#: Unpacked size of one part: the XML of a sheet, the shared strings, an .ods's content.
#: The task overview and team of a 12-school group have parts of some 50 kB.
MAX_PART_BYTES = MAX_SHEET_BYTES
#: Unpacked size of all parts together; the workbooks of a 12-school group unpack to 70 kB.
MAX_UNPACKED_BYTES = 30 * 2**20
#: XML elements of all parts together: an element is a cell, a value, a row, a format, ….
#: The task overview of a 12-school group has some 2,100, its team some 3,300 (a team of a
#: thousand people some 26,000). openpyxl spends up to some 20 µs on an element, so the
#: limit keeps the reading of any workbook the checks let through under about a second.
MAX_ELEMENTS = 50_000
#: XML elements of the styles (xl/styles.xml, where openpyxl reads them), which openpyxl
#: turns into objects at up to 70 µs an element: some 100 in a workbook the library
#: writes, some 300 once LibreOffice saved it.
MAX_STYLE_ELEMENTS = 5_000
_STYLES = "xl/styles.xml"
#: The longest stretch of a part between two "<": a tag with its attributes, or a text.
#: A cell's text (at most 32,767 characters) takes at most some 160 kB of XML.
MAX_PIECE_BYTES = 256 * 1024
#: Packing ratio of one part beyond which it is taken for a zip bomb.
MAX_RATIO = 200
# Workbook XML never declares a document type; a DOCTYPE or ENTITY is how entity-expansion
# attacks (billion laughs) and external entities get in, so any is refused outright.
_DECLARATION = re.compile(r"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_DECLARES = (
    "declares a DOCTYPE or XML entities, which no workbook needs; refused as a likely "
    "entity-expansion attack"
)
_TOO_MANY = (
    f"brings the XML of the workbook over {MAX_ELEMENTS:,} elements (cells, rows, formats, "
    "…); a task overview or team has some thousands. Delete the cells, rows or formatting far "
    "below or to the right of the table"
)
_TOO_MANY_STYLES = (
    f"holds more than {MAX_STYLE_ELEMENTS:,} XML elements of cell formats; a task overview or "
    "team has some hundreds. Copy the sheets' values into a new workbook"
)
_TOO_LONG = (
    f"holds a piece of XML longer than {MAX_PIECE_BYTES // 1024} kB (an attribute, a comment, "
    "or more text than a cell holds); a workbook has none"
)
#: Pieces of XML that may hold "<": their own length counts, from start to end.
_ENCLOSING = (("<!--", "-->"), ("<![CDATA[", "]]>"), ("<?", "?>"))
_WHITESPACE = "\ufeff\xef\xbb\xbf \t\r\n"  # a byte order mark, decoded or not, and spaces


def check_package(package: zipfile.ZipFile, where: str) -> None:
    """Refuse a package that is too large, packed too tightly, declares entities or is too big.

    Too big: its parts open more XML elements than a workbook has (:data:`MAX_ELEMENTS`),
    or hold a piece of XML longer than :data:`MAX_PIECE_BYTES`.

    Raises:
        WorkbookError: the part (or the package) is named.
        zipfile.BadZipFile, OSError, ...: the package is damaged (the caller words it).
    """
    members = package.infolist()
    _check_sizes(members, where)
    elements = 0
    # Every part, whatever its name: openpyxl finds sheets through the relationships, so a
    # part named .bin or .XML can hold XML too.
    for member in members:
        content = _content(package.read(member))
        if _DECLARATION.search(content):
            raise _refused(member, where, _DECLARES)
        if not content[:1024].lstrip(_WHITESPACE).startswith("<"):
            continue  # an image, say: no parser reads it as XML
        opened, marks = _elements(content)
        elements += opened
        styles = member.filename == _STYLES and opened > MAX_STYLE_ELEMENTS
        # Each element is closed at most once: more "<" than that (which the split below
        # would make pieces of) is no workbook either.
        if styles:
            raise _refused(member, where, _TOO_MANY_STYLES)
        if elements > MAX_ELEMENTS or marks > 2 * MAX_ELEMENTS:
            raise _refused(member, where, _TOO_MANY)
        # (a part no longer than a piece may be holds no piece too long)
        if len(content) > MAX_PIECE_BYTES and _longest_piece(content) > MAX_PIECE_BYTES:
            raise _refused(member, where, _TOO_LONG)


def _check_sizes(members: list[zipfile.ZipInfo], where: str) -> None:
    total = 0
    for member in members:
        total += member.file_size
        if member.file_size > MAX_PART_BYTES:
            raise WorkbookError(
                f"part {member.filename} unpacks to more than {MAX_PART_BYTES // 2**20} MB; "
                "the parts of a task overview or team are well under 1 MB",
                path=where,
            )
        if total > MAX_UNPACKED_BYTES:
            raise WorkbookError(
                f"unpacks to more than {MAX_UNPACKED_BYTES // 2**20} MB; refused as a likely "
                "zip bomb (a task overview is well under 1 MB)",
                path=where,
            )
        if member.file_size > MAX_RATIO * max(member.compress_size, 1):
            raise WorkbookError(
                f"part {member.filename} is packed more than {MAX_RATIO}:1; "
                "refused as a likely zip bomb",
                path=where,
            )


def _content(data: bytes) -> str:
    """A part's content as text: decoded when it is in UTF-16, told as expat tells it.

    Anything else is taken byte for byte (Latin-1), in which the ASCII of markup reads as it
    does in UTF-8 and in the single-byte encodings XML allows.
    """
    for bom in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        if data.startswith(bom):
            return data.decode("utf-16", errors="replace")
    if data[:1] == b"\0":
        return data.decode("utf-16-be", errors="replace")
    if data[1:2] == b"\0":
        return data.decode("utf-16-le", errors="replace")
    return data.decode("latin-1")


def _elements(content: str) -> tuple[int, int]:
    """The elements ``content`` opens ("<" that is no "</", "<!" or "<?"), and all its "<".

    "<" in comments and CDATA count too: an upper bound, as a limit needs.
    """
    marks, closes = content.count("<"), content.count("</")
    return marks - closes - content.count("<!") - content.count("<?"), marks


def _longest_piece(content: str) -> int:
    """The longest stretch between two "<", or comment, CDATA or instruction (these hold "<")."""
    longest = max(map(len, content.split("<")))
    for start, end in _ENCLOSING:
        at = content.find(start)
        while at >= 0 and longest <= MAX_PIECE_BYTES:
            closed = content.find(end, at)
            stop = len(content) if closed < 0 else closed
            longest = max(longest, stop - at)
            at = content.find(start, stop)
    return longest


def _refused(member: zipfile.ZipInfo, where: str, message: str) -> WorkbookError:
    return WorkbookError(f"part {member.filename} {message}", path=where)
