"""Sending over SMTP against real servers (aiosmtpd on 127.0.0.1): one that accepts, ones that
refuse, one that drops the connection, one that never answers; TLS, login, retries, and the
outbox that keeps every unsent message until a later run delivers it exactly once."""

from __future__ import annotations

import shutil
import socket
import ssl
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fixtures_briefing import sample_briefing

from briefing.cli import cli
from briefing.errors import OutputError, UsageError
from briefing.mail import build_message, message_text
from briefing.send import (
    Outbox,
    SendError,
    SmtpSettings,
    deliver_messages,
    read_password,
    send_message,
)

aiosmtpd_controller = pytest.importorskip("aiosmtpd.controller")
aiosmtpd_smtp = pytest.importorskip("aiosmtpd.smtp")

SENDER = "News desk <desk@example.com>"
READERS = ["ann@example.org", "Bob <bob@example.net>"]


# --------------------------------------------------------------------------- the servers


class Accepting:
    """Takes every message and keeps it, parsed, with its envelope."""

    def __init__(self) -> None:
        self.received: list[tuple[str, list[str], EmailMessage]] = []
        self.logins: list[str] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = BytesParser(policy=policy.default).parsebytes(envelope.content)
        assert isinstance(message, EmailMessage)
        self.received.append((envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 2.0.0 Ok: queued"


class Refusing(Accepting):
    """Refuses every message after DATA with the reply given (5xx permanent, 4xx temporary)."""

    def __init__(self, reply: str) -> None:
        super().__init__()
        self.reply = reply
        self.attempts = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.attempts += 1
        return self.reply


class UnknownRecipients(Accepting):
    """Refuses every recipient, as a server does for addresses it does not know."""

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: list[str]
    ) -> str:
        return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"


class Dropping(Accepting):
    """Hangs up in the middle of the first ``drops`` messages, then accepts."""

    def __init__(self, drops: int = 10**6) -> None:
        super().__init__()
        self.drops = drops
        self.attempts = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.attempts += 1
        if self.attempts <= self.drops:
            server.transport.close()
            return "421 going away"
        return await super().handle_DATA(server, session, envelope)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def smtp_server(handler: Any, **options: Any) -> Iterator[int]:
    """A real SMTP server on 127.0.0.1, for the duration of the block; yields its port."""
    port = _free_port()
    controller = aiosmtpd_controller.Controller(
        handler, hostname="127.0.0.1", port=port, ready_timeout=10, **options
    )
    controller.start()
    try:
        yield port
    finally:
        controller.stop()


def plain(port: int, **overrides: Any) -> SmtpSettings:
    options: dict[str, Any] = {
        "host": "127.0.0.1",
        "port": port,
        "security": "none",
        "timeout": 5.0,
        "retries": 0,
        "retry_delay": 0.0,
        "local_hostname": "localhost",
    }
    options.update(overrides)
    return SmtpSettings(**options)


@pytest.fixture
def message() -> EmailMessage:
    return build_message(sample_briefing(), sender=SENDER, recipients=READERS)


# --------------------------------------------------------------------------- sending


def test_accepting_server_receives_both_parts(message: EmailMessage) -> None:
    handler = Accepting()
    with smtp_server(handler) as port:
        refused = send_message(message, plain(port))
    assert refused == {}
    assert len(handler.received) == 1
    mail_from, rcpt_tos, received = handler.received[0]
    assert mail_from == "desk@example.com"
    assert rcpt_tos == ["ann@example.org", "bob@example.net"]
    assert received["Message-ID"] == message["Message-ID"]
    assert received["Subject"] == "Morning briefing — Tuesday 14 May 2024"
    text = received.get_body(("plain",))
    page = received.get_body(("html",))
    assert text is not None and page is not None
    assert "Leeds councillors back £1.2bn tram line to the airport" in text.get_content()
    assert "<style" not in page.get_content()
    assert "Leeds councillors back £1.2bn tram line to the airport" in page.get_content()


def test_permanent_refusal_is_not_retried(message: EmailMessage) -> None:
    handler = Refusing("554 5.7.1 Message rejected: content policy")
    waits: list[float] = []
    with smtp_server(handler) as port, pytest.raises(SendError) as caught:
        send_message(message, plain(port, retries=3), sleep=waits.append)
    assert caught.value.permanent
    assert "554 5.7.1 Message rejected: content policy" in str(caught.value)
    assert handler.attempts == 1 and waits == []


def test_unknown_recipients_are_named(message: EmailMessage) -> None:
    with smtp_server(UnknownRecipients()) as port, pytest.raises(SendError) as caught:
        send_message(message, plain(port, retries=2), sleep=lambda _: None)
    assert caught.value.permanent
    assert "ann@example.org (550" in str(caught.value) and "bob@example.net (550" in str(
        caught.value
    )


def test_temporary_refusal_is_retried_with_growing_waits(message: EmailMessage) -> None:
    handler = Refusing("451 4.3.0 Try again later")
    waits: list[float] = []
    with smtp_server(handler) as port, pytest.raises(SendError) as caught:
        send_message(message, plain(port, retries=2, retry_delay=0.5), sleep=waits.append)
    assert not caught.value.permanent
    assert handler.attempts == 3
    assert waits == [0.5, 1.0]
    assert "451 4.3.0 Try again later" in str(caught.value) and "after 3 attempts" in str(
        caught.value
    )


def test_dropped_connection_is_retried_and_delivered_once(message: EmailMessage) -> None:
    handler = Dropping(drops=1)
    with smtp_server(handler) as port:
        send_message(message, plain(port, retries=2), sleep=lambda _: None)
    assert handler.attempts == 2
    assert len(handler.received) == 1


def test_dropped_connection_fails_after_the_retries(message: EmailMessage) -> None:
    handler = Dropping()
    with smtp_server(handler) as port, pytest.raises(SendError, match="closed the connection"):
        send_message(message, plain(port, retries=1), sleep=lambda _: None)
    assert handler.attempts == 2 and handler.received == []


def test_refused_connection(message: EmailMessage) -> None:
    port = _free_port()  # nothing listens there
    with pytest.raises(SendError, match=rf"127\.0\.0\.1:{port}: cannot send \(.*refused"):
        send_message(message, plain(port))


def test_silent_server_times_out(message: EmailMessage) -> None:
    # Listening, but never greeting: the connection opens and then nothing comes.
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        port = silent.getsockname()[1]
        with pytest.raises(SendError, match=r"no answer within 0\.3 s"):
            send_message(message, plain(port, timeout=0.3))


def test_a_message_needs_a_sender_and_a_recipient() -> None:
    bare = build_message(sample_briefing())
    with pytest.raises(UsageError, match="--from"):
        send_message(bare, plain(1))
    bare["From"] = SENDER
    with pytest.raises(UsageError, match="--to"):
        send_message(bare, plain(1))


# --------------------------------------------------------------------------- TLS and login


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-days",
            "2",
            "-subj",
            "/CN=localhost",
            "-addext",
            "subjectAltName=DNS:localhost,IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


def _server_context(certificate: tuple[Path, Path]) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(str(certificate[0]), str(certificate[1]))
    return context


def _authenticator(handler: Accepting, user: str, password: str) -> Any:
    def check(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> Any:
        ok = data.login.decode() == user and data.password.decode() == password
        if ok:
            handler.logins.append(user)
        return aiosmtpd_smtp.AuthResult(success=ok, handled=False)

    return check


def test_starttls_with_login(message: EmailMessage, certificate: tuple[Path, Path]) -> None:
    handler = Accepting()
    with smtp_server(
        handler,
        tls_context=_server_context(certificate),
        require_starttls=True,
        authenticator=_authenticator(handler, "desk", "s3cret pass"),
        auth_required=True,
    ) as port:
        settings = plain(
            port, security="starttls", user="desk", password="s3cret pass", cafile=certificate[0]
        )
        send_message(message, settings)
    assert handler.logins == ["desk"] and len(handler.received) == 1


def test_wrong_password_is_permanent(message: EmailMessage, certificate: tuple[Path, Path]) -> None:
    handler = Accepting()
    with (
        smtp_server(
            handler,
            tls_context=_server_context(certificate),
            require_starttls=True,
            authenticator=_authenticator(handler, "desk", "right"),
            auth_required=True,
        ) as port,
        pytest.raises(SendError, match=r"login as desk refused \(535") as caught,
    ):
        settings = plain(
            port,
            security="starttls",
            user="desk",
            password="wrong",
            cafile=certificate[0],
            retries=3,
        )
        send_message(message, settings, sleep=lambda _: pytest.fail("must not retry"))
    assert caught.value.permanent and handler.received == []


def test_implicit_tls(message: EmailMessage, certificate: tuple[Path, Path]) -> None:
    handler = Accepting()
    with smtp_server(
        handler, ssl_context=_server_context(certificate), server_hostname="127.0.0.1"
    ) as port:
        send_message(message, plain(port, security="ssl", cafile=certificate[0]))
    assert len(handler.received) == 1


def test_untrusted_certificate_is_refused(
    message: EmailMessage, certificate: tuple[Path, Path]
) -> None:
    handler = Accepting()
    with (
        smtp_server(handler, tls_context=_server_context(certificate)) as port,
        pytest.raises(SendError, match="certificate is not trusted") as caught,
    ):
        send_message(message, plain(port, security="starttls"))
    assert caught.value.permanent and handler.received == []


def test_starttls_required_but_not_offered(message: EmailMessage) -> None:
    with smtp_server(Accepting()) as port, pytest.raises(SendError, match="STARTTLS"):
        send_message(message, plain(port, security="starttls"))


# --------------------------------------------------------------------------- passwords


def test_password_from_a_file_or_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = tmp_path / "smtp-password"
    secret.write_text("correct horse battery\n")
    assert read_password(file=secret) == "correct horse battery"
    monkeypatch.setenv("MY_SMTP_PASSWORD", "from-env")
    assert read_password("MY_SMTP_PASSWORD") == "from-env"
    monkeypatch.setenv("BRIEFING_SMTP_PASSWORD", "default-env")
    assert read_password() == "default-env"
    with pytest.raises(UsageError, match="--password-env NOT_SET: the environment variable"):
        read_password("NOT_SET")
    with pytest.raises(UsageError, match=r"--password-file .*cannot read it"):
        read_password(file=tmp_path / "missing")
    (tmp_path / "empty").write_text("")
    with pytest.raises(UsageError, match="the file is empty"):
        read_password(file=tmp_path / "empty")


def test_a_login_without_a_password_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="--user desk: no password"):
        SmtpSettings(host="smtp.example.com", user="desk")
    assert "secret" not in repr(SmtpSettings(host="smtp.example.com", user="d", password="secret"))


# --------------------------------------------------------------------------- the outbox


def test_outbox_keeps_a_failed_message_and_delivers_it_once_later(
    tmp_path: Path, message: EmailMessage
) -> None:
    box = Outbox(tmp_path / "outbox")
    box.put(message)
    box.put(message)  # the same message twice is one file
    assert len(box.pending()) == 1

    with smtp_server(Refusing("451 4.7.0 Greylisted, try later")) as port:
        report = box.flush(plain(port))
    assert report.sent == [] and len(report.failed) == 1
    assert len(box.pending()) == 1

    handler = Accepting()
    with smtp_server(handler) as port:
        first = box.flush(plain(port))
        second = box.flush(plain(port))
    assert first.sent == [message["Message-ID"]] and second.sent == []
    assert box.pending() == []
    assert [m["Message-ID"] for _, _, m in handler.received] == [message["Message-ID"]]


def test_outbox_lock_keeps_a_second_sender_out(tmp_path: Path) -> None:
    box = Outbox(tmp_path / "outbox")
    with (
        box.locked(),
        pytest.raises(OutputError, match="another 'briefing send' is using it"),
        Outbox(tmp_path / "outbox").locked(),
    ):
        pytest.fail("the second sender got in")
    with Outbox(tmp_path / "outbox").locked():
        pass  # free again


def test_deliver_messages_checks_everything_before_queueing(tmp_path: Path) -> None:
    eml = tmp_path / "briefing.eml"
    eml.write_text(message_text(build_message(sample_briefing())))
    box = tmp_path / "outbox"
    with pytest.raises(UsageError, match="no recipient; pass --to"):
        deliver_messages([str(eml)], host="127.0.0.1", sender=SENDER, outbox=box)
    with pytest.raises(UsageError, match="no SMTP server; pass --smtp-host"):
        deliver_messages([str(eml)], host=None, sender=SENDER, recipients=READERS, outbox=box)
    assert Outbox(box).pending() == []
    (tmp_path / "notes.eml").write_text("just some notes, not a message\n")
    with pytest.raises(UsageError, match=r"notes\.eml: not an e-mail message"):
        deliver_messages([str(tmp_path / "notes.eml")], host="h", outbox=box)


# --------------------------------------------------------------------------- the command line


def _send(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["send", *args], env=env, catch_exceptions=False)
    return result.exit_code, result.stderr


def test_send_command_failure_then_outbox_delivers_exactly_once(tmp_path: Path) -> None:
    eml = tmp_path / "briefing.eml"
    eml.write_text(message_text(build_message(sample_briefing())))
    outbox = tmp_path / "outbox"
    common = ["--from", SENDER, "--security", "none", "--retries", "0", "--outbox", str(outbox)]

    dropping = Dropping()
    with smtp_server(dropping) as port:
        code, err = _send(
            str(eml),
            "--to",
            READERS[0],
            "--to",
            READERS[1],
            "--smtp-host",
            "127.0.0.1",
            "--smtp-port",
            str(port),
            *common,
        )
    assert code == 1
    assert err.count("\n") == 1 and err.startswith("error: 1 message not sent")
    assert f"run 'briefing send --outbox {outbox}' to try again" in err
    waiting = list(outbox.glob("*.eml"))
    assert len(waiting) == 1
    queued = BytesParser(policy=policy.default).parsebytes(waiting[0].read_bytes())
    assert queued["To"] == "ann@example.org, Bob <bob@example.net>"

    handler = Accepting()
    with smtp_server(handler) as port:
        env = {"BRIEFING_SMTP_HOST": "127.0.0.1", "BRIEFING_SMTP_PORT": str(port)}
        code, err = _send(*common, env=env)
        assert code == 0, err
        assert "sent Morning briefing — Tuesday 14 May 2024 to ann@example.org" in err
        code, err = _send(*common, env=env)
        assert code == 0 and "nothing to send" in err
    assert len(handler.received) == 1
    assert handler.received[0][2]["Message-ID"] == queued["Message-ID"]
    assert list(outbox.glob("*.eml")) == []


def test_send_command_with_login_reads_the_password_from_the_environment(
    tmp_path: Path, certificate: tuple[Path, Path]
) -> None:
    eml = tmp_path / "briefing.eml"
    eml.write_text(message_text(build_message(sample_briefing(), sender=SENDER)))
    handler = Accepting()
    with smtp_server(
        handler,
        tls_context=_server_context(certificate),
        require_starttls=True,
        authenticator=_authenticator(handler, "desk", "env secret"),
        auth_required=True,
    ) as port:
        code, err = _send(
            str(eml),
            "--to",
            READERS[0],
            "--smtp-host",
            "127.0.0.1",
            "--smtp-port",
            str(port),
            "--user",
            "desk",
            "--password-env",
            "DESK_PASSWORD",
            "--cafile",
            str(certificate[0]),
            "--list-unsubscribe",
            "https://example.com/u?id=7",
            "--outbox",
            str(tmp_path / "box"),
            env={"DESK_PASSWORD": "env secret"},
        )
    assert code == 0, err
    assert handler.logins == ["desk"]
    received = handler.received[0][2]
    assert received["List-Unsubscribe"].strip() == "<https://example.com/u?id=7>"
    assert received["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_send_has_no_password_flag() -> None:
    code, err = _send("--password", "hunter2", "--smtp-host", "h")
    assert code == 2 and "No such option" in err and "'--password'" in err


def test_send_reads_a_message_from_stdin(tmp_path: Path) -> None:
    handler = Accepting()
    text = message_text(build_message(sample_briefing(), sender=SENDER, recipients=READERS))
    with smtp_server(handler) as port:
        result = CliRunner().invoke(
            cli,
            [
                "send",
                "-",
                "--smtp-host",
                "127.0.0.1",
                "--smtp-port",
                str(port),
                "--security",
                "none",
                "--outbox",
                str(tmp_path / "box"),
            ],
            input=text.encode(),
            catch_exceptions=False,
        )
    assert result.exit_code == 0, result.stderr
    assert len(handler.received) == 1
