//! Every built-in label, in Swedish and English, from one table.

use crate::model::Lang;

macro_rules! labels {
    ($($name:ident => $sv:expr, $en:expr;)*) => {
        /// A built-in label.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Label { $(#[doc = $en] $name,)* }

        impl Label {
            /// Every label, for tests and the reference.
            pub const ALL: &'static [Label] = &[$(Label::$name,)*];

            /// The label's text in `lang`.
            pub fn text(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((Label::$name, Lang::Sv) => $sv, (Label::$name, Lang::En) => $en,)*
                }
            }
        }
    };
}

labels! {
    Date => "Datum", "Date";
    Time => "Tid", "Time";
    DateTime => "Datum och tid", "Date and time";
    Signature => "Signatur", "Signature";
    PrintedName => "Namnförtydligande", "Printed name";
    Initials => "Sign.", "Initials";
    PageOf => "Sida {page} av {pages}", "Page {page} of {pages}";
    Version => "Version", "Version";
    Printed => "Utskriven", "Printed";
    ReviewBy => "Granskas senast", "Review by";
    Issued => "Utfärdad", "Issued";
    Owner => "Ansvarig", "Owner";
    Contents => "Innehåll", "Contents";
    Activation => "När gäller reservrutinen?", "When is this routine in force?";
    HowToUse => "Så använder du pärmen", "How to use this kit";
    Procedures => "Rutiner", "Procedures";
    Contacts => "Kontaktlista", "Contact list";
    Checklists => "Checklistor", "Checklists";
    Forms => "Blanketter", "Forms";
    Logs => "Händelseloggar", "Activity logs";
    Register => "Efterregistrering", "Back-entry register";
    When => "När", "When";
    Who => "Vem", "Who";
    Step => "Steg", "Step";
    Call => "Ring", "Call";
    GoToStep => "gå till steg", "go to step";
    FillIn => "Fyll i", "Fill in";
    RunChecklist => "Gå igenom checklistan", "Run the checklist";
    OnPage => "sidan", "page";
    Mobile => "Mobil", "Mobile";
    Landline => "Direkt", "Direct";
    Switchboard => "Växel", "Switchboard";
    Fax => "Fax", "Fax";
    Rakel => "Rakel", "Radio (Rakel)";
    Messenger => "Springande bud", "Messenger on foot";
    Fallback => "Om ingen svarar", "If no answer";
    Hours => "Tider", "Hours";
    Location => "Plats", "Location";
    Verified => "Kontrollerad", "Verified";
    Role => "Roll", "Role";
    Name => "Namn", "Name";
    Phone => "Telefon", "Phone";
    PausePoint => "När", "When";
    ReadDo => "LÄS–GÖR", "READ-DO";
    DoConfirm => "GÖR–BEKRÄFTA", "DO-CONFIRM";
    Critical => "KRITISK", "CRITICAL";
    Item => "Punkt", "Item";
    Response => "Ska vara", "Response";
    CompletedBy => "Genomförd av", "Completed by";
    Serial => "Löpnummer", "Serial no.";
    Continued => "fortsättning", "continued";
    ContinuedShort => "forts.", "cont.";
    FormPageOf => "Blankett sida {page} av {pages}", "Form page {page} of {pages}";
    Position => "Befattning", "Position";
    ContactDetails => "Kontakter i detalj", "Contact details";
    KeepLog => "För logg i", "Keep the log";
    BackEntry => "Efterregistrering", "Back-entry";
    RegisteredBy => "Registrerad i systemet av", "Entered in the system by";
    CaseNumber => "Ärende-/ordernr", "Case/order no.";
    UsedOn => "Använd datum", "Used on";
    Unused => "Oanvänd", "Unused";
    WhatHappened => "Vad hände", "What happened";
    Sheet => "Blad", "Sheet";
    Personnummer => "Personnummer/reservnummer", "Personal identity number";
    PersonalData => "Innehåller personuppgifter – förvaras inlåst", "Contains personal data – keep locked away";
    Stock => "Förråd", "Stock";
    Copies => "Antal", "Copies";
    Yes => "Ja", "Yes";
    No => "Nej", "No";
    Exercise => "ÖVNING", "EXERCISE";
    Priority => "Prioritet", "Priority";
    PrioLifeAndHealth => "Liv och hälsa", "Life and health";
    PrioEssential => "Verksamhetskritisk", "Essential";
    PrioImportant => "Viktig", "Important";
    PrioDeferrable => "Kan vänta", "Can wait";
    KitCode => "Pärmens kod", "Kit code";
    Section => "Avsnitt", "Section";
    Page => "Sida", "Page";
    ChooseOne => "Kryssa ett alternativ", "Tick one";
    ChooseAny => "Kryssa ett eller flera", "Tick one or more";
    DateFormat => "ÅÅÅÅ-MM-DD", "YYYY-MM-DD";
    TimeFormat => "TT:MM", "HH:MM";
    FormCode => "Blankettens kod", "Form code";
    ChecklistCode => "Checklistans kod", "Checklist code";
    RegisterIntro => "Fyll i en rad för varje blankett när den registrerats i systemet. Kryssa oanvända blanketter som oanvända och felskrivna som makulerade. Fanns beställningen redan i systemet: annullera dubbletten där och kryssa Dubblett annullerad. En andra person kontrollerar registreringen och skriver under i Kontrollerad av. När avbrottet är över ska varje löpnummer ha en ifylld rad.", "Fill in one row for each form once it has been entered in the system. Tick unused forms as unused and spoiled ones as void. If the order was already in the system, cancel the duplicate there and tick Duplicate cancelled. A second person checks the entry and signs under Checked by. When the outage is over, every serial number must have a completed row.";
    Void => "Makulerad", "Void";
    CheckedBy => "Kontrollerad av", "Checked by";
    DuplicateCancelled => "Dubblett annullerad", "Duplicate cancelled";
    Received => "Mottagen", "Received";
    Missing => "SAKNAS", "MISSING";
    PrintRun => "tryckomgång", "print run";
    PrintRunUnknown => "tryckomgång okänd", "print run not recorded";
    RegisterReport => "Efterregistrering – läget {date}", "Back-entry register – status on {date}";
    RegisterReportIntro => "Ifyllt från liggaren för händelsen {incident}: vad som kommit tillbaka, vad som registrerats och vad som saknas. SAKNAS: utskrivet men inte tillbaka, fast senare nummer har kommit. Oanvänd: efter det sista som kommit tillbaka – ska ligga oanvänt i pärmen.", "Filled in from the ledger of incident {incident}: what came back, what is entered and what is missing. MISSING: printed but not back although later numbers are. Unused: after the last one that came back – should be blank in the binder.";
    RegisterTotals => "{sheets} blad tillbaka: {entered} registrerade ({checked} kontrollerade), {void} makulerade, {duplicate} dubbletter annullerade, {open} kvar att registrera. {missing} saknas.", "{sheets} sheets back: {entered} entered ({checked} checked), {void} void, {duplicate} duplicates cancelled, {open} still to enter. {missing} missing.";
    OtherVersion => "version {version}, annan än pärmens nu", "version {version}, not the kit's current one";
    SheetOf => "Blad {sheet} av {sheets}", "Sheet {sheet} of {sheets}";
    ContinuedOnSheet => "Fortsätter på blad nr", "Continues on sheet no.";
    StockIntro => "Enheten ska alltid ha detta antal utskrivna exemplar i pärmen:", "The unit should always hold this many printed copies:";
    Purpose => "Syfte", "Purpose";
    Notes => "Anteckning", "Notes";
    Done => "Klart", "Done";
    // Snapshots (`downkit snapshot`): {as-of}, {date}, {n} are filled in.
    SnapshotTitle => "Reservutskrift", "Data snapshot";
    DataAsOf => "Uppgifter per {as-of}", "Data as of {as-of}";
    DestroyAfter => "Förstör efter {date}", "Destroy after {date}";
    DataAsOfShort => "Uppgifter per", "Data as of";
    DestroyAfterShort => "Förstör efter", "Destroy after";
    SnapshotHandling => "Innehåller personuppgifter. Förvara utskriften inlåst och visa den bara för den som behöver uppgifterna i sitt arbete. Förstör den (strimla, eller lägg den i låst sekretessåtervinning) senast {date}, och så snart en nyare utskrift har kommit.", "Contains personal data. Keep this printout locked away and show it only to those who need the data for their work. Destroy it (shred it, or put it in a locked confidential-waste bin) by {date}, and as soon as a newer printout has arrived.";
    SnapshotHandlingPlain => "Förstör utskriften senast {date}, och så snart en nyare utskrift har kommit.", "Destroy this printout by {date}, and as soon as a newer printout has arrived.";
    SnapshotUse => "Utskriften visar uppgifterna som de var i systemet {as-of}. Det som har ändrats efter det står inte här: fråga samordnaren eller sjuksköterskan i tjänst innan du går på något som kan ha ändrats.", "This printout shows the data as it was in the system at {as-of}. Nothing changed since then is in it: ask the coordinator or the nurse on duty before relying on anything that may have changed.";
    SnapshotHowTo => "Så använder du utskriften", "How to use this printout";
    SnapshotSources => "Underlag", "Sources";
    SnapshotPart => "Del", "Part";
    SnapshotRows => "Rader", "Rows";
    SnapshotExport => "Export", "Export";
    FlagLegend => "= uppgiften såg fel ut i exporten (till exempel ett datum eller ett personnummer som inte stämmer). Den står här som den stod i exporten: kontrollera den innan du använder den.", "= the value looked wrong in the export (a date or a personal identity number that does not add up, for example). It is printed as it was in the export: check it before you rely on it.";
    FlaggedCount => "{n} uppgifter är markerade", "{n} values are marked";
    NothingPlanned => "Inget planerat den här dagen enligt exporten.", "Nothing planned for this day in the export.";
    NoGroup => "Utan grupp", "No group";
    FromExport => "Enligt exporten", "From the export";
    CheckValue => "Kontrollera: uppgiften såg fel ut i exporten", "Check: the value looked wrong in the export";
    // Test page: no-break spaces (\u{a0}) keep numbers with their units on one line.
    TestPageTitle => "Testsida för skrivare och kopiator", "Printer and copier test page";
    TestPageIntro => "Skriv ut den här sidan före varje stor utskrift och kopiera den på den kopiator som ska användas. Kontrollera både utskriften och kopian.", "Print this page before every bulk print and copy it on the copier you will use. Check both the printout and the copy.";
    TestQrCodes => "QR-koder", "QR codes";
    TestModule => "Modul {mm}\u{a0}mm", "Module {mm}\u{a0}mm";
    TestTextSizes => "Textstorlekar", "Text sizes";
    TestSampleText => "Ring växeln – åäö ÅÄÖ", "Call the desk – åäö ÅÄÖ";
    TestLineWeights => "Linjetjocklekar", "Line weights";
    TestHowTo => "Så kontrollerar du sidan", "How to check this page";
    TestMeasure => "Mät båda svarta staplarna med en linjal: varje stapel ska vara 100\u{a0}mm\u{a0}±\u{a0}1\u{a0}mm (99–101\u{a0}mm).", "Measure both black bars with a ruler: each bar must measure 100\u{a0}mm\u{a0}±\u{a0}1\u{a0}mm (99–101\u{a0}mm).";
    TestFitToPage => "Är en stapel kortare eller längre? Stäng av ”Anpassa till sida” i utskriftsrutan, välj ”Faktisk storlek” (100\u{a0}%) och skriv ut sidan igen.", "Is a bar shorter or longer? Turn off “Fit to page” in the print dialog, choose “Actual size” (100\u{a0}%) and print the page again.";
    TestLight => "Går 8\u{a0}pt-raden inte att läsa, eller saknas den tunnaste linjen? Då är kopian för ljus: använd en annan kopiator.", "Is the 8\u{a0}pt line unreadable, or is the thinnest line missing? Then the copy is too light: use another copier.";
    TestQrScan => "Skanna QR-koderna med en telefon. Går koden med modul 0,8\u{a0}mm inte att läsa: använd inte den kopiatorn för pärmar.", "Scan the QR codes with a phone. If the 0.8\u{a0}mm code does not scan, do not use that copier for kits.";
    TestCheckedBy => "Kontrollerad: datum, skrivare/kopiator, signatur", "Checked: date, printer/copier, signature";
    DrillFileSuffix => "ovning", "exercise";
    DrillLeaderMaterial => "Övningsledarens material", "Drill leader's material";
    Scenario => "Scenario", "Scenario";
    ScenarioWhat => "Det här har hänt", "What has happened";
    SystemsDown => "System som ligger nere", "Systems down";
    DrillStart => "Start", "Start";
    DrillEnd => "Slut", "End";
    PlannedLength => "Planerad längd", "Planned length";
    Minutes => "{n} minuter", "{n} minutes";
    DrillLeader => "Övningsledare", "Drill leader";
    ExerciseCalls => "Det här är en övning. Börja varje samtal, fax och meddelande med ”Detta är en övning”. Ring bara nummer utanför enheten om övningsledaren sagt det.", "This is an exercise. Begin every call, fax and message with “This is an exercise”. Only call numbers outside the unit if the drill leader has said so.";
    Inject => "Inspel", "Inject";
    InjectCards => "Inspelskort", "Inject cards";
    InjectCardsIntro => "Klipp isär korten längs linjerna. Dela ut varje kort till den som står på det, vid tiden på kortet.", "Cut the cards apart along the lines. Hand each card to the person named on it, at the time on the card.";
    To => "Till", "To";
    Expected => "Förväntat", "Expected";
    TimingSheet => "Tidsprotokoll", "Timing sheet";
    TimingIntro => "För övningsledaren: dela inte ut i förväg. Skriv faktisk tid när det händer.", "For the drill leader: do not hand out in advance. Write the actual time when it happens.";
    Event => "Händelse", "Event";
    Planned => "Planerad", "Planned";
    Actual => "Faktisk", "Actual";
    DrillStarts => "Övningen startar", "Drill starts";
    DrillEnds => "Övningen avslutas", "Drill ends";
    InjectHandedOut => "Inspel {n} delas ut", "Inject {n} handed out";
    ChecklistDone => "Checklista klar", "Checklist completed";
    FirstFormFilled => "Första beställning lagd / blankett ifylld", "First order placed / form filled in";
    Evaluation => "Utvärdering av övningen", "Drill evaluation";
    Participants => "Deltagare", "Participants";
    WhatWorked => "Vad fungerade?", "What worked?";
    WhatDidNot => "Vad fungerade inte?", "What did not work?";
    ChangeInKit => "Vad ska ändras i pärmen?", "What should change in the kit?";
    FollowUps => "Uppföljning", "Follow-up";
    Action => "Åtgärd", "Action";
    ByWhen => "Senast", "By when";
    EvaluationHandIn => "Lämna utvärderingen till den som för övningsloggen.", "Hand the evaluation to whoever keeps the drill log.";
    DefaultScenarioTitle => "Verksamhetssystemet ligger nere", "The business system is down";
    DefaultWhatHappened => "Klockan {start} slutar verksamhetssystemet att svara. Ingen vet när det är tillbaka. Arbetet ska fortsätta enligt reservrutinen.", "At {start} the business system stops responding. Nobody knows when it will be back. Work is to continue by the fallback routine.";
    DefaultSystem => "Verksamhetssystemet", "The business system";
    DefaultInject1 => "Systemet svarar inte. Inloggningen ger ett felmeddelande.", "The system does not respond. Logging in gives an error message.";
    DefaultTo1 => "Den som upptäcker avbrottet", "Whoever notices the outage";
    DefaultExpect1 => "Avbrottet rapporteras och pärmen tas fram.", "The outage is reported and the kit is taken out.";
    DefaultInject2 => "Beslut: reservrutinen gäller från nu.", "Decision: the fallback routine is in force from now.";
    DefaultTo2 => "Hela enheten", "The whole unit";
    DefaultExpect2 => "Checklistan för avbrott gås igenom.", "The outage checklist is run.";
    DefaultInject3 => "Ett ärende kommer in som måste hanteras nu.", "A case arrives that must be handled now.";
    DefaultTo3 => "Handläggare", "Case handler";
    DefaultExpect3 => "Ärendet hanteras på papper med pärmens blankett.", "The case is handled on paper with the kit's form.";
    DefaultInject4 => "{contact} svarar inte i telefon.", "{contact} does not answer the phone.";
    DefaultContact => "Leverantören", "The supplier";
    DefaultTo4 => "Den som ringer", "Whoever is calling";
    DefaultExpect4 => "Reservkedjan i kontaktlistan följs.", "The fallback chain on the contact list is followed.";
    DefaultInject5 => "Systemet är tillbaka.", "The system is back.";
    DefaultExpect5 => "Återgång; efterregistreringen påbörjas och stäms av mot registret.", "Return to normal; back-entry starts and is checked against the register.";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_label_exists_in_both_languages() {
        for l in Label::ALL {
            assert!(!l.text(Lang::Sv).is_empty(), "{l:?} sv");
            assert!(!l.text(Lang::En).is_empty(), "{l:?} en");
        }
        assert_eq!(Label::PageOf.text(Lang::Sv), "Sida {page} av {pages}");
    }
}
