//! A real SMTP server on loopback: Debian's aiosmtpd
//! (`python3 -m aiosmtpd -n -l 127.0.0.1:PORT`, package `python3-aiosmtpd`),
//! with a small handler written here that stores each message received as
//! one JSON file (recipients, `To`, `Subject`, `Message-ID` and the text
//! body, decoded by Python's `email` package: no MIME decoding on our side),
//! renamed into place once complete. The server speaks plain SMTP without
//! authentication, which the application reaches with
//! `TRADEMA_SMTP_URL=smtp://127.0.0.1:PORT` (lettre: no TLS for `smtp://`
//! without `?tls=`). Killed on drop.
//!
//! Debian's `/usr/bin/python3` is used when present: a `python3` earlier on
//! `PATH` (pyenv, a virtualenv) usually lacks aiosmtpd.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use tempfile::TempDir;

/// The handler module (`-c tradema_drill_mailbox.JsonMailbox DIRECTORY`).
const HANDLER: &str = r#""""The test suite's mailbox (tests/harness/smtp.rs): an aiosmtpd handler
that writes each message received as one JSON file, renamed into place."""

import email
import email.policy
import json
import os
import uuid


class JsonMailbox:
    def __init__(self, directory):
        self.directory = directory

    @classmethod
    def from_cli(cls, parser, *args):
        if len(args) != 1:
            parser.error("JsonMailbox takes one argument: the directory to write messages to")
        return cls(args[0])

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        body = message.get_body(preferencelist=("plain",))
        record = {
            "envelope_to": list(envelope.rcpt_tos),
            "to": str(message.get("To", "")),
            "subject": str(message.get("Subject", "")),
            "message_id": str(message.get("Message-ID", "")),
            "body": body.get_content() if body is not None else "",
        }
        name = uuid.uuid4().hex
        partial = os.path.join(self.directory, "." + name + ".partial")
        with open(partial, "w", encoding="utf-8") as file:
            json.dump(record, file, ensure_ascii=False)
        os.rename(partial, os.path.join(self.directory, name + ".json"))
        return "250 Message accepted for delivery"
"#;

/// One message as the SMTP server received it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReceivedMail {
    /// `RCPT TO` addresses.
    pub envelope_to: Vec<String>,
    pub to: String,
    pub subject: String,
    pub message_id: String,
    /// The text body, decoded.
    pub body: String,
}

impl ReceivedMail {
    /// The first link in the body.
    pub fn first_link(&self) -> Option<&str> {
        let start = self.body.find("http://").or_else(|| self.body.find("https://"))?;
        self.body[start..].split_whitespace().next()
    }
}

fn python() -> PathBuf {
    let debian = Path::new("/usr/bin/python3");
    if debian.is_file() { debian.to_owned() } else { PathBuf::from("python3") }
}

/// A running aiosmtpd.
pub struct SmtpServer {
    pub port: u16,
    dir: TempDir,
    child: Child,
}

impl SmtpServer {
    /// Starts aiosmtpd on a free loopback port and waits until it accepts.
    pub async fn start() -> SmtpServer {
        let python = python();
        let probe = Command::new(&python).args(["-c", "import aiosmtpd"]).output();
        assert!(
            probe.as_ref().is_ok_and(|output| output.status.success()),
            "{} cannot import aiosmtpd: install it with `apt-get install python3-aiosmtpd` (./tradema test does)",
            python.display()
        );
        let dir = tempfile::Builder::new().prefix("tradema-smtp-").tempdir().expect("a temporary directory");
        std::fs::write(dir.path().join("tradema_drill_mailbox.py"), HANDLER).expect("write the handler");
        let inbox = dir.path().join("inbox");
        std::fs::create_dir(&inbox).expect("the inbox");
        let port = crate::server_process::free_port();
        let log = File::create(dir.path().join("aiosmtpd.log")).expect("the SMTP server's log");
        let output = log.try_clone().expect("the log file, twice");
        let listen = format!("127.0.0.1:{port}");
        let child = Command::new(python)
            .args(["-m", "aiosmtpd", "-n", "-l", listen.as_str()])
            .args(["-c", "tradema_drill_mailbox.JsonMailbox"])
            .arg(inbox)
            .env("PYTHONPATH", dir.path())
            .stdin(Stdio::null())
            .stdout(Stdio::from(output))
            .stderr(Stdio::from(log))
            .spawn()
            .unwrap_or_else(|error| panic!("cannot start aiosmtpd: {error}"));
        let mut server = SmtpServer { port, dir, child };
        let start = Instant::now();
        while tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_err() {
            if let Some(status) = server.child.try_wait().expect("aiosmtpd's state") {
                panic!("aiosmtpd exited ({status}):\n{}", server.log());
            }
            assert!(start.elapsed() < Duration::from_secs(15), "aiosmtpd does not accept on {port}:\n{}", server.log());
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        server
    }

    /// The application's `TRADEMA_SMTP_URL` for this server.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("aiosmtpd.log")).unwrap_or_default()
    }

    /// Every message received so far.
    pub fn received(&self) -> Vec<ReceivedMail> {
        let entries = std::fs::read_dir(self.dir.path().join("inbox")).expect("the inbox");
        let text = |value: &serde_json::Value, key: &str| value[key].as_str().unwrap_or_default().to_owned();
        entries
            .flatten()
            .map(|entry| entry.path())
            .filter(|path| path.extension().is_some_and(|extension| extension == "json"))
            .map(|path| {
                let stored = std::fs::read_to_string(&path).expect("a received message");
                let value: serde_json::Value = serde_json::from_str(&stored).expect("a message as JSON");
                let envelope_to = value["envelope_to"]
                    .as_array()
                    .map(|list| list.iter().filter_map(|item| item.as_str().map(str::to_owned)).collect())
                    .unwrap_or_default();
                ReceivedMail {
                    envelope_to,
                    to: text(&value, "to"),
                    subject: text(&value, "subject"),
                    message_id: text(&value, "message_id"),
                    body: text(&value, "body"),
                }
            })
            .collect()
    }

    /// How many messages were received so far.
    pub fn count(&self) -> usize {
        std::fs::read_dir(self.dir.path().join("inbox"))
            .map(|entries| {
                entries.flatten().filter(|entry| entry.path().extension().is_some_and(|e| e == "json")).count()
            })
            .unwrap_or(0)
    }

    /// Waits until at least `count` messages arrived and returns them all;
    /// panics naming how many did when `deadline` passes first.
    pub async fn wait_for(&self, count: usize, deadline: Duration) -> Vec<ReceivedMail> {
        let start = Instant::now();
        while self.count() < count {
            assert!(
                start.elapsed() < deadline,
                "{} of {count} mails received over SMTP after {deadline:?}",
                self.count()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        self.received()
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if std::thread::panicking() {
            eprintln!("---- the SMTP server's log ----\n{}", crate::server_process::tail(&self.log(), 40));
        }
    }
}
