//! JaCoCo XML: `<package name="com/example">` holding
//! `<sourcefile name="Foo.java">` with `<line nr mi ci mb cb>` (missed and
//! covered instructions and branches). A line is measured when it has
//! instructions and covered when any ran. Paths are `package/file`;
//! [`crate::paths`] finds them under the configured source roots.

use std::io::BufRead;

use quick_xml::events::Event;

use super::xml::{XmlReader, count, line_number};
use super::{ParseError, RawFile};
use crate::model::FileCoverage;

pub fn parse(input: impl BufRead) -> Result<Vec<RawFile>, ParseError> {
    let mut xml = XmlReader::new(input);
    let mut buf = Vec::new();
    let mut files = Vec::new();
    let mut package = String::new();
    let mut source: Option<RawFile> = None;
    let mut saw_root = false;
    loop {
        let event = xml.next(&mut buf)?;
        let (element, is_empty) = match &event {
            Event::Start(e) => (e, false),
            Event::Empty(e) => (e, true),
            Event::End(e) => {
                if e.local_name().as_ref() == b"sourcefile" {
                    files.extend(source.take());
                }
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        match element.local_name().as_ref() {
            b"report" => saw_root = true,
            _ if !saw_root => {
                let tag = String::from_utf8_lossy(element.name().as_ref()).into_owned();
                return Err(
                    xml.error(format!("the root element is <{tag}>, not JaCoCo's <report>"))
                );
            }
            b"package" => package = xml.required(element, "name")?,
            b"sourcefile" => {
                let name = xml.required(element, "name")?;
                let path = if package.is_empty() { name } else { format!("{package}/{name}") };
                let file = RawFile { path, coverage: FileCoverage::default() };
                if is_empty {
                    files.push(file);
                } else {
                    source = Some(file);
                }
            }
            b"line" => {
                let Some(file) = source.as_mut() else { continue };
                let (mut number, mut counts) = (None, [0u64; 4]);
                xml.each_attr(element, |key, value| {
                    let slot = match key {
                        b"nr" => {
                            number = Some(line_number("nr", value)?);
                            return Ok(());
                        }
                        b"mi" => 0,
                        b"ci" => 1,
                        b"mb" => 2,
                        b"cb" => 3,
                        _ => return Ok(()),
                    };
                    counts[slot] = count(std::str::from_utf8(key).unwrap_or("?"), value)?;
                    Ok(())
                })?;
                let number = number.ok_or_else(|| xml.error("<line> has no `nr` attribute"))?;
                let [missed, covered, missed_branches, covered_branches] = counts;
                if missed + covered > 0 {
                    file.coverage.lines.push((number, crate::model::saturate(covered)));
                }
                file.coverage.branches.covered += covered_branches;
                file.coverage.branches.total += covered_branches + missed_branches;
            }
            _ => {}
        }
    }
    if !saw_root {
        return Err(ParseError::whole(
            "no <report> element: the file is empty or not a JaCoCo report",
        ));
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Branches;

    #[test]
    fn reads_packages_sourcefiles_and_lines() {
        let text = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><!DOCTYPE report PUBLIC "-//JACOCO//DTD Report 1.1//EN" "report.dtd"><report name="demo"><sessioninfo id="x" start="1" dump="2"/><package name="com/acme"><class name="com/acme/Foo" sourcefilename="Foo.java"><method name="f" desc="()V" line="3"><counter type="LINE" missed="0" covered="1"/></method></class><sourcefile name="Foo.java"><line nr="3" mi="0" ci="4" mb="1" cb="1"/><line nr="4" mi="2" ci="0" mb="0" cb="0"/><line nr="5" mi="0" ci="0" mb="0" cb="0"/><counter type="LINE" missed="1" covered="1"/></sourcefile></package></report>"#;
        let files = parse(text.as_bytes()).unwrap();
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].path, "com/acme/Foo.java");
        assert_eq!(files[0].coverage.lines, vec![(3, 4), (4, 0)]);
        assert_eq!(files[0].coverage.branches, Branches { covered: 1, total: 2 });
    }
}
