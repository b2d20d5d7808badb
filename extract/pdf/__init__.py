"""PDF attachments: ruled tables read from the glyphs and ruling lines of each page.

The family, one job a module: ``reader`` (the format's entry point, ``read_pdf``),
``pdfium`` and ``plumber`` (the two engines that read a page's glyphs and edges),
``page`` (one page's content into tables), ``rulings`` (edges into cells),
``geometry`` (cells and their text), ``glyphs`` (glyphs into exact text lines) and
``text`` (damaged text layers measured and mended). This package imports nothing, so
loading one module of the family loads only what that module needs.
"""
