//! The generated catalogue checked against the provenance record (`upstream.tsv` at the
//! workspace root: what Aculab's official list said per code, written by `cargo xtask sync
//! --write`), and the API contract.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use aculab_errors::{codes, Category, ErrorCode, ParseCodeError};

/// The record's rows: code, HTTP status, whether a remedy is given.
fn record_facts(text: &str) -> Vec<(u16, Option<u16>, bool)> {
    text.lines()
        .filter(|l| l.as_bytes().first().is_some_and(u8::is_ascii_digit))
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 5, "upstream.tsv row {l:?}");
            let http = (f[1] != "-").then(|| f[1].parse().expect(l));
            (f[0].parse().expect(l), http, f[2] == "yes")
        })
        .collect()
}

/// Every code the official list gives is catalogued, with the status and remedy it gives
/// there. Codes added since the last check (not yet in the record) are free; the record grows
/// when `cargo xtask sync --write` next reads the list.
#[test]
fn every_official_code_is_catalogued_with_its_status_and_remedy() {
    let Some(root) = workspace() else {
        eprintln!("skipped: not inside the workspace, so upstream.tsv is not at hand");
        return;
    };
    let text = std::fs::read_to_string(root.join("upstream.tsv")).expect("upstream.tsv");
    let facts = record_facts(&text);
    assert!(!facts.is_empty(), "upstream.tsv lists no code");
    for (number, http, has_remedy) in facts {
        let code = ErrorCode::from_u16(number)
            .unwrap_or_else(|| panic!("{number:04} is on the official list but not catalogued"));
        // left: the catalogue's (errors.yaml, as generated); right: the record's.
        let fix = "errors.yaml (left) disagrees with upstream.tsv, what Aculab's page said when \
                   last synced (right): follow the page, correct errors.yaml and run `cargo xtask \
                   gen` (first `cargo xtask sync --write PAGE` if the record is older than the page)";
        assert_eq!(code.http_status(), http, "{code}: HTTP status: {fix}");
        assert_eq!(
            code.remedy().is_some(),
            has_remedy,
            "{code}: whether a remedy is given: {fix}"
        );
    }
}

#[test]
fn the_record_reader_reads_what_sync_writes() {
    let facts = record_facts(
        "# comment\nchecked\t2026-12-02\ncode\thttp\tremedy\tdescription_fingerprint\tremedy_fingerprint\n0405\t404\tyes\t0123456789abcdef\tfedcba9876543210\n2002\t-\tno\t0123456789abcdef\t-\n",
    );
    assert_eq!(facts, [(405, Some(404), true), (2002, None, false)]);
}

#[test]
fn a_hand_picked_code_reads_through_every_accessor() {
    // What the per-code test above does not pin: the wire form, the name, the consts, the
    // category and the link. The statuses and remedies are tied to `upstream.tsv` above, so that
    // a change Aculab makes, taken in the documented way (sync, edit, gen), keeps this green.
    let c = ErrorCode::InvalidToken;
    assert_eq!(
        (c.as_u16(), c.as_str(), c.name()),
        (405, "0405", "invalid_token")
    );
    assert!(c.description().contains("four hours") && c.description().contains("media_delete"));
    assert_eq!(c.category(), Category::MediaFiles);
    assert_eq!(
        c.doc_url(),
        "https://www.aculab.com/cloud/web-services/web-service-errors?error=0405"
    );
    assert!(ErrorCode::UnknownCountry
        .remedy()
        .is_some_and(|r| r.contains("tel_get_supported_countries")));
    assert!(ErrorCode::InvalidTtl.description().contains("n[d|h|m]"));
    assert_eq!(codes::INVALID_TOKEN, 405);
    assert_eq!(codes::CALL_DDI_NOT_ALLOWED, 2027);
}

#[test]
fn near_twins_have_distinct_names() {
    let twins = [
        [1003, 1005],
        [1006, 1007],
        [2013, 2014],
        [2017, 2018],
        [2018, 2019],
    ];
    for [a, b] in twins {
        let (a, b) = (
            ErrorCode::from_u16(a).unwrap(),
            ErrorCode::from_u16(b).unwrap(),
        );
        assert_ne!(a.name(), b.name());
    }
}

#[test]
fn all_is_ascending_and_every_lookup_round_trips() {
    assert!(ErrorCode::ALL
        .windows(2)
        .all(|w| w[0] < w[1] && w[0].as_u16() < w[1].as_u16()));
    for &c in ErrorCode::ALL {
        assert_eq!(ErrorCode::from_u16(c.as_u16()), Some(c));
        assert_eq!(ErrorCode::try_from(c.as_u16()), Ok(c));
        assert_eq!(u16::from(c), c.as_u16());
        assert_eq!(c.to_string(), format!("{:04}", c.as_u16()));
        assert_eq!(c.to_string().parse(), Ok(c));
        assert!(c.category().codes().contains(&c));
        assert!(c.category().range().contains(&c.as_u16()));
        assert!(c.doc_url().ends_with(c.as_str()));
    }
    let known = ErrorCode::ALL.len();
    assert_eq!(
        (0..=u16::MAX).filter_map(ErrorCode::from_u16).count(),
        known
    );
}

#[test]
fn parsing_rejects_anything_but_four_digits_of_a_catalogued_code() {
    for bad in [
        "405",
        " 0405",
        "0405 ",
        "+405",
        "04 5",
        "HTTP 400",
        "",
        "00405",
        "０４０５",
    ] {
        assert_eq!(
            bad.parse::<ErrorCode>(),
            Err(ParseCodeError::Malformed),
            "{bad:?}"
        );
    }
    assert_eq!(
        "9502".parse::<ErrorCode>(),
        Err(ParseCodeError::Unknown(9502))
    );
    assert_eq!(
        ErrorCode::try_from(9999),
        Err(ParseCodeError::Unknown(9999))
    );
    assert!(ParseCodeError::Unknown(502).to_string().contains("0502"));
    assert!(ParseCodeError::Malformed
        .to_string()
        .contains("four ASCII digits"));
}

#[test]
fn categories_partition_the_codes() {
    // Derived, not counted: a category added with a code the documented way keeps this green.
    let total: usize = Category::ALL.iter().map(|c| c.codes().len()).sum();
    assert_eq!(total, ErrorCode::ALL.len());
    for pair in Category::ALL.windows(2) {
        assert!(
            pair[0].range().end() < pair[1].range().start(),
            "{:?} and {:?} overlap or are out of order",
            pair[0],
            pair[1]
        );
    }
    for &c in Category::ALL {
        assert!(!c.codes().is_empty(), "{c:?} holds no code");
        for &code in c.codes() {
            assert!(c.range().contains(&code.as_u16()), "{code} outside {c:?}");
            assert_eq!(code.category(), c, "{code}");
            assert_eq!(Category::for_number(code.as_u16()), Some(c), "{code}");
        }
    }
    assert_eq!(Category::Conferences.range(), 600..=699);
    assert_eq!(
        Category::CallEvents.codes().first(),
        Some(&ErrorCode::UasAuthenticationFailed)
    );
    assert_eq!(Category::for_number(418), Some(Category::MediaFiles));
    for &c in Category::ALL {
        assert!(!c.title().is_empty() && !c.description().is_empty());
        assert_eq!(c.to_string(), c.title());
    }
}

/// A category reads back from its id (as in errors.yaml and docs/errors.json) and from what
/// `Display` writes (its title), exactly: not in another case, nor with space around it.
#[test]
fn a_category_parses_from_its_id_and_its_display() {
    for &c in Category::ALL {
        assert_eq!(c.id().parse(), Ok(c));
        assert_eq!(c.to_string().parse(), Ok(c));
        for near in [
            c.id().to_uppercase(),
            format!(" {}", c.id()),
            format!("{} ", c.title()),
        ] {
            // Unless that is how the title is written (`pdf`, "PDF").
            if near != c.title() {
                assert!(near.parse::<Category>().is_err(), "{near:?}");
            }
        }
    }
    let e = "".parse::<Category>().unwrap_err();
    assert!(e.to_string().contains("id or title"), "{e}");
}

#[test]
fn retry_advice_follows_the_catalogue_rule() {
    use std::time::Duration;
    // Sample facts read from the official page: if Aculab changes one, change it here with the
    // catalogue. A code added later, retryable or not, leaves them as they are.
    let retryable = [
        18, 26, 509, 510, 615, 711, 904, 1001, 1002, 1003, 1004, 1005, 1006, 1007,
    ];
    for n in retryable {
        let code = ErrorCode::from_u16(n);
        assert!(
            code.is_some_and(ErrorCode::is_retryable),
            "{n:04} should be retryable: {code:?}"
        );
    }
    // A fault in the request itself, one per category: the same request fails again.
    for code in Category::ALL.iter().filter_map(|c| c.codes().first()) {
        if !retryable.contains(&code.as_u16()) {
            assert!(!code.is_retryable(), "{code} should not be retryable");
        }
    }
    assert_eq!(
        ErrorCode::ConferenceChangeTooSoon.retry_after(),
        Some(Duration::from_secs(60))
    );
    assert_eq!(
        ErrorCode::StorageFailure.retry_after(),
        Some(Duration::from_secs(180))
    );
    assert_eq!(ErrorCode::AccountRateLimited.retry_after(), None);
    assert_eq!(ErrorCode::InsufficientFunds.retry_after(), None);
    assert!(!ErrorCode::InvalidToken.is_retryable());
}

/// The workspace root, when these tests run inside the workspace rather than from a packaged
/// copy of the crate (which has neither the catalogue nor the official page beside it).
fn workspace() -> Option<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent()?;
    root.join("errors.yaml")
        .is_file()
        .then(|| root.to_path_buf())
}

/// Aculab's official error page as text (a copy of the seed the catalogue was written from),
/// which the sync tests also read.
const OFFICIAL_PAGE: &str = "xtask/tests/fixtures/upstream/page.txt";

/// How many words in a row the catalogue may share with the official text.
const MAX_SHARED_RUN: usize = 7;

/// The lower-case words of `text`: URLs left out (a link is a reference, not wording), and any
/// run of characters other than letters and digits a separator (so `ordinary_cpc` is two words).
fn words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .filter(|w| !w.contains("://"))
        .flat_map(|w| w.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Every run of `MAX_SHARED_RUN + 1` words of `text`.
fn runs(text: &str) -> HashSet<Vec<String>> {
    words(text)
        .windows(MAX_SHARED_RUN + 1)
        .map(<[String]>::to_vec)
        .collect()
}

/// The first run of `MAX_SHARED_RUN + 1` words that `ours` shares with `official`, if any.
fn shared_run(ours: &str, official: &HashSet<Vec<String>>) -> Option<String> {
    words(ours)
        .windows(MAX_SHARED_RUN + 1)
        .find(|w| official.contains(*w))
        .map(|w| w.join(" "))
}

/// Item 3 of issue 12: the catalogue says what the official page says in its own words. Only
/// the accepted-value lists of 0201 and 0500 (facts, not prose) may repeat it.
#[test]
fn no_text_repeats_eight_words_of_the_official_page() {
    let Some(root) = workspace() else {
        eprintln!("skipped: not inside the workspace, so the official page is not at hand");
        return;
    };
    let page = std::fs::read_to_string(root.join(OFFICIAL_PAGE)).expect(OFFICIAL_PAGE);
    // The copy is the seed the catalogue was written from, where that is at hand.
    let seed = root.join("../shared/seeds/000_d5d169dd7ac2a88e.txt");
    if let Ok(seed) = std::fs::read_to_string(seed) {
        assert!(
            seed == page,
            "{OFFICIAL_PAGE} differs from the seed in ../shared/seeds"
        );
    }
    let official = runs(&page);
    assert!(
        official.len() > 5_000,
        "the page was read: {}",
        official.len()
    );
    let mut copied = Vec::new();
    for &code in ErrorCode::ALL {
        let fields = [
            ("description", Some(code.description())),
            ("remedy", code.remedy()),
        ];
        for (field, text) in fields {
            let exempt = field == "description" && matches!(code.as_u16(), 201 | 500);
            if let (Some(text), false) = (text, exempt) {
                if let Some(run) = shared_run(text, &official) {
                    copied.push(format!("{code} {field}: \"{run}\""));
                }
            }
        }
    }
    assert!(
        copied.is_empty(),
        "{} texts repeat 8+ words of the official page; reword them:\n{}",
        copied.len(),
        copied.join("\n")
    );
}

#[test]
fn the_wording_check_ignores_case_punctuation_and_urls_only() {
    let official = runs(
        "0021 : The request could not be decoded. See https://www.aculab.com/cloud/guides/a-b-c-d-e-f-g-h for more.",
    );
    // Case and punctuation do not hide a copy; eight words are a copy, seven are not.
    assert!(shared_run("the REQUEST, could not -- be decoded. See for", &official).is_some());
    assert!(shared_run("request could not be decoded. See for", &official).is_none());
    // A shared URL is a reference, not wording.
    assert!(shared_run(
        "Read https://www.aculab.com/cloud/guides/a-b-c-d-e-f-g-h first.",
        &official
    )
    .is_none());
    // Underscores separate words, as other punctuation does.
    assert_eq!(words("ordinary_cpc, A-b"), ["ordinary", "cpc", "a", "b"]);
}
