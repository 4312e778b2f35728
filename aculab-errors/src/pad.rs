//! `Display` that honours a width: the text is formatted on the stack, then padded as a string.

use core::fmt;

/// Writes `args` as [`fmt::Formatter::pad`] writes a string, so that a width, fill, alignment
/// and precision apply to the whole text. A text longer than the buffer (none of this crate's
/// is) is written as it is.
pub(crate) fn pad(f: &mut fmt::Formatter<'_>, args: fmt::Arguments<'_>) -> fmt::Result {
    let mut buf = Buf([0; 64], 0);
    match fmt::write(&mut buf, args) {
        Ok(()) => f.pad(core::str::from_utf8(&buf.0[..buf.1]).map_err(|_| fmt::Error)?),
        Err(_) => f.write_fmt(args),
    }
}

/// A fixed buffer and how much of it is written: whole strings only, so always UTF-8.
struct Buf([u8; 64], usize);

impl fmt::Write for Buf {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.1 + s.len();
        self.0
            .get_mut(self.1..end)
            .ok_or(fmt::Error)?
            .copy_from_slice(s.as_bytes());
        self.1 = end;
        Ok(())
    }
}
