import pytest

from casereview.demo import generator


@pytest.fixture
def demo(db):
    return generator.generate_demo()
