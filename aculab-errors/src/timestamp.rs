//! The web services' timestamp format, `YYYY-MM-DD_hh:mm:ss` (Aculab's documentation names no time zone).

use core::fmt;
use core::str::FromStr;

/// A time as the web services write it: `2022-12-12_11:32:41`. Aculab does not say which time zone.
///
/// Parsing checks the shape and the calendar (month lengths, leap years); [`Display`](fmt::Display)
/// writes the same form back, so the two round-trip. Ordering is chronological.
///
/// ```
/// use aculab_errors::Timestamp;
/// let t: Timestamp = "2022-12-12_11:32:41".parse()?;
/// assert_eq!((t.year(), t.month(), t.day()), (2022, 12, 12));
/// assert_eq!((t.hour(), t.minute(), t.second()), (11, 32, 41));
/// assert_eq!(t.to_string(), "2022-12-12_11:32:41");
/// # Ok::<(), aculab_errors::ParseTimestampError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Timestamp {
    year: u16,
    month: u8,
    day: u8,
    hour: u8,
    minute: u8,
    second: u8,
}

/// Why a string is not a `YYYY-MM-DD_hh:mm:ss` timestamp.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ParseTimestampError {
    /// Not of the shape `YYYY-MM-DD_hh:mm:ss`.
    Format,
    /// The right shape, but no such date or time (month 13, 30 February, hour 24...).
    OutOfRange,
}

impl fmt::Display for ParseTimestampError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ParseTimestampError::Format => "timestamp is not of the form YYYY-MM-DD_hh:mm:ss",
            ParseTimestampError::OutOfRange => "timestamp names no real date and time",
        })
    }
}

impl core::error::Error for ParseTimestampError {}

impl Timestamp {
    /// A timestamp from its parts, or `None` if they name no real date and time.
    pub const fn new(
        year: u16,
        month: u8,
        day: u8,
        hour: u8,
        minute: u8,
        second: u8,
    ) -> Option<Self> {
        let valid = year <= 9999
            && month >= 1
            && month <= 12
            && day >= 1
            && day <= days_in_month(year, month)
            && hour < 24
            && minute < 60
            && second < 60;
        if valid {
            Some(Timestamp {
                year,
                month,
                day,
                hour,
                minute,
                second,
            })
        } else {
            None
        }
    }

    /// The year, 0..=9999.
    pub const fn year(self) -> u16 {
        self.year
    }
    /// The month, 1..=12.
    pub const fn month(self) -> u8 {
        self.month
    }
    /// The day of the month, from 1.
    pub const fn day(self) -> u8 {
        self.day
    }
    /// The hour, 0..=23.
    pub const fn hour(self) -> u8 {
        self.hour
    }
    /// The minute, 0..=59.
    pub const fn minute(self) -> u8 {
        self.minute
    }
    /// The second, 0..=59.
    pub const fn second(self) -> u8 {
        self.second
    }
}

const fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl FromStr for Timestamp {
    type Err = ParseTimestampError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let b = s.as_bytes();
        // Positions of the separators in YYYY-MM-DD_hh:mm:ss.
        const SEPARATORS: [(usize, u8); 5] =
            [(4, b'-'), (7, b'-'), (10, b'_'), (13, b':'), (16, b':')];
        if b.len() != 19 || SEPARATORS.iter().any(|&(i, c)| b[i] != c) {
            return Err(ParseTimestampError::Format);
        }
        let num = |from: usize, to: usize| -> Result<u16, ParseTimestampError> {
            b[from..to].iter().try_fold(0u16, |n, &c| {
                if c.is_ascii_digit() {
                    Ok(n * 10 + u16::from(c - b'0'))
                } else {
                    Err(ParseTimestampError::Format)
                }
            })
        };
        let (year, month, day) = (num(0, 4)?, num(5, 7)?, num(8, 10)?);
        let (hour, minute, second) = (num(11, 13)?, num(14, 16)?, num(17, 19)?);
        // Two-digit fields are below 100, so the casts are exact.
        Timestamp::new(
            year,
            month as u8,
            day as u8,
            hour as u8,
            minute as u8,
            second as u8,
        )
        .ok_or(ParseTimestampError::OutOfRange)
    }
}

/// Writes `YYYY-MM-DD_hh:mm:ss`, which [`FromStr`] reads back; a width, fill and alignment lay
/// it out as they lay out a string.
impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Timestamp {
            year,
            month,
            day,
            hour,
            minute,
            second,
        } = *self;
        crate::pad::pad(
            f,
            format_args!("{year:04}-{month:02}-{day:02}_{hour:02}:{minute:02}:{second:02}"),
        )
    }
}
