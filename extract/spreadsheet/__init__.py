"""Spreadsheets (``.xlsx``, ``.xls``): one raw grid per sheet, merged ranges kept.

The family, one job a module: ``workbook`` (the format's entry point: what kind of
workbook the bytes hold, whatever the suffix says, and which reader reads it),
``xlsx`` (Office Open XML with openpyxl), ``xls`` (Excel 97-2003 BIFF with xlrd) and
``sheets`` (one sheet's cells and merges into a raw grid, shared by both readers). The
two readers know nothing of each other. This package imports nothing.
"""
