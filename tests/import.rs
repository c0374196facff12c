//! `dossier import` end to end: the binary against files, directories, standard input and a
//! local HTTP server started by the test (no test needs the internet). Statuses, JSON rows,
//! exit codes, re-import rules, charsets, timeouts, redirects, size caps and bad input.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_dossier");

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path)
}

/// Runs the binary in `cwd` with a private HOME and XDG directories.
fn dossier(cwd: &Path, args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .current_dir(cwd)
        .env("HOME", cwd)
        .env("XDG_DATA_HOME", cwd.join("data"))
        .env("XDG_CONFIG_HOME", cwd.join("config"))
        .env("XDG_STATE_HOME", cwd.join("state"))
        .env_remove("DOSSIER_ARTICLES")
        .env_remove("DOSSIER_CATALOGUE")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("spawn dossier");
    if let Some(mut input) = child.stdin.take()
        && let Some(bytes) = stdin
    {
        input.write_all(bytes).expect("stdin");
    }
    child.wait_with_output().expect("wait")
}

fn json_rows(output: &Output) -> Vec<serde_json::Value> {
    let text = String::from_utf8_lossy(&output.stdout);
    match serde_json::from_str::<serde_json::Value>(&text) {
        Ok(serde_json::Value::Array(rows)) => rows,
        other => panic!(
            "not a JSON array: {other:?}\nstdout: {text}\nstderr: {}",
            String::from_utf8_lossy(&output.stderr)
        ),
    }
}

fn import_json(cwd: &Path, into: &Path, inputs: &[&str]) -> (Output, Vec<serde_json::Value>) {
    let mut args = vec![
        "import",
        "--json",
        "--into",
        into.to_str().expect("utf-8 path"),
        "--timeout",
        "2",
    ];
    args.extend(inputs);
    let output = dossier(cwd, &args, None);
    let rows = json_rows(&output);
    (output, rows)
}

fn statuses(rows: &[serde_json::Value]) -> Vec<String> {
    rows.iter()
        .map(|r| r["status"].as_str().unwrap_or("?").to_string())
        .collect()
}

// ---------------------------------------------------------------- local HTTP server

/// A tiny HTTP/1.1 server on 127.0.0.1 serving a fixed set of routes, one thread each.
struct Server {
    base: String,
}

impl Server {
    fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("addr"));
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                std::thread::spawn(move || {
                    let _ = serve(stream);
                });
            }
        });
        Server { base }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

fn respond(
    stream: &mut TcpStream,
    status: &str,
    headers: &[(&str, String)],
    body: &[u8],
) -> std::io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {status}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    stream.write_all(body)
}

fn serve(mut stream: TcpStream) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request = String::new();
    reader.read_line(&mut request)?;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" {
            break;
        }
    }
    let path = request.split_whitespace().nth(1).unwrap_or("/").to_string();
    let html = |charset: Option<&str>| {
        vec![(
            "Content-Type",
            charset.map_or("text/html".to_string(), |c| {
                format!("text/html; charset={c}")
            }),
        )]
    };
    match path.as_str() {
        "/article.html" => {
            let body = std::fs::read(fixture("pages/en-news.html"))?;
            respond(&mut stream, "200 OK", &html(Some("utf-8")), &body)
        }
        "/moved" => respond(
            &mut stream,
            "301 Moved Permanently",
            &[("Location", "/article.html".into())],
            b"",
        ),
        "/loop" => respond(
            &mut stream,
            "302 Found",
            &[("Location", "/loop".into())],
            b"",
        ),
        "/missing" => respond(
            &mut stream,
            "404 Not Found",
            &html(None),
            b"<h1>Not found</h1>",
        ),
        "/slow" => {
            std::thread::sleep(Duration::from_secs(6));
            respond(&mut stream, "200 OK", &html(None), b"<p>late</p>")
        }
        "/latin1.html" => respond(
            &mut stream,
            "200 OK",
            &html(Some("ISO-8859-1")),
            &latin1_page(),
        ),
        "/cp1252.html" => respond(&mut stream, "200 OK", &html(None), &cp1252_page()),
        "/big" => {
            // 50 MB with no Content-Length: the cap has to stop the read itself.
            stream.write_all(b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Type: text/html\r\n\r\n<html><body><p>")?;
            let chunk = vec![b'a'; 1 << 20];
            for _ in 0..50 {
                stream.write_all(&chunk)?;
            }
            Ok(())
        }
        "/feed.xml" => respond(
            &mut stream,
            "200 OK",
            &[("Content-Type", "application/rss+xml".into())],
            feed(3).as_bytes(),
        ),
        _ => respond(&mut stream, "404 Not Found", &html(None), b""),
    }
}

const PARAGRAPH: &str = "Die beiden Staatschefs trafen sich am Donnerstag in Wladiwostok, wo sie mehrere Stunden lang über Handel, Sicherheit und die Lage auf der koreanischen Halbinsel sprachen.";

fn latin1_page() -> Vec<u8> {
    let text = format!(
        "<html><head><title>Gespräch in Pjöngjang</title></head><body><article><h1>Gespräch in Pjöngjang</h1><p>{PARAGRAPH} Größere Schritte blieben aus.</p><p>{PARAGRAPH}</p><p>{PARAGRAPH}</p></article></body></html>"
    );
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&text);
    bytes.into_owned()
}

fn cp1252_page() -> Vec<u8> {
    // „…“ and – exist in Windows-1252 only (0x84, 0x93, 0x96), not in Latin-1.
    let text = format!(
        "<html><head><meta charset=\"windows-1252\"><title>Zitat</title></head><body><article><h1>Ein Zitat</h1><p>„Wir sind Freunde“ – sagte er. {PARAGRAPH}</p><p>{PARAGRAPH}</p><p>{PARAGRAPH}</p></article></body></html>"
    );
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&text);
    bytes.into_owned()
}

fn feed(entries: usize) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>Ticker</title>",
    );
    for i in 0..entries {
        xml.push_str(&format!(
            "<item><title>Meldung {i}</title><link>https://ticker.example/{i}</link><pubDate>Thu, 25 Apr 2019 08:00:00 GMT</pubDate><description>&lt;p&gt;Meldung Nummer {i}: {PARAGRAPH}&lt;/p&gt;</description></item>"
        ));
    }
    xml.push_str("</channel></rss>");
    xml
}

// ---------------------------------------------------------------- tests

#[test]
fn json_rows_have_exactly_the_documented_keys() {
    let tmp = tempfile::tempdir().expect("tmp");
    let into = tmp.path().join("out");
    let (output, rows) = import_json(
        tmp.path(),
        &into,
        &[fixture("pages/de-bericht.html").to_str().expect("path")],
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let keys: std::collections::BTreeSet<&str> = rows[0]
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    let expected: std::collections::BTreeSet<&str> = [
        "input", "id", "path", "title", "date", "source", "author", "url", "language", "words",
        "status", "error",
    ]
    .into_iter()
    .collect();
    assert_eq!(keys, expected);
    assert_eq!(rows[0]["status"], "added");
    assert_eq!(
        rows[0]["title"],
        "Lawrow in Pjöngjang: Ein Besuch mit vielen Botschaften"
    );
    assert_eq!(rows[0]["date"], "2023-10-20");
    assert_eq!(rows[0]["author"], "Jonas Berger");
    assert_eq!(rows[0]["language"], "de");
    assert!(rows[0]["words"].as_u64().expect("words") > 200);
}

#[test]
fn reimport_is_unchanged_then_updated_and_an_edited_article_is_skipped() {
    let tmp = tempfile::tempdir().expect("tmp");
    let into = tmp.path().join("out");
    let source = tmp.path().join("page.html");
    std::fs::copy(fixture("pages/en-analysis.html"), &source).expect("copy");
    let input = source.to_str().expect("path");
    let (_, rows) = import_json(tmp.path(), &into, &[input]);
    assert_eq!(statuses(&rows), ["added"]);
    let path = PathBuf::from(rows[0]["path"].as_str().expect("path"));
    let (_, rows) = import_json(tmp.path(), &into, &[input]);
    assert_eq!(statuses(&rows), ["unchanged"]);
    let page = std::fs::read_to_string(&source)
        .expect("read")
        .replace("Still, for now", "Even so, for now");
    std::fs::write(&source, page).expect("write");
    let (output, rows) = import_json(tmp.path(), &into, &[input]);
    assert_eq!(statuses(&rows), ["updated"]);
    assert!(output.status.success());
    assert!(
        std::fs::read_to_string(&path)
            .expect("read")
            .contains("Even so, for now")
    );
    // The user edits the article; a later import never overwrites it.
    let edited = std::fs::read_to_string(&path)
        .expect("read")
        .replace("Even so", "My own words");
    std::fs::write(&path, &edited).expect("write");
    let page = std::fs::read_to_string(&source)
        .expect("read")
        .replace("Even so", "Yet");
    std::fs::write(&source, page).expect("write");
    let (output, rows) = import_json(tmp.path(), &into, &[input]);
    assert_eq!(statuses(&rows), ["skipped"]);
    assert!(output.status.success(), "skipped is not a failure");
    assert_eq!(std::fs::read_to_string(&path).expect("read"), edited);
    assert_eq!(
        std::fs::read_dir(&into).expect("dir").count(),
        1,
        "no stray files"
    );
}

#[test]
fn seeds_import_into_five_loadable_articles() {
    let tmp = tempfile::tempdir().expect("tmp");
    let into = tmp.path().join("out");
    let mut seeds: Vec<String> = std::fs::read_dir(fixture("seeds"))
        .expect("seeds")
        .flatten()
        .map(|e| e.path().display().to_string())
        .collect();
    seeds.sort();
    let inputs: Vec<&str> = seeds.iter().map(String::as_str).collect();
    let (output, rows) = import_json(tmp.path(), &into, &inputs);
    assert!(output.status.success());
    assert_eq!(statuses(&rows), ["added"; 5]);
    let list = dossier(
        tmp.path(),
        &["--articles", into.to_str().expect("p"), "list", "--json"],
        None,
    );
    assert!(list.status.success());
    assert_eq!(json_rows(&list).len(), 5);
    assert!(
        !String::from_utf8_lossy(&list.stderr).contains("warning"),
        "{}",
        String::from_utf8_lossy(&list.stderr)
    );
}

#[test]
fn urls_follow_redirects_and_decode_latin1_and_windows_1252() {
    let server = Server::start();
    let tmp = tempfile::tempdir().expect("tmp");
    let into = tmp.path().join("out");
    let urls = [
        server.url("/moved"),
        server.url("/latin1.html"),
        server.url("/cp1252.html"),
    ];
    let inputs: Vec<&str> = urls.iter().map(String::as_str).collect();
    let (output, rows) = import_json(tmp.path(), &into, &inputs);
    assert!(output.status.success(), "{rows:?}");
    assert_eq!(statuses(&rows), ["added"; 3]);
    assert_eq!(
        rows[0]["title"],
        "Kim and Putin seal a partnership born of isolation"
    );
    // The article's url is where the redirect led; the input stays as given.
    assert_eq!(rows[0]["url"], server.url("/article.html"));
    assert_eq!(rows[0]["input"], server.url("/moved"));
    assert_eq!(rows[1]["title"], "Gespräch in Pjöngjang");
    let latin =
        std::fs::read_to_string(rows[1]["path"].as_str().expect("path")).expect("utf-8 file");
    assert!(latin.contains("Größere Schritte"), "{latin}");
    let cp = std::fs::read_to_string(rows[2]["path"].as_str().expect("path")).expect("utf-8 file");
    assert!(cp.contains("„Wir sind Freunde“ – sagte er."), "{cp}");
}

#[test]
fn http_errors_timeouts_loops_and_caps_fail_with_a_clear_error_and_the_rest_is_written() {
    let server = Server::start();
    let closed = {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        format!("http://{}/gone", listener.local_addr().expect("addr"))
    };
    let tmp = tempfile::tempdir().expect("tmp");
    let into = tmp.path().join("out");
    let urls = [
        server.url("/missing"),
        server.url("/loop"),
        server.url("/slow"),
        server.url("/big"),
        closed.clone(),
        server.url("/article.html"),
    ];
    let inputs: Vec<&str> = urls.iter().map(String::as_str).collect();
    let started = Instant::now();
    let (output, rows) = import_json(tmp.path(), &into, &inputs);
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "timeouts are enforced"
    );
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        statuses(&rows),
        ["failed", "failed", "failed", "failed", "failed", "added"]
    );
    let error = |i: usize| rows[i]["error"].as_str().unwrap_or("").to_string();
    assert!(error(0).contains("404"), "{}", error(0));
    assert!(error(1).contains("redirect"), "{}", error(1));
    assert!(error(2).contains("timed out"), "{}", error(2));
    assert!(error(3).contains("too large"), "{}", error(3));
    assert!(error(4).contains("connect"), "{}", error(4));
    for (i, url) in urls.iter().enumerate().take(5) {
        assert_eq!(rows[i]["input"].as_str(), Some(url.as_str()));
    }
}

#[test]
fn a_feed_url_gives_one_article_per_entry() {
    let server = Server::start();
    let tmp = tempfile::tempdir().expect("tmp");
    let into = tmp.path().join("out");
    let (output, rows) = import_json(tmp.path(), &into, &[&server.url("/feed.xml")]);
    assert!(output.status.success());
    assert_eq!(statuses(&rows), ["added"; 3]);
    assert_eq!(rows[2]["url"], "https://ticker.example/2");
    assert_eq!(rows[2]["source"], "Ticker");
    assert_eq!(rows[2]["date"], "2019-04-25");
}

#[test]
fn a_feed_of_ten_thousand_entries_imports_in_linear_time() {
    let tmp = tempfile::tempdir().expect("tmp");
    let into = tmp.path().join("out");
    let path = tmp.path().join("big.xml");
    std::fs::write(&path, feed(10_000)).expect("write");
    let started = Instant::now();
    let (output, rows) = import_json(tmp.path(), &into, &[path.to_str().expect("p")]);
    let took = started.elapsed();
    println!("10,000 feed entries imported in {took:?}");
    assert!(output.status.success());
    assert_eq!(rows.len(), 10_000);
    assert!(rows.iter().all(|r| r["status"] == "added"));
    let ids: std::collections::HashSet<&str> =
        rows.iter().filter_map(|r| r["id"].as_str()).collect();
    assert_eq!(ids.len(), 10_000, "ids are unique");
    assert!(took < Duration::from_secs(120), "took {took:?}");
    // Again: nothing changed.
    let (_, rows) = import_json(tmp.path(), &into, &[path.to_str().expect("p")]);
    assert!(rows.iter().all(|r| r["status"] == "unchanged"));
}

#[test]
fn bad_files_fail_by_name_and_the_good_one_is_still_written() {
    let tmp = tempfile::tempdir().expect("tmp");
    let into = tmp.path().join("out");
    let binary = tmp.path().join("photo.html");
    std::fs::write(&binary, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").expect("write");
    let empty = tmp.path().join("empty.txt");
    std::fs::write(&empty, b"").expect("write");
    let huge = tmp.path().join("huge.html");
    std::fs::File::create(&huge)
        .expect("create")
        .set_len(50 * 1024 * 1024)
        .expect("50 MB");
    let malformed = tmp.path().join("malformed.html");
    std::fs::write(&malformed, format!("<html><body><div><p>{PARAGRAPH}<p>{PARAGRAPH}<b><i>{PARAGRAPH}</b></i><table><tr><td>x</div></span>&amp &bogus; <<<>>")).expect("write");
    let nothing = tmp.path().join("nav.html");
    std::fs::write(&nothing, "<html><body><nav><a href='/'>Home</a> <a href='/a'>World</a></nav><footer>© 2024</footer></body></html>").expect("write");
    let good = fixture("pages/de-nachrichten.html");
    let inputs = [
        &binary,
        &empty,
        &huge,
        &malformed,
        &nothing,
        &tmp.path().join("missing.txt"),
        &good,
    ];
    let inputs: Vec<&str> = inputs.iter().map(|p| p.to_str().expect("p")).collect();
    let (output, rows) = import_json(tmp.path(), &into, &inputs);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        statuses(&rows),
        [
            "failed", "failed", "failed", "added", "failed", "failed", "added"
        ]
    );
    let error = |i: usize| rows[i]["error"].as_str().unwrap_or("").to_string();
    assert!(error(0).contains("binary"), "{}", error(0));
    assert!(error(1).contains("empty"), "{}", error(1));
    assert!(error(2).contains("too large: 50 MiB"), "{}", error(2));
    assert!(error(4).contains("no article"), "{}", error(4));
    assert!(error(5).contains("no such file"), "{}", error(5));
    let malformed_text =
        std::fs::read_to_string(rows[3]["path"].as_str().expect("path")).expect("read");
    assert!(
        malformed_text.contains("koreanischen Halbinsel"),
        "{malformed_text}"
    );
    assert_eq!(rows[0]["input"].as_str(), Some(inputs[0]));
}

#[test]
fn stdin_directories_and_dry_runs() {
    let tmp = tempfile::tempdir().expect("tmp");
    let into = tmp.path().join("out");
    let into_s = into.to_str().expect("p");
    let pasted = std::fs::read(fixture("pages/en-news.dump.txt")).expect("dump");
    let output = dossier(
        tmp.path(),
        &["import", "-", "--into", into_s, "--json"],
        Some(&pasted),
    );
    let rows = json_rows(&output);
    assert_eq!(statuses(&rows), ["added"]);
    assert_eq!(rows[0]["input"], "-");
    assert_eq!(
        rows[0]["title"],
        "Kim and Putin seal a partnership born of isolation"
    );
    let dir = tmp.path().join("saved");
    std::fs::create_dir(&dir).expect("mkdir");
    std::fs::copy(fixture("pages/de-bericht.html"), dir.join("a.html")).expect("copy");
    std::fs::copy(fixture("pages/de-nachrichten.dump.txt"), dir.join("b.txt")).expect("copy");
    std::fs::write(dir.join("ignored.png"), b"\x89PNG").expect("write");
    let dry = dossier(
        tmp.path(),
        &[
            "import",
            dir.to_str().expect("p"),
            "--into",
            into_s,
            "--json",
            "--dry-run",
        ],
        None,
    );
    assert_eq!(statuses(&json_rows(&dry)), ["added", "added"]);
    assert_eq!(
        std::fs::read_dir(&into).expect("dir").count(),
        1,
        "a dry run writes nothing"
    );
    let real = dossier(
        tmp.path(),
        &["import", dir.to_str().expect("p"), "--into", into_s],
        None,
    );
    assert!(real.status.success());
    let text = String::from_utf8_lossy(&real.stdout);
    assert_eq!(
        text.lines().filter(|l| l.starts_with("added")).count(),
        2,
        "{text}"
    );
    assert!(String::from_utf8_lossy(&real.stderr).contains("2 added"));
    assert_eq!(std::fs::read_dir(&into).expect("dir").count(), 3);
}

#[test]
fn without_into_articles_go_to_the_xdg_data_dir_never_the_bundled_copy() {
    let tmp = tempfile::tempdir().expect("tmp");
    let page = fixture("pages/en-news.html");
    let output = dossier(tmp.path(), &["import", page.to_str().expect("p")], None);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let dir = tmp.path().join("data/dossier/articles");
    assert_eq!(std::fs::read_dir(&dir).expect("xdg articles").count(), 1);
    // The reader and the CLI now find it there.
    let list = dossier(tmp.path(), &["list", "--json"], None);
    assert_eq!(json_rows(&list).len(), 1);
}

#[test]
fn usage_errors_exit_2() {
    let tmp = tempfile::tempdir().expect("tmp");
    assert_eq!(
        dossier(tmp.path(), &["import"], None).status.code(),
        Some(2)
    );
    assert_eq!(
        dossier(tmp.path(), &["import", "x", "--timeout", "0"], None)
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn imported_articles_render_lists_and_keep_link_urls_in_show_json() {
    let tmp = tempfile::tempdir().expect("tmp");
    let into = tmp.path().join("out");
    let (_, rows) = import_json(
        tmp.path(),
        &into,
        &[fixture("pages/en-news.html").to_str().expect("p")],
    );
    let id = rows[0]["id"].as_str().expect("id");
    let articles = into.to_str().expect("p");
    let shown = dossier(
        tmp.path(),
        &["--articles", articles, "show", id, "--width", "60"],
        None,
    );
    let text = String::from_utf8_lossy(&shown.stdout);
    assert!(
        text.contains("1. regular shipments of ammunition"),
        "{text}"
    );
    assert!(text.contains("2. Russian help"), "{text}");
    assert!(text.contains("State Department said"), "{text}");
    assert!(!text.contains("](https://"), "markup never shows: {text}");
    let json = dossier(
        tmp.path(),
        &["--articles", articles, "show", id, "--json"],
        None,
    );
    let article: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    let spans: Vec<&serde_json::Value> = article["blocks"]
        .as_array()
        .expect("blocks")
        .iter()
        .flat_map(|b| b["spans"].as_array().into_iter().flatten())
        .collect();
    assert!(
        spans
            .iter()
            .any(|s| s["kind"] == "link" && s["url"] == "https://state.example/briefing"),
        "{spans:?}"
    );
    assert!(spans.iter().any(|s| s["kind"] == "emphasis"));
}
