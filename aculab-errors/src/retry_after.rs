//! The `Retry-After` header of RFC 9110 (section 10.2.3): a number of seconds, or an HTTP-date.
//!
//! No clock is read here: the caller passes "now" as seconds since the Unix epoch (with the `std`
//! feature, [`unix_now`] reads the system clock).

use core::time::Duration;

/// How long a `Retry-After` header value asks the client to wait, measured from `now_unix_secs`.
///
/// Reads both forms of RFC 9110: delay-seconds (`"120"`) and an HTTP-date in any of its three
/// formats, IMF-fixdate (`"Sun, 06 Nov 1994 08:49:37 GMT"`), the obsolete RFC 850 form
/// (`"Sunday, 06-Nov-94 08:49:37 GMT"`) and C's asctime form (`"Sun Nov  6 08:49:37 1994"`).
/// Spaces and tabs around the value are ignored, and so is letter case in day and month names;
/// a day of the month may be written with one digit (`"Sun, 6 Nov 1994 08:49:37 GMT"`, as
/// Java's `RFC_1123_DATE_TIME` writes it, and `"Sun Nov 6 08:49:37 1994"`), since RFC 9110 asks
/// recipients to be robust in parsing dates.
///
/// - Anything else (an empty value, `"-1"`, `"1.5"`, `"soon"`, a date that does not exist) is
///   `None`: the header is ignored, never an error.
/// - A date at or before `now_unix_secs` is a zero wait.
/// - A number of seconds too large for a [`Duration`] saturates at `u64::MAX` seconds.
/// - A two-digit RFC 850 year that would lie more than 50 years after `now_unix_secs` is read in
///   the previous century, as RFC 9110 requires.
///
/// ```
/// use core::time::Duration;
/// use aculab_errors::parse_retry_after;
///
/// let now = 784_111_777; // Sun, 06 Nov 1994 08:49:37 GMT
/// assert_eq!(parse_retry_after("120", now), Some(Duration::from_secs(120)));
/// assert_eq!(parse_retry_after("Sun, 06 Nov 1994 08:51:37 GMT", now), Some(Duration::from_secs(120)));
/// assert_eq!(parse_retry_after("Sunday, 06-Nov-94 08:50:37 GMT", now), Some(Duration::from_secs(60)));
/// assert_eq!(parse_retry_after("Sun Nov  6 08:49:47 1994", now), Some(Duration::from_secs(10)));
/// assert_eq!(parse_retry_after("Sat, 05 Nov 1994 08:49:37 GMT", now), Some(Duration::ZERO));
/// assert_eq!(parse_retry_after("in a minute", now), None);
/// ```
pub fn parse_retry_after(value: &str, now_unix_secs: u64) -> Option<Duration> {
    let value = value.trim_matches([' ', '\t']).as_bytes();
    if value.first().is_some_and(u8::is_ascii_digit) {
        return delay_seconds(value).map(Duration::from_secs);
    }
    let at = http_date(value, now_unix_secs)?;
    let now = i64::try_from(now_unix_secs).unwrap_or(i64::MAX);
    // A date in the past (or now) asks for no wait at all.
    Some(Duration::from_secs(
        u64::try_from(at.saturating_sub(now)).unwrap_or(0),
    ))
}

/// An HTTP-date (any of RFC 9110's three formats) as seconds since the Unix epoch, negative
/// before 1970; `None` if `value` is not one. See [`parse_retry_after`] for the formats and for
/// how `now_unix_secs` settles a two-digit year.
///
/// ```
/// use aculab_errors::parse_http_date;
/// assert_eq!(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT", 0), Some(784_111_777));
/// assert_eq!(parse_http_date("Thu, 01 Jan 1970 00:00:00 GMT", 0), Some(0));
/// assert_eq!(parse_http_date("Sun, 31 Nov 1994 08:49:37 GMT", 0), None); // no 31 November
/// ```
pub fn parse_http_date(value: &str, now_unix_secs: u64) -> Option<i64> {
    http_date(value.trim_matches([' ', '\t']).as_bytes(), now_unix_secs)
}

/// Seconds since the Unix epoch by the system clock, for the `now` that [`parse_retry_after`]
/// and [`ApiError::retry_advice`](crate::ApiError::retry_advice) take; 0 if the clock is set
/// before 1970.
#[cfg(feature = "std")]
#[cfg_attr(docsrs, doc(cfg(feature = "std")))]
pub fn unix_now() -> u64 {
    extern crate std;
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// `1*DIGIT`, saturating.
fn delay_seconds(b: &[u8]) -> Option<u64> {
    b.iter().try_fold(0u64, |n, &c| {
        c.is_ascii_digit()
            .then(|| n.saturating_mul(10).saturating_add(u64::from(c - b'0')))
    })
}

const MONTHS: [&[u8; 3]; 12] = [
    b"jan", b"feb", b"mar", b"apr", b"may", b"jun", b"jul", b"aug", b"sep", b"oct", b"nov", b"dec",
];
const DAYS: [&[u8]; 7] = [
    b"monday",
    b"tuesday",
    b"wednesday",
    b"thursday",
    b"friday",
    b"saturday",
    b"sunday",
];

/// The three HTTP-date formats. The weekday is checked to be a weekday name, not against the
/// date (senders get it wrong, and the date is what matters).
fn http_date(b: &[u8], now_unix_secs: u64) -> Option<i64> {
    let comma = b.iter().position(|&c| c == b',');
    let day_name = &b[..comma.unwrap_or(3.min(b.len()))];
    let day_ok = |long: bool| {
        DAYS.iter().any(|d| {
            let d = if long { &d[..] } else { &d[..3] };
            d.eq_ignore_ascii_case(day_name)
        })
    };
    match comma {
        // IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT"
        Some(3) if day_ok(false) => {
            // The day may also be one digit, as Java's RFC_1123_DATE_TIME writes it.
            let (day, rest) = match *b.get(4..)? {
                [b' ', d1, d2, b' ', ref rest @ ..] => (digits(&[d1, d2])?, rest),
                [b' ', d, b' ', ref rest @ ..] => (digits(&[d])?, rest),
                _ => return None,
            };
            let [m1, m2, m3, b' ', y1, y2, y3, y4, b' ', ref time @ .., b' ', g, m, t] = *rest
            else {
                return None;
            };
            gmt(g, m, t)?;
            let year = digits(&[y1, y2, y3, y4])?;
            assemble(year, month(&[m1, m2, m3])?, day, time)
        }
        // RFC 850: "Sunday, 06-Nov-94 08:49:37 GMT"
        Some(_) if day_ok(true) => {
            let rest = b.get(comma? + 1..)?;
            let [b' ', d1, d2, b'-', m1, m2, m3, b'-', y1, y2, b' ', ref time @ .., b' ', g, m, t] =
                *rest
            else {
                return None;
            };
            gmt(g, m, t)?;
            let (month, day) = (month(&[m1, m2, m3])?, digits(&[d1, d2])?);
            let yy = digits(&[y1, y2])?;
            // The latest year ending in `yy` that is at most 50 years after now's year; a date
            // in it that is still more than 50 years after now (to the second) is read a
            // century earlier, as RFC 9110 says.
            // Whole days fit an i64 for any u64 of seconds.
            let days = i64::try_from(now_unix_secs / 86_400).unwrap_or(i64::MAX);
            let (this_year, this_month, this_day) = civil_from_days(days);
            let last = this_year + 50;
            let year = last - (last - yy).rem_euclid(100);
            // Now plus 50 calendar years (a 29 February runs on to 1 March).
            let in_50_years = i64::try_from(now_unix_secs).ok().and_then(|now| {
                let ahead = days_from_civil(last, this_month, this_day) - days;
                now.checked_add(ahead.checked_mul(86_400)?)
            });
            // A 29 February that the later century lacks is the earlier one's too.
            match (assemble(year, month, day, time), in_50_years) {
                (Some(at), Some(limit)) if at <= limit => Some(at),
                (Some(at), None) => Some(at),
                _ => assemble(year - 100, month, day, time),
            }
        }
        // asctime: "Sun Nov  6 08:49:37 1994" (the day may also be written "06", or "6" after
        // one space)
        None if day_ok(false) => {
            let [b' ', m1, m2, m3, b' ', ref rest @ ..] = *b.get(3..)? else {
                return None;
            };
            let (day, rest) = match *rest {
                [b' ', d, b' ', ref rest @ ..] => (digits(&[d])?, rest),
                [d1, d2, b' ', ref rest @ ..] => (digits(&[d1, d2])?, rest),
                [d, b' ', ref rest @ ..] => (digits(&[d])?, rest),
                _ => return None,
            };
            let [ref time @ .., b' ', y1, y2, y3, y4] = *rest else {
                return None;
            };
            let year = digits(&[y1, y2, y3, y4])?;
            assemble(year, month(&[m1, m2, m3])?, day, time)
        }
        _ => None,
    }
}

fn gmt(g: u8, m: u8, t: u8) -> Option<()> {
    [g, m, t].eq_ignore_ascii_case(b"GMT").then_some(())
}

fn month(m: &[u8; 3]) -> Option<i64> {
    let i = MONTHS
        .iter()
        .position(|name| name.eq_ignore_ascii_case(m))?;
    i64::try_from(i + 1).ok()
}

/// ASCII digits as a number (at most four of them here, so no overflow).
fn digits(b: &[u8]) -> Option<i64> {
    b.iter().try_fold(0i64, |n, &c| {
        c.is_ascii_digit().then(|| n * 10 + i64::from(c - b'0'))
    })
}

/// Checks the calendar and `hh:mm:ss`, then counts seconds from the epoch (`None` past an
/// i64).
fn assemble(year: i64, month: i64, day: i64, time: &[u8]) -> Option<i64> {
    let &[h1, h2, b':', m1, m2, b':', s1, s2] = time else {
        return None;
    };
    let (h, m, s) = (digits(&[h1, h2])?, digits(&[m1, m2])?, digits(&[s1, s2])?);
    // A leap second (60) is allowed by the grammar and counts as the next second.
    if h > 23 || m > 59 || s > 60 || day < 1 || day > days_in_month(year, month) {
        return None;
    }
    // A two-digit year read near a "now" far in the future may name a day whose seconds do not
    // fit an i64: no such date.
    days_from_civil(year, month, day)
        .checked_mul(86_400)?
        .checked_add(h * 3600 + m * 60 + s)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days from 1970-01-01 to the given proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The proleptic Gregorian (year, month, day) of a count of days from 1970-01-01 (Hinnant).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days.saturating_add(719_468);
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

/// An instant written as an HTTP-date in its preferred form, IMF-fixdate
/// (`Sun, 06 Nov 1994 08:49:37 GMT`), as a server writes `Date` and `Retry-After`.
///
/// ```
/// use aculab_errors::{parse_http_date, HttpDate};
/// let text = HttpDate::from_unix_secs(784_111_777).to_string();
/// assert_eq!(text, "Sun, 06 Nov 1994 08:49:37 GMT");
/// assert_eq!(parse_http_date(&text, 0), Some(784_111_777));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct HttpDate(i64);

impl HttpDate {
    /// The instant `secs` seconds after the Unix epoch (before it, if negative).
    pub const fn from_unix_secs(secs: i64) -> Self {
        HttpDate(secs)
    }

    /// Seconds since the Unix epoch.
    pub const fn unix_secs(self) -> i64 {
        self.0
    }
}

/// IMF-fixdate. Years outside 0..=9999, which HTTP cannot express, are written as they are. A
/// width, fill and alignment lay it out as they lay out a string.
impl core::fmt::Display for HttpDate {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let (days, secs) = (self.0.div_euclid(86_400), self.0.rem_euclid(86_400));
        let (year, month, day) = civil_from_days(days);
        // 1970-01-01 was a Thursday; both indexes below are in range by construction.
        let weekday = DAYS[(days + 3).rem_euclid(7) as usize];
        let month = MONTHS[(month - 1).clamp(0, 11) as usize];
        let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
        let [w0, w1, w2, ..] = *weekday else {
            return Err(core::fmt::Error);
        };
        let [m0, m1, m2] = *month;
        crate::pad::pad(
            f,
            format_args!(
                "{}{}{}, {day:02} {}{}{} {year:04} {h:02}:{m:02}:{s:02} GMT",
                char::from(w0.to_ascii_uppercase()),
                char::from(w1),
                char::from(w2),
                char::from(m0.to_ascii_uppercase()),
                char::from(m1),
                char::from(m2),
            ),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_and_years_agree_with_known_dates() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        let year_of = |secs: u64| civil_from_days(i64::try_from(secs / 86_400).unwrap()).0;
        assert_eq!(year_of(0), 1970);
        assert_eq!(year_of(951_782_400), 2000); // 2000-02-29
        assert_eq!(year_of(946_684_799), 1999); // 1999-12-31 23:59:59
        assert!(year_of(u64::MAX) > 1_000_000);
    }
}
