//! serde support (the `serde` feature): codes, categories, timestamps and response kinds as their
//! string forms.

use core::fmt;
use core::marker::PhantomData;
use core::str::FromStr;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use crate::{Category, ErrorCode, Timestamp};

/// Deserialises a `T: FromStr` from a string, reporting its parse error through serde.
struct FromStrVisitor<T>(&'static str, PhantomData<T>);

impl<T: FromStr> Visitor<'_> for FromStrVisitor<T>
where
    T::Err: fmt::Display,
{
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<T, E> {
        s.parse().map_err(E::custom)
    }
}

macro_rules! via_str {
    ($ty:ty, $expecting:literal) => {
        /// Serialises as its [`Display`](core::fmt::Display) form.
        #[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }

        /// Deserialises from the string [`FromStr`] accepts.
        #[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                d.deserialize_str(FromStrVisitor($expecting, PhantomData))
            }
        }
    };
}

via_str!(ErrorCode, "a four-digit Aculab error code such as \"0405\"");
via_str!(Timestamp, "a timestamp of the form YYYY-MM-DD_hh:mm:ss");
#[cfg(feature = "alloc")]
via_str!(
    crate::ResponseKind,
    "the name of a response kind, such as \"not_json\""
);

/// Serialises as its id (`"conferences"`), as `docs/errors.json` names it; its title is for
/// people.
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl Serialize for Category {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

/// Deserialises from the string [`FromStr`] accepts: the id, or the title.
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl<'de> Deserialize<'de> for Category {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(FromStrVisitor(
            "the id of an Aculab error category, such as \"conferences\"",
            PhantomData,
        ))
    }
}

#[cfg(feature = "alloc")]
mod response;
