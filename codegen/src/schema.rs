//! `docs/errors.schema.json`: the JSON Schema (draft 2020-12) of the export `docs/errors.json`.
//!
//! Written beside [`crate::json`], field for field: a change to the export's shape shows here
//! in the same commit, and `tests/schema.rs` validates exports against it.

use serde_json::{json, Value};

use crate::json::SCHEMA_VERSION;
use crate::load::{MAX_ALIASES, MAX_TITLE_LEN};
use crate::names::MAX_LEN;
use crate::GENERATED_BY;

/// How the export names its schema, in its `$schema` key: the schema's file name, beside it.
pub const SCHEMA_REF: &str = "errors.schema.json";

/// The schema's `$id`: an absolute URI naming this schema and its version (the export's
/// `schema_version`), so that a consumer holding several versions tells them apart. A URN
/// rather than an address: the schema is published beside the export, wherever that is.
/// (`tests/schema.rs` checks that the two move together).
pub const SCHEMA_ID: &str = "urn:aculab-errors:errors.schema.json:1";

/// The schema as a JSON value.
pub fn schema() -> Value {
    // No line break anywhere. ECMA-262, which 2020-12 names, ends `$` only at the end, but
    // other engines (Python's, Java's, PCRE's) also before a final line break and Ruby's at
    // every line, so a validator built on one of those would let `"0405\n"` through the
    // anchored patterns alone.
    let one_line =
        json!({ "type": "string", "pattern": "[\\n\\r\\u000B\\u000C\\u0085\\u2028\\u2029]" });
    let code = json!({ "type": "string", "pattern": "^[0-9]{4}$", "not": one_line });
    let name = json!({ "type": "string", "pattern": "^[a-z][a-z0-9]*(_[a-z0-9]+)*$", "maxLength": MAX_LEN, "not": one_line });
    // Something visible, and none of the characters `errors.yaml` refuses in prose
    // (`text::forbidden`) on any line: refused by `not` and unanchored, as for line breaks
    // above, since an anchored `^[^…]*$` read line by line checks only one line.
    let forbidden = json!({ "pattern": "[\\u0000-\\u0008\\u000B-\\u001F\\u007F-\\u009F\\u2028\\u2029\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069\\uFEFF]" });
    // Something that shows: neither white space nor a character that shows nothing
    // (`text::is_invisible`, those of the Basic Multilingual Plane).
    let visible = "[^\\s\\u00AD\\u034F\\u115F\\u1160\\u17B4\\u17B5\\u180B-\\u180F\\u200B-\\u200D\\u2060-\\u206F\\u3164\\uFE00-\\uFE0F\\uFFA0\\uFFF0-\\uFFF8]";
    let text = json!({ "type": "string", "pattern": visible, "not": forbidden });
    let title = json!({ "type": "string", "pattern": visible, "not": forbidden, "maxLength": MAX_TITLE_LEN });
    let optional_text = json!({ "anyOf": [{ "type": "null" }, text] });
    // A plain https URL as `text::is_plain_https_url` takes one: labels of letters, digits and
    // inner hyphens, a port from 1 to 65535 in at most five digits, `%` only as a `%XX` escape,
    // no `&name;` that Markdown reads as a character reference.
    let label = "[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
    let bad_port = "^https://[^/?#:]*:(0+|6553[6-9]|655[4-9][0-9]|65[6-9][0-9]{2}|6[6-9][0-9]{3}|[7-9][0-9]{4})([/?#]|$)";
    let doc_url = json!({
        "type": "string",
        "pattern": format!("^https://{label}(\\.{label})*(:[0-9]{{1,5}})?([/?#]([A-Za-z0-9._~!$&'()*+,;=:@/?#-]|%[0-9A-Fa-f]{{2}})*)?$"),
        "not": { "anyOf": [one_line, { "pattern": bad_port }, { "pattern": "&[A-Za-z0-9#]+;" }] },
    });
    json!({
        "$comment": format!("@generated {GENERATED_BY} What a schema cannot say is checked when `cargo xtask gen` reads the export back: each code has one entry, listed by the category it names."),
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Aculab Cloud web-service error codes",
        "description": "docs/errors.json, the catalogue export of aculab-errors: every error code with its meaning, remedy and retry advice.",
        "type": "object",
        "additionalProperties": false,
        "required": ["@generated", "$schema", "schema_version", "catalogue_version", "upstream_checked", "categories", "errors"],
        "properties": {
            "@generated": { "const": GENERATED_BY },
            "$schema": { "const": SCHEMA_REF },
            "schema_version": { "const": SCHEMA_VERSION },
            "catalogue_version": { "type": ["string", "null"], "pattern": SEMVER },
            "upstream_checked": { "type": ["string", "null"], "format": "date", "pattern": DATE, "not": one_line },
            "categories": { "type": "array", "minItems": 1, "items": { "$ref": "#/$defs/category" } },
            "errors": { "type": "array", "minItems": 1, "uniqueItems": true, "items": { "$ref": "#/$defs/error" } },
        },
        "$defs": {
            "code": code,
            "name": name,
            "category": {
                "type": "object",
                "additionalProperties": false,
                "required": ["id", "title", "description", "first", "last", "codes"],
                "properties": {
                    "id": { "$ref": "#/$defs/name" },
                    "title": title,
                    "description": text,
                    "first": { "$ref": "#/$defs/code" },
                    "last": { "$ref": "#/$defs/code" },
                    "codes": { "type": "array", "items": { "$ref": "#/$defs/code" }, "uniqueItems": true },
                },
            },
            "error": {
                "type": "object",
                "additionalProperties": false,
                "required": [
                    "code", "name", "http", "category", "description", "remedy", "retryable",
                    "retry_after_secs", "idempotent_only", "doc_url", "aliases", "retired",
                ],
                "properties": {
                    "code": { "$ref": "#/$defs/code" },
                    "name": { "$ref": "#/$defs/name" },
                    "http": { "type": ["integer", "null"], "minimum": 100, "maximum": 599 },
                    "category": { "$ref": "#/$defs/name" },
                    "description": text,
                    "remedy": optional_text,
                    "retryable": { "type": "boolean" },
                    "retry_after_secs": { "type": ["integer", "null"], "minimum": 1, "maximum": 86400 },
                    "idempotent_only": { "type": "boolean" },
                    "doc_url": doc_url,
                    "aliases": { "type": "array", "maxItems": MAX_ALIASES, "uniqueItems": true, "items": { "$ref": "#/$defs/name" } },
                    "retired": optional_text,
                },
                // Advice for a retry only where a retry can help.
                "if": { "properties": { "retryable": { "const": false } } },
                "then": { "properties": { "retry_after_secs": { "const": null }, "idempotent_only": { "const": false } } },
            },
        },
    })
}

/// A day of the (proleptic Gregorian) calendar written YYYY-MM-DD, as `upstream.tsv`'s
/// `checked` must be: `format: date` is only a note to a validator by default (2020-12), so the
/// pattern itself says which days each month has, and that February has a 29th in leap years
/// only (years divisible by 4 and not by 100, or by 400).
const DATE: &str = "^([0-9]{4}-((0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])|(0[13-9]|1[0-2])-(29|30)|(0[13578]|1[02])-31)|([0-9]{2}(0[48]|[2468][048]|[13579][26])|(0[048]|[2468][048]|[13579][26])00)-02-29)$";

/// A version as Cargo writes it (Semantic Versioning 2.0.0, the pattern semver.org gives).
const SEMVER: &str = r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)(\.(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*)?(\+[0-9a-zA-Z-]+(\.[0-9a-zA-Z-]+)*)?$";

/// Renders the schema (pretty-printed, with a trailing newline).
pub fn render() -> String {
    let mut out = serde_json::to_string_pretty(&schema()).unwrap_or_default();
    out.push('\n');
    out
}
