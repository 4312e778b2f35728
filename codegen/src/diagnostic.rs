//! Problems found in the catalogue, each tied to a line of `errors.yaml`.

use std::fmt;

/// One problem in the catalogue: where it is and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// 1-based line in the catalogue file.
    pub line: usize,
    /// What is wrong, and where it helps, how to fix it.
    pub message: String,
}

impl Diagnostic {
    /// A problem at `line` (1-based).
    pub fn new(line: usize, message: impl Into<String>) -> Self {
        Diagnostic {
            line,
            message: message.into(),
        }
    }
}

/// Every problem found in one run, in line order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

/// Every problem compiler-style, `errors.yaml:LINE: message`, one per line.
impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{}:{}: {}", crate::CATALOGUE_FILE, d.line, d.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}
