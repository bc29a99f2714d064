"""Pick the reader for a file and turn any failure to read it into a one-line skip reason."""

from __future__ import annotations

from ingest.errors import SkipFile
from ingest.extracted import ExtractedText
from ingest.source import MAX_BYTES, SourceFile

TEXT_SUFFIXES = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".gif", ".webp"}
OFFICE_SUFFIXES = {".doc", ".rtf", ".odt"}
EMAIL_SUFFIXES = {".eml", ".msg"}
SUPPORTED = sorted(
    {*TEXT_SUFFIXES, *HTML_SUFFIXES, ".pdf", ".docx", *OFFICE_SUFFIXES, *EMAIL_SUFFIXES,
     *IMAGE_SUFFIXES}
)  # fmt: skip


def extract(source: SourceFile, ocr: bool = True) -> ExtractedText:
    """The file's text; raises SkipFile with the reason when it cannot be read as letters."""
    check_readable(source)
    try:
        return _read(source, ocr)
    except SkipFile:
        raise
    except Exception as error:  # a damaged file must cost one skip line, never the whole run
        detail = str(error).replace(str(source.path), source.file).splitlines()[:1]
        reason = f"unreadable {source.suffix or 'file'}: {type(error).__name__}: {''.join(detail)}"
        raise SkipFile(reason) from error


def check_readable(source: SourceFile) -> None:
    """Reasons known from size and name alone, before any byte is read."""
    if source.suffix not in SUPPORTED:
        name = source.suffix or source.path.name
        raise SkipFile(f"unsupported file type '{name}' (supported: {' '.join(SUPPORTED)})")
    if source.size == 0:
        raise SkipFile("empty file")
    if source.size > MAX_BYTES:
        raise SkipFile(
            f"too large: {source.size / 2**20:.1f} MB (the limit is {MAX_BYTES // 2**20} MB)"
        )


def _read(source: SourceFile, ocr: bool) -> ExtractedText:
    """Readers are imported on first use: a folder of text files never loads pymupdf."""
    suffix = source.suffix
    if suffix in TEXT_SUFFIXES:
        from ingest.read_text import read_text

        return read_text(source.path.read_bytes(), TEXT_SUFFIXES[suffix])
    if suffix in HTML_SUFFIXES:
        from ingest.read_html import read_html

        return read_html(source.path.read_bytes())
    return _read_binary(source, ocr)


def _read_binary(source: SourceFile, ocr: bool) -> ExtractedText:
    if source.suffix == ".pdf":
        from ingest.read_pdf import read_pdf

        return read_pdf(source.path, ocr)
    if source.suffix == ".docx":
        from ingest.read_docx import read_docx

        return read_docx(source.path)
    if source.suffix in OFFICE_SUFFIXES:
        from ingest import read_office

        reader = {".doc": read_office.read_doc, ".rtf": read_office.read_rtf}
        return reader.get(source.suffix, read_office.read_odt)(source.path)
    if source.suffix in EMAIL_SUFFIXES:
        from ingest import read_email

        reader = read_email.read_eml if source.suffix == ".eml" else read_email.read_msg
        return reader(source, ocr)
    from ingest.read_image import read_image

    return read_image(source.path, ocr)
