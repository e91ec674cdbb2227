"""Sending briefing e-mails over SMTP, with timeouts, retries and an outbox.

Every message goes into the outbox folder *before* it is sent and leaves it only once the SMTP
server has accepted it, so a message that could not be sent (server down, connection dropped,
message refused) is still there for the next ``briefing send --outbox DIR``, and a message
that was sent is never sent again from the outbox. A lock keeps two senders from sending the
same message at once.

Passwords come from an environment variable or a file, never from the command line (where
other users of the machine could read them in the process list).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import smtplib
import socket
import ssl
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import format_datetime, getaddresses, make_msgid
from pathlib import Path
from typing import BinaryIO, Literal

from briefing.errors import OutputError, UsageError

Security = Literal["starttls", "ssl", "none"]

#: The connection security choices, in the order shown to users.
SECURITY_CHOICES: tuple[str, ...] = ("starttls", "ssl", "none")

#: The port each kind of connection uses when none is given.
DEFAULT_PORTS: dict[str, int] = {"starttls": 587, "ssl": 465, "none": 25}

#: The environment variable read for the SMTP password when no other source is named.
DEFAULT_PASSWORD_ENV = "BRIEFING_SMTP_PASSWORD"


class SendError(OutputError):
    """A message could not be sent. ``permanent`` when retrying as it is cannot help."""

    def __init__(self, message: str, *, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


@dataclass(frozen=True)
class SmtpSettings:
    """Where and how to send: the server, its security, the login, and patience.

    ``retries`` is how many more attempts follow a failed one that may succeed later (a
    dropped connection, a timeout, a ``4xx`` reply); the waits between them double from
    ``retry_delay`` seconds. ``timeout`` bounds every network operation.
    """

    host: str
    port: int | None = None
    security: str = "starttls"
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    timeout: float = 30.0
    retries: int = 2
    retry_delay: float = 2.0
    cafile: Path | None = None
    local_hostname: str | None = None

    def __post_init__(self) -> None:
        if self.security not in SECURITY_CHOICES:
            raise UsageError(
                f"--security {self.security!r}: choose one of {', '.join(SECURITY_CHOICES)}"
            )
        if not self.host or any(c.isspace() for c in self.host):
            raise UsageError(f"--smtp-host {self.host!r}: give the SMTP server's host name")
        if self.user and self.password is None:
            raise UsageError(
                f"--user {self.user}: no password; put it in the environment variable "
                f"{DEFAULT_PASSWORD_ENV} (or the one --password-env names) or in a file "
                "given with --password-file"
            )
        if self.retries < 0 or self.timeout <= 0:
            raise UsageError("--retries must be 0 or more and --timeout more than 0")

    @property
    def address(self) -> str:
        """``host:port``, as messages name the server."""
        return f"{self.host}:{self.effective_port}"

    @property
    def effective_port(self) -> int:
        """The port given, or the usual one for the security chosen."""
        return self.port or DEFAULT_PORTS[self.security]

    def ssl_context(self) -> ssl.SSLContext:
        """A verifying TLS context; ``cafile`` adds a CA (a company's, a test server's)."""
        context = ssl.create_default_context()
        if self.cafile is not None:
            try:
                context.load_verify_locations(cafile=str(self.cafile))
            except (OSError, ssl.SSLError) as exc:
                raise UsageError(
                    f"--cafile {self.cafile}: cannot load it ({exc}); give a PEM file of CA "
                    "certificates"
                ) from None
        return context


def read_password(env_var: str | None = None, file: Path | None = None) -> str | None:
    """The SMTP password from ``file`` (its first line) or the environment variable ``env_var``.

    With neither named, :data:`DEFAULT_PASSWORD_ENV` is read if it is set. A named variable
    that is unset, or a file that cannot be read, is a :class:`UsageError`.
    """
    if file is not None:
        try:
            lines = Path(file).expanduser().read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise UsageError(
                f"--password-file {file}: cannot read it ({exc.strerror or exc}); give a file "
                "holding the password on its first line"
            ) from None
        if not lines or not lines[0].strip():
            raise UsageError(f"--password-file {file}: the file is empty; put the password in it")
        return lines[0].strip()
    if env_var is not None:
        value = os.environ.get(env_var)
        if value is None:
            raise UsageError(
                f"--password-env {env_var}: the environment variable is not set; export it "
                "with the SMTP password"
            )
        return value
    return os.environ.get(DEFAULT_PASSWORD_ENV)


# --------------------------------------------------------------------------- sending


def envelope(message: EmailMessage) -> tuple[str, list[str]]:
    """The SMTP envelope: the ``From`` address and every ``To``/``Cc``/``Bcc`` address."""
    senders = [address for _, address in getaddresses(message.get_all("From", []))]
    recipients = [
        address
        for _, address in getaddresses(
            [*message.get_all("To", []), *message.get_all("Cc", []), *message.get_all("Bcc", [])]
        )
        if address
    ]
    if len(senders) != 1 or not senders[0]:
        raise UsageError("the message has no single From address; pass --from ADDRESS")
    if not recipients:
        raise UsageError("the message has no recipient; pass --to ADDRESS")
    return senders[0], recipients


def send_message(
    message: EmailMessage,
    settings: SmtpSettings,
    *,
    sleep: Callable[[float], None] = time.sleep,
) -> dict[str, tuple[int, bytes]]:
    """Send ``message``, retrying failures that may pass (see :class:`SmtpSettings`).

    Returns the recipients the server refused when it accepted the message for the others
    (as :meth:`smtplib.SMTP.send_message` does). Raises :class:`SendError` with a one-line
    reason once the attempts are spent or at the first permanent failure.
    """
    sender, recipients = envelope(message)
    attempts = settings.retries + 1
    for attempt in range(1, attempts + 1):
        try:
            return _send_once(message, sender, recipients, settings)
        except SendError as exc:
            if exc.permanent or attempt == attempts:
                if attempt > 1:
                    raise SendError(
                        f"{exc} (after {attempt} attempts)", permanent=exc.permanent
                    ) from exc
                raise
            sleep(settings.retry_delay * 2 ** (attempt - 1))
    raise AssertionError("unreachable")  # pragma: no cover


def _send_once(
    message: EmailMessage, sender: str, recipients: list[str], settings: SmtpSettings
) -> dict[str, tuple[int, bytes]]:
    where = settings.address
    try:
        with _connect(settings) as client:
            if settings.user:
                client.login(settings.user, settings.password or "")
            refused = client.send_message(message, sender, recipients)
            # A QUIT that fails after the message was accepted must not make us send it again.
            with contextlib.suppress(smtplib.SMTPException, OSError):
                client.quit()
            return refused
    except smtplib.SMTPAuthenticationError as exc:
        raise SendError(
            f"{where}: login as {settings.user} refused ({_reply(exc)}); check the user name "
            "and password",
            permanent=True,
        ) from None
    except smtplib.SMTPNotSupportedError as exc:
        raise SendError(
            f"{where}: the server does not support {exc}; try another --security",
            permanent=True,
        ) from None
    except smtplib.SMTPRecipientsRefused as exc:
        codes = [code for code, _ in exc.recipients.values()]
        who = ", ".join(
            f"{address} ({code} {_text(reply)})"
            for address, (code, reply) in exc.recipients.items()
        )
        raise SendError(
            f"{where}: every recipient was refused: {who}", permanent=all(c >= 500 for c in codes)
        ) from None
    except smtplib.SMTPResponseException as exc:
        raise SendError(
            f"{where}: the server refused the message ({_reply(exc)})",
            permanent=exc.smtp_code >= 500,
        ) from None
    except smtplib.SMTPServerDisconnected as exc:
        if "timed out" in str(exc):
            # smtplib reports a read that timed out as a disconnection.
            raise SendError(f"{where}: no answer within {settings.timeout:g} s") from None
        raise SendError(
            f"{where}: the server closed the connection ({exc or 'no reason given'})"
        ) from None
    except ssl.SSLCertVerificationError as exc:
        raise SendError(
            f"{where}: the server's certificate is not trusted ({exc.verify_message}); use "
            "--cafile for a private CA",
            permanent=True,
        ) from None
    except ssl.SSLError as exc:
        raise SendError(
            f"{where}: TLS failed ({exc.reason or exc}); check --security (starttls on port 587, "
            "ssl on 465)",
            permanent=True,
        ) from None
    except TimeoutError:
        raise SendError(f"{where}: no answer within {settings.timeout:g} s") from None
    except socket.gaierror as exc:
        raise SendError(f"{where}: cannot resolve the host name ({exc.strerror})") from None
    except (smtplib.SMTPException, OSError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        raise SendError(f"{where}: cannot send ({reason})") from None


def _connect(settings: SmtpSettings) -> smtplib.SMTP:
    port = settings.effective_port
    if settings.security == "ssl":
        return smtplib.SMTP_SSL(
            settings.host,
            port,
            local_hostname=settings.local_hostname,
            timeout=settings.timeout,
            context=settings.ssl_context(),
        )
    client = smtplib.SMTP(
        settings.host, port, local_hostname=settings.local_hostname, timeout=settings.timeout
    )
    try:
        client.ehlo()
        if settings.security == "starttls":
            if not client.has_extn("starttls"):
                raise smtplib.SMTPNotSupportedError("STARTTLS")
            client.starttls(context=settings.ssl_context())
            client.ehlo()
    except BaseException:
        client.close()
        raise
    return client


def _text(reply: bytes | str) -> str:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else reply
    return " ".join(text.split())


def _reply(exc: smtplib.SMTPResponseException) -> str:
    return f"{exc.smtp_code} {_text(exc.smtp_error)}".strip()


# --------------------------------------------------------------------------- the outbox


def default_outbox() -> Path:
    """``$BRIEFING_OUTBOX``, else ``$XDG_STATE_HOME/briefing/outbox`` (``~/.local/state/...``)."""
    if os.environ.get("BRIEFING_OUTBOX"):
        return Path(os.environ["BRIEFING_OUTBOX"]).expanduser()
    state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state) / "briefing" / "outbox"


def read_message(data: bytes, name: str) -> EmailMessage:
    """Parse an ``.eml`` file's bytes; ``name`` is used in the error for a file that isn't one."""
    message = BytesParser(policy=policy.default).parsebytes(data)
    if not isinstance(message, EmailMessage) or not message.keys() or message.defects:
        raise UsageError(
            f"{name}: not an e-mail message (.eml); make one with 'briefing build "
            "--format email -o FILE.eml'"
        )
    return message


def complete_headers(
    message: EmailMessage, *, sender: str | None = None, recipients: list[str] | None = None
) -> EmailMessage:
    """Set ``From``/``To`` when given, and add a missing ``Date`` or ``Message-ID``."""
    if sender is not None:
        del message["From"]
        message["From"] = sender
    if recipients:
        del message["To"]
        message["To"] = ", ".join(recipients)
    if message["Date"] is None:
        message["Date"] = format_datetime(datetime.now(timezone.utc).astimezone())
    if message["Message-ID"] is None:
        _, address = getaddresses(message.get_all("From", []))[0] if message["From"] else ("", "")
        message["Message-ID"] = make_msgid(
            idstring="briefing", domain=address.rpartition("@")[2] or "briefing.invalid"
        )
    return message


@dataclass
class SendReport:
    """What one pass over the outbox did."""

    sent: list[str] = field(default_factory=list)
    failed: list[tuple[Path, SendError]] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


class Outbox:
    """A folder of ``.eml`` files waiting to be sent, one per message.

    A file is named after its ``Message-ID``, so putting the same message twice keeps one
    copy; files are written atomically and removed only after the server accepted them.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path).expanduser()

    def _prepare(self) -> None:
        try:
            self.path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(
                f"outbox {self.path}: cannot create it ({exc.strerror or exc}); choose another "
                "--outbox"
            ) from None

    @staticmethod
    def _key(message: EmailMessage) -> str:
        message_id = str(message["Message-ID"] or "")
        if not message_id:
            raise UsageError("the message has no Message-ID; it cannot be queued")
        return hashlib.sha256(message_id.strip().encode("utf-8")).hexdigest()[:20]

    def put(self, message: EmailMessage) -> Path:
        """Store ``message`` (replacing an earlier copy of the same message); return its file."""
        from briefing.deliver import write_atomic

        self._prepare()
        key = self._key(message)
        existing = sorted(self.path.glob(f"*-{key}.eml"))
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
        target = existing[0] if existing else self.path / f"{stamp}-{key}.eml"
        # 7-bit text with \n line ends; smtplib turns them into CRLF when sending.
        write_atomic(target, message.as_string(policy=policy.default))
        for extra in existing[1:]:
            with contextlib.suppress(OSError):
                extra.unlink()
        return target

    def pending(self) -> list[Path]:
        """The waiting messages, oldest first."""
        if not self.path.is_dir():
            return []
        return sorted(p for p in self.path.glob("*.eml") if p.is_file())

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the outbox for this process; another sender gets a clear error."""
        self._prepare()
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows: no advisory locks, run one sender
            yield
            return
        with open(self.path / ".lock", "a+") as handle:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                raise OutputError(
                    f"outbox {self.path}: another 'briefing send' is using it; wait for it to "
                    "finish"
                ) from None
            try:
                yield
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)

    def flush(
        self,
        settings: SmtpSettings,
        *,
        sleep: Callable[[float], None] = time.sleep,
        on_sent: Callable[[Path, EmailMessage], None] | None = None,
    ) -> SendReport:
        """Send every waiting message; each one sent is removed, each failure stays.

        Call it inside :meth:`locked` when other processes may use the same outbox.
        """
        report = SendReport()
        for path in self.pending():
            try:
                message = read_message(path.read_bytes(), str(path))
            except (OSError, UsageError) as exc:
                report.failed.append((path, SendError(f"{path}: cannot read it ({exc})")))
                continue
            try:
                refused = send_message(message, settings, sleep=sleep)
            except SendError as exc:
                report.failed.append((path, exc))
                continue
            except UsageError as exc:
                report.failed.append((path, SendError(f"{path.name}: {exc}", permanent=True)))
                continue
            path.unlink()
            report.sent.append(str(message["Message-ID"]))
            report.refused.extend(
                f"{address} ({code} {_text(reply)})" for address, (code, reply) in refused.items()
            )
            if on_sent is not None:
                on_sent(path, message)
        return report


# --------------------------------------------------------------------------- the command


def deliver_messages(
    files: Sequence[str],
    *,
    host: str | None,
    recipients: Sequence[str] = (),
    sender: str | None = None,
    unsubscribe: Sequence[str] = (),
    port: int | None = None,
    security: str = "starttls",
    user: str | None = None,
    password_env: str | None = None,
    password_file: Path | None = None,
    cafile: Path | None = None,
    timeout: float = 30.0,
    retries: int = 2,
    outbox: Path | None = None,
    stdin: BinaryIO | None = None,
    echo: Callable[[str], None] = print,
    sleep: Callable[[float], None] = time.sleep,
) -> SendReport:
    """What ``briefing send`` does: queue ``files`` (``.eml``; ``-`` is ``stdin``), then send
    everything waiting in the outbox.

    Every message is checked (readable, a sender, a recipient) before any is queued, so a
    mistake sends nothing. Raises :class:`SendError` when a message stays unsent, naming the
    outbox and the command that retries.
    """
    from briefing.mail import parse_addresses, unsubscribe_targets

    box = Outbox(outbox if outbox is not None else default_outbox())
    to = parse_addresses(recipients, "--to") if recipients else None
    from_ = None
    if sender is not None:
        senders = parse_addresses(sender, "--from")
        if len(senders) != 1:
            raise UsageError("--from: give exactly one sender address")
        from_ = senders[0]
    targets = unsubscribe_targets(unsubscribe)

    loaded: list[EmailMessage] = []
    for name in files:
        data = _read_input(name, stdin)
        message = complete_headers(read_message(data, name), sender=from_, recipients=to)
        if targets:
            del message["List-Unsubscribe"]
            del message["List-Unsubscribe-Post"]
            message["List-Unsubscribe"] = ", ".join(f"<{t}>" for t in targets)
            if any(t.lower().startswith("https://") for t in targets):
                message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        try:
            envelope(message)
        except UsageError as exc:
            raise UsageError(f"{name}: {exc}") from None
        loaded.append(message)

    with box.locked():
        if not loaded and not box.pending():
            echo(f"nothing to send: the outbox {box.path} is empty")
            return SendReport()
        if not host:
            raise UsageError("no SMTP server; pass --smtp-host HOST (or set BRIEFING_SMTP_HOST)")
        settings = SmtpSettings(
            host=host,
            port=port,
            security=security,
            user=user,
            password=read_password(password_env, password_file) if user else None,
            timeout=timeout,
            retries=retries,
            cafile=cafile,
        )
        for message in loaded:
            box.put(message)

        def sent(path: Path, message: EmailMessage) -> None:
            echo(f"sent {message['Subject']!s} to {message['To']!s} via {settings.address}")

        report = box.flush(settings, sleep=sleep, on_sent=sent)
    for line in report.refused:
        echo(f"warning: the server refused {line}; the others got the message")
    if report.failed:
        first = report.failed[0][1]
        count = len(report.failed)
        raise SendError(
            f"{count} message{'s' if count > 1 else ''} not sent ({first}); kept in the outbox "
            f"{box.path}; run 'briefing send --outbox {box.path}' to try again",
            permanent=first.permanent,
        )
    return report


def _read_input(name: str, stdin: BinaryIO | None) -> bytes:
    if name == "-":
        if stdin is None:
            raise UsageError("-: no standard input to read a message from")
        return stdin.read()
    try:
        return Path(name).read_bytes()
    except OSError as exc:
        raise UsageError(
            f"{name}: cannot read it ({exc.strerror or exc}); give an .eml file made with "
            "'briefing build --format email -o FILE.eml'"
        ) from None
