//! Generated exports for the snapshot benchmark, in the columns of the shipped home-care kit
//! (`kits/hemtjanst-planering/reservutskrift.toml`): `brukare.csv` with `clients` clients in
//! groups of 80, and `besok.csv` with 1–4 visits a client and day for 14 days from the data
//! date, both in Windows-1252 with `;` and CRLF as the planning system writes them. Names,
//! personnummer and addresses are made up from fixed lists: the same `clients` always give
//! the same files.

use chrono::Datelike;
use std::io::Write;
use std::path::Path;

/// Clients per home-care group.
pub const GROUP_SIZE: usize = 80;
/// Days of visits.
pub const DAYS: u32 = 14;

const FIRST: [&str; 16] = [
    "Maj-Britt",
    "Åke",
    "Gunnel",
    "Östen",
    "Märta",
    "Karl-Erik",
    "Solveig",
    "Gösta",
    "Elsa",
    "Bengt",
    "Ingrid",
    "Yngve",
    "Dagny",
    "Henrik",
    "Hjördis",
    "Åsa",
];
const LAST: [&str; 16] = [
    "Andersson",
    "Bergström",
    "Ekström",
    "Fransson",
    "Holm",
    "Jönsson",
    "Karlsson",
    "Lindqvist",
    "Mårtensson",
    "Nilsson",
    "Olsson",
    "Persson",
    "Qvist",
    "Rosén",
    "Sjöberg",
    "Törnqvist",
];
const STREETS: [&str; 8] = [
    "Björkvägen",
    "Granstigen",
    "Lärkgatan",
    "Ängsvägen",
    "Sjögatan",
    "Hamnvägen",
    "Kyrkogatan",
    "Storgatan",
];
const KEYS: [&str; 4] = [
    "Nyckelskåp nr {n}",
    "Nyckelgömma vid ytterdörren, kod {n}",
    "Digitalt lås, reservnyckel i nyckelskåp nr {n}",
    "Nyckel hos grannen i nr {n}",
];
const NOTES: [&str; 5] = [
    "",
    "Hörselnedsättning: knacka hårt och vänta.",
    "Hund i hallen; ring på först.",
    "Insulin morgon och kväll.",
    "Rullator; lägg inget på golvet.",
];
const TASKS: [&str; 5] = [
    "Morgon: hygien, påklädning, frukost",
    "Morgon: frukost och läkemedel",
    "Lunch: värma mat, läkemedel",
    "Eftermiddag: promenad och fika",
    "Kväll: middag, läkemedel",
];

/// The Luhn check digit of nine digits.
fn luhn(nine: &str) -> u32 {
    let sum: u32 = nine
        .bytes()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0') * if i % 2 == 0 { 2 } else { 1 };
            d / 10 + d % 10
        })
        .sum();
    (10 - sum % 10) % 10
}

/// A valid, made-up personnummer for client `i`.
fn personnummer(i: usize) -> String {
    let year = 1925 + (i % 25) as u32;
    let month = 1 + (i / 25 % 12) as u32;
    let day = 1 + (i / 300 % 28) as u32;
    let serial = 100 + (i % 800) as u32;
    let nine = format!("{:02}{month:02}{day:02}{serial:03}", year % 100);
    format!("{year}{month:02}{day:02}-{serial:03}{}", luhn(&nine))
}

fn field(v: &str) -> String {
    if v.contains([';', '"']) {
        format!("\"{}\"", v.replace('"', "\"\""))
    } else {
        v.to_string()
    }
}

fn write_1252(path: &Path, lines: &[String]) -> std::io::Result<()> {
    let text = lines.join("\r\n") + "\r\n";
    let (bytes, _, bad) = encoding_rs::WINDOWS_1252.encode(&text);
    assert!(!bad, "every character has a Windows-1252 byte");
    std::fs::File::create(path)?.write_all(&bytes)
}

/// Writes `brukare.csv` and `besok.csv` for `clients` clients into `dir`; returns the rows
/// of each.
pub fn write(
    dir: &Path,
    clients: usize,
    first_day: chrono::NaiveDate,
) -> std::io::Result<(usize, usize)> {
    std::fs::create_dir_all(dir)?;
    let mut brukare = vec![
        "Personnummer;Namn;Grupp;Adress;Portkod;Nyckel;Telefon;Anhörig;Telefon anhörig;Läkemedel;Att tänka på"
            .to_string(),
    ];
    let mut besok =
        vec!["Besök nr;Datum;Starttid;Sluttid;Grupp;Brukare;Adress;Insats;Utförare".to_string()];
    let mut visit = 100_000;
    let mut people = Vec::with_capacity(clients);
    for i in 0..clients {
        let name = format!("{}, {}", LAST[i % 16], FIRST[i / 16 % 16]);
        let group = format!("Grupp {:02}", i / GROUP_SIZE + 1);
        let address = format!("{} {}, lgh {}", STREETS[i % 8], 1 + i % 97, 1001 + i % 400);
        let medication = if i % 5 < 3 { "Ja" } else { "Nej" };
        let row = [
            personnummer(i),
            name.clone(),
            group.clone(),
            address.clone(),
            if i % 3 == 0 {
                String::new()
            } else {
                format!("{}", 1000 + i % 9000)
            },
            KEYS[i % 4].replace("{n}", &(1 + i % 60).to_string()),
            format!("070-174 06 {:02}", 5 + i % 95),
            format!("Dottern {} {}", FIRST[(i + 3) % 16], LAST[i % 16]),
            format!("070-174 06 {:02}", 5 + (i + 7) % 95),
            medication.to_string(),
            NOTES[i % 5].to_string(),
        ];
        brukare.push(row.iter().map(|v| field(v)).collect::<Vec<_>>().join(";"));
        people.push((name, group, address));
    }
    for day in first_day.iter_days().take(DAYS as usize) {
        for (i, (name, group, address)) in people.iter().enumerate() {
            let visits = 1 + (i + day.ordinal() as usize) % 4;
            for v in 0..visits {
                let start = 7 * 60 + 30 + v as u32 * 210 + (i % 8) as u32 * 15;
                let end = start + 30;
                visit += 1;
                let row = [
                    format!("B-{visit}"),
                    day.to_string(),
                    format!("{:02}:{:02}", start / 60, start % 60),
                    format!("{:02}:{:02}", end / 60, end % 60),
                    group.clone(),
                    name.clone(),
                    address.clone(),
                    TASKS[(i + v) % 5].to_string(),
                    format!("{} {}.", FIRST[(i + v + 5) % 16], &LAST[(i + v) % 16][..1]),
                ];
                besok.push(row.iter().map(|v| field(v)).collect::<Vec<_>>().join(";"));
            }
        }
    }
    write_1252(&dir.join("brukare.csv"), &brukare)?;
    write_1252(&dir.join("besok.csv"), &besok)?;
    Ok((brukare.len() - 1, besok.len() - 1))
}
