"""The SMTP backend used in production: Django's, with the server's certificate always
checked against the system's trusted authorities.

Django's own backend builds a bare TLS context when a client certificate is configured,
one that trusts no authority at all, so every connection would fail; this one starts from
the default context (certificate and host name checked) and adds the client certificate.
"""

import ssl

from django.core.mail.backends.smtp import EmailBackend
from django.utils.functional import cached_property


class SMTPBackend(EmailBackend):
    @cached_property
    def ssl_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context()
        if self.ssl_certfile:
            context.load_cert_chain(self.ssl_certfile, self.ssl_keyfile)
        return context
