//! The rendered PDF checked with real tools: pdftotext, pdffonts, qpdf, pdfinfo, pdftoppm +
//! zbarimg. Also determinism across calls and threads, and kit-supplied fonts.

use crate::support;

use downkit::fonts::{Face, FontSet};
use downkit::layout::sample::{sample_blocks, sample_decor, sample_meta};
use downkit::layout::{flow, Block, Paper, Settings, Width};
use downkit::render::render_pdf;
use support::*;

#[test]
fn text_extracts_exactly_in_reading_order() {
    let dir = tmp("text");
    let p = pdf(&sample(), &dir, "s.pdf");
    let text = run("pdftotext", &[p.to_str().unwrap(), "-"]);
    for needle in [
        "READ-DO. Läs varje steg och gör det.",
        "ÅÅÅÅ-MM-DD, tider som TT:MM – även på natten.",
        "(é, å, ä, ö finns i typsnittet)",
        "DOWNKIT:vard-avbrott:1.4:B-0001",
        "Innehåller personuppgifter – förvaras inlåst",
        "vard-avbrott – 1.4 – 2025-03-01",
        "Sida 1 av 1",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in\n{text}");
    }
    // pdftotext joins words hyphenated at line ends; -layout keeps the lines as printed.
    assert!(
        text.contains("hjälpmedelsförskrivningsunderlaget"),
        "{text}"
    );
    let layout = run("pdftotext", &["-layout", p.to_str().unwrap(), "-"]);
    let lines: Vec<&str> = layout.lines().map(str::trim_start).collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with("Underlag: hjälpme-"))
        .expect("hyphenated line");
    assert!(
        lines[at + 1].starts_with("delsförskrivningsun-") && lines[at + 2].starts_with("derlaget"),
        "{layout}"
    );
    let order = [
        "När journalsystemet går ner",
        "READ-DO",
        "Meddela avdelningen",
        "Personnummer",
        "Anteckningar",
        "Sida 1 av 1",
    ];
    let pos: Vec<usize> = order.iter().map(|n| text.find(n).unwrap()).collect();
    assert!(
        pos.windows(2).all(|w| w[0] < w[1]),
        "reading order {pos:?}\n{text}"
    );
}

#[test]
fn fonts_embedded_and_subset_and_file_is_valid() {
    let dir = tmp("fonts");
    let p = pdf(&sample(), &dir, "s.pdf");
    let fonts = run("pdffonts", &[p.to_str().unwrap()]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert_eq!(rows.len(), 2, "{fonts}");
    for row in rows {
        let name = row.split_whitespace().next().unwrap();
        let (tag, rest) = name.split_once('+').expect("subset tag");
        assert!(
            tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()),
            "{name}"
        );
        assert!(rest.starts_with("AtkinsonHyperlegible"));
        let cols: Vec<&str> = row.split_whitespace().collect();
        assert_eq!(
            &cols[cols.len() - 5..cols.len() - 2],
            &["yes", "yes", "yes"],
            "emb sub uni: {row}"
        );
    }
    run("qpdf", &["--check", p.to_str().unwrap()]);
    let info = run("pdfinfo", &[p.to_str().unwrap()]);
    assert!(
        info.contains("Page size:       595.276 x 841.89 pts (A4)"),
        "{info}"
    );
    assert!(
        info.contains("Creator:         downkit ") && info.contains("Title:           Reservrutin"),
        "{info}"
    );
    assert!(
        info.contains("CreationDate:    Sat Mar  1 00:00:00 2025"),
        "{info}"
    );
}

#[test]
fn letter_paper_size() {
    let dir = tmp("letter");
    let settings = Settings {
        paper: Paper::Letter,
        ..Settings::default()
    };
    let doc = flow(
        &sample_blocks(),
        &settings,
        &sample_decor(),
        sample_meta(),
        &FontSet::builtin(),
    )
    .unwrap();
    let p = pdf(&doc, &dir, "l.pdf");
    assert!(
        run("pdfinfo", &[p.to_str().unwrap()]).contains("Page size:       612 x 792 pts (letter)")
    );
}

#[test]
fn every_qr_decodes_at_150_and_100_dpi() {
    let dir = tmp("qr");
    let payloads = [
        "DOWNKIT:vard-avbrott:1.4:B-0001".to_string(),
        "tel:+46812345678".to_string(),
        "MECARD:N:Åström,Göran;TEL:+46701234567;;".to_string(),
        format!("DOWNKIT:{}", "A1".repeat(60)),
    ];
    let blocks: Vec<Block> = payloads
        .iter()
        .map(|p| Block::Qr {
            payload: p.clone(),
            module_mm: 0.0,
            caption: Some("Kod".into()),
        })
        .collect();
    let doc = lay(&blocks);
    assert_eq!(doc.qr_count, 4);
    let p = pdf(&doc, &dir, "q.pdf");
    for dpi in ["150", "100"] {
        let prefix = dir.join(format!("r{dpi}"));
        run(
            "pdftoppm",
            &[
                "-r",
                dpi,
                "-png",
                p.to_str().unwrap(),
                prefix.to_str().unwrap(),
            ],
        );
        let mut found = Vec::new();
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path
                .file_name()
                .unwrap()
                .to_str()
                .unwrap()
                .starts_with(&format!("r{dpi}"))
            {
                let out = std::process::Command::new("zbarimg")
                    .args(["--raw", "-q", path.to_str().unwrap()])
                    .output()
                    .unwrap();
                found.extend(
                    String::from_utf8(out.stdout)
                        .unwrap()
                        .lines()
                        .map(String::from),
                );
            }
        }
        found.sort();
        let mut want = payloads.to_vec();
        want.sort();
        assert_eq!(found, want, "at {dpi} dpi");
    }
}

#[test]
fn every_page_has_its_label() {
    let dir = tmp("labels");
    let mut blocks = Vec::new();
    for _ in 0..3 {
        blocks.extend(sample_blocks());
        blocks.push(Block::PageBreak);
    }
    let doc = lay(&blocks);
    let n = doc.pages.len();
    assert!(n >= 3);
    let p = pdf(&doc, &dir, "m.pdf");
    for page in 1..=n {
        let pg = page.to_string();
        let t = run(
            "pdftotext",
            &["-f", &pg, "-l", &pg, p.to_str().unwrap(), "-"],
        );
        assert!(
            t.contains(&format!("Sida {page} av {n}")),
            "page {page}:\n{t}"
        );
    }
}

#[test]
fn deterministic_across_calls_and_threads() {
    let doc = sample();
    let fonts = FontSet::builtin();
    let a = render_pdf(&doc, &fonts).unwrap();
    let b = render_pdf(&doc, &fonts).unwrap();
    assert!(a == b, "two renders in one process differ");
    let (t1, t2) = std::thread::scope(|s| {
        let h1 = s.spawn(|| render_pdf(&doc, &fonts).unwrap());
        let h2 = s.spawn(|| render_pdf(&doc, &fonts).unwrap());
        (h1.join().unwrap(), h2.join().unwrap())
    });
    assert!(a == t1 && a == t2, "threaded renders differ");
    // A different document gets a different /ID.
    let mut other = doc.clone();
    other.meta.title.push('!');
    let c = render_pdf(&other, &fonts).unwrap();
    let id = |b: &[u8]| {
        let s = String::from_utf8_lossy(b);
        s[s.rfind("/ID").unwrap()..]
            .chars()
            .take(80)
            .collect::<String>()
    };
    assert_ne!(id(&a), id(&c));
}

#[test]
fn watermark_is_outlined_and_keeps_content_readable() {
    let dir = tmp("wm");
    let mut decor = sample_decor();
    decor.watermark = Some("ÖVNING".into());
    let doc = flow(
        &sample_blocks(),
        &Settings::default(),
        &decor,
        sample_meta(),
        &FontSet::builtin(),
    )
    .unwrap();
    let p = pdf(&doc, &dir, "w.pdf");
    let t = run("pdftotext", &[p.to_str().unwrap(), "-"]);
    // The mark is set diagonally, so pdftotext gives its letters one by one.
    assert!(
        t.contains("Läs varje steg") && t.contains("Sida 1 av 1"),
        "{t}"
    );
    let raw = run("pdftotext", &["-raw", p.to_str().unwrap(), "-"]);
    assert!(
        raw.starts_with("Ö\n"),
        "watermark drawn first, behind content: {raw}"
    );
    let prefix = dir.join("w");
    run(
        "pdftoppm",
        &[
            "-r",
            "150",
            "-png",
            p.to_str().unwrap(),
            prefix.to_str().unwrap(),
        ],
    );
    let png = dir.join("w-1.png");
    let out = std::process::Command::new("zbarimg")
        .args(["--raw", "-q", png.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().trim(),
        "DOWNKIT:vard-avbrott:1.4:B-0001"
    );
}

#[test]
fn kit_supplied_fonts_render() {
    let dir = tmp("kitfont");
    let candidates = [
        (
            "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
            "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
        ),
        (
            "/usr/share/fonts/opentype/urw-base35/URWGothic-Book.otf",
            "/usr/share/fonts/opentype/urw-base35/URWGothic-Demi.otf",
        ),
    ];
    let mut tried = 0;
    for (reg, bold) in candidates {
        let (Ok(r), Ok(b)) = (std::fs::read(reg), std::fs::read(bold)) else {
            continue;
        };
        tried += 1;
        let fonts = FontSet {
            regular: Face::parse(r, reg).unwrap(),
            bold: Face::parse(b, bold).unwrap(),
        };
        let blocks = [
            para("Åtgärd: hjälpmedelsförskrivningsunderlaget – é."),
            Block::Row {
                cells: vec![(Width::Half, vec![para("Datum")])],
                gap_mm: 5.0,
            },
        ];
        let doc = flow(
            &blocks,
            &Settings::default(),
            &sample_decor(),
            sample_meta(),
            &fonts,
        )
        .unwrap();
        let bytes = render_pdf(&doc, &fonts).unwrap();
        let p = dir.join("k.pdf");
        std::fs::write(&p, bytes).unwrap();
        run("qpdf", &["--check", p.to_str().unwrap()]);
        let t = run("pdftotext", &[p.to_str().unwrap(), "-"]);
        assert!(
            t.contains("Åtgärd: hjälpmedelsförskrivningsunderlaget – é."),
            "{reg}: {t}"
        );
        let f = run("pdffonts", &[p.to_str().unwrap()]);
        assert_eq!(
            f.lines()
                .skip(2)
                .filter(|l| l.contains(" yes yes "))
                .count(),
            2,
            "{reg}: {f}"
        );
    }
    if tried == 0 {
        eprintln!("no system fonts to try; skipped");
    }
}
