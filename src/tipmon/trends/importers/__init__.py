"""Importers for data files downloaded from their publishers.

``sheets`` reads a workbook or CSV file into raw cells and ``unodc`` turns the UNODC
GLOTIP export into typed rows; both are pure Python (no Django import). ``services``
stores a parsed file in the database, all or nothing.
"""
