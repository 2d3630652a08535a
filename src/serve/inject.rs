//! What `serve` adds to HTML responses, and only to responses: the live-reload script and,
//! while the latest edit does not build, the diagnostics overlay. The built site (`build`)
//! never contains either; they are spliced into the bytes on their way out of the socket.

use super::route::EVENTS;

/// Adds the reload script (and the overlay, if any) just before `</body>`, or at the end of a
/// page that has none, so a template override without `</body>` still reloads. `stale` says
/// the page comes from an earlier, good build (rather than from no build at all).
pub(super) fn inject(html: &[u8], version: &str, overlay: Option<&str>, stale: bool) -> Vec<u8> {
    let mut extra = String::new();
    if let Some(report) = overlay {
        extra.push_str(&overlay_html(report, stale));
    }
    extra.push_str(&reload_script(version));
    let at = rfind_ascii_ci(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + extra.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(extra.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// The page knows the version it was served at; the server sends the current one whenever the
/// stream (re)opens and after each rebuild that changed something. Only a different version
/// reloads, so a stream that merely reconnects (a laptop waking up) leaves the page alone,
/// while a restarted server, whose versions carry a new run id, does reload it.
///
/// The stream is closed while the tab is hidden: browsers allow about six HTTP/1.1
/// connections per host, and one open stream per background tab would soon starve page
/// loads. Reopening sends the current version, so a hidden tab catches up when shown.
fn reload_script(version: &str) -> String {
    format!(
        concat!(
            "<script>/* quarterdeck serve: live reload; not part of the built site */\n",
            "(function(){{var v=\"{v}\",s=null;",
            "function open(){{if(s)return;s=new EventSource(\"{events}\");",
            "s.onmessage=function(e){{if(e.data!==v){{s.close();location.reload();}}}};}}",
            "function close(){{if(s){{s.close();s=null;}}}}",
            "document.addEventListener(\"visibilitychange\",function(){{document.hidden?close():open();}});",
            "if(!document.hidden)open();}})();</script>\n"
        ),
        v = escape(version),
        events = EVENTS
    )
}

/// The diagnostics as the terminal shows them (file:line:col: error[code]: message, the
/// source line, the hint), escaped: the text comes from the user's files and may hold `<`.
fn overlay_html(report: &str, stale: bool) -> String {
    let note = if stale {
        "this page is from the last good build"
    } else {
        "nothing has built yet"
    };
    format!(
        concat!(
            "<div id=\"quarterdeck-overlay\" role=\"alert\">",
            "<style>#quarterdeck-overlay{{position:fixed;inset:0 0 auto 0;max-height:85vh;overflow:auto;z-index:2147483647;",
            "box-sizing:border-box;margin:0;padding:14px 18px;background:#1d1f21;color:#eee;border-bottom:4px solid #e0453a;",
            "box-shadow:0 6px 24px rgba(0,0,0,.45);font:13px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;text-align:left}}",
            "#quarterdeck-overlay p{{margin:0 0 8px;color:#ff8a80;font-weight:700}}",
            "#quarterdeck-overlay pre{{margin:0;white-space:pre-wrap;color:#eee;background:none;font:inherit}}",
            "#quarterdeck-overlay button{{float:right;font:inherit;cursor:pointer}}",
            "@media print{{#quarterdeck-overlay{{display:none}}}}</style>",
            "<button type=\"button\" onclick=\"this.parentNode.remove()\">Dismiss</button>",
            "<p>quarterdeck serve: the site does not build; {}.</p>",
            "<pre>{}</pre></div>\n"
        ),
        note,
        escape(report)
    )
}

/// Escapes text for an HTML element or a double-quoted attribute.
pub(super) use crate::render::escape::markup as escape;

fn rfind_ascii_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    (0..=hay.len().checked_sub(needle.len())?)
        .rev()
        .find(|&i| hay[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

/// The page served while no build has succeeded yet (the first build already failed).
pub(super) fn no_build_page() -> Vec<u8> {
    b"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>quarterdeck serve</title></head>\n<body><p>No successful build yet; fix the errors and this page reloads.</p></body></html>\n".to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_goes_before_the_last_closing_body() {
        let out = String::from_utf8(inject(
            b"<html><body><p>x</p></BODY></html>",
            "r1-3",
            None,
            true,
        ))
        .unwrap();
        let script = out.find("<script>").unwrap();
        assert!(script < out.find("</BODY>").unwrap());
        assert!(out.contains("var v=\"r1-3\""));
        assert!(!out.contains("quarterdeck-overlay"));
    }

    #[test]
    fn no_body_tag_appends() {
        let out = String::from_utf8(inject(b"<p>x</p>", "1", None, true)).unwrap();
        assert!(out.starts_with("<p>x</p><script>"));
    }

    #[test]
    fn overlay_escapes_the_report() {
        let report = "content/q.yaml:3:7: error[yaml]: bad <script>alert('x')</script> & \"so\"";
        let out = String::from_utf8(inject(b"<body></body>", "1", Some(report), true)).unwrap();
        assert!(out.contains("content/q.yaml:3:7: error[yaml]: bad &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;so&quot;"));
        assert!(!out.contains("<script>alert"));
        assert!(out.find("quarterdeck-overlay").unwrap() < out.find("</body>").unwrap());
    }
}
