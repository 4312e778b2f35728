//! A tiny HTTP/1.1 server on 127.0.0.1 for the client example and its test: it answers each
//! path with a canned error response, and stops by itself after a number of requests or a
//! deadline, whichever comes first. Only std; one connection at a time, `Connection: close`.

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use aculab_errors::HttpDate;

/// One canned response.
pub struct Canned {
    /// The path it answers.
    pub path: &'static str,
    /// How many times it fails before answering 200 (`u32::MAX`: always fails).
    pub failures: u32,
    /// The failure's status.
    pub status: u16,
    /// Its headers, `Retry-After` and `Content-Type` among them; `{date+N}` in a value is
    /// replaced by the HTTP-date N seconds after the server's clock.
    pub headers: &'static [(&'static str, &'static str)],
    /// Its body.
    pub body: &'static [u8],
}

/// The responses, one per kind the client must handle.
pub const ROUTES: &[Canned] = &[
    Canned {
        path: "/plain",
        failures: u32::MAX,
        status: 404,
        headers: &[("Content-Type", "application/json")],
        body: include_bytes!("../bodies/error_code.json"),
    },
    Canned {
        path: "/validation",
        failures: u32::MAX,
        status: 400,
        headers: &[("Content-Type", "application/json")],
        body: include_bytes!("../bodies/validation_details.json"),
    },
    Canned {
        path: "/odd",
        failures: 1,
        status: 500,
        headers: &[("Content-Type", "application/json; charset=utf-8")],
        body: br#"{"error": {"code": 1001, "text": "Internal\r\nerror", "details": "one string", "severity": 2}, "trace": "x"}"#,
    },
    Canned {
        path: "/unknown",
        failures: u32::MAX,
        status: 503,
        headers: &[("Content-Type", "application/json")],
        body: br#"{"error": {"code": "9418", "text": "newer than the catalogue"}}"#,
    },
    Canned {
        path: "/html",
        failures: 1,
        status: 502,
        headers: &[("Content-Type", "text/html")],
        body: b"<html><body><h1>502 Bad Gateway</h1></body></html>\n",
    },
    Canned {
        path: "/xml",
        failures: u32::MAX,
        status: 400,
        headers: &[("Content-Type", "application/xml")],
        body: b"<?xml version=\"1.0\"?><error><code>0405</code><text>Invalid token</text></error>",
    },
    Canned {
        path: "/empty",
        failures: 2,
        status: 503,
        headers: &[],
        body: b"",
    },
    Canned {
        path: "/retry-seconds",
        failures: 1,
        status: 429,
        headers: &[("Content-Type", "application/json"), ("Retry-After", "1")],
        body: br#"{"error": {"code": "HTTP 429", "text": "Too Many Requests"}}"#,
    },
    Canned {
        path: "/retry-date",
        failures: 1,
        status: 503,
        headers: &[("Retry-After", "{date+2}")],
        body: br#"{"error": {"code": "HTTP 503", "text": "Service Unavailable"}}"#,
    },
    Canned {
        path: "/retry-too-long",
        failures: u32::MAX,
        status: 503,
        headers: &[("Retry-After", "86400")],
        body: br#"{"error": {"code": "HTTP 503", "text": "Down for maintenance"}}"#,
    },
    Canned {
        path: "/retry-twice",
        failures: 1,
        status: 503,
        // Retry-After given twice: the first value counts, as `ApiError::from_http` says.
        headers: &[("Retry-After", "1"), ("Retry-After", "90")],
        body: br#"{"error": {"code": "HTTP 503", "text": "busy"}}"#,
    },
    Canned {
        path: "/other",
        failures: 1,
        status: 429,
        headers: &[("Content-Type", "application/json")],
        body: br#"{"message": "slow down"}"#,
    },
    Canned {
        path: "/catalogue-wait",
        failures: 1,
        status: 400,
        headers: &[("Content-Type", "application/json")],
        body: br#"{"error": {"code": "0026", "text": "too soon"}}"#,
    },
];

/// A running server: its address, and the thread to join.
pub struct Server {
    /// Where it listens.
    pub addr: SocketAddr,
    stop: Arc<AtomicBool>,
    thread: JoinHandle<u32>,
}

impl Server {
    /// Starts a server on a free port of 127.0.0.1 that answers at most `max_requests` and
    /// stops by `deadline` from now, whichever comes first.
    pub fn start(max_requests: u32, deadline: Duration) -> std::io::Result<Server> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let addr = listener.local_addr()?;
        listener.set_nonblocking(true)?;
        let counts: Vec<AtomicU32> = ROUTES.iter().map(|_| AtomicU32::new(0)).collect();
        let end = Instant::now() + deadline;
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = Arc::clone(&stop);
        let thread = std::thread::spawn(move || {
            let mut served = 0;
            while served < max_requests && Instant::now() < end && !stopped.load(Ordering::Relaxed)
            {
                match listener.accept() {
                    Ok((stream, _)) => {
                        served += 1;
                        // A client that misbehaves costs one connection, never the server.
                        let _ = answer(stream, &counts);
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                        std::thread::sleep(Duration::from_millis(5));
                    }
                    Err(_) => break,
                }
            }
            served
        });
        Ok(Server { addr, stop, thread })
    }

    /// The URL of `path` on this server.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// Stops the server (at once, or when the request in hand is answered); how many requests
    /// it answered.
    pub fn stop(self) -> u32 {
        self.stop.store(true, Ordering::Relaxed);
        self.thread.join().unwrap_or(0)
    }
}

fn answer(stream: TcpStream, counts: &[AtomicU32]) -> std::io::Result<()> {
    stream.set_nonblocking(false)?;
    stream.set_read_timeout(Some(Duration::from_secs(2)))?;
    stream.set_write_timeout(Some(Duration::from_secs(2)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    // Read the headers up to the blank line; the requests carry no body.
    let mut line = String::new();
    while reader.read_line(&mut line)? > 2 {
        line.clear();
    }
    let path = request_line.split_whitespace().nth(1).unwrap_or("/");
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let now = i64::try_from(now).unwrap_or(0);
    let date = HttpDate::from_unix_secs(now).to_string();
    let route = ROUTES.iter().position(|r| r.path == path);
    let (status, headers, body): (u16, Vec<(&str, String)>, &[u8]) = match route {
        Some(i) if counts[i].fetch_add(1, Ordering::Relaxed) < ROUTES[i].failures => {
            let r = &ROUTES[i];
            let headers = r
                .headers
                .iter()
                .map(|&(name, value)| (name, expand(value, now)))
                .collect();
            (r.status, headers, r.body)
        }
        Some(_) => (
            200,
            vec![("Content-Type", "application/json".into())],
            b"{\"ok\": true}",
        ),
        None => (404, vec![], b"no such route"),
    };
    let mut out = stream;
    write!(
        out,
        "HTTP/1.1 {status} X\r\nDate: {date}\r\nConnection: close\r\n"
    )?;
    for (name, value) in headers {
        write!(out, "{name}: {value}\r\n")?;
    }
    write!(out, "Content-Length: {}\r\n\r\n", body.len())?;
    out.write_all(body)?;
    out.flush()
}

/// Replaces `{date+N}` with the HTTP-date N seconds after `now`.
fn expand(value: &str, now: i64) -> String {
    match value
        .strip_prefix("{date+")
        .and_then(|v| v.strip_suffix('}'))
        .and_then(|n| n.parse::<i64>().ok())
    {
        Some(n) => HttpDate::from_unix_secs(now + n).to_string(),
        None => value.to_string(),
    }
}
