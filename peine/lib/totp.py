"""Print the current authenticator-app code of a base32 secret (RFC 6238, 6 digits, 30 s).

For the demo logins: ``.venv/bin/python -m peine.lib.totp 5IJFEDQ2OMSPOLM6ORHQK32BYYQFJBKF``
gives the same code as an authenticator app or ``oathtool --totp -b SECRET``.
"""

import base64
import hashlib
import hmac
import struct
import sys
import time


def code(secret: str, at: float | None = None, digits: int = 6, period: int = 30) -> str:
    key = base64.b32decode(secret.replace(" ", "").upper(), casefold=True)
    counter = int(time.time() if at is None else at) // period
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 10**digits:0{digits}d}"


if __name__ == "__main__":  # pragma: no cover - a command-line helper
    if len(sys.argv) != 2:
        sys.exit("usage: python -m peine.lib.totp BASE32SECRET")
    print(code(sys.argv[1]))
