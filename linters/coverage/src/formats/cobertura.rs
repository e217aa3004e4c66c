//! Cobertura XML (coverage.py, pytest-cov, cargo-llvm-cov, gcovr, JaCoCo
//! converters). Lines are read from `<class><lines>`; the copies under
//! `<methods>` are skipped. Branches come from `condition-coverage="50% (1/2)"`.

use std::io::BufRead;

use quick_xml::events::{BytesStart, Event};

use super::xml::{XmlReader, count, line_number};
use super::{ParseError, RawFile};
use crate::model::{Branches, FileCoverage};

pub fn parse(input: impl BufRead) -> Result<(Vec<String>, Vec<RawFile>), ParseError> {
    let mut xml = XmlReader::new(input);
    let mut buf = Vec::new();
    let mut sources = Vec::new();
    let mut files = Vec::new();
    let mut class: Option<RawFile> = None;
    let mut in_methods = false;
    let mut saw_root = false;
    loop {
        let event = xml.next(&mut buf)?;
        let (element, is_empty) = match &event {
            Event::Start(e) => (e, false),
            Event::Empty(e) => (e, true),
            Event::End(e) => {
                match e.local_name().as_ref() {
                    b"methods" => in_methods = false,
                    b"class" => files.extend(class.take()),
                    _ => {}
                }
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        match element.local_name().as_ref() {
            b"coverage" => saw_root = true,
            _ if !saw_root => {
                let tag = String::from_utf8_lossy(element.name().as_ref()).into_owned();
                return Err(
                    xml.error(format!("the root element is <{tag}>, not Cobertura's <coverage>"))
                );
            }
            b"source" if !is_empty => {
                let source = xml.text()?;
                let source = source.trim();
                if !source.is_empty() {
                    sources.push(source.to_string());
                }
            }
            b"class" => {
                let path = xml.required(element, "filename")?;
                let file = RawFile { path, coverage: FileCoverage::default() };
                if is_empty {
                    files.push(file);
                } else {
                    class = Some(file);
                }
            }
            b"methods" if !is_empty => in_methods = true,
            b"line" if !in_methods => {
                if let Some(class) = class.as_mut() {
                    read_line(&xml, element, &mut class.coverage)?;
                }
            }
            _ => {}
        }
    }
    if !saw_root {
        return Err(ParseError::whole(
            "no <coverage> element: the file is empty or not a Cobertura report",
        ));
    }
    Ok((sources, files))
}

fn read_line<R: BufRead>(
    xml: &XmlReader<R>,
    element: &BytesStart,
    file: &mut FileCoverage,
) -> Result<(), ParseError> {
    let (mut number, mut hits, mut branch, mut branches) = (None, 0, false, None);
    xml.each_attr(element, |key, value| {
        match key {
            b"number" => number = Some(line_number("number", value)?),
            b"hits" => hits = count("hits", value)?,
            b"branch" => branch = value == b"true",
            b"condition-coverage" => {
                let text = String::from_utf8_lossy(value);
                branches = Some(parse_branches(&text).ok_or_else(|| {
                    format!("condition-coverage `{text}` is not like `50% (1/2)`")
                })?);
            }
            _ => {}
        }
        Ok(())
    })?;
    let number = number.ok_or_else(|| xml.error("<line> has no `number` attribute"))?;
    file.lines.push((number, crate::model::saturate(hits)));
    if branch && let Some(branches) = branches {
        file.branches.add(branches);
    }
    Ok(())
}

/// `50% (1/2)` -> 1 of 2.
fn parse_branches(condition: &str) -> Option<Branches> {
    let inner = condition.split_once('(')?.1.split_once(')')?.0;
    let (covered, total) = inner.split_once('/')?;
    let covered: u64 = covered.trim().parse().ok()?;
    let total: u64 = total.trim().parse().ok()?;
    (covered <= total).then_some(Branches { covered, total })
}

#[cfg(test)]
mod tests {
    use super::*;

    const REPORT: &str = r#"<?xml version="1.0" ?>
<coverage version="7.6" line-rate="0.5" branch-rate="0.5">
  <sources>
    <source>/build/app/src
    </source>
    <source>lib</source>
  </sources>
  <packages><package name="pkg"><classes>
    <class name="a.py" filename="pkg/a.py" line-rate="0.5">
      <methods><method name="f"><lines><line number="1" hits="9"/></lines></method></methods>
      <lines>
        <line number="1" hits="1"/>
        <line number="2" hits="0" branch="true" condition-coverage="50% (1/2)"/>
      </lines>
    </class>
    <class name="a.py$Inner" filename="pkg/a.py"><lines><line number="7" hits="3"/></lines></class>
  </classes></package></packages>
</coverage>"#;

    #[test]
    fn reads_sources_classes_lines_and_branches() {
        let (sources, files) = parse(REPORT.as_bytes()).unwrap();
        assert_eq!(sources, vec!["/build/app/src", "lib"]);
        assert_eq!(files.len(), 2);
        assert_eq!(files[0].path, "pkg/a.py");
        assert_eq!(files[0].coverage.lines, vec![(1, 1), (2, 0)]);
        assert_eq!(files[0].coverage.branches, Branches { covered: 1, total: 2 });
        assert_eq!(files[1].coverage.lines, vec![(7, 3)]);
    }

    #[test]
    fn refuses_entities_and_names_lines() {
        let bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;\">]>\n<coverage>&lol2;</coverage>";
        let error = parse(bomb.as_bytes()).unwrap_err();
        assert!(error.message.contains("entities"), "{error:?}");
        let xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE c [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><coverage><sources><source>&x;</source></sources></coverage>";
        assert!(parse(xxe.as_bytes()).unwrap_err().message.contains("entities"));
        let bad = "<coverage>\n<class filename=\"a\"><lines>\n<line number=\"x\" hits=\"1\"/></lines></class></coverage>";
        let error = parse(bad.as_bytes()).unwrap_err();
        assert_eq!(error.line_in(bad.as_bytes()), Some(3), "{error:?}");
        assert!(parse(&b"<report/>"[..]).unwrap_err().message.contains("<report>"));
        assert!(parse(&b""[..]).is_err());
    }
}
