//! A script assembled from YAML scalars, as a CI runner would run it, with
//! a source map back to the file.

use crate::source_map::SourceMap;
use crate::yaml::Decoded;

#[derive(Debug, Clone, Default)]
pub struct Script {
    pub text: String,
    pub map: SourceMap,
}

impl Script {
    /// Appends one script item (items are run one after another: joined by
    /// a line break).
    pub fn push(&mut self, item: &Decoded) {
        if !self.text.is_empty() {
            self.text.push('\n');
        }
        let at = self.text.len();
        self.text.push_str(&item.text);
        self.map.append(&item.map, at);
    }

    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
    }

    /// Replaces template expressions (`${{ github.sha }}`, `$[[ inputs.x ]]`)
    /// with a same-length word, so the shell sees a plain word and columns
    /// stay where they were.
    pub fn mask_templates(&mut self) {
        for (open, close) in [("${{", "}}"), ("$[[", "]]")] {
            let mut from = 0;
            while let Some(start) = self.text[from..].find(open).map(|i| from + i) {
                let Some(end) = self.text[start..].find(close).map(|i| start + i + close.len())
                else {
                    break;
                };
                let placeholder: String = self.text[start..end]
                    .chars()
                    .map(|c| if c.is_ascii() { '_' } else { c })
                    .collect();
                self.text.replace_range(start..end, &placeholder);
                from = end;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_keep_length() {
        let mut script = Script {
            text: "echo ${{ github.sha }} $[[ inputs.x ]] $y".into(),
            map: SourceMap::new(0),
        };
        let before = script.text.len();
        script.mask_templates();
        assert_eq!(script.text.len(), before);
        let expected = format!(
            "echo {} {} $y",
            "_".repeat("${{ github.sha }}".len()),
            "_".repeat("$[[ inputs.x ]]".len())
        );
        assert_eq!(script.text, expected);
    }
}
