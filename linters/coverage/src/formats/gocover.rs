//! Go coverprofiles (`go test -coverprofile`): a `mode:` line, then one
//! block per line, `path/file.go:startLine.startCol,endLine.endCol statements count`.
//! Every line a block spans gets the block's count; a line in several
//! blocks (or a block listed again, as `-coverpkg` runs write) sums them,
//! so a line is covered when any block on it ran. Paths are import paths;
//! [`crate::paths`] maps them to the repository through `go.mod`.

use std::io::BufRead;

use super::{ParseError, RawFile, count, each_line, line_number};
use crate::model::FileCoverage;

pub fn parse(input: &mut dyn BufRead) -> Result<Vec<RawFile>, ParseError> {
    let mut files: Vec<RawFile> = Vec::new();
    let mut saw_mode = false;
    each_line(input, |line_no, raw| {
        let raw = std::str::from_utf8(raw)
            .map_err(|_| ParseError::at(line_no, "the report is not valid UTF-8"))?;
        let line = raw.trim();
        if line.is_empty() {
            return Ok(());
        }
        if let Some(mode) = line.strip_prefix("mode:") {
            if !matches!(mode.trim(), "set" | "count" | "atomic") {
                return Err(ParseError::at(
                    line_no,
                    format!("unknown Go cover mode `{}` (set, count, atomic)", mode.trim()),
                ));
            }
            saw_mode = true;
            return Ok(());
        }
        if !saw_mode {
            return Err(ParseError::at(line_no, "a Go coverprofile starts with a `mode:` line"));
        }
        let bad = || {
            ParseError::at(line_no, format!("`{line}` is not `file.go:L.C,L.C statements count`"))
        };
        let (location, numbers) = line.rsplit_once(':').ok_or_else(bad)?;
        let mut fields = numbers.split_whitespace();
        let (Some(span), Some(_statements), Some(hits), None) =
            (fields.next(), fields.next(), fields.next(), fields.next())
        else {
            return Err(bad());
        };
        let (start, end) = span.split_once(',').ok_or_else(bad)?;
        let start = line_number(start.split_once('.').ok_or_else(bad)?.0, line_no)?;
        let end = line_number(end.split_once('.').ok_or_else(bad)?.0, line_no)?;
        if end < start {
            return Err(ParseError::at(
                line_no,
                format!("block ends (line {end}) before it starts (line {start})"),
            ));
        }
        let hits = crate::model::saturate(count(hits, "count", line_no)?);
        let file = match files.last_mut() {
            Some(file) if file.path == location => file,
            _ => {
                files.push(RawFile {
                    path: location.to_string(),
                    coverage: FileCoverage::default(),
                });
                files.last_mut().expect("just pushed")
            }
        };
        file.coverage.lines.extend((start..=end).map(|line| (line, hits)));
        Ok(())
    })?;
    if !saw_mode {
        return Err(ParseError::whole(
            "no `mode:` line: the file is empty or not a Go coverprofile",
        ));
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::Location;

    #[test]
    fn blocks_cover_every_line_they_span() {
        let text = "mode: count\nexample.com/m/a.go:3.14,5.2 2 1\nexample.com/m/a.go:5.2,7.3 1 0\nexample.com/m/b.go:1.1,1.9 1 4\n";
        let mut files = parse(&mut text.as_bytes()).unwrap();
        assert_eq!(files.len(), 2);
        files[0].coverage.normalize();
        assert_eq!(files[0].coverage.lines, vec![(3, 1), (4, 1), (5, 1), (6, 0), (7, 0)]);
        assert_eq!(files[1].path, "example.com/m/b.go");
    }

    #[test]
    fn bad_input_is_an_error_with_a_line() {
        assert_eq!(
            parse(&mut "mode: set\nnot a block\n".as_bytes()).unwrap_err().location,
            Location::Line(2)
        );
        assert!(parse(&mut "".as_bytes()).is_err());
        assert!(parse(&mut "mode: fast\n".as_bytes()).unwrap_err().message.contains("fast"));
        assert_eq!(
            parse(&mut "mode: set\na.go:5.1,3.1 1 1\n".as_bytes()).unwrap_err().location,
            Location::Line(2)
        );
    }
}
