//! The style sheet and the script, compiled into the binary: nothing is fetched from
//! outside the server.

use super::routes::Reply;

const STYLE: &str = include_str!("assets/style.css");
const SCRIPT: &str = include_str!("assets/app.js");

/// `GET /assets/<name>`.
pub fn get(name: &str) -> Reply {
    match name {
        "style.css" => Reply::bytes("text/css; charset=utf-8", STYLE.as_bytes().to_vec()),
        "app.js" => Reply::bytes("text/javascript; charset=utf-8", SCRIPT.as_bytes().to_vec()),
        _ => Reply::not_found(),
    }
}
