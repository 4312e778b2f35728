//! The static site (`codegen::site`), from the catalogue with every trap in it
//! (`tests/escaping/errors.yaml`): every link resolves, every text stays text, every example body
//! parses into the crate's own type; and, in a real headless Chromium, `?q=` filters by code,
//! name and words, nothing is loaded from another host, and no page scrolls sideways at 360 px.
//!
//! Without a browser the browser test says so on the terminal and passes, except under CI
//! (`CI=true`), where a missing browser fails it.

use std::collections::BTreeSet;
use std::fs;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use aculab_errors::{ApiError, ErrorResponse, ResponseKind};
use codegen::site::SiteFile;
use codegen::Catalogue;

/// The site of the catalogue with every trap in it, written to a temporary directory.
fn site() -> (Catalogue, Vec<SiteFile>, tempfile::TempDir) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/escaping/errors.yaml");
    site_of(&fs::read_to_string(path).unwrap())
}

/// The site of the catalogue `text`, written to a temporary directory.
fn site_of(text: &str) -> (Catalogue, Vec<SiteFile>, tempfile::TempDir) {
    let cat = codegen::load(text).unwrap_or_else(|d| panic!("{d}"));
    let files = codegen::site::render(&cat);
    let dir = tempfile::tempdir().unwrap();
    for f in &files {
        let path = dir.path().join(&f.path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, &f.contents).unwrap();
    }
    (cat, files, dir)
}

/// The contents of the site's file at `path`.
fn file<'a>(files: &'a [SiteFile], path: &str) -> &'a str {
    &files
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("the site has no {path}"))
        .contents
}

/// Every value of `attr="..."` in `html`.
fn attributes<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let needle = format!("{attr}=\"");
    html.match_indices(&needle)
        .map(|(i, _)| {
            let rest = &html[i + needle.len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect()
}

#[test]
fn every_code_and_category_has_a_page_and_every_link_resolves() {
    let (cat, files, dir) = site();
    let paths: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    for e in &cat.entries {
        assert!(paths.contains(format!("codes/{}.html", e.code_str()).as_str()));
        let index = &files[0].contents;
        assert!(index.contains(&format!("<li data-code=\"{0}\" ", e.code_str())));
        assert!(index.contains(&format!("<a href=\"codes/{0}.html\">{0}</a>", e.code_str())));
    }
    for c in &cat.categories {
        assert!(paths.contains(format!("categories/{}.html", c.id).as_str()));
    }
    let mut links = 0;
    for f in files.iter().filter(|f| f.path.ends_with(".html")) {
        let base = dir.path().join(&f.path);
        for target in attributes(&f.contents, "href")
            .into_iter()
            .chain(attributes(&f.contents, "src"))
        {
            links += 1;
            if target.starts_with("https://") {
                assert!(
                    // As the browser reads the attribute (`'` is written `&#39;`).
                    codegen::text::is_plain_https_url(
                        &target.replace("&#39;", "'").replace("&amp;", "&")
                    ),
                    "{}: {target}",
                    f.path
                );
                continue;
            }
            let resolved = base.parent().unwrap().join(target);
            assert!(resolved.is_file(), "{}: {target} does not resolve", f.path);
        }
    }
    assert!(links > 20, "{links}");
}

#[test]
fn texts_stay_text_and_pages_are_well_formed() {
    let (_, files, _) = site();
    // Each file says it is the site's, so that a rerun replaces it and no visitor's file.
    for f in &files {
        assert!(codegen::site::is_ours(f.contents.as_bytes()), "{}", f.path);
    }
    assert!(!codegen::site::is_ours(
        b"<!DOCTYPE html>\n<p>my own page</p>"
    ));
    for f in files.iter().filter(|f| f.path.ends_with(".html")) {
        let html = &f.contents;
        // Only the index loads a script, its own.
        let scripts = html.matches("<script").count();
        assert_eq!(scripts, usize::from(f.path == "index.html"), "{}", f.path);
        assert!(!html.contains("javascript:alert(3)\""), "{}", f.path);
        assert!(!html.contains("<b>"), "{}: raw markup", f.path);
        assert!(html.contains("<meta name=\"viewport\""));
        assert!(
            html.contains(
                "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self';"
            ),
            "{}",
            f.path
        );
        assert_eq!(html.matches("<h1>").count(), 1, "{}", f.path);
        assert_eq!(html.matches("<link rel=\"stylesheet\"").count(), 1);
        // Headings in order: no h3 before an h2.
        let h2 = html.find("<h2>").unwrap_or(usize::MAX);
        assert!(html.find("<h3>").is_none_or(|h3| h3 > h2), "{}", f.path);
    }
    // Without JavaScript the search box does nothing: the index says so, and lists every code.
    let index = &files
        .iter()
        .find(|f| f.path == "index.html")
        .unwrap()
        .contents;
    assert!(
        index.contains("<noscript><p>The search needs JavaScript"),
        "{index}"
    );
    // The script parses in browsers a few years old: no look-behind in its patterns.
    let script = file(&files, "search.js");
    assert!(!script.contains("(?<!") && !script.contains("(?<="));
    // ASCII: a host serving it in another charset than the page's reads it alike.
    assert!(script.is_ascii());
    let index = &files[0].contents;
    assert!(
        index.contains("<label for=\"q\">"),
        "the search box has a label"
    );
    let hostile = file(&files, "codes/0001.html");
    assert!(hostile.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(hostile.contains("- this line would be a list item"));
}

#[test]
fn every_example_body_parses_into_the_crates_own_type() {
    let (cat, files, _) = site();
    let bodies = codegen::site::example_bodies(&cat);
    assert_eq!(bodies.len(), cat.entries.len());
    for ((code, body), e) in bodies.iter().zip(&cat.entries) {
        // The body tested is the one its page shows.
        let path = format!("codes/{code:04}.html");
        let shown = format!(
            "<pre><code>{}</code></pre>",
            codegen::text::html_escape(body)
        );
        assert!(file(&files, &path).contains(&shown), "{path}");
        let err = ApiError::from_response(400, Some("application/json"), body.as_bytes());
        assert_eq!(err.kind(), ResponseKind::Catalogued, "{body}");
        // Read as a whole `ErrorResponse`, every field in its place and none left over.
        let strict: ErrorResponse = serde_json::from_str(body).unwrap();
        assert_eq!(
            strict.error().code().and_then(|c| c.error_code()),
            err.error_code(),
            "{body}"
        );
        assert_eq!(strict.error().link(), Some(cat.doc_url(e).as_str()));
        assert!(strict.error().timestamp().is_ok() && strict.request().timestamp().is_ok());
        assert!(strict.request().url().is_some(), "{body}");
        assert!(
            strict.extra().is_empty() && strict.error().extra().is_empty(),
            "{body}"
        );
        assert_eq!(
            err.code().map(|c| c.as_str().to_string()),
            Some(format!("{code:04}")),
            "{body}"
        );
        assert_eq!(err.text(), e.description, "{body}");
        // As the server writes it: the fields of the error in the order of Aculab's examples.
        let at = |key: &str| body.find(&format!("\"{key}\": ")).unwrap_or(usize::MAX);
        assert!(
            at("code") < at("text") && at("text") < at("datetime") && at("datetime") < at("link"),
            "{body}"
        );
        assert!(
            at("link") < at("request") && at("request") < at("url"),
            "{body}"
        );
    }
}

/// A headless browser on this machine, if any.
fn browser() -> Option<PathBuf> {
    let candidates = [
        "chromium-headless-shell",
        "chromium",
        "google-chrome",
        "chrome",
    ];
    // An explicit choice is final: a path that is not a file means "no browser".
    if let Some(path) = std::env::var_os("ACULAB_BROWSER") {
        return Some(PathBuf::from(path)).filter(|p| p.is_file());
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| candidates.iter().map(move |c| dir.join(c)))
        .find(|p| p.is_file())
}

/// A proxy that accepts and counts connections: the browser sends every request for another host
/// through it, so any request at all is one the page should not have made. Stops after `for_`.
fn counting_proxy(for_: Duration) -> (u16, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let port = listener.local_addr().unwrap().port();
    let count = Arc::new(AtomicUsize::new(0));
    let seen = Arc::clone(&count);
    std::thread::spawn(move || {
        let end = Instant::now() + for_;
        while Instant::now() < end {
            match listener.accept() {
                Ok((mut stream, _)) => {
                    seen.fetch_add(1, Ordering::SeqCst);
                    let mut buf = [0; 1024];
                    let _ = stream.set_read_timeout(Some(Duration::from_millis(200)));
                    let _ = stream.read(&mut buf);
                    let _ =
                        stream.write_all(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n");
                }
                Err(_) => std::thread::sleep(Duration::from_millis(20)),
            }
        }
    });
    (port, count)
}

/// The DOM of `url` after its scripts ran, as the browser dumps it.
fn dump_dom(browser: &Path, profile: &Path, proxy: u16, url: &str) -> String {
    dump_dom_with(browser, profile, proxy, url, &[])
}

/// [`dump_dom`], with more of the browser's options (`--virtual-time-budget=MS`: timers run,
/// on a clock of the browser's own, until the page has been idle that long).
fn dump_dom_with(browser: &Path, profile: &Path, proxy: u16, url: &str, more: &[&str]) -> String {
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--allow-file-access-from-files",
            "--window-size=1280,900",
        ])
        .arg(format!("--proxy-server=http://127.0.0.1:{proxy}"))
        .arg("--proxy-bypass-list=<-loopback>")
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(more)
        .arg("--dump-dom")
        .arg(url)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Read as it is written: a DOM larger than the pipe's buffer (64 KiB) would otherwise
    // stall the browser until the deadline, and the test would read a DOM cut short.
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut dom = String::new();
        stdout.read_to_string(&mut dom).map(|_| dom)
    });
    // Bounded: a browser that hangs is killed, and the test fails on the DOM it had written.
    let deadline = Instant::now() + Duration::from_secs(60);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    reader.join().unwrap().unwrap()
}

/// The headless browser, or `None` after saying on the terminal that `test` was skipped and
/// how to get one; under CI (`CI=true`) a missing browser fails the test instead.
fn browser_or_skip(test: &str) -> Option<PathBuf> {
    let found = browser();
    if found.is_none() {
        let how =
            "install one with `apt-get install chromium-headless-shell` (or set ACULAB_BROWSER)";
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "under CI (CI=true) the browser tests must run: no headless browser found; {how}"
        );
        // Straight to the terminal: the test harness hides what a passing test prints.
        let _ = std::io::stderr()
            .write_all(format!("skipped {test}: no headless browser found; {how}\n").as_bytes());
    }
    found
}

/// Loads `page` (relative to `dir`) in a 360 px frame and runs `measure`, a script in which
/// `doc` is the page's document and whose value becomes the probe's `data-result`; returns it.
fn measure_at_360(
    browser: &Path,
    profile: &Path,
    proxy: u16,
    dir: &Path,
    page: &str,
    measure: &str,
) -> String {
    let probe = dir.join("probe.html");
    fs::write(
        &probe,
        format!(
            "<!DOCTYPE html><body><iframe id=\"f\" src=\"{page}\" style=\"width:360px;height:640px;border:0\"></iframe>\
             <script>document.getElementById('f').onload = function () {{\
             var doc = this.contentDocument;\
             document.body.setAttribute('data-result', (function () {{ {measure} }})()); }};</script></body>"
        ),
    )
    .unwrap();
    let dom = dump_dom(
        browser,
        profile,
        proxy,
        &format!("file://{}", probe.display()),
    );
    attributes(&dom, "data-result")
        .first()
        .unwrap_or_else(|| panic!("{page} was not measured: {dom}"))
        .to_string()
}

/// Runs `measure` (as [`measure_at_360`] does) on the index of the site in `dir`, asserting that
/// nothing was requested of another host meanwhile; returns its value.
fn probe_index(browser: &Path, dir: &Path, measure: &str) -> String {
    let profile = tempfile::tempdir().unwrap();
    let (proxy, requests) = counting_proxy(Duration::from_secs(120));
    let result = measure_at_360(browser, profile.path(), proxy, dir, "index.html", measure);
    assert_eq!(
        requests.load(Ordering::SeqCst),
        0,
        "requests to another host"
    );
    result
}

/// The codes the index shows (its `<li data-code>` without `hidden`).
fn shown(dom: &str) -> Vec<String> {
    dom.lines()
        .filter(|l| l.starts_with("<li data-code=") && !l.contains(" hidden"))
        .map(|l| l[15..19].to_string())
        .collect()
}

#[test]
fn in_a_real_browser_search_filters_and_nothing_leaves_the_machine() {
    let Some(browser) =
        browser_or_skip("in_a_real_browser_search_filters_and_nothing_leaves_the_machine")
    else {
        return;
    };
    let (_, _, dir) = site();
    let profile = tempfile::tempdir().unwrap();
    let (proxy, requests) = counting_proxy(Duration::from_secs(300));
    let index = dir.path().join("index.html");
    let url = |q: &str| format!("file://{}?q={q}", index.display());

    let all = dump_dom(&browser, profile.path(), proxy, &url(""));
    assert_eq!(shown(&all), ["0001", "0002", "0003", "2001"], "{all}");
    assert!(all.contains("4 of 4 codes"), "the script ran: {all}");
    for (q, expect) in [
        ("0002", &["0002"][..]),
        ("hostile_text", &["0001"]),
        ("hostile%20text", &["0001"]),
        ("RETIRED%20EVENT", &["2001"]),
        ("Setext%20underline", &["0002"]),
        ("no-such-thing", &[]),
    ] {
        let dom = dump_dom(&browser, profile.path(), proxy, &url(q));
        assert_eq!(shown(&dom), expect, "?q={q}");
    }
    // The pages' policy stops a request to another host, were one ever to be in a page.
    let page = dir.path().join("codes/0002.html");
    let html = fs::read_to_string(&page).unwrap().replace(
        "</main>",
        "<img src=\"https://example.com/x.png\"><link rel=\"stylesheet\" href=\"https://example.com/x.css\"></main>",
    );
    fs::write(&page, html).unwrap();
    dump_dom(
        &browser,
        profile.path(),
        proxy,
        &format!("file://{}", page.display()),
    );
    // No page is wider than a 360 px phone screen: each is measured in a 360 px frame.
    for page in [
        "index.html",
        "codes/0001.html",
        "codes/0002.html",
        "categories/request_validation.html",
    ] {
        let width: u32 = measure_at_360(
            &browser,
            profile.path(),
            proxy,
            dir.path(),
            page,
            "return doc.documentElement.scrollWidth;",
        )
        .parse()
        .unwrap();
        assert!(width <= 360, "{page} is {width} px wide at 360 px");
    }
    assert_eq!(
        requests.load(Ordering::SeqCst),
        0,
        "the pages made requests to another host"
    );
}

/// The start of a catalogue of one category, holding every code: its entries follow.
const EVERYTHING: &str = r#"links: "https://example.com/errors?error={code}"
categories:
  - id: everything
    title: Everything
    range: "0000-9999"
    description: Every code.
errors:
"#;

/// A catalogue of names that share words, descriptions of more than one sentence, and a
/// category title longer than a phone is wide (it widens the index's category menu).
const SHARED_WORDS: &str = r#"links: "https://example.com/errors?error={code}"
categories:
  - id: everything
    title: Everything the Aculab Cloud web services document, in one category with a long title
    range: "0000-9999"
    description: Every code.
errors:
  - code: "0006"
    name: call_dropped
    category: everything
    retry: false
    description: The call was dropped.
  - code: "0405"
    name: invalid_token
    http: 404
    category: everything
    retry: false
    description: The token is invalid. It lapsed after four hours, or was never issued by the service at all.
    remedy: Ask the account holder for a fresh one.
  - code: "0503"
    name: conference_paused
    http: 409
    category: everything
    retry: false
    description: The conference is paused until its host resumes it.
  - code: "0604"
    name: invalid_reservation_token
    http: 400
    category: everything
    retry: false
    description: The reservation token is not valid; a new one must be generated.
  - code: "0616"
    name: conference_name_and_token
    http: 400
    category: everything
    retry: false
    description: Give a conference name or a token, not both.
  - code: "1003"
    name: web_service_rate_limited
    http: 503
    category: everything
    retry: false
    description: Too many requests. Slow down the rate of requests_with_a_very_long_identifier_that_cannot_wrap_anywhere_at_all_ever.
  - code: "2024"
    name: recording_unavailable
    category: everything
    retry: false
    description: The recording is not available yet.
"#;

/// The text of each `<li data-code>` line of `dom` that is shown, by code: tags removed,
/// entities of `&`, `<`, `>` decoded.
fn shown_texts(dom: &str) -> Vec<(String, String)> {
    dom.lines()
        .filter(|l| l.starts_with("<li data-code=") && !l.contains(" hidden"))
        .map(|l| {
            let mut text = String::new();
            let mut in_tag = false;
            for c in l.chars() {
                match c {
                    '<' => in_tag = true,
                    '>' => in_tag = false,
                    c if !in_tag => text.push(c),
                    _ => {}
                }
            }
            let text = text
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
            (l[15..19].to_string(), text)
        })
        .collect()
}

/// Asserts that `index` at `?q=QUERY` shows the codes `expect`, and that each entry shown says,
/// in its own visible text, every word of the query (before any `&`; `%20`, `+` and `_` are
/// spaces).
fn shows_holding_the_words(
    browser: &Path,
    profile: &Path,
    proxy: u16,
    index: &Path,
    query: &str,
    expect: &[&str],
) {
    let dom = dump_dom(
        browser,
        profile,
        proxy,
        &format!("file://{}?q={query}", index.display()),
    );
    let shown = shown_texts(&dom);
    let codes: Vec<&str> = shown.iter().map(|(c, _)| c.as_str()).collect();
    assert_eq!(codes, expect, "?q={query}");
    let words = query.split('&').next().unwrap_or_default();
    let words = words
        .replace("%20", " ")
        .replace(['+', '_'], " ")
        .to_lowercase();
    for (code, text) in &shown {
        let text = text.to_lowercase().replace('_', " ");
        for word in words.split_whitespace() {
            assert!(
                text.contains(word),
                "?q={query}: {code} is shown, but its entry does not say {word:?}: {text:?}"
            );
        }
    }
}

/// A search for a name, with `_` or spaces in any case, finds that code and not every code
/// sharing one of its words; a search for words finds what holds them all; and each entry
/// shown says, in its own visible text, the words that matched. At 360 px nothing on a page
/// is wider than the screen, its code blocks included.
#[test]
fn in_a_real_browser_names_match_whole_and_each_entry_shown_holds_the_words() {
    let Some(browser) =
        browser_or_skip("in_a_real_browser_names_match_whole_and_each_entry_shown_holds_the_words")
    else {
        return;
    };
    let (_, _, dir) = site_of(SHARED_WORDS);
    let profile = tempfile::tempdir().unwrap();
    let (proxy, requests) = counting_proxy(Duration::from_secs(300));
    let index = dir.path().join("index.html");
    for (q, expect) in [
        ("invalid_token", &["0405"][..]),
        ("INVALID%20TOKEN", &["0405"]),
        ("Invalid+Token", &["0405"]),
        ("Web_Service_Rate_Limited", &["1003"]),
        // Any case is any case, not a name cased as in Rust: no word is split at a capital
        // that a name written so would not have.
        ("iNvAlId_ToKeN", &["0405"]),
        ("InVaLiD%20tOkEn", &["0405"]),
        ("wEB_sERVICE_rATE_lIMITED", &["1003"]),
        ("lApSeD", &["0405"]),
        ("ToKeN", &["0405", "0604", "0616"]),
        ("lapsed", &["0405"]),
        // A word of a remedy, which the entry shows.
        ("fresh", &["0405"]),
        ("account%20holder", &["0405"]),
        ("never%20issued", &["0405"]),
        // Words that are not side by side anywhere: each must be there.
        ("token%20lapsed", &["0405"]),
        ("token", &["0405", "0604", "0616"]),
        ("0604", &["0604"]),
        ("slow%20rate", &["1003"]),
        // Words match from their start: "rate" is not in "generated".
        ("rate", &["1003"]),
        ("Rat", &["1003"]),
        // An HTTP status, shown in the entry: written as such, or a number alone that is no
        // code's (503 is the code 0503).
        ("HTTP%20503", &["1003"]),
        ("http%20404", &["0405"]),
        ("409", &["0503"]),
        ("400", &["0604", "0616"]),
        ("503", &["0503"]),
    ] {
        shows_holding_the_words(&browser, profile.path(), proxy, &index, q, expect);
    }
    // At 360 px, no element of a page reaches past the screen's edge, nor scrolls sideways.
    for page in ["index.html", "codes/1003.html", "codes/0405.html"] {
        let wide = measure_at_360(
            &browser,
            profile.path(),
            proxy,
            dir.path(),
            page,
            "var wide = [];\
             doc.querySelectorAll('body *').forEach(function (el) {\
             if (el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1) { wide.push(el.tagName); } });\
             return wide.join(' ') || 'none';",
        );
        assert_eq!(wide, "none", "{page}: elements wider than 360 px");
    }
    assert_eq!(
        requests.load(Ordering::SeqCst),
        0,
        "requests to another host"
    );
}

/// The search forgives how a query is written: a code without its leading zeros, punctuation
/// typed or pasted around the words, a former name; it says so when nothing matches, shows
/// markup typed into it as text, and takes its filters from the address as well as the query.
#[test]
fn in_a_real_browser_the_search_forgives_how_a_query_is_written() {
    let Some(browser) =
        browser_or_skip("in_a_real_browser_the_search_forgives_how_a_query_is_written")
    else {
        return;
    };
    let (_, _, dir) = site();
    let (cat, _, shared) = site_of(SHARED_WORDS);
    let profile = tempfile::tempdir().unwrap();
    let (proxy, requests) = counting_proxy(Duration::from_secs(300));
    // The DOM of the index of the site in `dir` at `?query`.
    let load = |dir: &Path, query: &str| {
        let url = format!("file://{}?{query}", dir.join("index.html").display());
        dump_dom(&browser, profile.path(), proxy, &url)
    };
    let none_shown = |dom: &str| {
        dom.lines()
            .any(|l| l.starts_with("<p id=\"none\"") && !l.contains(" hidden"))
    };
    for (query, expect) in [
        ("q=405", &["0405"][..]),
        ("q=405%20", &["0405"]),
        ("q=%20604", &["0604"]),
        ("q=invalid-token", &["0405"]),
        ("q=%22invalid%20token%22", &["0405"]),
        ("q=token.", &["0405", "0604", "0616"]),
        ("q=token%2C%20lapsed!", &["0405"]),
        ("q=TOKEN%3A", &["0405", "0604", "0616"]),
        // A code as a log line or a ticket gives it, words around it; several codes at once.
        ("q=error%200405", &["0405"]),
        ("q=Error%200604%3A%20Invalid%20reservation", &["0604"]),
        ("q=%7B%22code%22%3A%20%220616%22%7D", &["0616"]),
        ("q=HTTP%20404%200405", &["0405"]),
        ("q=0405%2C%201003", &["0405", "1003"]),
        ("q=0405%200405%209999", &["0405"]),
        ("q=0405%2F0604", &["0405", "0604"]),
        // The digits of a date or a time are not a code, even where they read as one (2024).
        (
            "q=2024-05-01_12%3A00%3A00%20ERROR%200616%20failed",
            &["0616"],
        ),
        (
            "q=%5B2024-05-01%2012%3A00%3A00.2024%5D%20error%201003",
            &["1003"],
        ),
        // A status line or a body naming only an HTTP status; a name cased as in Rust.
        ("q=HTTP%2F1.1%20503%20Service%20Unavailable", &["1003"]),
        ("q=%7B%22code%22%3A%20%22HTTP%20409%22%7D", &["0503"]),
        ("q=InvalidToken", &["0405"]),
        ("q=ErrorCode%3A%3AInvalidToken", &["0405"]),
        (
            "q=aculab_errors%3A%3AErrorCode%3A%3AInvalidToken%20%3D%3E",
            &["0405"],
        ),
        ("q=conferencePaused", &["0503"]),
        // The year of a date written with a month or a weekday, or before a time, is no code
        // (2024 is one here).
        ("q=Jan%2002%202024%2010%3A00%3A00%20host%20app%3A%200405", &["0405"]),
        ("q=Wed%20May%20%201%2012%3A00%3A00%20UTC%202024%20error%200604", &["0604"]),
        (
            "q=HTTP%2F1.1%20400%20Bad%20Request%0D%0ADate%3A%20Wed%2C%2001%20May%202024%2012%3A00%3A00%20GMT%0D%0A\
             Content-Type%3A%20application%2Fjson%0D%0A%0D%0A%7B%22error%22%3A%7B%22code%22%3A%220616%22%7D%7D",
            &["0616"],
        ),
        // A status without "HTTP": before its reason phrase (or the "Server Error" of Python's
        // requests), after "status code", or in a longer line where it is no code's number.
        ("q=503%20Service%20Unavailable", &["1003"]),
        (
            "q=503%20Server%20Error%3A%20Service%20Unavailable%20for%20url%3A%20https%3A%2F%2Fapi.example.com%2Fv1",
            &["1003"],
        ),
        ("q=404%20Not%20Found", &["0405"]),
        // A reason phrase alone, or in a line no entry holds every word of, is its status,
        // where some code is sent with it ("Service Unavailable" from a browser's error page).
        ("q=Service%20Unavailable", &["1003"]),
        ("q=not%20found", &["0405"]),
        ("q=Error%3A%20Conflict", &["0503"]),
        // A status with words: the codes sent with it that hold the words, as their entries
        // show the status; all sent with it where none holds them (a log's words around it).
        ("q=invalid%20token%20404", &["0405"]),
        ("q=conference%20(400)", &["0616"]),
        ("q=HTTP%20400%20conference", &["0616"]),
        ("q=HTTP%2F1.1%20400%20Bad%20Request%20conference", &["0616"]),
        ("q=HTTP%20400%20zzz", &["0604", "0616"]),
        // Words naming the status are no words an entry must hold.
        ("q=Error%3A%20400", &["0604", "0616"]),
        ("q=status%20code%20503", &["1003"]),
        ("q=request%20failed%20400", &["0604", "0616"]),
        // A code's number after "error" or "code", without its leading zeros.
        ("q=error%20405", &["0405"]),
        ("q=code%20405", &["0405"]),
        ("q=Error%20code%3A%20604", &["0604"]),
        ("q=%7B%22code%22%3A%20616%7D", &["0616"]),
        // Digits with a leading zero, fewer than four, are the start of a code, as typed.
        ("q=06", &["0604", "0616"]),
        ("q=0", &["0006", "0405", "0503", "0604", "0616"]),
        ("q=00", &["0006"]),
        ("q=040", &["0405"]),
        ("q=6", &["0006"]),
        ("q=0006", &["0006"]),
        // A start no code has is the number after all.
        ("q=006", &["0006"]),
        // After "HTTP" or "status", or before its reason phrase, a number after "error" or
        // "code" is a status (0503 is a code here, sent with 409).
        ("q=HTTP%20Error%20503%3A%20Service%20Unavailable", &["1003"]),
        (
            "q=Server%20returned%20HTTP%20response%20code%3A%20503%20for%20URL%3A%20https%3A%2F%2Fx",
            &["1003"],
        ),
        ("q=%7B%22status%22%3A%20503%2C%20%22code%22%3A%20503%7D", &["1003"]),
        // A month needs its day to make a year of the number after it; a weekday never does.
        ("q=We%20see%200405%20and%202024%20may%20also%20occur", &["0405", "2024"]),
        ("q=Tue%202024", &["2024"]),
    ] {
        let dom = load(shared.path(), query);
        assert_eq!(shown(&dom), expect, "?{query}");
        assert!(!none_shown(&dom), "?{query}: says nothing matched");
    }
    // A whole log pasted in: thousands of words, one of them a code.
    let log = format!("q={}0616", "request%20failed%20".repeat(2500));
    assert_eq!(shown(&load(shared.path(), &log)), ["0616"]);
    // Former names are names too; each shown entry says the name that matched.
    let dom = load(dir.path(), "q=older_hostile_text");
    let texts = shown_texts(&dom);
    assert_eq!(texts.len(), 1, "{texts:?}");
    assert!(texts[0].1.contains("older_hostile_text"), "{texts:?}");
    // The example body of a code's page, pasted in, finds that code alone (its date is no code).
    for (code, body) in codegen::site::example_bodies(&cat) {
        let query: String = body.bytes().map(|b| format!("%{b:02X}")).collect();
        assert_eq!(
            shown(&load(shared.path(), &format!("q={query}"))),
            [format!("{code:04}")]
        );
    }
    // Nothing matches: the page says so, rather than showing an empty list; so does a query of
    // punctuation or symbols alone, or a status no code is sent with.
    for query in [
        "q=zzzz",
        "q=%E2%82%AC",
        "q=!!!",
        "q=HTTP%20418",
        // A pasted date names no code, not even its year, and no entry holds its words.
        "q=Date%3A%20Wed%2C%2001%20May%202024%2012%3A00%3A00%20GMT",
        // A quantity is no status: no entry is sent with "400 ms".
        "q=took%20400%20ms%20to%20respond",
        // No code here is sent with 403 Forbidden.
        "q=Forbidden",
    ] {
        let dom = load(shared.path(), query);
        assert_eq!(shown(&dom), Vec::<String>::new(), "?{query}");
        assert!(
            none_shown(&dom),
            "?{query}: no message that nothing matched: {dom}"
        );
    }
    // Markup typed into the search is text: in the box, not in the page.
    let dom = load(shared.path(), "q=%3Cb%3Ex%3C%2Fb%3E");
    assert!(!dom.contains("<b>x</b>"), "{dom}");
    // A number alone that is a code's shows that code alone, whatever its leading zeros, not
    // each code and text with a word starting with it (2001, "2)", "[2]").
    for query in ["q=2", "q=0002", "q=00002", "q=%202%20"] {
        assert_eq!(shown(&load(dir.path(), query)), ["0002"], "?{query}");
    }
    // The filters are preset from the address too, and combine with the query.
    let dom = load(dir.path(), "category=call_events");
    assert_eq!(shown(&dom), ["2001"]);
    let dom = load(dir.path(), "retryable=1");
    assert_eq!(shown(&dom), ["0001"]);
    let dom = load(
        dir.path(),
        "q=hostile&category=request_validation&retryable=1",
    );
    assert_eq!(shown(&dom), ["0001"]);
    let dom = load(dir.path(), "q=retired&retryable=1");
    assert_eq!(shown(&dom), Vec::<String>::new());
    assert!(none_shown(&dom));
    assert_eq!(
        requests.load(Ordering::SeqCst),
        0,
        "requests to another host"
    );
}

/// The search filters at each input, typed, pasted or deleted, not only from the address; the
/// filters' changes combine with the query and with each other; the address follows; Enter
/// goes to the first code shown.
#[test]
fn in_a_real_browser_the_search_filters_as_you_type() {
    let Some(browser) = browser_or_skip("in_a_real_browser_the_search_filters_as_you_type") else {
        return;
    };
    let (_, _, dir) = site();
    let steps = probe_index(
        &browser,
        dir.path(),
        r#"var q = doc.getElementById('q'), category = doc.getElementById('category');
           var retryable = doc.getElementById('retryable'), out = [];
           function step() {
             var shown = Array.prototype.filter.call(doc.querySelectorAll('#codes > li'),
               function (li) { return !li.hidden; }).map(function (li) { return li.getAttribute('data-code'); });
             var none = doc.getElementById('none').hidden ? '' : ' none';
             out.push((shown.join(',') || '-') + none + ' ' + decodeURIComponent(doc.defaultView.location.search));
           }
           function input(text, kind) {
             q.value = text;
             q.dispatchEvent(new InputEvent('input', {bubbles: true, inputType: kind, data: text}));
             step();
           }
           function change(control) { control.dispatchEvent(new Event('change', {bubbles: true})); step(); }
           input('hostile', 'insertText');
           input('', 'deleteContentBackward');
           input('Error 0003: error', 'insertFromPaste');
           input('e', 'insertText');
           category.value = 'call_events'; change(category);
           retryable.checked = true; change(retryable);
           category.value = ''; change(category);
           doc.getElementById('search').requestSubmit();
           out.push(doc.activeElement.getAttribute('href'));
           return out.join(' ; ');"#,
    );
    // The probe's attribute, as the browser dumps it.
    let steps = steps.replace("&amp;", "&");
    let steps: Vec<&str> = steps.split(" ; ").collect();
    assert_eq!(
        steps,
        [
            "0001 ?q=hostile",
            "0001,0002,0003,2001 ",
            "0003 ?q=Error+0003:+error",
            "0001,0003,2001 ?q=e",
            "2001 ?q=e&category=call_events",
            "- none ?q=e&category=call_events&retryable=1",
            "0001 ?q=e&retryable=1",
            "codes/0001.html",
        ]
    );
}

/// Holding Backspace down over a long query changes it hundreds of times: the address ends
/// with the query as it is last, not as it was when Chrome stopped taking address changes (it
/// ignores those past 200 in 10 s, and the address kept `?q=` of the 200th).
#[test]
fn in_a_real_browser_the_address_ends_with_the_last_query_however_fast_it_changes() {
    let Some(browser) = browser_or_skip(
        "in_a_real_browser_the_address_ends_with_the_last_query_however_fast_it_changes",
    ) else {
        return;
    };
    let (_, _, dir) = site();
    let probe = dir.path().join("probe.html");
    fs::write(
        &probe,
        "<!DOCTYPE html><body><iframe id=\"f\" src=\"index.html\"></iframe><script>\
         document.getElementById('f').onload = function () {\
           var win = this.contentWindow, q = win.document.getElementById('q');\
           function type(text) { q.value = text; q.dispatchEvent(new InputEvent('input', {bubbles: true})); }\
           for (var i = 300; i > 0; i--) { type('hostile '.repeat(i % 5) + i); }\
           type('retired event');\
           var first = win.location.search;\
           setTimeout(function () {\
             document.body.setAttribute('data-result', first + ' ; ' + win.location.search);\
           }, 3000);\
         };</script></body>",
    )
    .unwrap();
    let profile = tempfile::tempdir().unwrap();
    let (proxy, requests) = counting_proxy(Duration::from_secs(120));
    let dom = dump_dom_with(
        &browser,
        profile.path(),
        proxy,
        &format!("file://{}", probe.display()),
        &["--virtual-time-budget=10000"],
    );
    assert_eq!(
        requests.load(Ordering::SeqCst),
        0,
        "requests to another host"
    );
    let result = attributes(&dom, "data-result");
    let (at_once, later) = result
        .first()
        .and_then(|r| r.split_once(" ; "))
        .unwrap_or_else(|| panic!("not measured: {dom}"));
    // At once, the address may lag (50 changes went straight in); once the page is idle, it is
    // the last query.
    assert_ne!(
        at_once, "?q=retired+event",
        "the budget let every change in at once"
    );
    assert_eq!(later, "?q=retired+event");
}

/// Each entry of the index and of a category's page says, beside the name, the HTTP status,
/// whether and when a retry can help, and whether the code is retired: what the filters filter
/// on is in sight.
#[test]
fn each_entry_of_a_list_says_its_status_retry_advice_and_retirement() {
    let (_, files, _) = site();
    let file = |path: &str| file(&files, path);
    let entry = |path: &str, code: &str| {
        let html = file(path);
        let start = html.find(&format!("<li data-code=\"{code}\"")).unwrap();
        html[start..start + html[start..].find("</li>").unwrap()].to_string()
    };
    for (path, code, facts) in [
        ("index.html", "0001", "(HTTP 400; retryable after 60 s)"),
        ("index.html", "2001", "(retired)"),
        (
            "categories/request_validation.html",
            "0001",
            "(HTTP 400; retryable after 60 s)",
        ),
        ("categories/call_events.html", "2001", "(retired)"),
    ] {
        let entry = entry(path, code);
        assert!(
            entry.contains(&format!("<span class=\"muted\">{facts}</span>")),
            "{path}: {entry}"
        );
    }
    assert!(!entry("index.html", "0002").contains("<span class=\"muted\">"));
}

/// A code's page says everything about its retry advice, its aliases and whether it is
/// retired, each as a fact of its own, even where the answer is "none" or "no"; and no page
/// asks its host for a favicon it does not have.
#[test]
fn a_code_page_states_every_fact_even_when_it_is_none() {
    let (_, files, _) = site();
    let page = |code: &str| file(&files, &format!("codes/{code}.html"));
    // 0001: retryable after 60 s, any request; four aliases; not retired.
    let hostile = page("0001");
    for fact in [
        "<dt>Retry</dt><dd>Yes</dd>",
        "<dt>Wait before retrying</dt><dd>60 s</dd>",
        "<dt>Requests to retry</dt><dd>Any",
        "<dt>Aliases</dt><dd><code>old_hostile_text</code>, <code>older_hostile_text</code>",
        "<dt>Retired</dt><dd>No</dd>",
    ] {
        assert!(hostile.contains(fact), "0001 lacks {fact:?}");
    }
    // 2001: not retryable, no aliases, retired.
    let retired = page("2001");
    for fact in [
        "<dt>Retry</dt><dd>No; the same request fails again.</dd>",
        "<dt>Aliases</dt><dd>None</dd>",
        "<dt>Retired</dt><dd>Yes: Aculab stopped sending this &lt;in 2025&gt;",
    ] {
        assert!(retired.contains(fact), "2001 lacks {fact:?}");
    }
    assert!(!retired.contains("Wait before retrying"));
    for f in files.iter().filter(|f| f.path.ends_with(".html")) {
        assert!(
            f.contents.contains("icon.svg\" type=\"image/svg+xml\">"),
            "{}: the browser asks the host for /favicon.ico",
            f.path
        );
    }
}

/// What an entry shows beside its name, its retry advice and whether it is retired, is
/// searched like its text: a word in sight is a word found ("retryable" found nothing, and the
/// page said no code matched, beside 14 entries saying "retryable").
#[test]
fn in_a_real_browser_the_retry_advice_and_retirement_an_entry_shows_are_searched() {
    let Some(browser) = browser_or_skip(
        "in_a_real_browser_the_retry_advice_and_retirement_an_entry_shows_are_searched",
    ) else {
        return;
    };
    let (_, _, dir) = site_of(&format!(
        "{EVERYTHING}{}",
        r#"  - code: "0001"
    name: too_many
    http: 429
    category: everything
    retry: true
    retry_after: 30
    description: Too many at once.
  - code: "0002"
    name: broke
    http: 500
    category: everything
    retry: true
    idempotent_only: true
    description: Something broke.
  - code: "0003"
    name: old_thing
    category: everything
    retry: false
    description: A thing.
    retired: Gone since 2020.
  - code: "0004"
    name: plain
    category: everything
    retry: false
    description: Plain.
"#
    ));
    let profile = tempfile::tempdir().unwrap();
    let (proxy, requests) = counting_proxy(Duration::from_secs(120));
    let index = dir.path().join("index.html");
    for (q, expect) in [
        ("retryable", &["0001", "0002"][..]),
        ("Retryable%20after%2030%20s", &["0001"]),
        ("idempotent", &["0002"]),
        ("idempotent%20requests%20only", &["0002"]),
        ("retired", &["0003"]),
        ("retired&retryable=1", &[]),
    ] {
        shows_holding_the_words(&browser, profile.path(), proxy, &index, q, expect);
    }
    assert_eq!(requests.load(Ordering::SeqCst), 0);
}

/// A long paste filters at once: the search reads each number's surroundings, not the whole
/// text before and after it, so a pasted log, a blob or a long unbroken word costs time in
/// proportion to its length (100,000 characters of numbers took 5 s, one word of 100,000
/// letters 7 s, the page frozen meanwhile), and still finds the code in it.
#[test]
fn in_a_real_browser_a_long_paste_filters_at_once() {
    let Some(browser) = browser_or_skip("in_a_real_browser_a_long_paste_filters_at_once") else {
        return;
    };
    let (_, _, dir) = site_of(SHARED_WORDS);
    let result = probe_index(
        &browser,
        dir.path(),
        r#"var q = doc.getElementById('q'), out = [];
           [['x', 100000, ''], ['deadbeef', 12500, ' 0405'], ['1234 ', 20000, 'error 0405'],
            ['503 ', 25000, '0405'], ['01 May 2024 ', 8000, 'error 0405'],
            ['HTTP/1.1 200 ', 8000, ' 0405'], ['a::', 30000, 'InvalidToken']
           ].forEach(function (c) {
             var text = c[0].repeat(c[1]) + c[2], start = performance.now();
             q.value = text;
             q.dispatchEvent(new InputEvent('input', {bubbles: true, inputType: 'insertFromPaste'}));
             var ms = performance.now() - start;
             var shown = Array.prototype.filter.call(doc.querySelectorAll('#codes > li'),
               function (li) { return !li.hidden; }).map(function (li) { return li.getAttribute('data-code'); });
             out.push(c[0].trim() + ' ' + (ms < 1000 ? 'at once' : Math.round(ms) + ' ms') + ' ' + (shown.join(',') || '-'));
           });
           return out.join(' ; ');"#,
    );
    assert_eq!(
        result.split(" ; ").collect::<Vec<_>>(),
        [
            "x at once -",
            "deadbeef at once 0405",
            "1234 at once 0405",
            "503 at once 0405",
            "01 May 2024 at once 0405",
            "HTTP/1.1 200 at once 0405",
            "a:: at once 0405",
        ]
    );
}

/// On a phone, the search's controls are in the page's own text size: a phone's browser zooms
/// into a box whose text is smaller than 16 px when it is tapped (iOS Safari), and the page
/// then scrolls sideways. The controls had the browser's 13.33 px.
#[test]
fn in_a_real_browser_the_search_controls_are_in_the_pages_text_size() {
    let Some(browser) =
        browser_or_skip("in_a_real_browser_the_search_controls_are_in_the_pages_text_size")
    else {
        return;
    };
    let (_, _, dir) = site();
    let sizes = probe_index(
        &browser,
        dir.path(),
        "return ['q', 'category'].map(function (id) {\
           return id + ' ' + doc.defaultView.getComputedStyle(doc.getElementById(id)).fontSize;\
         }).join(', ');",
    );
    assert_eq!(sizes, "q 16px, category 16px");
}

/// A query finds text however its characters are composed, as the page shows them alike: an
/// accent composed or not (the catalogue's "re\u{301}sume\u{301}", typed "résumé"), a ligature
/// or full-width letters and digits (typed by an input method: "０４０５"); and line breaks in
/// `?q=` are spaces, as a paste makes them (the search box dropped them: `?q=invalid%0Atoken`
/// was "invalidtoken", and found nothing). A word cased inside, as a product or a type is
/// written ("JavaScript", "FromStr"), is found as it reads, one word in any case, and by its
/// parts: `?q=javascript` found nothing (the text was searched with such words split only,
/// "java script"), nor did `uascsharpwritingapplications`, a word of the live catalogue's 2008.
#[test]
fn in_a_real_browser_a_query_reads_text_as_it_shows() {
    let Some(browser) = browser_or_skip("in_a_real_browser_a_query_reads_text_as_it_shows") else {
        return;
    };
    let (_, _, dir) = site_of(&format!(
        "{EVERYTHING}{}",
        r#"  - code: "0405"
    name: invalid_token
    http: 404
    category: everything
    retry: false
    description: "The token of a Cafe\u0301 re\u0301sume\u0301, written decomposed."
  - code: "0406"
    name: other_token
    category: everything
    retry: false
    description: "A precomposed Caf\u00e9 and a \uFB01le in \uFF26\uFF35\uFF2C\uFF2C width."
  - code: "0407"
    name: cased_inside
    category: everything
    retry: false
    description: Only JavaScript clients see this; see the PowerShell notes.
  - code: "0408"
    name: also_cased_inside
    category: everything
    retry: false
    description: Written in Java, as FromStr reads it.
"#
    ));
    let profile = tempfile::tempdir().unwrap();
    let (proxy, requests) = counting_proxy(Duration::from_secs(120));
    let index = dir.path().join("index.html");
    for (q, expect) in [
        ("r%C3%A9sum%C3%A9", &["0405"][..]),
        ("re%CC%81sume%CC%81", &["0405"]),
        ("caf%C3%A9", &["0405", "0406"]),
        ("file", &["0406"]),
        ("full%20width", &["0406"]),
        ("%EF%BC%90%EF%BC%94%EF%BC%90%EF%BC%95", &["0405"]),
        ("%EF%BC%94%EF%BC%90%EF%BC%96", &["0406"]),
        // A word does not start inside another at an accent ("sume" in "résumé").
        ("sume", &[]),
        ("invalid%0Atoken", &["0405"]),
        ("invalid%0D%0Atoken", &["0405"]),
        ("0405%0A0406", &["0405", "0406"]),
        ("javascript", &["0407"]),
        ("JAVASCRIPT", &["0407"]),
        ("JavaScript", &["0407"]),
        ("powershell%20notes", &["0407"]),
        ("fromstr", &["0408"]),
        ("FROMSTR+reads", &["0408"]),
        // Its parts still find it, each from the start of a word only.
        ("java", &["0407", "0408"]),
        ("script", &["0407"]),
        ("from%20str", &["0408"]),
        ("avascript", &[]),
    ] {
        let url = format!("file://{}?q={q}", index.display());
        let dom = dump_dom(&browser, profile.path(), proxy, &url);
        assert_eq!(shown(&dom), expect, "?q={q}");
    }
    assert_eq!(requests.load(Ordering::SeqCst), 0);
}

/// In a real browser, every text of the catalogue with every trap in it reads on its code's
/// page exactly as `errors.yaml` holds it (the description, the remedy, the retirement note),
/// and nothing in it became an element of its own: only the page's own tags, and links to the
/// site's pages or to plain https URLs.
#[test]
fn in_a_real_browser_each_text_reads_as_the_catalogue_holds_it() {
    let Some(browser) =
        browser_or_skip("in_a_real_browser_each_text_reads_as_the_catalogue_holds_it")
    else {
        return;
    };
    let (cat, _, dir) = site();
    let profile = tempfile::tempdir().unwrap();
    let (proxy, requests) = counting_proxy(Duration::from_secs(120));
    for e in &cat.entries {
        let want = [
            e.description.clone(),
            e.remedy.clone().unwrap_or("none documented".into()),
            e.retired
                .as_ref()
                .map_or("No".into(), |note| format!("Yes: {note}")),
        ];
        // As a script literal: `</` cannot end the probe's script.
        let want = serde_json::to_string(&want).unwrap().replace("</", "<\\/");
        let result = measure_at_360(
            &browser,
            profile.path(),
            proxy,
            dir.path(),
            &format!("codes/{}.html", e.code_str()),
            &format!(
                "var fact = function (term) {{\
                   var dt = Array.prototype.find.call(doc.querySelectorAll('dt'),\
                     function (d) {{ return d.textContent === term; }});\
                   return dt ? dt.nextElementSibling.textContent : null; }};\
                 var got = [doc.querySelector('main > p').textContent, fact('Remedy'), fact('Retired')];\
                 var want = {want};\
                 var odd = Array.prototype.filter.call(doc.querySelectorAll('main *'), function (el) {{\
                   return ['H1', 'H2', 'P', 'CODE', 'PRE', 'DL', 'DT', 'DD', 'A'].indexOf(el.tagName) === -1 ||\
                     el.tagName === 'A' && !/^(https:\\/\\/|\\.\\.\\/categories\\/)/.test(el.getAttribute('href'));\
                 }}).map(function (el) {{ return el.outerHTML; }});\
                 return got.every(function (g, i) {{ return g === want[i]; }}) && odd.length === 0 ?\
                   'as held' : encodeURIComponent(JSON.stringify([got, odd]));"
            ),
        );
        assert!(
            result == "as held",
            "{}: [[description, remedy, retirement], [odd elements]] read {}",
            e.code_str(),
            percent_decoded(&result)
        );
    }
    assert_eq!(requests.load(Ordering::SeqCst), 0);
}

/// `s` with each `%XX` as the byte it stands for (a probe's answer, sent URI-encoded so that no
/// character of it is escaped in the dumped DOM).
fn percent_decoded(s: &str) -> String {
    let mut bytes = Vec::new();
    let mut rest = s.as_bytes();
    while let Some((&b, tail)) = rest.split_first() {
        let hex = tail.get(..2).and_then(|h| std::str::from_utf8(h).ok());
        match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
            Some(byte) if b == b'%' => {
                bytes.push(byte);
                rest = &tail[2..];
            }
            _ => {
                bytes.push(b);
                rest = tail;
            }
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}
