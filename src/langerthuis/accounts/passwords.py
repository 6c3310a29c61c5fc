"""Password hashing with Argon2id (argon2-cffi, with its recommended parameters)."""
from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

MIN_LENGTH = 12
MAX_LENGTH = 1024  # hashing a megabyte of password would be a denial of service

_HASHER = PasswordHasher()


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def verify_password(stored: str, password: str) -> bool:
    if len(password) > MAX_LENGTH:
        return False
    try:
        return _HASHER.verify(stored, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored: str) -> bool:
    return _HASHER.check_needs_rehash(stored)


# A hash to verify against when the account does not exist, so that a wrong e-mail
# address takes as long to refuse as a wrong password (no account enumeration by timing).
DUMMY_HASH = _HASHER.hash("not a password of anyone")
