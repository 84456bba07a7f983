//! Realistic Swedish text for the benchmark kits: sentences as a care-aid or home-care
//! procedure is written (long compound words, å ä ö, times, phone numbers, form and row
//! numbers), drawn by a fixed pseudo-random sequence so that every run writes the same kit.

/// A small deterministic generator (xorshift), so the kits are the same in every run.
pub struct Words(u64);

const OPENINGS: &[&str] = &[
    "Kontrollera att",
    "Se till att",
    "Om det är oklart om",
    "Anteckna direkt i aktivitetsloggen när",
    "Ring tillbaka inom en kvart om",
    "Fråga brukaren eller anhörig om",
    "Stäm av med sjuksköterskan på nattpatrullen att",
];

const SUBJECTS: &[&str] = &[
    "hjälpmedelsförskrivningen",
    "bostadsanpassningsärendet",
    "läkemedelsöverlämnandet",
    "trygghetslarmsmottagningen",
    "förskrivarkoden",
    "utskrivningsmeddelandet från sjukhuset",
    "nyckelhanteringsrutinen",
    "reservblanketten",
    "korttidsboendets beställning",
    "leveransadressen",
];

const PREDICATES: &[&str] = &[
    "är ifylld med kulspetspenna och läsbar även på en kopia",
    "stämmer mot legitimationen och personnumret i rutan överst",
    "har lämnats över till den som ansvarar för efterregistreringen",
    "är signerad av förskrivaren och daterad med dagens datum",
    "har kvitterats av Hjälpmedelscentralen per telefon",
    "är lagd i facket för ifyllda blanketter i pärmens bakficka",
];

const TAILS: &[&str] = &[
    "Skriv klockslaget ({h:02}.{m:02}) och dina initialer i marginalen.",
    "Ring {phone} om ingen svarar inom {n} minuter.",
    "Använd blankett HM-{n}, rad {r}, och skriv aldrig över en tidigare anteckning.",
    "Gissa aldrig ett artikelnummer: lämna rutan tom och skriv benämningen i klartext.",
    "Vid brådskande behov (utskrivning samma dag, fallrisk) gäller prioritet {r} av 3.",
    "Högst {n} artiklar per blankett; fortsätt på nästa numrerade blankett vid behov.",
    "Överlämna blanketten personligen, aldrig via internposten, före kl. {h:02}.00.",
];

impl Words {
    /// A generator seeded with `seed`.
    pub fn new(seed: u64) -> Words {
        Words(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.below(from.len())]
    }

    /// One sentence of a procedure step: a check and a practical detail with numbers.
    pub fn sentence(&mut self) -> String {
        let tail = self
            .pick(TAILS)
            .replace("{h:02}", &format!("{:02}", 6 + self.below(16)))
            .replace("{m:02}", &format!("{:02}", self.below(60)))
            .replace(
                "{phone}",
                &format!(
                    "070-{:03} {:02} {:02}",
                    100 + self.below(900),
                    self.below(100),
                    self.below(100)
                ),
            )
            .replace("{n}", &(2 + self.below(14)).to_string())
            .replace("{r}", &(1 + self.below(3)).to_string());
        format!(
            "{} {} {}. {tail}",
            self.pick(OPENINGS),
            self.pick(SUBJECTS),
            self.pick(PREDICATES)
        )
    }

    /// `n` sentences, one paragraph.
    pub fn paragraph(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| self.sentence())
            .collect::<Vec<_>>()
            .join(" ")
    }
}
