//! One URL's check: GET without reading the body, redirects followed by
//! hand (to tell permanent ones), retries with backoff after a timeout, a
//! failed connection, 429 (waiting as `Retry-After` says) or a 5xx.

use std::time::Duration;

use super::UrlSettings;
use super::hosts::HostLimits;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Ok,
    /// Why it is broken: `HTTP 404 Not Found`, `no answer within 10 s`.
    Broken(String),
    /// A permanent redirect (301, 308) to a URL that works.
    Moved(String),
}

const MAX_REDIRECTS: usize = 10;
/// The longest `Retry-After` honoured; a longer one counts as broken.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(30);

pub fn agent(timeout: Duration) -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .http_status_as_error(false)
        .max_redirects(0)
        .user_agent(concat!("lintgate/", env!("CARGO_PKG_VERSION"), " (link check)"))
        .build()
        .into()
}

/// `host[:port]` of a URL (the key of the per-host limit).
fn host_of(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    authority.rsplit('@').next().unwrap_or(authority)
}

/// Checks `url`, following redirects; each request waits for a slot on
/// its host (redirect targets included).
pub fn check(
    agent: &ureq::Agent,
    url: &str,
    settings: &UrlSettings,
    hosts: &HostLimits,
) -> Outcome {
    let mut current = url.to_string();
    let mut moved = false;
    for _ in 0..=MAX_REDIRECTS {
        let step = {
            let _slot = hosts.acquire(host_of(&current));
            fetch(agent, &current, settings)
        };
        match step {
            Step::Done(Ok(())) if moved => return Outcome::Moved(current),
            Step::Done(Ok(())) => return Outcome::Ok,
            Step::Done(Err(reason)) if current != url => {
                return Outcome::Broken(format!("{reason} (redirected to `{current}`)"));
            }
            Step::Done(Err(reason)) => return Outcome::Broken(reason),
            Step::Redirect { to, permanent } => {
                // Only a chain that starts permanent says "update the link".
                moved = permanent && (current == url || moved);
                current = to;
            }
        }
    }
    Outcome::Broken(format!("more than {MAX_REDIRECTS} redirects"))
}

enum Step {
    Done(Result<(), String>),
    Redirect { to: String, permanent: bool },
}

/// One URL, retried; redirects are returned, not followed.
fn fetch(agent: &ureq::Agent, url: &str, settings: &UrlSettings) -> Step {
    let mut attempt = 0;
    loop {
        let (result, wait) = match agent.get(encoded(url).as_ref()).call() {
            Ok(response) => {
                let status = response.status();
                let code = status.as_u16();
                if status.is_success() {
                    return Step::Done(Ok(()));
                }
                if status.is_redirection()
                    && let Some(location) = response.headers().get("location")
                {
                    let to = resolve(url, &String::from_utf8_lossy(location.as_bytes()));
                    return Step::Redirect { to, permanent: matches!(code, 301 | 308) };
                }
                let reason = match status.canonical_reason() {
                    Some(text) => format!("HTTP {code} {text}"),
                    None => format!("HTTP {code}"),
                };
                let wait = match code {
                    429 => retry_after(&response).or(Some(backoff(attempt))),
                    500..=599 => Some(backoff(attempt)),
                    _ => None,
                };
                (reason, wait)
            }
            Err(ureq::Error::Timeout(_)) => (
                format!("no answer within {} s", settings.timeout.as_secs_f64()),
                Some(backoff(attempt)),
            ),
            Err(e @ (ureq::Error::ConnectionFailed | ureq::Error::Io(_))) => {
                (format!("cannot connect: {e}"), Some(backoff(attempt)))
            }
            Err(ureq::Error::HostNotFound) => ("host not found".to_string(), None),
            Err(e) => (e.to_string(), None),
        };
        match wait {
            Some(wait) if attempt < settings.retries && wait <= MAX_RETRY_AFTER => {
                attempt += 1;
                std::thread::sleep(wait);
            }
            _ => return Step::Done(Err(result)),
        }
    }
}

/// 0.5 s, 1 s, 2 s, ...
fn backoff(attempt: u32) -> Duration {
    Duration::from_millis(500u64 << attempt.min(6))
}

/// `Retry-After: 3` (seconds; the date form is treated as a short wait).
fn retry_after(response: &ureq::http::Response<ureq::Body>) -> Option<Duration> {
    let value = response.headers().get("retry-after")?.to_str().ok()?.trim();
    Some(value.parse::<u64>().map_or(Duration::from_secs(1), Duration::from_secs))
}

/// A `Location` against the URL that sent it (RFC 3986, section 5.2,
/// without dot-segment removal: servers take `a/../b`).
fn resolve(base: &str, location: &str) -> String {
    if has_scheme(location) {
        return location.to_string();
    }
    let (scheme, rest) = base.split_once("://").unwrap_or(("https", base));
    if let Some(network_path) = location.strip_prefix("//") {
        return format!("{scheme}://{network_path}");
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    let after_authority = &rest[authority.len()..];
    let path = after_authority.split(['?', '#']).next().unwrap_or("");
    if location.starts_with('/') {
        return format!("{scheme}://{authority}{location}");
    }
    if location.starts_with('?') {
        return format!("{scheme}://{authority}{path}{location}");
    }
    if location.starts_with('#') || location.is_empty() {
        let without_fragment = after_authority.split('#').next().unwrap_or("");
        return format!("{scheme}://{authority}{without_fragment}{location}");
    }
    let dir = path.rfind('/').map_or("/", |i| &path[..=i]);
    format!("{scheme}://{authority}{dir}{location}")
}

/// `scheme:` at the start (a letter, then letters, digits, `+`, `-`, `.`)
/// before any `/`, `?` or `#`.
fn has_scheme(reference: &str) -> bool {
    let Some(colon) = reference.find(':') else { return false };
    let scheme = &reference[..colon];
    scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// The URL as a browser sends it: spaces, non-ASCII and other characters a
/// URL cannot hold percent-encoded (`%` itself is left alone).
fn encoded(url: &str) -> std::borrow::Cow<'_, str> {
    let allowed = |b: u8| b.is_ascii_graphic() && !b"\"<>\\^`{|}".contains(&b);
    if url.bytes().all(allowed) {
        return std::borrow::Cow::Borrowed(url);
    }
    let mut out = String::with_capacity(url.len() + 8);
    for b in url.bytes() {
        if allowed(b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_resolve_against_the_url() {
        let base = "https://example.com/docs/a/page.html?x=1";
        assert_eq!(resolve(base, "https://other.org/x"), "https://other.org/x");
        assert_eq!(resolve(base, "//cdn.example.com/y"), "https://cdn.example.com/y");
        assert_eq!(resolve(base, "/root"), "https://example.com/root");
        assert_eq!(resolve(base, "next.html"), "https://example.com/docs/a/next.html");
        assert_eq!(resolve("http://h:8080", "x"), "http://h:8080/x");
        assert_eq!(
            resolve(base, "/login?next=http://x/y"),
            "https://example.com/login?next=http://x/y"
        );
        assert_eq!(resolve("http://h/qredir?page=1", "?page=2"), "http://h/qredir?page=2");
        assert_eq!(resolve("http://h/a?x#old", "#new"), "http://h/a?x#new");
        assert_eq!(resolve(base, "mailto:a@b.c"), "mailto:a@b.c");
    }

    #[test]
    fn urls_are_sent_encoded() {
        assert_eq!(encoded("http://h/ok?q=a b"), "http://h/ok?q=a%20b");
        assert_eq!(encoded("http://h/été"), "http://h/%C3%A9t%C3%A9");
        assert_eq!(encoded("http://h/a%20b"), "http://h/a%20b");
    }

    #[test]
    fn hosts() {
        assert_eq!(host_of("https://user@example.com:8443/a?b"), "example.com:8443");
        assert_eq!(host_of("http://127.0.0.1:9/"), "127.0.0.1:9");
    }
}
