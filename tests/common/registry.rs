//! A GitLab package registry on 127.0.0.1 for the release and install tests:
//! the generic registry (`PUT`/`GET .../packages/generic/PKG/VER/FILE`) and
//! the PyPI registry (`POST .../packages/pypi` as twine/curl upload, the
//! simple index and file downloads pip uses). It records every request
//! (method, path, headers, body), can be told to misbehave, and stops when
//! dropped.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;

#[derive(Clone, Debug)]
pub struct Request {
    pub method: String,
    pub path: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// How downloads of `.tar.gz` files are answered.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Fault {
    None,
    /// One byte in the middle flipped.
    Corrupt,
    /// The first half only.
    Truncated,
    /// `200 OK` with an HTML error page, as a proxy or login page sends.
    HtmlPage,
    /// `401 Unauthorized` for every download.
    Unauthorized,
}

#[derive(Default)]
struct State {
    /// Generic files by `PKG/VER/FILE`; wheels by file name.
    generic: BTreeMap<String, Vec<u8>>,
    wheels: BTreeMap<String, Vec<u8>>,
    requests: Vec<Request>,
    fault: Option<Fault>,
}

pub struct Registry {
    /// What GitLab calls `CI_API_V4_URL`.
    pub api_url: String,
    addr: SocketAddr,
    state: Arc<Mutex<State>>,
    stop: Arc<AtomicBool>,
}

impl Registry {
    pub fn start() -> Registry {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let state = Arc::new(Mutex::new(State::default()));
        let stop = Arc::new(AtomicBool::new(false));
        let (state2, stop2) = (state.clone(), stop.clone());
        thread::spawn(move || {
            for stream in listener.incoming() {
                if stop2.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let state = state2.clone();
                thread::spawn(move || serve(stream, &state));
            }
        });
        Registry { api_url: format!("http://{addr}/api/v4"), addr, state, stop }
    }

    /// Stores a generic package file as if it had been uploaded.
    pub fn put_generic(&self, package_version_file: &str, bytes: &[u8]) {
        self.state.lock().unwrap().generic.insert(package_version_file.into(), bytes.to_vec());
    }

    pub fn generic(&self, package_version_file: &str) -> Option<Vec<u8>> {
        self.state.lock().unwrap().generic.get(package_version_file).cloned()
    }

    pub fn put_wheel(&self, name: &str, bytes: &[u8]) {
        self.state.lock().unwrap().wheels.insert(name.into(), bytes.to_vec());
    }

    pub fn wheel(&self, name: &str) -> Option<Vec<u8>> {
        self.state.lock().unwrap().wheels.get(name).cloned()
    }

    pub fn set_fault(&self, fault: Fault) {
        self.state.lock().unwrap().fault = Some(fault);
    }

    pub fn requests(&self) -> Vec<Request> {
        self.state.lock().unwrap().requests.clone()
    }

    pub fn clear_requests(&self) {
        self.state.lock().unwrap().requests.clear();
    }
}

impl Drop for Registry {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wakes the accept loop so that it sees the flag.
        let _ = TcpStream::connect(self.addr);
    }
}

fn serve(stream: TcpStream, state: &Mutex<State>) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let Some(request) = read_request(&mut reader, &stream) else { return };
    let (status, body) = route(&request, state);
    // pip reads an index page only when it is said to be HTML.
    let content_type = if request.path.contains("/pypi/simple/") {
        "text/html"
    } else {
        "application/octet-stream"
    };
    state.lock().unwrap().requests.push(request);
    let mut stream = stream;
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
}

fn read_request(reader: &mut BufReader<TcpStream>, stream: &TcpStream) -> Option<Request> {
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let (method, path) = (parts.next()?.to_string(), parts.next()?.to_string());
    let mut headers = Vec::new();
    loop {
        let mut header = String::new();
        reader.read_line(&mut header).ok()?;
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        let (name, value) = header.split_once(':')?;
        headers.push((name.trim().to_string(), value.trim().to_string()));
    }
    let request = Request { method, path, headers, body: Vec::new() };
    if request.header("Expect").is_some_and(|e| e.eq_ignore_ascii_case("100-continue")) {
        let _ = (&*stream).write_all(b"HTTP/1.1 100 Continue\r\n\r\n");
    }
    let length: usize = request.header("Content-Length").and_then(|l| l.parse().ok()).unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    Some(Request { body, ..request })
}

const CREATED: &str = "201 Created";
const NOT_FOUND: &str = "404 Not Found";

fn route(request: &Request, state: &Mutex<State>) -> (&'static str, Vec<u8>) {
    let path = request.path.split('?').next().unwrap_or_default();
    let Some(rest) = path.strip_prefix("/api/v4/projects/") else {
        return (NOT_FOUND, b"{\"message\":\"404 Not Found\"}".to_vec());
    };
    // The project (`tools%2Flintgate` or `42`) is recorded, not checked: the
    // tests assert on the recorded paths.
    let after_project = rest.split_once('/').map(|(_, r)| r).unwrap_or_default();
    let mut state = state.lock().unwrap();
    let fault = state.fault.unwrap_or(Fault::None);
    match (request.method.as_str(), after_project.strip_prefix("packages/")) {
        ("PUT", Some(p)) if p.starts_with("generic/") => {
            state.generic.insert(p["generic/".len()..].to_string(), request.body.clone());
            (CREATED, b"{\"message\":\"201 Created\"}".to_vec())
        }
        ("GET", Some(p)) if p.starts_with("generic/") => {
            if fault == Fault::Unauthorized {
                return ("401 Unauthorized", b"{\"message\":\"401 Unauthorized\"}".to_vec());
            }
            let key = &p["generic/".len()..];
            match state.generic.get(key) {
                Some(bytes) if key.ends_with(".tar.gz") => ("200 OK", faulty(bytes, fault)),
                Some(bytes) => ("200 OK", bytes.clone()),
                None => (NOT_FOUND, b"{\"message\":\"404 Not Found\"}".to_vec()),
            }
        }
        ("POST", Some("pypi")) => match multipart_file(request) {
            Some((name, bytes)) => {
                state.wheels.insert(name, bytes);
                (CREATED, Vec::new())
            }
            None => ("400 Bad Request", b"no content file in the form".to_vec()),
        },
        ("GET", Some(p)) if p.starts_with("pypi/simple/") => {
            let links: String = state
                .wheels
                .keys()
                .map(|name| format!("<a href=\"../../files/{name}\">{name}</a>\n"))
                .collect();
            ("200 OK", format!("<!DOCTYPE html>\n<html><body>\n{links}</body></html>\n").into())
        }
        ("GET", Some(p)) if p.starts_with("pypi/files/") => {
            match state.wheels.get(&p["pypi/files/".len()..]) {
                Some(bytes) => ("200 OK", bytes.clone()),
                None => (NOT_FOUND, Vec::new()),
            }
        }
        _ => (NOT_FOUND, b"{\"message\":\"404 Not Found\"}".to_vec()),
    }
}

fn faulty(bytes: &[u8], fault: Fault) -> Vec<u8> {
    let mut bytes = bytes.to_vec();
    match fault {
        Fault::Corrupt => {
            let middle = bytes.len() / 2;
            bytes[middle] ^= 0xff;
        }
        Fault::Truncated => bytes.truncate(bytes.len() / 2),
        Fault::HtmlPage => bytes = b"<html><body><h1>Sign in</h1></body></html>\n".to_vec(),
        Fault::None | Fault::Unauthorized => {}
    }
    bytes
}

/// The `content` part of a `multipart/form-data` upload: (file name, bytes).
fn multipart_file(request: &Request) -> Option<(String, Vec<u8>)> {
    let content_type = request.header("Content-Type")?;
    let boundary = content_type.split("boundary=").nth(1)?.trim_matches('"');
    let delimiter = format!("--{boundary}").into_bytes();
    let body = &request.body;
    let mut starts = Vec::new();
    let mut i = 0;
    while let Some(at) = find(&body[i..], &delimiter) {
        starts.push(i + at);
        i += at + delimiter.len();
    }
    for pair in starts.windows(2) {
        let part = &body[pair[0] + delimiter.len()..pair[1]];
        let head_end = find(part, b"\r\n\r\n")?;
        let head = String::from_utf8_lossy(&part[..head_end]);
        if !head.contains("name=\"content\"") {
            continue;
        }
        let name = head.split("filename=\"").nth(1)?.split('"').next()?.to_string();
        let data = &part[head_end + 4..];
        let data = data.strip_suffix(b"\r\n").unwrap_or(data);
        return Some((name, data.to_vec()));
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}
