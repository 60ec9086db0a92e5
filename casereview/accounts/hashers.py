"""The password hasher: Argon2id with OWASP's parameters rather than Django's defaults.

Django's defaults (100 MiB, 2 passes, 8 lanes) cost about 0.3 s of wall time, 0.17 s of CPU
and 100 MiB of memory per sign-in; on a small server a crowd signing in at once queues every other
request behind the hashes (profile in bench/RESULTS.md). OWASP's Password Storage Cheat Sheet
gives equivalent configurations for Argon2id; this one is its first: 46 MiB of memory, one
pass, one lane. It is at OWASP's guidance, not below it; never lower these figures.

The algorithm name stays "argon2", so existing hashes verify; a hash made with other
parameters is rehashed with these at its owner's next successful sign-in (Django's
`must_update`).
"""

from django.contrib.auth.hashers import Argon2PasswordHasher

# OWASP Password Storage Cheat Sheet, Argon2id: "m=47104 (46 MiB), t=1, p=1".
OWASP_MEMORY_KIB = 47104
OWASP_TIME_COST = 1
OWASP_PARALLELISM = 1


class OwaspArgon2PasswordHasher(Argon2PasswordHasher):
    memory_cost = OWASP_MEMORY_KIB
    time_cost = OWASP_TIME_COST
    parallelism = OWASP_PARALLELISM
