//! A safe XML event reader for coverage reports: no DTD processing and no
//! entity expansion (a report that declares entities is refused, so neither
//! XXE nor billion-laughs inputs can do anything), errors with line numbers.

use std::borrow::Cow;

use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};

use super::ParseError;

pub struct XmlReader<'a> {
    reader: quick_xml::Reader<&'a [u8]>,
    bytes: &'a [u8],
}

impl<'a> XmlReader<'a> {
    pub fn new(bytes: &'a [u8]) -> XmlReader<'a> {
        XmlReader { reader: quick_xml::Reader::from_reader(bytes), bytes }
    }

    /// The next event; `Eof` at the end. A DOCTYPE is allowed (JaCoCo writes
    /// one) but never read: one that declares entities is an error.
    pub fn next(&mut self) -> Result<Event<'a>, ParseError> {
        let event = self.reader.read_event().map_err(|e| {
            let line = line_at(self.bytes, self.reader.error_position());
            ParseError::at(line, format!("invalid XML: {e}"))
        })?;
        match &event {
            Event::DocType(text) if memchr::memmem::find(text, b"<!ENTITY").is_some() => {
                Err(self.error("the report declares XML entities (a DTD with <!ENTITY>); lintgate never expands entities, so it refuses the file"))
            }
            Event::GeneralRef(reference) if !reference.is_char_ref() && predefined(reference).is_none() => {
                let name = String::from_utf8_lossy(reference);
                Err(self.error(format!("entity reference `&{name};` is not one of XML's predefined entities; lintgate does not expand entities")))
            }
            _ => Ok(event),
        }
    }

    /// The text content of the element just opened, up to its end tag.
    pub fn text(&mut self) -> Result<String, ParseError> {
        let mut out = String::new();
        loop {
            match self.next()? {
                Event::Text(text) => {
                    out.push_str(&text.decode().map_err(|e| self.error(e.to_string()))?)
                }
                Event::CData(data) => out.push_str(&String::from_utf8_lossy(&data)),
                Event::GeneralRef(reference) => {
                    if let Some(c) = predefined(&reference) {
                        out.push(c);
                    } else if let Ok(Some(c)) = reference.resolve_char_ref() {
                        out.push(c);
                    } else {
                        return Err(self.error("invalid character reference"));
                    }
                }
                Event::End(_) => return Ok(out),
                Event::Eof => return Err(self.error("unexpected end of file inside an element")),
                _ => {}
            }
        }
    }

    pub fn line(&self) -> usize {
        line_at(self.bytes, self.reader.buffer_position())
    }

    pub fn error(&self, message: impl Into<String>) -> ParseError {
        ParseError::at(self.line(), message)
    }

    /// An attribute's value with predefined entities resolved; `None` if absent.
    pub fn attr(&self, element: &BytesStart<'a>, name: &str) -> Result<Option<String>, ParseError> {
        let Some(attribute) = element
            .try_get_attribute(name)
            .map_err(|e| self.error(format!("invalid attribute: {e}")))?
        else {
            return Ok(None);
        };
        let value = attribute
            .normalized_value(XmlVersion::Implicit1_0)
            .map_err(|e| self.error(format!("invalid value of `{name}`: {e}")))?;
        Ok(Some(Cow::into_owned(value)))
    }

    /// A required attribute.
    pub fn required(&self, element: &BytesStart<'a>, name: &str) -> Result<String, ParseError> {
        let tag = String::from_utf8_lossy(element.name().as_ref()).into_owned();
        self.attr(element, name)?
            .ok_or_else(|| self.error(format!("<{tag}> has no `{name}` attribute")))
    }

    /// A non-negative integer attribute; absent is `None`. Decimal values
    /// (`hits="2.0"`, written by some converters) are accepted when whole.
    pub fn number(&self, element: &BytesStart<'a>, name: &str) -> Result<Option<u64>, ParseError> {
        match self.attr(element, name)? {
            None => Ok(None),
            Some(text) => parse_count(&text).map(Some).ok_or_else(|| {
                self.error(format!("`{name}` is `{text}`, not a whole non-negative number"))
            }),
        }
    }
}

impl<'a> XmlReader<'a> {
    /// A required positive line number attribute.
    pub fn line_number(&self, element: &BytesStart<'a>, name: &str) -> Result<u32, ParseError> {
        let text = self.required(element, name)?;
        match text.trim().parse::<u32>() {
            Ok(n) if n > 0 => Ok(n),
            _ => Err(self.error(format!("line number `{text}` is not a positive integer"))),
        }
    }
}

pub fn parse_count(text: &str) -> Option<u64> {
    let text = text.trim();
    text.parse::<u64>().ok().or_else(|| {
        let value: f64 = text.parse().ok()?;
        (value >= 0.0 && value.fract() == 0.0 && value < u64::MAX as f64).then_some(value as u64)
    })
}

fn predefined(reference: &[u8]) -> Option<char> {
    Some(match reference {
        b"amp" => '&',
        b"lt" => '<',
        b"gt" => '>',
        b"quot" => '"',
        b"apos" => '\'',
        _ => return None,
    })
}

/// The 1-based line of a byte offset.
pub fn line_at(bytes: &[u8], offset: u64) -> usize {
    let end = usize::try_from(offset).unwrap_or(usize::MAX).min(bytes.len());
    memchr::memchr_iter(b'\n', &bytes[..end]).count() + 1
}
