//! The `[markdown]` keys of online checking, read with their defaults.

use std::time::Duration;

use regex::Regex;

pub struct UrlSettings {
    pub timeout: Duration,
    pub ignore: Vec<Regex>,
    pub concurrency: usize,
    pub per_host: usize,
    /// Retries after a timeout, a refused connection, 429 or 5xx.
    pub retries: u32,
}

impl UrlSettings {
    /// From `[markdown]`; an invalid `url-ignore` pattern is an error naming it.
    pub fn from_table(table: Option<&toml::Table>) -> Result<UrlSettings, String> {
        let get = |key: &str| table.and_then(|t| t.get(key));
        let seconds = get("url-timeout")
            .and_then(|v| v.as_float().or_else(|| v.as_integer().map(|i| i as f64)))
            .unwrap_or(10.0);
        if !(seconds > 0.0 && seconds <= 3600.0) {
            return Err(format!(
                "`markdown.url-timeout` must be between 0 and 3600 seconds, found {seconds}"
            ));
        }
        let count = |key: &str, default: usize| -> Result<usize, String> {
            match get(key).and_then(toml::Value::as_integer) {
                None => Ok(default),
                Some(n) if (1..=256).contains(&n) => Ok(n as usize),
                Some(n) => Err(format!("`markdown.{key}` must be between 1 and 256, found {n}")),
            }
        };
        let mut ignore = Vec::new();
        for pattern in get("url-ignore").and_then(toml::Value::as_array).into_iter().flatten() {
            let pattern = pattern.as_str().unwrap_or_default();
            let re = Regex::new(pattern).map_err(|e| {
                format!("`markdown.url-ignore`: `{pattern}` is not a valid regular expression: {e}")
            })?;
            ignore.push(re);
        }
        Ok(UrlSettings {
            timeout: Duration::from_secs_f64(seconds),
            ignore,
            concurrency: count("url-concurrency", 16)?,
            per_host: count("url-per-host", 2)?,
            retries: 2,
        })
    }

    /// Whether `[markdown] check-urls = true`.
    pub fn enabled_in(table: Option<&toml::Table>) -> bool {
        table.and_then(|t| t.get("check-urls")).and_then(toml::Value::as_bool).unwrap_or(false)
    }
}
