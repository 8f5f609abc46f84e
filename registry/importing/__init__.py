"""Importing businesses from the office's spreadsheets (CSV or XLSX).

reader -> columns -> cells/rows (validation in memory) -> plan (match with the registry)
-> writer (bulk writes with history). The entry point is services.umkm_import."""
