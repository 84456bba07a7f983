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
    ReportTitle => "Efter övning – rapport och förbättringsplan", "After-action report and improvement plan";
    ReportIntro => "Sammanställt {date} ur övningsloggen: vad som övades, vad som kom fram och vad som ska göras, med ansvarig och datum. Gå igenom förbättringsplanen på nästa möte och markera det som är klart.", "Compiled on {date} from the drill log: what was exercised, what was found and what is to be done, with owner and date. Go through the improvement plan at the next meeting and mark what is done.";
    ReportSummary => "{drills} övningar, den senaste {last}. Förbättringsplanen: {open} öppna, varav {overdue} försenade, {done} klara.", "{drills} drills, the last on {last}. Improvement plan: {open} open, of which {overdue} overdue, {done} done.";
    ReportNoDrills => "Inga övningar finns i loggen ännu.", "The log holds no drills yet.";
    ReportPlan => "Förbättringsplan", "Improvement plan";
    ReportDrills => "Övningarna", "The drills";
    ReportExercised => "Övat", "Exercised";
    ReportFindings => "Iakttagelser", "Findings";
    ReportNoFindings => "Inga iakttagelser skrevs in.", "No findings were written down.";
    ReportCalls => "Kontakttest: {reached} svarade, {no_answer} svarade inte, {wrong} fel nummer.", "Call-tree test: {reached} answered, {no_answer} did not answer, {wrong} wrong numbers.";
    ReportFromDrill => "Från övning", "From drill";
    ReportStatus => "Status", "Status";
    ReportOpen => "Öppen", "Open";
    ReportOverdue => "FÖRSENAD", "OVERDUE";
    ReportDoneOn => "Klar {date}", "Done {date}";
    ReportNoPlan => "Inga uppföljningar skrevs in.", "No follow-ups were written down.";
    ReportRecord => "Markera en åtgärd klar: downkit drill <pärmens mapp> --record --done \"<åtgärd>\".", "Mark an action done: downkit drill <kit folder> --record --done \"<action>\".";
    ReportFileSuffix => "efter-ovning", "after-action";
    ReportNoScenario => "Ingen scenario angiven", "No scenario given";
    ByWhen => "Senast", "By when";
    EvaluationHandIn => "Lämna utvärderingen till den som för övningsloggen.", "Hand the evaluation to whoever keeps the drill log.";
    DefaultScenarioTitle => "Verksamhetssystemet ligger nere i {days} dygn", "The business system is down for {days} days";
    DefaultScenarioTitleOneDay => "Verksamhetssystemet ligger nere", "The business system is down";
    DefaultWhatHappened => "Dag 1 klockan {start} slutar verksamhetssystemet att svara. Ingen vet när det är tillbaka. Arbetet ska fortsätta enligt reservrutinen.", "On day 1 at {start} the business system stops responding. Nobody knows when it will be back. Work is to continue by the fallback routine.";
    DefaultTimeJumps => "Övningen spelar {days} dygn med tidshopp: övningsledaren säger till när klockan hoppar fram, och vad som har hänt under tiden.", "The drill plays {days} days with time jumps: the drill leader announces each jump, and what has happened in between.";
    DefaultSystem => "Verksamhetssystemet", "The business system";
    DefaultInject1 => "Systemet svarar inte. Inloggningen ger ett felmeddelande.", "The system does not respond. Logging in gives an error message.";
    DefaultTo1 => "Den som upptäcker avbrottet", "Whoever notices the outage";
    DefaultExpect1 => "Avbrottet rapporteras. Pärmen tas fram där affischen säger att den finns.", "The outage is reported. The kit is taken from where the poster says it is.";
    DefaultInject2 => "Beslut: reservrutinen gäller från nu.", "Decision: the fallback routine is in force from now.";
    DefaultTo2 => "Hela enheten", "The whole unit";
    DefaultExpect2 => "Checklistan för avbrott gås igenom.", "The outage checklist is run.";
    DefaultExpectIntake => "Inflödet i pärmens lista är stängt eller omstyrt: {channels}.", "The intake channels on the kit's list are closed or redirected: {channels}.";
    DefaultInject3 => "Ett ärende kommer in som måste hanteras nu.", "A case arrives that must be handled now.";
    DefaultTo3 => "Handläggare", "Case handler";
    DefaultExpect3 => "Ärendet hanteras på papper med pärmens blankett.", "The case is handled on paper with the kit's form.";
    DefaultInject4 => "{contact} svarar inte i telefon.", "{contact} does not answer the phone.";
    DefaultContact => "Leverantören", "The supplier";
    DefaultTo4 => "Den som ringer", "Whoever is calling";
    DefaultExpect4 => "Reservkedjan i kontaktlistan följs.", "The fallback chain on the contact list is followed.";
    DefaultInjectNight => "Kvällen lämnar över till natten. Den som har nattpasset har aldrig arbetat med pärmen.", "The evening shift hands over to the night. The night staff have never worked with the kit.";
    DefaultToNight => "Den som har nattpasset", "Whoever works the night shift";
    DefaultExpectNight => "Överlämning med loggen och påbörjade blanketter. Natten hittar rutinen, numren och blanketterna på egen hand.", "Handover with the log and the forms in progress. The night finds the routine, the numbers and the forms on their own.";
    DefaultInjectDay2 => "Tidshopp: dag {day}, klockan 07.00. Systemet är fortfarande nere. IT tror att det tar minst ett dygn till.", "Time jump: day {day}, 07.00. The system is still down. IT thinks it will take at least another day.";
    DefaultExpectDay2 => "Förrådet räknas mot förrådslistan. Det som inte räcker avbrottet ut skrivs ut, hämtas eller beställs. Loggen fortsätter på ett nytt blad.", "The stock is counted against the stock list. What will not last the outage is printed, fetched or ordered. The log goes on on a new sheet.";
    DefaultInjectPrinter => "Skrivaren fungerar inte heller. Blanketterna börjar ta slut.", "The printer does not work either. The forms are running out.";
    DefaultExpectPrinter => "Reservförrådet används, eller blanketter hämtas från en annan enhet. En numrerad blankett kopieras aldrig.", "The spare stock is used, or forms are fetched from another unit. A numbered form is never photocopied.";
    DefaultInject5 => "Tidshopp: dag {day}, klockan 15.00. Systemet är tillbaka.", "Time jump: day {day}, 15.00. The system is back.";
    DefaultInject5OneDay => "Systemet är tillbaka.", "The system is back.";
    DefaultExpect5 => "Återgång: allt registreras i tidsordning med en avbrottsanteckning, dubbletter annulleras och stäms av mot registret, utskrivna listor med personuppgifter förstörs.", "Recovery: everything is entered in time order with a downtime note, duplicates are cancelled and checked against the register, printed lists with personal data are destroyed.";
    CallTreeTitle => "Test av kontaktlistan", "Call-tree test";
    CallTreeWhat => "Ring varje kontakt i pärmens kontaktlista på det första numret. Säg: ”Detta är en övning. Vi testar vår kontaktlista. Stämmer det att du nås på det här numret?” Skriv resultatet, datum och tid på samtalslistan. Svarar ingen: ring igen efter 10 minuter, och prova sedan nästa nummer i reservkedjan.", "Call every contact on the kit's contact list on the first number. Say: “This is an exercise. We are testing our contact list. Is this the right number to reach you?” Write the result, the date and the time on the call sheet. If nobody answers, call again after 10 minutes, then try the next number in the fallback chain.";
    CallTreeSystem => "Inga: kontaktlistan testas", "None: the contact list is tested";
    DayTime => "Dag {day} {time}", "Day {day} {time}";
    DaysHours => "{days} dygn {hours} timmar", "{days} days {hours} hours";
    HoursN => "{n} timmar", "{n} hours";
    TimeJump => "TIDSHOPP", "TIME JUMP";
    Contact => "Kontakt", "Contact";
    CallResult => "Resultat", "Result";
    Reached => "Svarade, rätt nummer", "Answered, right number";
    NoAnswer => "Inget svar", "No answer";
    WrongNumber => "Fel nummer", "Wrong number";
    RightNumberOrNote => "Rätt nummer eller anteckning", "Right number or note";
    CallSheet => "Samtalslista", "Call sheet";
    CallSheetIntro => "Ring kontakterna i tur och ordning. Kryssa resultatet och skriv datum och tid för samtalet. Stämmer inte namnet eller numret: skriv det rätta i anteckningen.", "Call the contacts in turn. Tick the result and write the date and time of the call. If the name or number is wrong, write the right one in the note.";
    CallSheetRecord => "Efteråt för samordnaren in resultatet med kontakternas id: downkit drill <pärmens mapp> --record --scenario {scenario} --reached <id> … --no-answer <id> --wrong-number <id>. Varje kontakt som svarade får dagens datum som kontrollerad.", "Afterwards the coordinator records the results with the contacts' ids: downkit drill <kit folder> --record --scenario {scenario} --reached <id> … --no-answer <id> --wrong-number <id>. Every contact who answered gets the day's date as verified.";
    RecoveryTitle => "När systemet är tillbaka", "When the system is back";
    RecoveryChecklist => "{title} – checklista", "{title} – checklist";
    RecoveryPausePoint => "När beslut har fattats att reservrutinen upphör", "When the decision to end the fallback routine has been made";
    RecoveryItemBackEntry => "Allt på papper är registrerat i tidsordning, äldsta först", "Everything on paper is entered in time order, oldest first";
    RecoveryItemNote => "Varje ärende som berörts har fått avbrottsanteckningen", "Every record touched has the downtime note";
    RecoveryItemDuplicates => "Dubbletter är sökta och annullerade", "Duplicates are searched for and cancelled";
    RecoveryItemRegister => "Varje löpnummer i registret har en ifylld rad", "Every serial number in the register has a completed row";
    RecoveryItemDestroy => "{what}: förstörda ({how})", "{what}: destroyed ({how})";
    RecoveryDoneEntered => "REGISTRERAT", "ENTERED";
    RecoveryDoneNoted => "ANTECKNAT", "NOTED";
    RecoveryDoneCancelled => "ANNULLERADE", "CANCELLED";
    RecoveryDoneReconciled => "AVSTÄMT", "RECONCILED";
    RecoveryDoneDestroyed => "FÖRSTÖRDA", "DESTROYED";
    RecoveryBackEntry => "Efterregistrera i tidsordning", "Back-entry in time order";
    RecoveryNote => "Avbrottsanteckning i varje ärende som berörs", "A downtime note in every record touched";
    RecoveryNoteWrite => "Skriv så här", "Write this";
    RecoveryDuplicates => "Dubbletter", "Duplicates";
    RecoveryDestroy => "Förstör", "Destroy";
    What => "Vad", "What";
    How => "Hur", "How";
    RecoveryOnCover => "När systemet är tillbaka: följ {title} på sidan {page}.", "When the system is back: follow {title} on page {page}.";
    PosterTitle => "Systemet nere?", "System down?";
    PosterDecides => "Vem beslutar att reservrutinen gäller?", "Who decides that the fallback routine is in force?";
    PosterFirst => "Gör det här först", "Do this first";
    PosterBinder => "Här finns pärmen", "The binder is here";
    PosterIntake => "Stäng eller styr om", "Close or redirect";
    Poster => "Affisch: Systemet nere?", "Poster: System down?";
    IntakeEService => "E-tjänst", "E-service";
    IntakePhoneMenu => "Telefonmeny", "Phone menu";
    IntakeEmail => "E-post", "E-mail";
    IntakeClose => "stäng", "close it";
    IntakeRedirect => "styr om", "redirect it";
    IntakeRedirectTo => "styr om till {to}", "redirect it to {to}";
    IntakeStep => "Stäng eller styr om", "Close or redirect";
    Reservnummer => "Reservnummer", "Temporary ID numbers";
    ReservIntro => "Har brukaren inget personnummer, eller går det inte att få fram? Ta nästa lediga nummer i din enhets lista, uppifrån. Skriv det i rutan Personnummer eller reservnummer på blanketten och fyll i raden här. Samma nummer ges aldrig två gånger. Rätt personnummer skrivs in efteråt.", "No personal identity number, or none to be had? Take the next free number of your unit's list, from the top. Write it in the identity box of the form and fill in the row here. A number is never given twice. The real identity number is added afterwards.";
    ReservNumber => "Reservnummer", "Temporary ID";
    ReservGiven => "Givet: datum och tid", "Given: date and time";
    ReservTo => "Till vem: namn, födelsedatum, adress eller det som känns igen", "To whom: name, date of birth, address or whatever identifies them";
    ReservRealId => "Rätt personnummer (efteråt)", "Real identity number (afterwards)";
    ReservOnForm => "Saknas personnummer: nästa reservnummer i listan, sidan {page}.", "No identity number: the next temporary ID on the list, page {page}.";
    StockPlanned => "(planerat för ett avbrott på {hours} timmar)", "(planned for an outage of {hours} hours)";
    StockUse => "Förbrukning", "Use";
    StockNeed => "Behov för {hours} h", "Need for {hours} h";
    StockLasts => "Räcker", "Lasts";
    StockTooFew => "FÖR FÅ", "TOO FEW";
    PerHour => "{n} per timme", "{n} an hour";
    PerDay => "{n} per dygn", "{n} a day";
    Locations => "Pärmar finns här", "Binders are kept here";
    ShelfCheckEvery => "kontrolleras var {days}:e dag av {role}", "checked every {days} days by {role}";
    Unit => "Enhet", "Unit";
    LookUpIn => "Slå upp i", "Look up in";
    CodeOf => "QR-kod: {what}", "QR code: {what}";
    CodeTest => "Testkod för skrivaren, modul {size}", "Printer test code, module {size}";
    ArchiveFileSuffix => "arkiv", "archive";
    ArchiveSourcesSuffix => "arkiv-kallor", "archive-sources";
    ArchiveSourceFile => "Källfil till version {version} av rutinen", "Source file of version {version} of the routine";
    ArchiveChecksums => "SHA-256-kontrollsummor för källfilerna (sha256sum -c)", "SHA-256 checksums of the source files (sha256sum -c)";
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
