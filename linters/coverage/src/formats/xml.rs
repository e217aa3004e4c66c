//! A safe, streaming XML event reader for coverage reports: no DTD
//! processing and no entity expansion (a report that declares entities is
//! refused, so neither XXE nor billion-laughs inputs can do anything). Reads
//! through a buffer, so a report never has to fit in memory; errors carry
//! the byte offset, which the loader turns into a line number.

use std::io::BufRead;

use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};

use super::ParseError;

pub struct XmlReader<R: BufRead> {
    reader: quick_xml::Reader<R>,
    text_buf: Vec<u8>,
}

impl<R: BufRead> XmlReader<R> {
    pub fn new(input: R) -> XmlReader<R> {
        XmlReader { reader: quick_xml::Reader::from_reader(input), text_buf: Vec::new() }
    }

    /// The next event, borrowing `buf`; `Eof` at the end. A DOCTYPE is
    /// allowed (JaCoCo writes one) but never read: one that declares
    /// entities is an error.
    pub fn next<'b>(&mut self, buf: &'b mut Vec<u8>) -> Result<Event<'b>, ParseError> {
        buf.clear();
        let event = self.reader.read_event_into(buf).map_err(|e| {
            ParseError::at_offset(self.reader.error_position(), format!("invalid XML: {e}"))
        })?;
        self.refuse_entities(&event)?;
        Ok(event)
    }

    fn refuse_entities(&self, event: &Event) -> Result<(), ParseError> {
        match event {
            Event::DocType(text) if memchr::memmem::find(text, b"<!ENTITY").is_some() => {
                Err(self.error("the report declares XML entities (a DTD with <!ENTITY>); lintgate never expands entities, so it refuses the file"))
            }
            Event::GeneralRef(reference) if !reference.is_char_ref() && predefined(reference).is_none() => {
                let name = String::from_utf8_lossy(reference);
                Err(self.error(format!("entity reference `&{name};` is not one of XML's predefined entities; lintgate does not expand entities")))
            }
            _ => Ok(()),
        }
    }

    /// The text content of the element just opened, up to its end tag.
    pub fn text(&mut self) -> Result<String, ParseError> {
        let mut out = String::new();
        let mut buf = std::mem::take(&mut self.text_buf);
        let result = loop {
            match self.next(&mut buf) {
                Err(e) => break Err(e),
                Ok(Event::Text(text)) => match text.decode() {
                    Ok(text) => out.push_str(&text),
                    Err(e) => break Err(self.error(e.to_string())),
                },
                Ok(Event::CData(data)) => out.push_str(&String::from_utf8_lossy(&data)),
                Ok(Event::GeneralRef(reference)) => {
                    match predefined(&reference)
                        .or_else(|| reference.resolve_char_ref().ok().flatten())
                    {
                        Some(c) => out.push(c),
                        None => break Err(self.error("invalid character reference")),
                    }
                }
                Ok(Event::End(_)) => break Ok(out),
                Ok(Event::Eof) => break Err(self.error("unexpected end of file inside an element")),
                Ok(_) => {}
            }
        };
        self.text_buf = buf;
        result
    }

    /// An error at the current position.
    pub fn error(&self, message: impl Into<String>) -> ParseError {
        ParseError::at_offset(self.reader.buffer_position(), message)
    }

    /// An attribute's value with predefined entities resolved; `None` if absent.
    pub fn attr(&self, element: &BytesStart, name: &str) -> Result<Option<String>, ParseError> {
        let Some(attribute) = element
            .try_get_attribute(name)
            .map_err(|e| self.error(format!("invalid attribute: {e}")))?
        else {
            return Ok(None);
        };
        let value = attribute
            .normalized_value(XmlVersion::Implicit1_0)
            .map_err(|e| self.error(format!("invalid value of `{name}`: {e}")))?;
        Ok(Some(value.into_owned()))
    }

    /// A required attribute.
    pub fn required(&self, element: &BytesStart, name: &str) -> Result<String, ParseError> {
        let tag = String::from_utf8_lossy(element.name().as_ref()).into_owned();
        self.attr(element, name)?
            .ok_or_else(|| self.error(format!("<{tag}> has no `{name}` attribute")))
    }

    /// Calls `each` with every attribute's name and raw value, without
    /// allocating: the hot path for the millions of `<line>` elements.
    pub fn each_attr(
        &self,
        element: &BytesStart,
        mut each: impl FnMut(&[u8], &[u8]) -> Result<(), String>,
    ) -> Result<(), ParseError> {
        for attribute in element.attributes() {
            let attribute = attribute.map_err(|e| self.error(format!("invalid attribute: {e}")))?;
            each(attribute.key.as_ref(), &attribute.value)
                .map_err(|message| self.error(message))?;
        }
        Ok(())
    }
}

/// A raw attribute value as a line number.
pub fn line_number(name: &str, value: &[u8]) -> Result<u32, String> {
    match std::str::from_utf8(value).ok().and_then(|t| t.trim().parse::<u32>().ok()) {
        Some(n) if n > 0 => Ok(n),
        _ => Err(format!(
            "{name} `{}` is not a positive line number",
            String::from_utf8_lossy(value)
        )),
    }
}

/// A raw attribute value as a count (`hits`, `ci`, ...).
pub fn count(name: &str, value: &[u8]) -> Result<u64, String> {
    std::str::from_utf8(value).ok().and_then(parse_count).ok_or_else(|| {
        format!("`{name}` is `{}`, not a whole non-negative number", String::from_utf8_lossy(value))
    })
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
