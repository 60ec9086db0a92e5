"""Sign-in accounts for the load and crash scripts: `python -m tests.load.accounts N` makes
board managers load.0001 … load.N of the demo's first board, each with the demo password and a
confirmed TOTP device whose key the scripts can compute (journeys.totp_key). One account per
simulated user: a TOTP code signs in once, so users cannot share an account.

Never in production: it refuses when CASEREVIEW_ENV=production."""

import os
import sys


def main(count: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casereview.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from casereview.accounts.models import Board, Membership, Role, User
    from tests.load.journeys import PASSWORD, totp_key

    if settings.PRODUCTION:
        raise SystemExit("Refusing to create load-test accounts in production")
    board = Board.objects.order_by("pk").first()
    if board is None:
        raise SystemExit("No board: run `casereview seed --scale demo` first")
    password = make_password(PASSWORD)  # hashed once: Argon2 is slow on purpose
    with transaction.atomic():
        for number in range(1, count + 1):
            username = f"load.{number:04d}"
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "password": password,
                    "first_name": "Load",
                    "last_name": f"User {number}",
                    "email": f"{username}@example.invalid",
                },
            )
            if created:
                Membership.objects.create(user=user, board=board, role=Role.BOARD_MANAGER)
            TOTPDevice.objects.update_or_create(
                user=user,
                name="load",
                defaults={"key": totp_key(username), "confirmed": True, "tolerance": 1},
            )
    print(f"{count} load-test accounts ready on {board.name}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
