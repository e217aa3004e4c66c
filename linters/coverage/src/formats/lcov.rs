//! LCOV tracefiles (geninfo, c8/nyc, cargo-llvm-cov, coverage.py's `lcov`).
//! `SF` opens a file, `DA:line,hits[,checksum]` measures a line,
//! `BRDA:line,block,branch,taken` counts a branch (`-` = never evaluated;
//! LCOV 2 allows commas inside the branch expression, so the line is the
//! first field and `taken` the last), `end_of_record` closes. The summary
//! records (`LF`, `LH`, `BRF`, `BRH`) and function records (`FN`, `FNDA`,
//! `FNL`, `FNA`, `FNF`, `FNH`) are recomputable and not needed for lines.
//! A file in several `SF` blocks is summed.

use std::io::BufRead;

use super::{ParseError, RawFile, count, each_line, line_number};
use crate::model::FileCoverage;
use crate::model::saturate;

pub fn parse(input: &mut dyn BufRead) -> Result<Vec<RawFile>, ParseError> {
    let mut files = Vec::new();
    let mut current: Option<RawFile> = None;
    each_line(input, |line_no, raw| {
        // The hot path: millions of `DA:line,hits` records, read as bytes.
        if let Some(rest) = raw.strip_prefix(b"DA:")
            && let Some(file) = current.as_mut()
            && let Some((line, hits)) = fast_da(rest)
        {
            file.coverage.lines.push((line, hits));
            return Ok(());
        }
        if let Some(rest) = raw.strip_prefix(b"BRDA:")
            && let Some(file) = current.as_mut()
            && let Some(taken) = fast_brda(rest)
        {
            file.coverage.branches.total += 1;
            file.coverage.branches.covered += u64::from(taken);
            return Ok(());
        }
        let raw = std::str::from_utf8(raw)
            .map_err(|_| ParseError::at(line_no, "the report is not valid UTF-8"))?;
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            return Ok(());
        }
        if line == "end_of_record" {
            files.extend(current.take());
            return Ok(());
        }
        let Some((tag, value)) = line.split_once(':') else {
            return Err(ParseError::at(
                line_no,
                format!("`{line}` is not an LCOV record (TAG:VALUE)"),
            ));
        };
        match tag {
            "SF" => {
                if let Some(open) = current
                    .replace(RawFile { path: value.to_string(), coverage: FileCoverage::default() })
                {
                    // A missing end_of_record: keep what was read.
                    files.push(open);
                }
            }
            "DA" | "BRDA" => {
                let Some(file) = current.as_mut() else {
                    return Err(ParseError::at(line_no, format!("`{tag}` record before any `SF`")));
                };
                if tag == "DA" {
                    let mut fields = value.split(',');
                    let line = line_number(fields.next().unwrap_or(""), line_no)?;
                    let hits = count(fields.next().unwrap_or(""), "hit count", line_no)?;
                    file.coverage.lines.push((line, saturate(hits)));
                } else {
                    read_branch(value, line_no, &mut file.coverage)?;
                }
            }
            "TN" | "VER" | "LF" | "LH" | "BRF" | "BRH" | "FN" | "FNDA" | "FNF" | "FNH" | "FNL"
            | "FNA" | "MCDC" | "MCF" | "MCH" => {}
            _ => {
                return Err(ParseError::at(line_no, format!("unknown LCOV record `{tag}`")));
            }
        }
        Ok(())
    })?;
    files.extend(current);
    Ok(files)
}

/// `12,3` or `12,3,checksum` of plain digits; anything else takes the
/// general path (and its error messages).
fn fast_da(rest: &[u8]) -> Option<(u32, u32)> {
    let comma = memchr::memchr(b',', rest)?;
    let line = digits(&rest[..comma])?;
    let tail = &rest[comma + 1..];
    let end = memchr::memchr(b',', tail).unwrap_or(tail.len());
    let hits = digits(&tail[..end])?;
    (line > 0 && line <= u64::from(u32::MAX)).then(|| (line as u32, saturate(hits)))
}

/// Whether the branch of `line,block,branch,taken` was taken, when the
/// line and `taken` are plain (`taken` may be `-`).
fn fast_brda(rest: &[u8]) -> Option<bool> {
    let first = memchr::memchr(b',', rest)?;
    let last = memchr::memrchr(b',', rest)?;
    if memchr::memchr_iter(b',', rest).count() < 3 || digits(&rest[..first])? == 0 {
        return None;
    }
    match &rest[last + 1..] {
        b"-" => Some(false),
        taken => Some(digits(taken)? > 0),
    }
}

fn digits(bytes: &[u8]) -> Option<u64> {
    if bytes.is_empty() || bytes.len() > 19 {
        return None;
    }
    bytes.iter().try_fold(0u64, |n, &b| b.is_ascii_digit().then(|| n * 10 + u64::from(b - b'0')))
}

fn read_branch(value: &str, line_no: usize, file: &mut FileCoverage) -> Result<(), ParseError> {
    let (Some((line, _)), Some((_, taken))) = (value.split_once(','), value.rsplit_once(','))
    else {
        return Err(ParseError::at(line_no, format!("`BRDA:{value}` has too few fields")));
    };
    if value.matches(',').count() < 3 {
        return Err(ParseError::at(line_no, format!("`BRDA:{value}` has too few fields")));
    }
    line_number(line, line_no)?;
    let taken = if taken.trim() == "-" { 0 } else { count(taken, "branch count", line_no)? };
    file.branches.total += 1;
    file.branches.covered += u64::from(taken > 0);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::Location;
    use crate::model::Branches;

    #[test]
    fn reads_records_and_branch_expressions_with_commas() {
        let text = "TN:unit\nSF:/src/a.c\nFN:3,5,main\nFNDA:1,main\nFNL:0,3,5\nFNA:0,1,main\nDA:3,1\nDA:4,0,abcd\nBRDA:4,0,(a, b) == 1,1\nBRDA:4,0,1,-\nLF:2\nLH:1\nend_of_record\nSF:/src/a.c\nDA:4,2\nend_of_record\n";
        let files = parse(&mut text.as_bytes()).unwrap();
        assert_eq!(files.len(), 2);
        assert_eq!(files[0].coverage.lines, vec![(3, 1), (4, 0)]);
        assert_eq!(files[0].coverage.branches, Branches { covered: 1, total: 2 });
        assert_eq!(files[1].coverage.lines, vec![(4, 2)]);
    }

    #[test]
    fn errors_name_the_line() {
        let error = parse(&mut "SF:a\nDA:x,1\n".as_bytes()).unwrap_err();
        assert_eq!(error.location, Location::Line(2));
        let error = parse(&mut "DA:1,1\n".as_bytes()).unwrap_err();
        assert!(error.message.contains("before any `SF`"));
        assert_eq!(
            parse(&mut "SF:a\nDA:1,-3\n".as_bytes()).unwrap_err().location,
            Location::Line(2)
        );
        assert_eq!(
            parse(&mut "SF:a\nBOGUS:1\n".as_bytes()).unwrap_err().location,
            Location::Line(2)
        );
    }
}
