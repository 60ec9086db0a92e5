"""Uploaded documents: validation by content, storage outside the web root, safe download."""
