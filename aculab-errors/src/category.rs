//! Methods of [`Category`]; they read the generated records.

use core::fmt;
use core::ops::RangeInclusive;
use core::str::FromStr;

use crate::generated::{Category, CategoryRecord, ErrorCode, CATEGORY_RECORDS};

impl Category {
    fn record(self) -> &'static CategoryRecord {
        &CATEGORY_RECORDS[self as usize]
    }

    /// The snake_case identifier used in `errors.yaml`, such as `"conferences"`.
    pub fn id(self) -> &'static str {
        self.record().id
    }

    /// A short human title, such as `"Conferences"`.
    pub fn title(self) -> &'static str {
        self.record().title
    }

    /// What the codes in this category are about.
    pub fn description(self) -> &'static str {
        self.record().description
    }

    /// The catalogued codes in this category, ascending.
    ///
    /// ```
    /// use aculab_errors::{Category, ErrorCode};
    /// assert!(Category::Conferences.codes().contains(&ErrorCode::UnknownConference));
    /// ```
    pub fn codes(self) -> &'static [ErrorCode] {
        let (start, end) = self.record().codes;
        &ErrorCode::ALL[start..end]
    }

    /// The range of numbers the category reserves, catalogued or not, such as `600..=699`.
    pub fn range(self) -> RangeInclusive<u16> {
        self.record().first..=self.record().last
    }

    /// The category whose range holds `code`, even for a code the catalogue does not know yet.
    ///
    /// ```
    /// use aculab_errors::Category;
    /// assert_eq!(Category::for_number(699), Some(Category::Conferences));
    /// assert_eq!(Category::for_number(9999), None);
    /// ```
    pub fn for_number(code: u16) -> Option<Category> {
        Category::ALL
            .iter()
            .copied()
            .find(|c| c.range().contains(&code))
    }
}

/// Writes the title.
impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.title())
    }
}

/// Reads a category by its id, as in `errors.yaml` and `docs/errors.json` (`"conferences"`), or
/// by its title, as [`Display`](fmt::Display) writes it (`"Conferences"`): exactly, case and
/// all. Both round-trip: the generator refuses a title that is another category's id or title.
///
/// ```
/// use aculab_errors::Category;
/// assert_eq!("conferences".parse(), Ok(Category::Conferences));
/// assert_eq!(Category::Conferences.to_string().parse(), Ok(Category::Conferences));
/// assert!("CONFERENCES".parse::<Category>().is_err());
/// ```
impl FromStr for Category {
    // `ParseCategoryError`, not `Self::Err`: a category named `err` would make that path
    // ambiguous.
    type Err = ParseCategoryError;

    fn from_str(s: &str) -> Result<Category, ParseCategoryError> {
        let by = |part: fn(Category) -> &'static str| {
            Category::ALL.iter().copied().find(|&c| part(c) == s)
        };
        by(Category::id)
            .or_else(|| by(Category::title))
            .ok_or(ParseCategoryError(()))
    }
}

/// Why a string is not a [`Category`]: it is neither a category's id nor its title.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ParseCategoryError(());

impl fmt::Display for ParseCategoryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not the id or title of an Aculab error category")
    }
}

impl core::error::Error for ParseCategoryError {}
