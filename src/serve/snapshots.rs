//! A kit's snapshots page: the snapshot files of the kit in the `--snapshots` folder, listed
//! by what is not personal (file name, data time, age, size), and a form for the kit's
//! snapshot password. Only once the password really opens a snapshot (checked against the
//! file by the PDF security handler, [`crate::render::password_opens`]) is that file offered,
//! and then as written: still encrypted, so personal data leaves the server only encrypted.
//! The password stays in this process's memory (`unlock`), never on disk or in a log.

use super::handout::{files, kit, opens, personal};
use super::html::{page as shell, seg, t, Nav};
use super::http::Request;
use super::routes::Reply;
use super::State;
use crate::lifecycle::snapshots::SnapshotAge;
use crate::render::Opens;
use maud::{html, Markup};
use std::time::Instant;

fn size(n: u64) -> String {
    if n >= 1 << 20 {
        format!("{:.1} MB", n as f64 / f64::from(1 << 20))
    } else {
        format!("{} kB", n.div_ceil(1024))
    }
}

/// What happened last, shown at the top.
pub(super) enum Notice {
    /// The password opened no snapshot.
    Wrong,
    /// The password is held.
    Unlocked,
    /// The password was forgotten.
    Forgotten,
}

/// `GET /kit/<key>/snapshots`.
pub fn page(state: &State, rq: &Request, key: &str) -> Reply {
    let notice = match rq.url().split_once("?done=").map(|(_, v)| v) {
        // Only while it is still held: a reload after it was forgotten does not say so.
        Some("unlocked")
            if state
                .unlocked
                .with(
                    state.unlocked.session_of(rq).as_deref(),
                    key,
                    Instant::now(),
                    |_, _| (),
                )
                .is_some() =>
        {
            Some(Notice::Unlocked)
        }
        Some("forgotten") => Some(Notice::Forgotten),
        _ => None,
    };
    view(state, rq, key, notice, 200)
}

/// The page, with `notice` at the top, answered with `status`.
pub(super) fn view(
    state: &State,
    rq: &Request,
    key: &str,
    notice: Option<Notice>,
    status: u16,
) -> Reply {
    let Some(loaded) = kit(state, key) else {
        return Reply::not_found();
    };
    let lang = loaded.kit.meta.language;
    let l = |sv, en| t(lang, sv, en);
    let m = &loaded.kit.meta;
    let intro = html! {
        h1 { (l("Reservutskrifter", "Snapshots")) " " span.note { (m.title.v) } }
        p { (l(
            "Reservutskrifterna innehåller personuppgifter och är krypterade. Här visas bara filnamn, \
             datum och storlek. För att hämta en ange pärmens lösenord för reservutskrifter: det hålls \
             bara i serverns minne för den här webbläsaren och glöms efter 15 minuter, när du trycker \
             Glöm lösenordet eller när servern stoppas.",
            "Snapshots hold personal data and are encrypted. Only their file names, dates and sizes \
             are shown here. To download one, give the kit's snapshot password: it is held only in the \
             server's memory for this browser and forgotten after 15 minutes, when you press Forget \
             the password, or when the server stops."
        )) }
        @match notice {
            Some(Notice::Wrong) => p.notice.bad role="alert" #pw-result { (l(
                "Fel lösenord: det öppnar ingen av pärmens reservutskrifter. Inget hämtas.",
                "Wrong password: it opens none of the kit's snapshots. Nothing is offered."
            )) },
            Some(Notice::Unlocked) => p.notice.ok role="status" #pw-result { (l("Lösenordet stämmer.", "The password is right.")) },
            Some(Notice::Forgotten) => p.notice.ok role="status" #pw-result { (l("Lösenordet är glömt.", "The password is forgotten.")) },
            None => {},
        }
    };
    let Some(dir) = &state.opts.snapshots else {
        let body = html! {
            (intro)
            p.notice.bad { (l(
                "Servern startades utan --snapshots MAPP: ingen mapp med reservutskrifter att visa.",
                "The server was started without --snapshots DIR: there is no snapshot folder to show."
            )) }
        };
        return page_reply(state, lang, body, status);
    };
    let list = files(dir, &m.id.v);
    // The password does not leave the session store: each file is judged inside it.
    let session = state.unlocked.session_of(rq);
    let now = Instant::now();
    let held = state
        .unlocked
        .with(session.as_deref(), key, now, |pw, until| {
            let states: Vec<_> = list
                .iter()
                .map(|f| opens(&dir.join(&f.name), Some(pw)))
                .collect();
            (states, until.saturating_duration_since(now))
        });
    let (states, left) = match held {
        Some((states, left)) => (states, Some(left)),
        None => (
            list.iter()
                .map(|f| opens(&dir.join(&f.name), None))
                .collect(),
            None,
        ),
    };
    let max = m.snapshot.max_age_hours.as_ref().map(|h| h.v);
    let at = state.now();
    let (data_l, age_l, size_l) = (
        l("Data per", "Data as of"),
        l("Ålder", "Age"),
        l("Storlek", "Size"),
    );
    let action = format!("/kit/{}/snapshots", seg(key));
    let body = html! {
        (intro)
        @if list.is_empty() {
            p.notice.bad {
                (l("Ingen reservutskrift av pärmen i", "No snapshot of the kit in")) " "
                code { (dir.display().to_string()) } "."
            }
        }
        table.stack.snaps {
            caption.sr { (l("Pärmens reservutskrifter", "The kit's snapshots")) }
            thead { tr {
                th scope="col" { (l("Fil", "File")) }
                th scope="col" { (data_l) }
                th scope="col" { (age_l) }
                th scope="col" { (size_l) }
                th scope="col" { (l("Hämta", "Download")) }
            } }
            tbody {
                @for (f, opened) in list.iter().zip(states) {
                    @let age = SnapshotAge::newest(&[(f.name.clone(), f.as_of)], at, max);
                    @let (age_text, stale) = age.map_or((String::new(), false), |a| (a.age_text(), a.stale()));
                    @let href = format!("/kit/{}/snapshots/{}", seg(key), seg(&f.name));
                    tr {
                        th scope="row" { code { (f.name) } }
                        td data-label=(data_l) { (f.as_of.format("%Y-%m-%d %H:%M").to_string()) }
                        td data-label=(age_l) {
                            span class={ "state " (if stale { "bad" } else { "ok" }) } {
                                (age_text)
                                @if stale {
                                    " – " (l("för gammal", "too old")) " (" (l("högst", "at most")) " " (max.unwrap_or_default()) " h)"
                                }
                            }
                        }
                        td data-label=(size_l) { (size(f.size)) }
                        td {
                            @match opened {
                                Some(Opens::Yes) => a.button href=(href) download { (l("Hämta krypterad PDF", "Download encrypted PDF")) },
                                Some(Opens::NotEncrypted) if !personal(&loaded) => a.button href=(href) download {
                                    (l("Hämta (inga personuppgifter)", "Download (no personal data)"))
                                },
                                Some(Opens::NotEncrypted) => (l(
                                    "Skriven okrypterad (--no-encrypt): lämnas inte ut här",
                                    "Written unencrypted (--no-encrypt): not handed out here",
                                )),
                                Some(Opens::No) if left.is_some() => (l(
                                    "Lösenordet öppnar inte den här",
                                    "The password does not open this one",
                                )),
                                Some(Opens::No) => (l("Låst: ange lösenordet", "Locked: give the password")),
                                None => (l("Kan inte läsas", "Cannot be read")),
                            }
                        }
                    }
                }
            }
        }
        @if left.is_some() {
            p.note { (l(
                "Filen hämtas som den skrevs, krypterad: PDF-läsaren frågar efter samma lösenord. \
                 Spara den bara där personuppgifter får finnas, och radera den efter utskrift.",
                "The file is downloaded as it was written, encrypted: the PDF reader asks for the \
                 same password. Save it only where personal data may be kept, and delete it after \
                 printing."
            )) }
        }
        form.pw method="post" action=(action) {
            input type="hidden" name="csrf" value=(state.auth.csrf());
            @match left {
                Some(left) => {
                    p {
                        (l("Lösenordet är givet och glöms om", "The password is given and is forgotten in"))
                        " " (left.as_secs().div_ceil(60)) " " (l("minuter", "minutes")) "."
                    }
                    button type="submit" name="action" value="forget" class="secondary" { (l("Glöm lösenordet", "Forget the password")) }
                },
                None => {
                    p {
                        label for="pw" { (l("Lösenord för reservutskrifterna", "Snapshot password")) }
                        input #pw name="password" type="password" autocomplete="off" required;
                    }
                    button type="submit" name="action" value="unlock" { (l("Lås upp", "Unlock")) }
                },
            }
        }
    };
    page_reply(state, lang, body, status)
}

fn page_reply(state: &State, lang: crate::model::Lang, body: Markup, status: u16) -> Reply {
    Reply::html(shell(
        lang,
        t(lang, "Reservutskrifter", "Snapshots"),
        Nav::Kits,
        body,
        state.auth.csrf(),
        html! {},
    ))
    .status(status)
}
