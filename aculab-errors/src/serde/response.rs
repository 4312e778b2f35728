//! Lenient, lossless serde for the response types: every field may be missing or of an
//! unexpected type, and nothing the server sent is dropped (unknown fields are kept with the
//! `json` feature).

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};

use crate::{ErrorInfo, ErrorResponse, RequestInfo, ResponseCode};

/// Serialises as the exact string the server sent.
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl Serialize for ResponseCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Deserialises from any string, never failing on one; and from a number, read as the
/// four-digit code whose leading zeros JSON dropped (`405`, or `405.0`, is `"0405"`).
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl<'de> Deserialize<'de> for ResponseCode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(CodeVisitor)
    }
}

/// The `visit_` methods for the values a visitor takes as their JSON text: each writes the
/// value with [`JsonVisitor`] and hands the text to `$then`.
macro_rules! as_json_text {
    ($then:expr; $($method:ident),*) => { $(as_json_text!(@ $method $then);)* };
    (@ bool $then:expr) => {
        fn visit_bool<E: de::Error>(self, b: bool) -> Result<Self::Value, E> {
            JsonVisitor.visit_bool(b).map($then)
        }
    };
    (@ i64 $then:expr) => {
        fn visit_i64<E: de::Error>(self, n: i64) -> Result<Self::Value, E> {
            JsonVisitor.visit_i64(n).map($then)
        }
    };
    (@ u64 $then:expr) => {
        fn visit_u64<E: de::Error>(self, n: u64) -> Result<Self::Value, E> {
            JsonVisitor.visit_u64(n).map($then)
        }
    };
    (@ f64 $then:expr) => {
        fn visit_f64<E: de::Error>(self, n: f64) -> Result<Self::Value, E> {
            JsonVisitor.visit_f64(n).map($then)
        }
    };
    (@ seq $then:expr) => {
        fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
            JsonVisitor.visit_seq(seq).map($then)
        }
    };
    (@ map $then:expr) => {
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
            JsonVisitor.visit_map(map).map($then)
        }
    };
}

/// A code: a string as sent, a whole number up to 9999 as written (`405`: a JSON number has no
/// leading zeros, and is read as the code of that number all the same), anything else as its
/// JSON text.
struct CodeVisitor;

impl<'de> Visitor<'de> for CodeVisitor {
    type Value = ResponseCode;

    as_json_text!(ResponseCode::from_string; bool, seq, map);

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an error code such as \"0405\" or \"HTTP 400\"")
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<ResponseCode, E> {
        Ok(ResponseCode::new(s))
    }

    fn visit_string<E: de::Error>(self, s: String) -> Result<ResponseCode, E> {
        Ok(ResponseCode::from_string(s))
    }

    fn visit_u64<E: de::Error>(self, n: u64) -> Result<ResponseCode, E> {
        Ok(match n {
            // No allocation for a four-digit code; a shorter one, as written, is kept loosely.
            1000..=9999 => {
                let digits = [1000, 100, 10, 1].map(|unit| b'0' + (n / unit % 10) as u8);
                ResponseCode::new(core::str::from_utf8(&digits).unwrap_or_default())
            }
            _ => ResponseCode::from_string(format!("{n}")),
        })
    }

    fn visit_i64<E: de::Error>(self, n: i64) -> Result<ResponseCode, E> {
        match u64::try_from(n) {
            Ok(n) => self.visit_u64(n),
            Err(_) => Ok(ResponseCode::from_string(format!("{n}"))),
        }
    }

    /// A whole number up to 9999 written with a fraction or an exponent (`405.0`, `1e3`) is
    /// that number, as JSON has only one kind of number; any other as its JSON text.
    fn visit_f64<E: de::Error>(self, n: f64) -> Result<ResponseCode, E> {
        // `as u64` and back is exact only for a whole number (`f64::fract` needs `std`).
        if n.is_sign_positive() && n <= 9999.0 && (n as u64) as f64 == n {
            // Exact: a whole number in 0..=9999.
            return self.visit_u64(n as u64);
        }
        JsonVisitor.visit_f64(n).map(ResponseCode::from_string)
    }
}

/// `null`, or a code (see [`CodeVisitor`]).
struct LenientCode(Option<ResponseCode>);

impl<'de> Deserialize<'de> for LenientCode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Option::<ResponseCode>::deserialize(d).map(LenientCode)
    }
}

/// Any value as text: a string as itself, `null` as `None`, anything else as its JSON text.
struct Text(Option<String>);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(TextVisitor).map(Text)
    }
}

struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Option<String>;

    as_json_text!(Some; bool, i64, u64, f64, seq, map);

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
        Ok(Some(s.into()))
    }

    fn visit_string<E: de::Error>(self, s: String) -> Result<Self::Value, E> {
        Ok(Some(s))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

/// `details`: a list (each entry a string, or any other value as its JSON text), one string
/// (a list of one), `null` (empty) or any other value (a list of its JSON text).
struct Details(Vec<String>);

impl<'de> Deserialize<'de> for Details {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Vec<String>;

            as_json_text!(|t| alloc::vec![t]; bool, i64, u64, f64, map);

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of strings")
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<String>, A::Error> {
                let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
                while let Some(Text(item)) = seq.next_element()? {
                    out.push(item.unwrap_or_else(|| "null".into()));
                }
                Ok(out)
            }

            fn visit_unit<E: de::Error>(self) -> Result<Vec<String>, E> {
                Ok(Vec::new())
            }

            fn visit_none<E: de::Error>(self) -> Result<Vec<String>, E> {
                Ok(Vec::new())
            }

            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Vec<String>, D::Error> {
                d.deserialize_any(self)
            }

            fn visit_str<E: de::Error>(self, s: &str) -> Result<Vec<String>, E> {
                Ok(alloc::vec![s.into()])
            }

            fn visit_string<E: de::Error>(self, s: String) -> Result<Vec<String>, E> {
                Ok(alloc::vec![s])
            }
        }
        d.deserialize_any(V).map(Details)
    }
}

/// Any value written back as compact JSON text (strings quoted and escaped).
struct Json(String);

impl<'de> Deserialize<'de> for Json {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(JsonVisitor).map(Json)
    }
}

struct JsonVisitor;

impl<'de> Visitor<'de> for JsonVisitor {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: de::Error>(self, b: bool) -> Result<String, E> {
        Ok(if b { "true" } else { "false" }.into())
    }

    fn visit_i64<E: de::Error>(self, n: i64) -> Result<String, E> {
        Ok(format!("{n}"))
    }

    fn visit_u64<E: de::Error>(self, n: u64) -> Result<String, E> {
        Ok(format!("{n}"))
    }

    fn visit_f64<E: de::Error>(self, n: f64) -> Result<String, E> {
        // JSON has no NaN or infinity; serde_json writes them as null too.
        Ok(if n.is_finite() {
            format!("{n:?}")
        } else {
            "null".into()
        })
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<String, E> {
        let mut out = String::with_capacity(s.len() + 2);
        push_quoted(&mut out, s);
        Ok(out)
    }

    fn visit_unit<E: de::Error>(self) -> Result<String, E> {
        Ok("null".into())
    }

    fn visit_none<E: de::Error>(self) -> Result<String, E> {
        Ok("null".into())
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<String, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<String, A::Error> {
        let mut out = String::from("[");
        while let Some(Json(item)) = seq.next_element()? {
            if out.len() > 1 {
                out.push(',');
            }
            out.push_str(&item);
        }
        out.push(']');
        Ok(out)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<String, A::Error> {
        let mut out = String::from("{");
        while let Some(Json(key)) = map.next_key()? {
            if out.len() > 1 {
                out.push(',');
            }
            out.push_str(&key);
            out.push(':');
            let Json(value) = map.next_value()?;
            out.push_str(&value);
        }
        out.push('}');
        Ok(out)
    }
}

/// Appends `s` as a JSON string literal.
fn push_quoted(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// The field names the three objects know, read without allocating; any other name is kept.
enum Field {
    Error,
    Request,
    Code,
    Text,
    Details,
    Datetime,
    Link,
    Url,
    Other(String),
}

impl Field {
    /// The name as sent.
    #[cfg_attr(not(feature = "json"), allow(dead_code))]
    fn name(self) -> String {
        match self {
            Field::Error => "error".into(),
            Field::Request => "request".into(),
            Field::Code => "code".into(),
            Field::Text => "text".into(),
            Field::Details => "details".into(),
            Field::Datetime => "datetime".into(),
            Field::Link => "link".into(),
            Field::Url => "url".into(),
            Field::Other(name) => name,
        }
    }
}

impl<'de> Deserialize<'de> for Field {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Field;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field name")
            }

            fn visit_str<E: de::Error>(self, s: &str) -> Result<Field, E> {
                Ok(match s {
                    "error" => Field::Error,
                    "request" => Field::Request,
                    "code" => Field::Code,
                    "text" => Field::Text,
                    "details" => Field::Details,
                    "datetime" => Field::Datetime,
                    "link" => Field::Link,
                    "url" => Field::Url,
                    _ => Field::Other(s.into()),
                })
            }
        }
        d.deserialize_identifier(V)
    }
}

/// The unknown fields of an object: kept with the `json` feature, skipped without.
trait Extra {
    /// Reads the value of the unknown `field`, keeping it or skipping it.
    fn keep<'de, A: MapAccess<'de>>(&mut self, field: Field, map: &mut A) -> Result<(), A::Error>;
    /// Writes the kept fields.
    fn write_extra<S: SerializeMap>(&self, m: &mut S) -> Result<(), S::Error>;
}

macro_rules! extra {
    ($($ty:ty),*) => {$(
        impl Extra for $ty {
            #[cfg(feature = "json")]
            fn keep<'de, A: MapAccess<'de>>(&mut self, field: Field, map: &mut A) -> Result<(), A::Error> {
                let value = map.next_value()?;
                self.extra.insert(field.name(), value);
                Ok(())
            }

            #[cfg(not(feature = "json"))]
            fn keep<'de, A: MapAccess<'de>>(&mut self, _: Field, map: &mut A) -> Result<(), A::Error> {
                map.next_value::<de::IgnoredAny>().map(drop)
            }

            #[cfg(feature = "json")]
            fn write_extra<S: SerializeMap>(&self, m: &mut S) -> Result<(), S::Error> {
                self.extra.iter().try_for_each(|(name, value)| m.serialize_entry(name, value))
            }

            #[cfg(not(feature = "json"))]
            fn write_extra<S: SerializeMap>(&self, _: &mut S) -> Result<(), S::Error> {
                Ok(())
            }
        }
    )*};
}

extra!(ErrorResponse, ErrorInfo, RequestInfo);

/// Deserialises an object leniently: a map field by field; `null` as the empty object; any other
/// value handed to `other` as text.
macro_rules! lenient_object {
    ($ty:ty, $expecting:literal, |$obj:ident, $field:ident, $map:ident| $on_field:expr, |$o2:ident, $text:ident| $other:expr) => {
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct V;
                impl<'de> Visitor<'de> for V {
                    type Value = $ty;

                    as_json_text!(V::text; bool, i64, u64, f64, seq);

                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str($expecting)
                    }

                    fn visit_map<A: MapAccess<'de>>(self, mut $map: A) -> Result<$ty, A::Error> {
                        let mut $obj = <$ty>::default();
                        while let Some($field) = $map.next_key::<Field>()? {
                            $on_field;
                        }
                        Ok($obj)
                    }

                    fn visit_unit<E: de::Error>(self) -> Result<$ty, E> {
                        Ok(<$ty>::default())
                    }

                    fn visit_none<E: de::Error>(self) -> Result<$ty, E> {
                        Ok(<$ty>::default())
                    }

                    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<$ty, D::Error> {
                        d.deserialize_any(self)
                    }

                    fn visit_str<E: de::Error>(self, s: &str) -> Result<$ty, E> {
                        Ok(V::text(s.into()))
                    }
                }

                impl V {
                    fn text($text: String) -> $ty {
                        let mut $o2 = <$ty>::default();
                        $other;
                        $o2
                    }
                }

                d.deserialize_any(V)
            }
        }
    };
}

// A top-level value that is not an object (a bare string, a list) becomes the error's text.
lenient_object!(
    ErrorResponse,
    "an Aculab error body",
    |r, field, map| match field {
        Field::Error => r.error = map.next_value()?,
        Field::Request => r.request = map.next_value()?,
        other => r.keep(other, &mut map)?,
    },
    |r, text| r.error.text = Some(text)
);

// An `error` that is a string or other value becomes its text.
lenient_object!(
    ErrorInfo,
    "the error object of an Aculab error body",
    |e, field, map| match field {
        Field::Code => e.code = map.next_value::<LenientCode>()?.0,
        Field::Text => e.text = map.next_value::<Text>()?.0,
        Field::Details => e.details = map.next_value::<Details>()?.0,
        Field::Datetime => e.datetime = map.next_value::<Text>()?.0,
        Field::Link => e.link = map.next_value::<Text>()?.0,
        other => e.keep(other, &mut map)?,
    },
    |e, text| e.text = Some(text)
);

// A `request` that is a string or other value becomes its URL.
lenient_object!(
    RequestInfo,
    "the request object of an Aculab error body",
    |q, field, map| match field {
        Field::Url => q.url = map.next_value::<Text>()?.0,
        Field::Datetime => q.datetime = map.next_value::<Text>()?.0,
        other => q.keep(other, &mut map)?,
    },
    |q, text| q.url = Some(text)
);

/// Writes the fields that are present.
fn write_fields<S: SerializeMap>(
    m: &mut S,
    fields: &[(&str, Option<&str>)],
) -> Result<(), S::Error> {
    fields
        .iter()
        .filter_map(|&(name, value)| Some((name, value?)))
        .try_for_each(|(name, value)| m.serialize_entry(name, value))
}

/// Writes the body back as it was read: absent fields stay absent, `details` is omitted when
/// empty, and (with the `json` feature) unknown fields are written back.
impl Serialize for ErrorResponse {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("error", &self.error)?;
        if self.request != RequestInfo::default() {
            m.serialize_entry("request", &self.request)?;
        }
        self.write_extra(&mut m)?;
        m.end()
    }
}

/// Writes the present fields, then (with the `json` feature) the unknown ones.
impl Serialize for ErrorInfo {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        if let Some(code) = &self.code {
            m.serialize_entry("code", code)?;
        }
        write_fields(&mut m, &[("text", self.text.as_deref())])?;
        if !self.details.is_empty() {
            m.serialize_entry("details", &self.details)?;
        }
        let fields = [
            ("datetime", self.datetime.as_deref()),
            ("link", self.link.as_deref()),
        ];
        write_fields(&mut m, &fields)?;
        self.write_extra(&mut m)?;
        m.end()
    }
}

/// Writes the present fields, then (with the `json` feature) the unknown ones.
impl Serialize for RequestInfo {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        let fields = [
            ("url", self.url.as_deref()),
            ("datetime", self.datetime.as_deref()),
        ];
        write_fields(&mut m, &fields)?;
        self.write_extra(&mut m)?;
        m.end()
    }
}
