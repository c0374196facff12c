//! Fetching a URL: ureq over rustls, with a time limit for the whole request, at most ten
//! redirects, a cap on the size of the body, and the charset from the header, a `<meta>` tag
//! or a BOM. Errors name the URL and say what went wrong (HTTP status, timeout, too large,
//! redirect loop, unreachable host).

use std::time::Duration;

use ureq::ResponseExt;

use super::charset::{charset_of, decode};

/// A fetched page: its text, `Content-Type` and the URL it ended at.
pub struct Fetched {
    pub text: String,
    pub content_type: String,
    pub final_url: String,
}

/// Limits for one fetch.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub timeout: Duration,
    pub max_bytes: u64,
    pub max_redirects: u32,
}

/// Fetches `url`.
pub fn fetch(url: &str, limits: Limits) -> Result<Fetched, String> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(limits.timeout))
        .max_redirects(limits.max_redirects)
        .http_status_as_error(false)
        .user_agent(concat!(
            "dossier/",
            env!("CARGO_PKG_VERSION"),
            " (article import)"
        ))
        .build()
        .into();
    let mut response = agent.get(url).call().map_err(|e| describe(&e, limits))?;
    let status = response.status();
    if !status.is_success() {
        let reason = status.canonical_reason().unwrap_or("");
        return Err(format!("HTTP {} {reason}", status.as_u16())
            .trim_end()
            .to_string());
    }
    let final_url = response.get_uri().to_string();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    if let Some(length) = response
        .headers()
        .get("content-length")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok())
        && length > limits.max_bytes
    {
        return Err(too_large(length, limits.max_bytes));
    }
    let bytes = response
        .body_mut()
        .with_config()
        .limit(limits.max_bytes)
        .read_to_vec()
        .map_err(|e| match e {
            ureq::Error::BodyExceedsLimit(_) => too_large(limits.max_bytes + 1, limits.max_bytes),
            other => describe(&other, limits),
        })?;
    let text = decode(&bytes, charset_of(&content_type).as_deref());
    Ok(Fetched {
        text,
        content_type,
        final_url,
    })
}

/// "too large (50.0 MB; the limit is 16 MB)".
pub fn too_large(size: u64, limit: u64) -> String {
    let mb = |n: u64| n as f64 / 1_048_576.0;
    if size > limit + 1 {
        format!(
            "too large ({:.1} MB; the limit is {:.0} MB)",
            mb(size),
            mb(limit)
        )
    } else {
        format!("too large (over {:.0} MB, the limit)", mb(limit))
    }
}

fn describe(e: &ureq::Error, limits: Limits) -> String {
    match e {
        ureq::Error::Timeout(_) => format!("timed out after {} s", limits.timeout.as_secs_f64()),
        ureq::Error::TooManyRedirects => format!(
            "more than {} redirects (a redirect loop?)",
            limits.max_redirects
        ),
        ureq::Error::HostNotFound => "host not found".to_string(),
        ureq::Error::Io(io) => format!("cannot connect: {io}"),
        ureq::Error::BodyExceedsLimit(_) => too_large(limits.max_bytes + 1, limits.max_bytes),
        other => other.to_string(),
    }
}
