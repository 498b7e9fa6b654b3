"""Writing the finished PDF to its file object by object, instead of as one string.

reportlab formats every object of the document into a list of byte strings, joins the list
into one string and only then writes it: for a 33 MB file that is the file twice over in memory
at the very end of the export, on top of everything the document holds (the peak of a large
review's export). :func:`save` writes the same bytes, each object as soon as it is formatted,
and lets go of a picture's data once it is in the file.

The loop below follows ``reportlab.pdfbase.pdfdoc.PDFDocument.format`` (BSD licence) step by
step; ``tests/export/test_pdf_writer.py`` checks that both write the same bytes, so a reportlab
release that changes its writer is noticed.
"""

from __future__ import annotations

from typing import IO, Any

from reportlab import rl_config
from reportlab.pdfbase import pdfdoc


class _StreamingFile(pdfdoc.PDFFile):
    """reportlab's output collector, writing each piece to ``out`` instead of keeping it."""

    def __init__(self, out: IO[bytes], pdf_version: Any):
        super().__init__(pdf_version)  # collects the header line into self.strings
        out.write(b"".join(self.strings))
        self.strings: list[bytes] = []
        self.write = out.write

    def format(self, document) -> bytes:
        return b""  # everything is written already


def save(canvas, out: IO[bytes]) -> None:
    """Write ``canvas``'s finished document to ``out`` (what ``canvas.save()`` does, streamed).
    Every page must be done."""
    doc = canvas._doc
    if getattr(doc, "_savedToFile", False):
        raise RuntimeError("a PDF document can only be saved once")
    doc._savedToFile = True
    # as PDFDocument.GetPDFData: fonts subset now, the info digest, the outline
    for font in doc.delayedFonts:
        font.addObjects(doc)
    doc.info.invariant = doc.invariant
    doc.info.digest(doc.signature)
    doc.Reference(doc.Catalog)
    doc.Reference(doc.info)
    doc.Outlines.prepare(doc, canvas)
    if doc.Outlines.ready < 0:
        doc.Catalog.Outlines = None
    _format(doc, _StreamingFile(out, doc._pdfVersion))


def _format(doc, file: _StreamingFile) -> None:
    """``PDFDocument.format`` with the output collector given (objects may be added while
    others are formatted, hence the counting loop)."""
    doc.encrypt.prepare(doc)
    catalog, info = doc.Catalog, doc.info
    doc.Reference(catalog)
    doc.Reference(info)
    encrypt_info = doc.encrypt.info()
    encrypt_ref = doc.Reference(encrypt_info) if encrypt_info else None
    counter = 0
    ids = []
    number_to_id = doc.numberToId
    id_to_object = doc.idToObject
    id_to_offset = doc.idToOffset
    doc.__accum__ = file
    while True:
        counter += 1
        if counter not in number_to_id:
            break
        oid = number_to_id[counter]
        obj = id_to_object[oid]
        formatted = pdfdoc.PDFIndirectObject(oid, obj).format(doc)
        if not rl_config.invariant and rl_config.pdfComments:
            try:
                classname = obj.__class__.__name__
            except Exception:
                classname = ascii(obj)
            file.add(f"% {ascii(oid)}: class {classname[:50]} \n")
        id_to_offset[oid] = file.add(formatted)
        ids.append(oid)
        if isinstance(obj, pdfdoc.PDFImageXObject):
            # written: its compressed pixels are not needed again (nothing draws any more)
            obj.streamContent = b""
        del formatted, obj
    del doc.__accum__
    count = len(number_to_id)
    if counter - 1 != count:
        raise ValueError(f"object counter {counter} does not match {count} objects")
    xref = pdfdoc.PDFCrossReferenceTable()
    xref.addsection(0, ids)
    xref_offset = file.add(xref.format(doc))
    trailer = pdfdoc.PDFTrailer(
        startxref=xref_offset,
        Size=count + 1,
        Root=doc.Reference(catalog),
        Info=doc.Reference(info),
        Encrypt=encrypt_ref,
        ID=doc.ID(),
    )
    file.add(trailer.format(doc))
