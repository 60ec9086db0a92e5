"""Operations: backup and restore of the database and the uploaded documents
(`casereview backup`, `casereview restore`; docs/production.md)."""
