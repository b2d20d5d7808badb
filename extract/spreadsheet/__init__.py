"""Spreadsheets (``.xlsx``, ``.xls``): one raw grid per sheet, merged ranges kept.

The family, one job a module: ``workbook`` (the format's entry point: what kind of
workbook the bytes hold, whatever the suffix says, and which reader reads it),
``xlsx`` (Office Open XML with openpyxl), ``xls`` (Excel 97-2003 BIFF with xlrd) and
``sheets`` (one sheet's cells and merges into a raw grid, shared by both readers) and
``signatures`` (a workbook's first bytes and the password hint, shared by ``workbook``
and ``xls``). The two readers know nothing of each other, and no module imports one
that imports it. This package imports nothing.
"""
