from django.test import Client
from django.urls import reverse

from casereview.accounts.models import Membership, User
from casereview.audit.models import AuditEvent
from conftest import verified_client

LIST = reverse("members:list")
ADD = reverse("members:add")


def test_an_administrator_sees_their_boards_members_only(world):
    page = verified_client(world.user("administrator")).get(LIST)
    assert page.status_code == 200
    assert "board_manager" in page.text
    assert "outsider" not in page.text


def test_other_roles_cannot_manage_members(world):
    for role in ("board_manager", "board_chair", "auditor", "agency_author"):
        assert verified_client(world.user(role)).get(LIST).status_code == 403


def test_an_administrator_adds_a_new_agency_author(world):
    response = verified_client(world.user("administrator")).post(
        ADD,
        {
            "board": world.board.pk,
            "username": "new.author",
            "first_name": "Nia",
            "last_name": "Example",
            "role": "agency_author",
            "agency": world.health.pk,
            "password": "a-long-unusual-passphrase",
        },
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user__username="new.author")
    assert membership.agency == world.health
    assert membership.user.check_password("a-long-unusual-passphrase")
    assert AuditEvent.objects.filter(action="membership.create").count() == 1


def test_an_agency_author_needs_an_agency_and_a_weak_password_is_refused(world):
    client = verified_client(world.user("administrator"))
    data = {"board": world.board.pk, "username": "x.author", "role": "agency_author"}
    response = client.post(ADD, {**data, "password": "short"})
    assert "Select the agency this author writes for" in response.text
    response = client.post(ADD, {**data, "agency": world.police.pk, "password": "password1234"})
    assert "too common" in response.text
    assert not User.objects.filter(username="x.author").exists()


def test_an_agency_of_another_board_is_refused(world):
    response = verified_client(world.user("administrator")).post(
        ADD,
        {
            "board": world.board.pk,
            "username": "y.author",
            "role": "agency_author",
            "agency": world.other_police.pk,
            "password": "a-long-unusual-passphrase",
        },
    )
    assert response.status_code == 200
    assert not User.objects.filter(username="y.author").exists()


def test_disabling_an_account_ends_its_sessions_at_once(world):
    victim = world.user("panel_member")
    victim_client = verified_client(victim)
    assert victim_client.get(reverse("cases:list")).status_code == 200
    membership = Membership.objects.get(user=victim)
    response = verified_client(world.user("administrator")).post(
        reverse("members:disable", args=[membership.pk])
    )
    assert response.status_code == 302
    victim.refresh_from_db()
    assert not victim.is_active
    from django.contrib.sessions.models import Session

    sessions = [s.get_decoded().get("_auth_user_id") for s in Session.objects.all()]
    assert str(victim.pk) not in sessions
    assert victim_client.get(reverse("cases:list")).status_code == 302
    event = AuditEvent.objects.get(action="user.disable")
    assert event.detail["sessions_ended"] == 1


def test_an_account_with_roles_on_other_boards_cannot_be_disabled(world):
    shared = world.user("panel_chair")
    Membership.objects.create(user=shared, board=world.other_board, role="panel_chair")
    membership = Membership.objects.get(user=shared, board=world.board)
    response = verified_client(world.user("administrator")).post(
        reverse("members:disable", args=[membership.pk])
    )
    assert response.status_code == 403
    shared.refresh_from_db()
    assert shared.is_active


def test_removing_a_role_takes_away_access(world, notification):
    member = world.user("panel_member")
    client = verified_client(member)
    assert client.get(reverse("cases:detail", args=[notification.pk])).status_code == 200
    membership = Membership.objects.get(user=member)
    verified_client(world.user("administrator")).post(
        reverse("members:remove", args=[membership.pk])
    )
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert Client().get(reverse("cases:list")).status_code == 302
    assert (
        verified_client(member).get(reverse("cases:detail", args=[notification.pk])).status_code
        == 404
    )


def test_a_username_must_pass_the_username_validator(world):
    response = verified_client(world.user("administrator")).post(
        ADD,
        {
            "board": world.board.pk,
            "username": "<script>x</script>",
            "role": "panel_member",
            "password": "a-long-unusual-passphrase",
        },
    )
    assert response.status_code == 200
    assert "Enter a valid username" in response.text
    assert not User.objects.filter(username__contains="script").exists()
    assert not AuditEvent.objects.filter(action="membership.create").exists()


def test_an_email_longer_than_is_kept_is_refused_at_its_field(world):
    email = "a" * 64 + "@" + ".".join(["b" * 60] * 3) + ".example.org"  # 259, valid in form
    response = verified_client(world.user("administrator")).post(
        ADD,
        {
            "board": world.board.pk,
            "username": "z.author",
            "email": email,
            "role": "board_manager",
            "password": "a-long-unusual-passphrase",
        },
    )
    assert response.status_code == 200
    assert "at most 254 characters" in response.text
    assert not User.objects.filter(username="z.author").exists()
