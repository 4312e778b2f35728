//! serde support (the `serde` feature): codes and timestamps as their string forms.

use core::fmt;
use core::marker::PhantomData;
use core::str::FromStr;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use crate::{ErrorCode, Timestamp};

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
        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }

        /// Deserialises from the string [`FromStr`] accepts.
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
mod response {
    use alloc::string::String;
    use alloc::vec::Vec;

    use super::*;
    use crate::ResponseCode;

    /// Serialises as the exact string the server sent.
    impl Serialize for ResponseCode {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_str(self.as_str())
        }
    }

    /// Deserialises from any string; never fails on a string.
    impl<'de> Deserialize<'de> for ResponseCode {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl Visitor<'_> for V {
                type Value = ResponseCode;

                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("an error code string such as \"0405\" or \"HTTP 400\"")
                }

                fn visit_str<E: de::Error>(self, s: &str) -> Result<ResponseCode, E> {
                    Ok(ResponseCode::new(s))
                }

                fn visit_string<E: de::Error>(self, s: String) -> Result<ResponseCode, E> {
                    Ok(ResponseCode::from_string(s))
                }
            }
            d.deserialize_str(V)
        }
    }

    /// `details` as sent, treating an explicit `null` like an absent field.
    pub(crate) fn null_as_empty<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
        Ok(Option::<Vec<String>>::deserialize(d)?.unwrap_or_default())
    }
}

#[cfg(feature = "alloc")]
pub(crate) use response::null_as_empty;
