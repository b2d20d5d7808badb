"""Scans and photos (image files and image-only PDF pages), read with OCR.

The family, one job a module: ``reader`` (the entry points ``read_image`` and
``read_scanned_pdf``), ``image`` (decode, straighten and find the ink and lines),
``grid`` (ruled tables from the lines), ``engine`` (the OCR engine, the optional extra
``qingdan[ocr]``), ``place`` (text lines into cells) and ``text`` (what OCR gets wrong,
mended). This package imports nothing: OCR's heavy modules load only for a scan.
"""
