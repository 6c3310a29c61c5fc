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


def weakness(password: str) -> str | None:
    """Why a password is too easy to guess, as OWASP ASVS (level 2) asks it to be checked:
    "repeated" for one character repeated, "common" for a password in (or made of) the lists
    of passwords most found in breaches that zxcvbn ships (30,000 of them, with words and
    names), scored by zxcvbn's estimate of the guesses an attacker needs; None otherwise."""
    if len(set(password)) == 1:
        return "repeated"
    from zxcvbn import zxcvbn
    from zxcvbn.frequency_lists import FREQUENCY_LISTS
    if password.lower() in _common(FREQUENCY_LISTS) or zxcvbn(password[:100])["score"] < 2:
        return "common"
    return None


_COMMON: frozenset[str] | None = None


def _common(lists) -> frozenset[str]:
    global _COMMON
    if _COMMON is None:
        _COMMON = frozenset(lists["passwords"])
    return _COMMON
