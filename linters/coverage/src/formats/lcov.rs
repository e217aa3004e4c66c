//! LCOV tracefiles (geninfo, c8/nyc, cargo-llvm-cov, coverage.py's `lcov`).
//! `SF` opens a file, `DA:line,hits[,checksum]` measures a line,
//! `BRDA:line,block,branch,taken` counts a branch (`-` = never evaluated;
//! LCOV 2 allows commas inside the branch expression, so the line is the
//! first field and `taken` the last), `end_of_record` closes. The summary
//! records (`LF`, `LH`, `BRF`, `BRH`) and function records (`FN`, `FNDA`,
//! `FNL`, `FNA`, `FNF`, `FNH`) are recomputable and not needed for lines.
//! A file in several `SF` blocks is summed.

use super::{ParseError, RawFile, count, line_number};
use crate::model::FileCoverage;

pub fn parse(text: &str) -> Result<Vec<RawFile>, ParseError> {
    let mut files = Vec::new();
    let mut current: Option<RawFile> = None;
    for (index, raw) in text.lines().enumerate() {
        let line_no = index + 1;
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if line == "end_of_record" {
            files.extend(current.take());
            continue;
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
                    file.coverage.lines.push((line, hits));
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
    }
    files.extend(current);
    Ok(files)
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
    use crate::model::Branches;

    #[test]
    fn reads_records_and_branch_expressions_with_commas() {
        let text = "TN:unit\nSF:/src/a.c\nFN:3,5,main\nFNDA:1,main\nFNL:0,3,5\nFNA:0,1,main\nDA:3,1\nDA:4,0,abcd\nBRDA:4,0,(a, b) == 1,1\nBRDA:4,0,1,-\nLF:2\nLH:1\nend_of_record\nSF:/src/a.c\nDA:4,2\nend_of_record\n";
        let files = parse(text).unwrap();
        assert_eq!(files.len(), 2);
        assert_eq!(files[0].coverage.lines, vec![(3, 1), (4, 0)]);
        assert_eq!(files[0].coverage.branches, Branches { covered: 1, total: 2 });
        assert_eq!(files[1].coverage.lines, vec![(4, 2)]);
    }

    #[test]
    fn errors_name_the_line() {
        let error = parse("SF:a\nDA:x,1\n").unwrap_err();
        assert_eq!(error.line, Some(2));
        let error = parse("DA:1,1\n").unwrap_err();
        assert!(error.message.contains("before any `SF`"));
        assert_eq!(parse("SF:a\nDA:1,-3\n").unwrap_err().line, Some(2));
        assert_eq!(parse("SF:a\nBOGUS:1\n").unwrap_err().line, Some(2));
    }
}
