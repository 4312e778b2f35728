//! Generates, from the same catalogue as aculab-errors, the lookups users would otherwise write:
//! phf maps (the way rust-postgres generates `SqlState`) and plain `match`es.

use std::fmt::Write;
use std::path::Path;

use codegen::names::variant as variant_name;

fn main() {
    let catalogue = Path::new(env!("CARGO_MANIFEST_DIR")).join("../errors.yaml");
    println!("cargo::rerun-if-changed={}", catalogue.display());
    // A catalogue that cannot be read fails the build with gen's own messages, not a panic.
    let text = std::fs::read_to_string(&catalogue).unwrap_or_else(|e| {
        eprintln!("cannot read {}: {e}", catalogue.display());
        std::process::exit(1)
    });
    let cat = codegen::load(&text).unwrap_or_else(|d| {
        eprintln!("{d}\n(run `cargo xtask gen` for the same messages)");
        std::process::exit(1)
    });

    let mut by_number = phf_codegen::Map::<u16>::new();
    let mut by_str = phf_codegen::Map::<&str>::new();
    let codes: Vec<String> = cat.entries.iter().map(|e| e.code_str()).collect();
    let mut match_number =
        String::from("/// A plain `match` on the number.\npub fn match_number(n: u16) -> Option<ErrorCode> {\n    match n {\n");
    let mut match_str =
        String::from("/// A plain `match` on the wire string.\npub fn match_str(s: &str) -> Option<ErrorCode> {\n    match s {\n");
    for (e, code) in cat.entries.iter().zip(&codes) {
        let value = format!("ErrorCode::{}", variant_name(&e.name));
        by_number.entry(e.code, &value);
        by_str.entry(code, &value);
        writeln!(match_number, "        {} => Some({value}),", e.code).unwrap();
        writeln!(match_str, "        {code:?} => Some({value}),").unwrap();
    }
    match_number += "        _ => None,\n    }\n}\n";
    match_str += "        _ => None,\n    }\n}\n";

    let out = format!(
        "/// A phf map by number.\npub static PHF_BY_NUMBER: phf::Map<u16, ErrorCode> = {};\n\n\
         /// A phf map by wire string.\npub static PHF_BY_STR: phf::Map<&'static str, ErrorCode> = {};\n\n{match_number}\n{match_str}",
        by_number.build(),
        by_str.build()
    );
    std::fs::write(
        Path::new(&std::env::var("OUT_DIR").unwrap()).join("alternatives.rs"),
        out,
    )
    .unwrap();
}
