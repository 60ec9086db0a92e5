"""Importing an agency's chronology from a CSV or XLSX file: readers that stream the rows,
the columns matched by header name, each row checked, and the import run in two passes
(check everything with progress, then insert in one transaction). See docs/chronology.md."""
