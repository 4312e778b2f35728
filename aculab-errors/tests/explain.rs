//! The `explain` example as a command-line contract: `--json` prints exactly one JSON object
//! with the documented fields, for bare codes and for whole responses of every kind.
#![cfg(feature = "json")]

use std::ffi::OsStr;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant, SystemTime};

use serde_json::{json, Value};

/// The newest modification time of a file under `path`.
fn newest(path: &Path) -> SystemTime {
    let meta = std::fs::metadata(path).unwrap();
    if !meta.is_dir() {
        return meta.modified().unwrap();
    }
    std::fs::read_dir(path)
        .unwrap()
        .map(|entry| newest(&entry.unwrap().path()))
        .fold(SystemTime::UNIX_EPOCH, SystemTime::max)
}

/// The example's binary: the one `cargo test` built beside this test when it is newer than the
/// sources and reads responses (a build without the `json` feature, left by an earlier
/// `cargo test` with other features, does not), or else (when only this test was built) one
/// built now, with this test's features, in a target directory of its own.
fn explain() -> &'static Path {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(find_or_build)
}

fn find_or_build() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let profile_dir = exe.parent().and_then(|deps| deps.parent()).unwrap();
    let name = format!("explain{}", std::env::consts::EXE_SUFFIX);
    let built = profile_dir.join("examples").join(&name);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let sources = newest(&root.join("src")).max(newest(&root.join("examples/explain.rs")));
    let reads_responses = |bin: &Path| {
        Command::new(bin)
            .args(["--json", "--status", "200"])
            .stdin(Stdio::null())
            .output()
            .is_ok_and(|out| out.status.success())
    };
    if std::fs::metadata(&built)
        .and_then(|m| m.modified())
        .is_ok_and(|t| t >= sources)
        && reads_responses(&built)
    {
        return built;
    }
    let target = profile_dir.join("explain-cli-test");
    let features: Vec<&str> = [
        ("std", cfg!(feature = "std")),
        ("alloc", cfg!(feature = "alloc")),
        ("serde", cfg!(feature = "serde")),
        ("json", true),
        ("http", cfg!(feature = "http")),
    ]
    .into_iter()
    .filter_map(|(name, on)| on.then_some(name))
    .collect();
    let manifest = concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml");
    let mut child = Command::new(env!("CARGO"))
        .args([
            "build",
            "--quiet",
            "--example",
            "explain",
            "--manifest-path",
            manifest,
        ])
        .args(["--no-default-features", "--features", &features.join(",")])
        .env("CARGO_TARGET_DIR", &target)
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(600);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("building the explain example took over 10 minutes");
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(status.success(), "building the explain example failed");
    target.join("debug").join("examples").join(name)
}

/// The example started with `args`, every stream piped.
fn spawn<S: AsRef<OsStr>>(args: &[S]) -> Child {
    Command::new(explain())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn run<S: AsRef<OsStr>>(args: &[S], stdin: &[u8]) -> Output {
    let mut child = spawn(args);
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

/// The fields of the `--json` object, in the order the contract lists them.
const FIELDS: [&str; 9] = [
    "kind",
    "code",
    "name",
    "status",
    "text",
    "details",
    "retryable",
    "idempotent_only",
    "waits_ms",
];

/// Runs `explain --json ARGS` and reads the one JSON object it prints, which has exactly the
/// contract's fields, in its order (serde_json's map sorts them, so the line itself is read).
fn json_of<S: AsRef<OsStr>>(args: &[S], stdin: &[u8]) -> (Value, Option<i32>) {
    let args: Vec<&OsStr> = std::iter::once(OsStr::new("--json"))
        .chain(args.iter().map(AsRef::as_ref))
        .collect();
    let out = run(&args, stdin);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 1, "one line: {stdout:?}");
    let value: Value = serde_json::from_str(&stdout).unwrap();
    let mut keys: Vec<&str> = value
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut expected = FIELDS;
    expected.sort_unstable();
    keys.sort_unstable();
    assert_eq!(keys, expected);
    // Each field's name, at the top level, comes after the one before it.
    let at: Vec<usize> = FIELDS
        .iter()
        .map(|f| stdout.find(&format!("\"{f}\":")).unwrap())
        .collect();
    assert!(at.is_sorted(), "fields out of order: {stdout}");
    (value, out.status.code())
}

fn response(status: &str, headers: &[&str], body: &[u8]) -> Value {
    let mut args = vec!["--status", status];
    for h in headers {
        args.extend(["--header", h]);
    }
    args.extend(["--body", "-"]);
    let (value, code) = json_of(&args, body);
    assert_eq!(code, Some(0), "{value}");
    value
}

#[test]
fn bare_codes() {
    let (v, code) = json_of(&["0018"], b"");
    assert_eq!(code, Some(0));
    assert_eq!(
        (&v["kind"], &v["code"], &v["name"], &v["status"]),
        (
            &json!("catalogued"),
            &json!("0018"),
            &json!("storage_failure"),
            &json!(504)
        )
    );
    assert_eq!(
        (&v["retryable"], &v["idempotent_only"]),
        (&json!(true), &json!(true))
    );
    assert_eq!(v["waits_ms"], json!([180_000, 180_000]));
    assert_eq!(v["details"], json!([]));

    let (v, _) = json_of(&["405"], b"");
    assert_eq!(
        (&v["code"], &v["retryable"], &v["waits_ms"]),
        (&json!("0405"), &json!(false), &json!([]))
    );

    // White space around a code is read past, as in a body's `code` and as `" HTTP 404"` was.
    for (padded, read) in [
        (" 0405", "0405"),
        ("0405 ", "0405"),
        ("\t405\n", "0405"),
        (" HTTP 404 ", "HTTP 404"),
    ] {
        let (v, code) = json_of(&[padded], b"");
        assert_eq!((code, &v["code"]), (Some(0), &json!(read)), "{padded:?}");
        assert_eq!(v["status"], 404, "{padded:?}");
    }

    for unknown in ["9418", "9999", "abc", "12345", " 9418", "0 405"] {
        let (v, code) = json_of(&[unknown], b"");
        assert_eq!(code, Some(1), "{unknown}");
        assert_eq!(v["name"], Value::Null);
    }
}

#[test]
fn every_catalogued_code_in_the_documented_order_with_the_default_policys_waits() {
    // The waits worked out from the documented defaults alone (3 attempts: two retries; backoff
    // 1 s then 2 s at its upper bound; a catalogue wait over max_wait, 300 s, gives up), not
    // from RetryPolicy; json_of checks the fields' order.
    for &code in aculab_errors::ErrorCode::ALL {
        let (v, exit) = json_of(&[code.as_str()], b"");
        assert_eq!(exit, Some(0), "{code}");
        let waits: Vec<u64> = match (code.is_retryable(), code.retry_after()) {
            (false, _) => vec![],
            (true, None) => vec![1_000, 2_000],
            (true, Some(wait)) if wait.as_secs() > 300 => vec![],
            (true, Some(wait)) => vec![wait.as_secs() * 1_000; 2],
        };
        let expected = json!({
            "kind": "catalogued",
            "code": code.as_str(),
            "name": code.name(),
            "status": code.http_status(),
            "text": code.description(),
            "details": [],
            "retryable": code.is_retryable(),
            "idempotent_only": code.idempotent_only(),
            "waits_ms": waits,
        });
        assert_eq!(v, expected, "{code}");
        assert!(code.is_retryable() || !code.idempotent_only(), "{code}");
    }
}

#[test]
fn responses_of_every_kind() {
    let plain = response(
        "404",
        &["Content-Type: application/json"],
        include_bytes!("bodies/error_code.json"),
    );
    assert_eq!(plain["kind"], "catalogued");
    assert_eq!(plain["code"], "0405");
    assert_eq!(plain["name"], "invalid_token");
    assert_eq!(plain["status"], 404);
    assert_eq!(plain["waits_ms"], json!([]));

    let details = response("400", &[], include_bytes!("bodies/validation_details.json"));
    assert_eq!(
        (&details["kind"], &details["code"]),
        (&json!("http_status"), &json!("HTTP 400"))
    );
    assert_eq!(details["details"].as_array().map(Vec::len), Some(6));

    let odd_body = r#"{"error": {"code": 1001, "details": "one", "x": 1}}"#;
    let odd = response("500", &[], odd_body.as_bytes());
    // Without a text, the body is the text: its unknown field may say what happened.
    assert_eq!(
        (&odd["kind"], &odd["code"], &odd["text"]),
        (&json!("catalogued"), &json!("1001"), &json!(odd_body))
    );
    assert_eq!(
        (&odd["details"], &odd["idempotent_only"]),
        (&json!(["one"]), &json!(true))
    );
    assert_eq!(odd["waits_ms"], json!([1000, 2000]));

    let unknown = response("503", &[], br#"{"error": {"code": "9418", "text": "new"}}"#);
    assert_eq!(
        (&unknown["kind"], &unknown["retryable"]),
        (&json!("unknown_code"), &json!(true))
    );

    let other = response("500", &[], br#"{"error": {"code": "E1", "text": "?"}}"#);
    assert_eq!(
        (&other["kind"], &other["code"], &other["retryable"]),
        (&json!("other_code"), &json!("E1"), &json!(false))
    );

    let html = response(
        "502",
        &["Content-Type: text/html"],
        b"<html>\n<h1>Bad Gateway</h1></html>",
    );
    assert_eq!(
        (&html["kind"], &html["code"]),
        (&json!("not_json"), &Value::Null)
    );
    assert_eq!(html["text"], "<html>\n<h1>Bad Gateway</h1></html>");
    assert_eq!(
        (&html["idempotent_only"], &html["waits_ms"]),
        (&json!(true), &json!([1000, 2000]))
    );

    let xml = response("400", &[], b"<?xml version=\"1.0\"?><error/>");
    assert_eq!(
        (&xml["kind"], &xml["retryable"]),
        (&json!("not_json"), &json!(false))
    );

    let empty = response("503", &[], b"");
    assert_eq!(
        (&empty["kind"], &empty["text"], &empty["waits_ms"]),
        (&json!("empty"), &json!(""), &json!([1000, 2000]))
    );
}

#[test]
fn a_body_without_its_wrapper_and_the_unquoted_template_with_any_status_are_explained() {
    let flat = response(
        "503",
        &["Retry-After: 5"],
        br#"{"code": "0018", "text": "disk full", "details": ["d"]}"#,
    );
    assert_eq!(
        (&flat["kind"], &flat["code"], &flat["name"], &flat["text"]),
        (
            &json!("catalogued"),
            &json!("0018"),
            &json!("storage_failure"),
            &json!("disk full")
        )
    );
    assert_eq!(
        (&flat["details"], &flat["waits_ms"]),
        (&json!(["d"]), &json!([5000, 5000]))
    );

    let odd = response(
        "400",
        &[],
        br#"{"error": {"code": HTTP 4000, "text": "t"}}"#,
    );
    assert_eq!(
        (&odd["kind"], &odd["code"], &odd["text"]),
        (&json!("other_code"), &json!("HTTP 4000"), &json!("t"))
    );
}

#[test]
fn retry_after_in_seconds_and_as_dates_feeds_the_policy() {
    let body = br#"{"error": {"code": "HTTP 429", "text": "slow down"}}"#;
    let seconds = response("429", &["Retry-After: 7"], body);
    assert_eq!(seconds["waits_ms"], json!([7000, 7000]));

    let date = "Date: Sun, 06 Nov 1994 08:49:37 GMT";
    for later in [
        "Retry-After: Sun, 06 Nov 1994 08:50:07 GMT",
        "Retry-After: Sunday, 06-Nov-94 08:50:07 GMT",
        "Retry-After: Sun Nov  6 08:50:07 1994",
    ] {
        let v = response("503", &[date, later], body);
        assert_eq!(v["waits_ms"], json!([30_000, 30_000]), "{later}");
    }
    let past = response(
        "503",
        &[date, "Retry-After: Sat, 05 Nov 1994 08:49:37 GMT"],
        body,
    );
    assert_eq!(past["waits_ms"], json!([0, 0]));
    let garbage = response("503", &["Retry-After: soon"], body);
    assert_eq!(garbage["waits_ms"], json!([1000, 2000]));
    let too_long = response("503", &["Retry-After: 86400"], body);
    assert_eq!(
        (&too_long["retryable"], &too_long["waits_ms"]),
        (&json!(true), &json!([]))
    );
    // Not retryable: the server's Retry-After does not make it so.
    let token = response(
        "404",
        &["Retry-After: 5"],
        include_bytes!("bodies/error_code.json"),
    );
    assert_eq!(token["waits_ms"], json!([]));
}

#[test]
fn without_json_it_prints_for_a_person_and_keeps_explain_0405() {
    let out = run(&["0405"], b"");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("0405 invalid_token\n"), "{text}");
    assert!(text.contains("Retry:       no"), "{text}");

    let out = run(
        &[
            "--status",
            "503",
            "--header",
            "Retry-After: 3",
            "--body",
            "-",
        ],
        b"<h1>down</h1>",
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("HTTP 503, not JSON: <h1>down</h1>\n"),
        "{text}"
    );
    assert!(text.contains("3 s, then 3 s"), "{text}");

    let out = run(&["--status", "abc"], b"");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_header_given_twice_counts_once_as_http_get_reads_it_and_any_status_is_read() {
    // The first value, as `http::HeaderMap::get` (and so `ApiError::from_http`) reads it.
    let body = br#"{"error": {"code": "HTTP 503", "text": "busy"}}"#;
    let twice = response(
        "503",
        &[
            "Retry-After: 7",
            "retry-after: 90",
            "CONTENT-TYPE: text/html",
        ],
        body,
    );
    assert_eq!(twice["waits_ms"], json!([7000, 7000]));
    let dated = response(
        "503",
        &[
            "Date: Sun, 06 Nov 1994 08:49:37 GMT",
            "Date: Sun, 06 Nov 1994 08:50:00 GMT",
            "Retry-After: Sun, 06 Nov 1994 08:50:07 GMT",
        ],
        body,
    );
    assert_eq!(dated["waits_ms"], json!([30_000, 30_000]));

    // Whatever status the transport saw is explained, not refused.
    for status in ["0", "99", "600", "999"] {
        let v = response(status, &[], b"<h1>odd</h1>");
        assert_eq!(v["status"].to_string(), status);
        assert_eq!(
            (&v["kind"], &v["retryable"]),
            (&json!("not_json"), &json!(false))
        );
    }
    let out = run(&["--json", "--status", "70000", "--body", "-"], b"");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_bare_http_status_code_is_explained_as_a_body_carrying_it_would_be() {
    // Aculab's `code` is "either an Error Code, or an HTTP status code" ("HTTP 400"): both are
    // codes `explain CODE` knows, in the loose spellings a body may use too.
    for (arg, status, retryable, idempotent_only, waits) in [
        ("HTTP 503", 503, true, false, json!([1000, 2000])),
        ("http 429", 429, true, false, json!([1000, 2000])),
        ("HTTP 502", 502, true, true, json!([1000, 2000])),
        (
            "HTTP/1.1 504 Gateway Timeout",
            504,
            true,
            true,
            json!([1000, 2000]),
        ),
        ("HTTP 400", 400, false, false, json!([])),
    ] {
        let (v, code) = json_of(&[arg], b"");
        assert_eq!(code, Some(0), "{arg}: {v}");
        assert_eq!(
            (&v["kind"], &v["code"], &v["name"], &v["status"]),
            (
                &json!("http_status"),
                &json!(arg),
                &Value::Null,
                &json!(status)
            ),
            "{arg}"
        );
        assert_eq!(
            (&v["retryable"], &v["idempotent_only"], &v["waits_ms"]),
            (&json!(retryable), &json!(idempotent_only), &waits),
            "{arg}"
        );
    }
    assert_eq!(json_of(&["HTTP 503"], b"").0["text"], "Service Unavailable");
    for not_a_status in ["HTTP 999", "HTTP", "HTTP 40", "HTTPS 400"] {
        let (v, code) = json_of(&[not_a_status], b"");
        assert_eq!(code, Some(1), "{not_a_status}");
        assert_eq!(v["kind"], "other_code", "{not_a_status}");
    }
    let out = run(&["HTTP 429"], b"");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("HTTP 429 Too Many Requests\n"), "{text}");
    assert!(text.contains("Retry:       yes"), "{text}");
}

#[cfg(unix)]
#[test]
fn arguments_that_are_not_utf_8_are_read_not_a_panic() {
    use std::os::unix::ffi::OsStrExt;

    let os = |s: &str| OsStr::new(s).to_owned();
    // A header value in Latin-1, as a server may send one: the bytes outside UTF-8 replaced, as
    // `ApiError::from_http` reads a header; the garbage Retry-After ignored.
    let latin = OsStr::from_bytes(b"Retry-After: soon\xe9").to_owned();
    let (v, code) = json_of(
        &[
            &os("--status"),
            &os("503"),
            &os("--header"),
            &latin,
            &os("--body"),
            &os("-"),
        ],
        b"",
    );
    assert_eq!(code, Some(0));
    assert_eq!(
        (&v["kind"], &v["waits_ms"]),
        (&json!("empty"), &json!([1000, 2000]))
    );
    // A body file whose name is not UTF-8.
    let dir = std::env::temp_dir().join(format!("explain-os-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let name = dir.join(OsStr::from_bytes(b"body\xff.json"));
    std::fs::write(&name, br#"{"error": {"code": "0405", "text": "t"}}"#).unwrap();
    let (v, code) = json_of(
        &[&os("--status"), &os("404"), &os("--body"), name.as_os_str()],
        b"",
    );
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!((code, &v["code"]), (Some(0), &json!("0405")));
    // A code that is not UTF-8 is not a code.
    let (v, code) = json_of(&[OsStr::from_bytes(b"04\xff")], b"");
    assert_eq!((code, &v["kind"]), (Some(1), &json!("other_code")));
}

#[test]
fn the_object_is_one_line_to_any_line_reader_and_the_text_survives() {
    // Python's str.splitlines ends a line at NEL, U+2028 and U+2029 too, and at C0 controls.
    let text = "a\u{85}b\u{2028}c\u{2029}d\u{7f}e\u{1c}f\u{b}g\r\nh";
    let body = json!({"error": {"code": "0405", "text": text, "details": [text]}}).to_string();
    let out = run(
        &["--json", "--status", "404", "--body", "-"],
        body.as_bytes(),
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let breaks = [
        '\n', '\r', '\u{b}', '\u{c}', '\u{1c}', '\u{1d}', '\u{1e}', '\u{85}', '\u{2028}',
        '\u{2029}',
    ];
    let line = stdout.strip_suffix('\n').unwrap();
    assert!(!line.contains(breaks), "{stdout:?}");
    let value: Value = serde_json::from_str(line).unwrap();
    assert_eq!(
        (&value["text"], &value["details"][0]),
        (&json!(text), &json!(text))
    );
}

#[test]
fn a_code_that_is_the_responses_own_status_is_explained_as_written() {
    // A gateway's `"code": 503` on a 503 is that status, and its code is as on the wire: it
    // read "0503" (kind http_status), and `0503: Service Unavailable` for a person.
    let dir = std::env::temp_dir().join(format!("explain-status-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("body.json");
    let body = br#"{"error":{"code":503,"text":"Service Unavailable"}}"#;
    std::fs::write(&file, body).unwrap();
    let path = file.to_str().unwrap();
    let (v, code) = json_of(&["--status", "503", "--body", path], b"");
    let person = run(&["--status", "503", "--body", path], b"");
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(code, Some(0));
    assert_eq!(
        (&v["kind"], &v["code"], &v["name"], &v["retryable"]),
        (
            &json!("http_status"),
            &json!("503"),
            &Value::Null,
            &json!(true)
        )
    );
    let text = String::from_utf8(person.stdout).unwrap();
    assert!(text.starts_with("503: Service Unavailable\n"), "{text}");
    assert!(!text.contains("0503"), "{text}");

    // The catalogue's own four digits are that code, not the status; a number that the
    // catalogue does not have is the status all the same.
    let zero_led = response("504", &[], br#"{"error":{"code":"0504","text":"x"}}"#);
    assert_eq!(
        (&zero_led["kind"], &zero_led["code"]),
        (&json!("catalogued"), &json!("0504"))
    );
    let limited = response("429", &[], br#"{"error":{"code":429,"text":"x"}}"#);
    assert_eq!(
        (&limited["kind"], &limited["code"]),
        (&json!("http_status"), &json!("429"))
    );
}

#[test]
fn a_number_an_f64_does_not_hold_is_explained_as_written() {
    // serde_json reads an integer beyond 64 bits as the nearest f64: the code was
    // "1.2345678901234567e20" and the detail "1e-400" was "0.0".
    let v = response(
        "404",
        &[],
        br#"{"error":{"code":123456789012345678901,"text":"x","details":[1e-400]}}"#,
    );
    assert_eq!(
        (&v["kind"], &v["code"], &v["details"]),
        (
            &json!("other_code"),
            &json!("123456789012345678901"),
            &json!(["1e-400"])
        )
    );
}

/// `explain 0405 | head -0`: a reader that stops before the output is written. What it no
/// longer reads is dropped; the exit status still says what was found, and nothing panics
/// ("failed printing to stdout: Broken pipe", exit 101).
#[test]
fn a_reader_that_stops_early_is_no_panic() {
    for args in [&["0405"][..], &["--json", "0405"], &["--json", "9999"]] {
        let mut child = spawn(args);
        drop(child.stdin.take());
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        let expected = if args.contains(&"9999") { 1 } else { 0 };
        assert_eq!(out.status.code(), Some(expected), "{args:?}: {stderr}");
    }
}

/// Arguments as a careless or hostile user gives them: an option the example does not know, or
/// `--status` and `--body` given twice (which one counted?), or a header without a name that is
/// an HTTP token, is a usage mistake (exit 2), not
/// a code that is not one (exit 1) nor a silent choice; `--` ends the options.
#[test]
fn unknown_options_and_a_second_status_or_body_are_usage_mistakes() {
    for args in [
        &["-x"][..],
        &["-j", "0405"],
        &["0405", "-v"],
        &["--bogus", "0405"],
        &["--status", "503", "--status", "429", "--body", "-"],
        &["--status", "503", "--body", "-", "--body", "-"],
        &["--status", "503", "-q"],
        &["--", "0405", "0018"],
        &["--status"],
        &["--body"],
        &["--header"],
        &["--status", "503", "--header", "no colon"],
        &["--status", "503", "--header", ": 5"],
        &["--status", "503", "--header", "Retry After: 5"],
    ] {
        let out = run(args, b"");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(stderr.contains("usage: explain"), "{args:?}: {stderr}");
    }
    // After `--`, and as a negative number, it is a code, and not one: exit 1.
    for args in [&["--", "-x"][..], &["-5"], &["--", "--json"]] {
        let (v, code) = json_of(args, b"");
        assert_eq!(
            (code, &v["kind"]),
            (Some(1), &json!("other_code")),
            "{args:?}"
        );
    }
    let (v, code) = json_of(&["--", "0405"], b"");
    assert_eq!((code, &v["name"]), (Some(0), &json!("invalid_token")));
}

/// A bare HTTP status's text is its reason phrase for every status the registry names, not only
/// the common error statuses (412, 416, 505 were empty).
#[test]
fn a_bare_http_status_has_its_registered_reason_phrase() {
    for (arg, phrase) in [
        ("HTTP 412", "Precondition Failed"),
        ("HTTP 407", "Proxy Authentication Required"),
        ("HTTP 416", "Range Not Satisfiable"),
        ("HTTP 421", "Misdirected Request"),
        ("HTTP 431", "Request Header Fields Too Large"),
        ("HTTP 451", "Unavailable For Legal Reasons"),
        ("HTTP 505", "HTTP Version Not Supported"),
        ("HTTP 511", "Network Authentication Required"),
        ("HTTP 200", "OK"),
        ("HTTP 418", ""),
        ("HTTP 599", ""),
    ] {
        let (v, code) = json_of(&[arg], b"");
        assert_eq!((code, &v["text"]), (Some(0), &json!(phrase)), "{arg}");
    }
}

/// A body longer than any error body (`--body /dev/zero`, or a runaway pipe) is refused with
/// exit 2 once 16 MiB are read, not read until memory runs out; one of 16 MiB is read.
#[test]
fn a_body_beyond_16_mib_is_refused_not_read_until_memory_runs_out() {
    let limit = 16 << 20;
    let out = run(
        &["--json", "--status", "503", "--body", "-"],
        &vec![b' '; limit + 1],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("longer than 16 MiB"), "{stderr}");
    let dir = std::env::temp_dir().join(format!("explain-big-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("body");
    std::fs::write(&file, vec![b' '; limit + 1]).unwrap();
    let out = run(
        &[
            OsStr::new("--status"),
            OsStr::new("503"),
            OsStr::new("--body"),
            file.as_os_str(),
        ],
        b"",
    );
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(out.status.code(), Some(2));
    let v = response("503", &[], &vec![b' '; limit]);
    assert_eq!(v["kind"], "empty");
}

/// What explain prints for a person about a 400 response with `body`.
fn for_a_person_at_400(body: &str) -> String {
    let out = run(&["--status", "400", "--body", "-"], body.as_bytes());
    assert_eq!(out.status.code(), Some(0));
    String::from_utf8(out.stdout).unwrap()
}

/// The values of the lines of `text` that start with `name`, such as every `Detail:`.
fn field<'a>(text: &'a str, name: &str) -> Vec<&'a str> {
    text.lines()
        .filter_map(|l| l.strip_prefix(name))
        .map(str::trim_start)
        .collect()
}

#[test]
fn for_a_person_the_code_and_details_are_escaped_as_api_errors_display_escapes_text() {
    // `{:?}` showed a Hangul filler (U+3164) raw, hiding it, and escaped the joiner and the
    // emoji selector that the text needs; the summary line (Display) did the opposite.
    let body = "{\"error\": {\"code\": \"04\\u200b05\\u3164\", \"text\": \"t\", \"details\": \
                [\"a\\u3164b\", \"line\\nbreak\", \"rtl\\u202e\", \"back\\\\slash\", \
                \"\\ud83d\\udc69\\u200d\\ud83d\\udcbb \\u2764\\ufe0f\", \" \", \"\"]}}";
    let text = for_a_person_at_400(body);
    let lines: Vec<&str> = text.lines().collect();
    let field = |name: &str| field(&text, name);
    assert_eq!(field("Code:"), [r#""04\u{200b}05\u{3164}""#], "{text}");
    assert_eq!(
        field("Detail:"),
        [
            r#""a\u{3164}b""#,
            r#""line\nbreak""#,
            r#""rtl\u{202e}""#,
            r#""back\\slash""#,
            "\"\u{1f469}\u{200d}\u{1f4bb} \u{2764}\u{fe0f}\"",
            "\" \"",
            "\"\"",
        ],
        "{text}"
    );
    assert!(
        lines[0].starts_with(r"04\u{200b}05\u{3164} (HTTP 400): t"),
        "{text}"
    );
    assert!(
        !text.contains('\u{3164}') && !text.contains('\u{200b}'),
        "{text}"
    );

    // A bare code given as an HTTP status is shown escaped too.
    let out = run(&["HTTP 503 \u{202e}x"], b"");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains(r#"Code:        "HTTP 503 \u{202e}x""#),
        "{text}"
    );
}

/// For a person the code and each detail stand between quotes, so a quote in them is escaped:
/// Google's `{"@type": ...}` details showed as `"{"@type":"..."}"`, and one detail holding
/// `a", "b` could not be told from two.
#[test]
fn a_quote_in_a_quoted_code_or_detail_is_escaped() {
    let body = r#"{"error": {"code": "E \"1\"", "text": "say \"hi\"", "details": ["a\", \"b", {"k": "v"}, "\\\""]}}"#;
    let text = for_a_person_at_400(body);
    let lines: Vec<&str> = text.lines().collect();
    let field = |name: &str| field(&text, name);
    assert_eq!(field("Code:"), [r#""E \"1\"""#], "{text}");
    assert_eq!(
        field("Detail:"),
        [r#""a\", \"b""#, r#""{\"k\":\"v\"}""#, r#""\\\"""#],
        "{text}"
    );
    // The text is not between quotes: it is shown as sent, escaped as Display escapes it.
    assert!(lines[0].ends_with(r#": say "hi""#), "{text}");
}

#[test]
fn a_header_is_trimmed_of_ascii_white_space_only_as_from_http_reads_it() {
    // A no-break space is not HTTP's white space: `ApiError::from_http` ignores a Retry-After
    // that starts with one, and so does explain (it read `\u{a0}30` as 30 s).
    let nbsp = response("503", &["Retry-After: \u{a0}30"], b"");
    assert_eq!(nbsp["waits_ms"], json!([1000, 2000]));
    let after = response("503", &["Retry-After: 30\u{a0}"], b"");
    assert_eq!(after["waits_ms"], json!([1000, 2000]));
    // The CR of a line pasted from `curl -i`, and tabs, are read past.
    let pasted = response("503", &["Retry-After:\t30\r"], b"");
    assert_eq!(pasted["waits_ms"], json!([30_000, 30_000]));
}

/// `explain --json 0405 > /dev/full`: output that cannot be written is an error (exit 2, and
/// said on stderr), not a success with nothing printed; only a reader that stops early (above)
/// is let go.
#[test]
fn output_that_cannot_be_written_exits_2() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        return; // no /dev/full on this system
    };
    for args in [&["--json", "0405"][..], &["0405"], &["--json", "9999"]] {
        let out = Command::new(explain())
            .args(args)
            .stdin(Stdio::null())
            .stdout(full.try_clone().unwrap())
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains("cannot write the output"),
            "{args:?}: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}

/// An argument pasted from a log line is shown on one line, escaped, in the error message: an
/// escape sequence or a line break in it reached the terminal raw.
#[test]
fn an_argument_in_an_error_message_is_escaped() {
    for args in [&["\u{1b}[2J\nx"][..], &["0405", "\u{1b}[2J\nx"]] {
        let out = run(args, b"");
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(stderr.contains(r"`\u{001b}[2J\nx`"), "{args:?}: {stderr:?}");
        assert!(!stderr.contains('\u{1b}'), "{args:?}: {stderr:?}");
    }
}

/// For a person, a retryable failure the policy gives up on says why: whose wait, how long,
/// and the policy's limit (it said only "the wait asked for is longer than the policy allows").
#[test]
fn for_a_person_a_wait_too_long_says_whose_and_how_long() {
    let retry_line = |args: &[&str], body: &[u8]| {
        let out = run(args, body);
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        let line = text
            .lines()
            .find(|l| l.starts_with("Retry:"))
            .map(String::from);
        line.unwrap_or_else(|| panic!("no Retry line: {text}"))
    };
    let storage = br#"{"error": {"code": "0018", "text": "Try later"}}"#;
    let server = retry_line(
        &[
            "--status",
            "503",
            "--header",
            "Retry-After: 400",
            "--body",
            "-",
        ],
        storage,
    );
    assert_eq!(
        server,
        "Retry:       no: the server's Retry-After asks for 400 s, longer than the 300 s the \
         default policy waits at most"
    );
    let date = retry_line(
        &[
            "--status",
            "429",
            "--header",
            "Date: Sun, 06 Nov 1994 08:49:37 GMT",
            "--header",
            "Retry-After: Sun, 06 Nov 1994 09:49:37 GMT",
        ],
        b"",
    );
    assert!(
        date.contains("Retry-After asks for 3600 s, longer than the 300 s"),
        "{date}"
    );
    // Within the limit, the waits as before.
    let short = retry_line(
        &[
            "--status",
            "503",
            "--header",
            "Retry-After: 300",
            "--body",
            "-",
        ],
        storage,
    );
    assert!(short.ends_with("waits 300 s, then 300 s"), "{short}");
}
