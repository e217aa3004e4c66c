//! Online link checking (`lint --online`, `[markdown] check-urls`) against
//! an HTTP server this test starts on 127.0.0.1: success, 404, permanent
//! and temporary redirects, 429 with Retry-After, 500, a server that never
//! answers, the ignore list, one request per URL per run, and the per-host
//! limit.

mod common;

use std::collections::{BTreeSet, HashMap};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::Repo;

/// What the server saw: requests per path and the most `/slow/` ones at once.
#[derive(Default)]
struct Seen {
    requests: Mutex<HashMap<String, usize>>,
    in_flight: AtomicUsize,
    most_in_flight: AtomicUsize,
}

/// Serves until the deadline, one thread per connection, then stops.
fn serve(seen: Arc<Seen>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    listener.set_nonblocking(true).unwrap();
    std::thread::spawn(move || {
        let deadline = Instant::now() + Duration::from_secs(90);
        while Instant::now() < deadline {
            match listener.accept() {
                Ok((stream, _)) => {
                    let seen = seen.clone();
                    std::thread::spawn(move || answer(stream, &seen));
                }
                Err(_) => std::thread::sleep(Duration::from_millis(5)),
            }
        }
    });
    format!("http://{address}")
}

fn answer(mut stream: TcpStream, seen: &Seen) {
    stream.set_nonblocking(false).unwrap();
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).map_or(true, |n| n == 0) || header.trim().is_empty() {
            break;
        }
    }
    let target = request_line.split_whitespace().nth(1).unwrap_or("").to_string();
    let path = target.split('?').next().unwrap_or("").to_string();
    let count = {
        let mut requests = seen.requests.lock().unwrap();
        let count = requests.entry(target.clone()).or_insert(0);
        *count += 1;
        *count
    };
    let (status, extra) = match path.as_str() {
        "/ok" | "/new" | "/twice" | "/landing" => ("200 OK", String::new()),
        "/old" => ("301 Moved Permanently", "Location: /new\r\n".to_string()),
        // A relative Location whose query holds a URL.
        "/login" => ("302 Found", "Location: /landing?next=http://x/y\r\n".to_string()),
        "/temporary" => ("302 Found", "Location: /landing\r\n".to_string()),
        "/busy" if count == 1 => ("429 Too Many Requests", "Retry-After: 1\r\n".to_string()),
        "/busy" => ("200 OK", String::new()),
        "/error" => ("500 Internal Server Error", String::new()),
        "/hang" => {
            std::thread::sleep(Duration::from_secs(20));
            ("200 OK", String::new())
        }
        // Answered slowly, counting how many are open at once (the client
        // has given up on the hanging one, so it does not count).
        p if p.starts_with("/slow/") => {
            let now = seen.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
            seen.most_in_flight.fetch_max(now, Ordering::SeqCst);
            std::thread::sleep(Duration::from_millis(150));
            seen.in_flight.fetch_sub(1, Ordering::SeqCst);
            ("200 OK", String::new())
        }
        _ => ("404 Not Found", String::new()),
    };
    let _ = write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Length: 2\r\nConnection: close\r\n{extra}\r\nok"
    );
}

fn findings(run: &common::Run) -> Vec<(String, u64, String, String)> {
    let parsed: serde_json::Value =
        serde_json::from_str(&run.stdout).unwrap_or_else(|_| panic!("{}", run.transcript()));
    parsed
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["code"].as_str().unwrap().to_string(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn links_are_checked_online_only_when_asked() {
    let seen = Arc::new(Seen::default());
    let base = serve(seen.clone());
    let repo = Repo::new();
    repo.git_init();
    let slow: Vec<String> = (0..6).map(|i| format!("[s{i}]({base}/slow/{i})")).collect();
    repo.write(
        "docs/guide.md",
        format!(
            "# Guide\n\n[ok]({base}/ok#section)\n\n[missing]({base}/missing)\n\n[old]({base}/old)\n\n[temporary]({base}/temporary)\n\n[busy]({base}/busy)\n\n[error]({base}/error)\n\n[hang]({base}/hang)\n\n[ignored]({base}/ignored/404)\n\n[twice]({base}/twice)\n\n{}\n\n[login]({base}/login) [spaced](<{base}/landing?q=a b>)\n",
            slow.join(" ")
        ),
    );
    repo.write(
        "README.md",
        format!("# Project\n\nAgain: <{base}/twice> and ![logo]({base}/logo.png)\n"),
    );
    let settings = "[markdown]\nurl-timeout = 1\nurl-ignore = [\"/ignored/\"]\nurl-per-host = 2\nrules = { line-length = false }\n";
    repo.write("lintgate.toml", settings);

    // Offline by default: the server hears nothing.
    let offline = repo.lint(&["lint", "--format", "json"]);
    assert_eq!(offline.status, 0, "{}", offline.transcript());
    assert!(seen.requests.lock().unwrap().is_empty());

    let online = repo.lint(&["lint", "--online", "--format", "json", "--fail-on", "info"]);
    assert_eq!(online.status, 1, "{}", online.transcript());
    let found = findings(&online);
    let located: BTreeSet<(&str, u64, &str)> =
        found.iter().map(|(p, l, c, _)| (p.as_str(), *l, c.as_str())).collect();
    assert_eq!(
        located,
        BTreeSet::from([
            ("README.md", 3, "LG404"),
            ("docs/guide.md", 5, "LG404"),
            ("docs/guide.md", 7, "LG405"),
            ("docs/guide.md", 13, "LG404"),
            ("docs/guide.md", 15, "LG404"),
        ]),
        "{found:#?}"
    );
    let message =
        |line: u64| &found.iter().find(|f| f.0 == "docs/guide.md" && f.1 == line).unwrap().3;
    assert!(message(5).contains("HTTP 404 Not Found"), "{}", message(5));
    assert!(message(7).contains(&format!("{base}/new")), "{}", message(7));
    assert!(message(13).contains("HTTP 500"), "{}", message(13));
    assert!(message(15).contains("no answer within 1 s"), "{}", message(15));

    let requests = seen.requests.lock().unwrap().clone();
    // The fragment is not sent, each URL is fetched once per run, the 429
    // was retried, 5xx and timeouts were retried twice, ignored URLs never
    // fetched.
    assert_eq!(requests.get("/ok"), Some(&1), "{requests:?}");
    assert_eq!(requests.get("/twice"), Some(&1), "{requests:?}");
    assert_eq!(requests.get("/busy"), Some(&2), "{requests:?}");
    assert_eq!(requests.get("/error"), Some(&3), "{requests:?}");
    assert_eq!(requests.get("/hang"), Some(&3), "{requests:?}");
    assert!(!requests.keys().any(|k| k.contains("ignored")), "{requests:?}");
    assert!(requests.contains_key("/landing?next=http://x/y"), "{requests:?}");
    assert!(requests.contains_key("/landing?q=a%20b"), "{requests:?}");
    let most = seen.most_in_flight.load(Ordering::SeqCst);
    assert!((1..=2).contains(&most), "{most} requests at once on one host");

    // The configuration turns it on as well; the timeout is still 1 s.
    repo.write("lintgate.toml", format!("{settings}check-urls = true\n"));
    let configured = repo.lint(&["lint", "--format", "json", "--select", "LG404"]);
    assert_eq!(configured.status, 1, "{}", configured.transcript());
    assert_eq!(findings(&configured).len(), 4);
}

#[test]
fn bad_online_settings_are_errors_naming_the_key() {
    let repo = Repo::new();
    repo.write("README.md", "# Project\n");
    repo.write("lintgate.toml", "[markdown]\nurl-ignore = [\"(unclosed\"]\n");
    let run = repo.lint(&["lint", "--online"]);
    assert_eq!(run.status, 2, "{}", run.transcript());
    assert!(
        run.stderr.contains("markdown.url-ignore") && run.stderr.contains("(unclosed"),
        "{}",
        run.stderr
    );
    repo.write("lintgate.toml", "[markdown]\nurl-timeout = 0\n");
    let run = repo.lint(&["lint", "--online"]);
    assert_eq!(run.status, 2, "{}", run.transcript());
    assert!(run.stderr.contains("markdown.url-timeout"), "{}", run.stderr);
}
