"""Passwords: Argon2id at OWASP's parameters (accounts/hashers.py), never below them, and a
hash made with other parameters is rehashed at the next sign-in."""

import argon2
from django.contrib.auth.hashers import Argon2PasswordHasher, check_password, make_password
from django.test import Client
from django.urls import reverse

from casereview.accounts.hashers import OwaspArgon2PasswordHasher
from conftest import PASSWORD

LOGIN = reverse("accounts:login")

# OWASP Password Storage Cheat Sheet, Argon2id: its equivalent configurations
# (memory in KiB, passes), from 46 MiB and 1 pass down to 7 MiB and 5 passes.
OWASP_CONFIGURATIONS = {(47104, 1), (19456, 2), (12288, 3), (9216, 4), (7168, 5)}


def _parameters(encoded: str) -> argon2.Parameters:
    return argon2.extract_parameters(encoded.removeprefix("argon2"))


def test_new_hashes_are_argon2id_at_an_owasp_configuration(db):
    params = _parameters(make_password("a-long-unusual-passphrase"))
    assert params.type is argon2.Type.ID
    assert (params.memory_cost, params.time_cost) in OWASP_CONFIGURATIONS
    assert params.parallelism == 1
    assert params.salt_len >= 16 and params.hash_len >= 32


def test_a_hash_with_djangos_default_parameters_still_verifies_and_is_rehashed(world):
    user = world.user("board_manager")
    old = Argon2PasswordHasher().encode(PASSWORD, Argon2PasswordHasher().salt())
    user.password = old
    user.save(update_fields=["password"])
    assert OwaspArgon2PasswordHasher().must_update(old)

    response = Client().post(LOGIN, {"username": "board_manager", "password": PASSWORD})

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.password != old
    assert _parameters(user.password).memory_cost == 47104
    assert check_password(PASSWORD, user.password)


def test_a_wrong_password_is_refused_under_either_parameters(db):
    for encoded in (
        make_password(PASSWORD),
        Argon2PasswordHasher().encode(PASSWORD, Argon2PasswordHasher().salt()),
    ):
        assert not check_password("not-the-password-at-all", encoded)
