import pytest


@pytest.fixture(autouse=True)
def documents_root(settings, tmp_path):
    """Each test keeps its files in its own folder."""
    settings.DOCUMENTS_ROOT = tmp_path / "documents"
    return settings.DOCUMENTS_ROOT
