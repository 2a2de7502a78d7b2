"""Fixtures of the import and export tests."""

import pytest

from firstperson.platform.accounts.roles import Role


@pytest.fixture
def editor(make_user):
    return make_user(Role.DIRECTORY_EDITOR)
