"""Outgoing mail over TLS checks the server's certificate and name, with or without a
client certificate."""

import ssl

from casereview.lib import mail

DEFAULT_CONTEXT = ssl.create_default_context


def backend(**options):
    return mail.SMTPBackend(alias="default", host="smtp.example.org", use_tls=True, **options)


def test_the_server_certificate_and_name_are_checked():
    context = backend().ssl_context
    assert context.verify_mode == ssl.CERT_REQUIRED
    assert context.check_hostname


class RecordingContext:
    """The default context, noting the client certificate it is given."""

    def __init__(self):
        self.real = DEFAULT_CONTEXT()
        self.verify_mode, self.check_hostname = self.real.verify_mode, self.real.check_hostname
        self.client_certificate = None

    def load_cert_chain(self, certfile, keyfile=None):
        self.client_certificate = (certfile, keyfile)


def test_a_client_certificate_is_added_to_the_checking_context(monkeypatch):
    recording = RecordingContext()
    monkeypatch.setattr(mail.ssl, "create_default_context", lambda: recording)
    context = backend(
        ssl_certfile="/etc/casereview/mail.pem", ssl_keyfile="/etc/casereview/mail.key"
    ).ssl_context
    assert context is recording
    assert context.client_certificate == ("/etc/casereview/mail.pem", "/etc/casereview/mail.key")
    assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname
