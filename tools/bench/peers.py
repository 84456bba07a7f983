"""The peers of the benchmark: the same content as downkit's benchmark kit, set with Typst,
fpdf2 and ReportLab, so that speed, memory and file size are compared on one machine in one
run. Not part of downkit; the comparison tools are installed by hand (`pip install typst
fpdf2 reportlab`) and a missing one is skipped by the runner.

    python3 peers.py typst-source CONTENT.json DIR   # writes DIR/kit.typ (not timed)
    python3 peers.py typst DIR/kit.typ OUT.pdf FONTDIR
    python3 peers.py fpdf2 CONTENT.json OUT.pdf FONTDIR
    python3 peers.py reportlab CONTENT.json OUT.pdf FONTDIR
    python3 peers.py baseline TOOL                    # the interpreter and the import alone

CONTENT.json is the kit (its TOML as JSON) with the QR codes' modules already encoded
(`qr_contacts`, `qr_copies`: rows of 0 and 1), as a user of these tools would pre-generate
them: Typst includes them as PNG files (written with the source, not timed), fpdf2 and
ReportLab draw them as filled rectangles. Every page carries the kit, its version and the page number; one page per form copy.
"""

import json
import os
import sys

MM = 72 / 25.4
W, H = 210.0, 297.0
MARGIN = 15.0


def serials(form):
    s = form["serial"]
    return [f'{s["prefix"]}{s["first"] + i:0{s["digits"]}d}' for i in range(s["copies"])]


def phones(c):
    return "   ".join(p["number"] for p in c.get("phones", []))


# ---------------------------------------------------------------- Typst


def typst_escape(s):
    out = []
    for ch in str(s):
        if ch in '\\#*_`$<>@[]"~/=-+':
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


def png(rows, path):
    """A QR code as a 1-bit PNG, one pixel a module, with the 4-module quiet zone."""
    import struct
    import zlib

    n = len(rows) + 8
    pad = "0" * 4
    lines = ["0" * n] * 4 + [pad + r + pad for r in rows] + ["0" * n] * 4
    raw = b""
    for line in lines:
        bits = "".join("0" if c == "1" else "1" for c in line)  # 0 is black
        bits += "1" * (-len(bits) % 8)
        raw += b"\0" + bytes(int(bits[i : i + 8], 2) for i in range(0, len(bits), 8))

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", n, n, 1, 0, 0, 0, 0)))
        f.write(chunk(b"IDAT", zlib.compress(raw, 9)))
        f.write(chunk(b"IEND", b""))


def typst_qr(name, size_mm):
    """A pre-generated code (a PNG file written by `typst-source`), drawn unsmoothed."""
    return f'image("qr/{name}.png", width: {size_mm}mm, scaling: "pixelated")'


def typst_source(content, out_dir):
    kit = content["kit"]
    e = typst_escape
    t = []
    t.append(
        f"""#set page(paper: "a4", margin: (x: 15mm, top: 18mm, bottom: 18mm),
  header: text(8pt)[{e(kit["organisation"])} #h(1fr) {e(kit["id"])} · version {e(kit["version"])}],
  footer: context text(8pt)[{e(kit["title"])} #h(1fr) Sida #counter(page).display() av #counter(page).final().first()])
#set text(font: "Atkinson Hyperlegible", size: 11pt, lang: "sv")
#set par(justify: false)
#let box-row(n) = stack(dir: ltr, ..range(n).map(_ => box(width: 5.5mm, height: 7mm, stroke: 0.6pt)))
#let field(label, body) = block(width: 100%, stroke: 0.6pt, inset: 1.5mm, above: 1mm, below: 1mm)[#text(8pt, label) \\ #body]
"""
    )
    t.append(f"#text(20pt, weight: \"bold\")[{e(kit['title'])}]\n\n{e(kit['subtitle'])}\n\n")
    t.append(f"*Gäller när:* {e(kit['activation'])}\n\n*Så använder du pärmen:* {e(kit['how-to-use'])}\n\n")
    t.append(f"*Ägare:* {e(kit['owner'])} · utfärdad {e(kit['issued'])} · granskas senast {e(kit['review-by'])}\n\n")
    t.append("#pagebreak()\n= Kontakter\n")
    t.append("#table(columns: (1fr, 1.3fr, 22mm), stroke: 0.5pt, inset: 2mm,\n")
    os.makedirs(os.path.join(out_dir, "qr"), exist_ok=True)
    for i, (c, qr) in enumerate(zip(content["contact"], content["qr_contacts"])):
        png(qr, os.path.join(out_dir, "qr", f"c{i}.png"))
        t.append(
            f"  [*{e(c['role'])}* \\ {e(c.get('name', ''))} \\ {e(c.get('group', ''))}],"
            f" [{e(phones(c))} \\ {e(c.get('hours', ''))} \\ {e(c.get('location', ''))}],"
            f" {typst_qr(f'c{i}', 18)},\n"
        )
    t.append(")\n")
    for p in content["procedure"]:
        t.append(f"#pagebreak()\n= {e(p['title'])}\n*När:* {e(p['when'])} \\ *Vem:* {e(p['who'])}\n\n")
        for i, st in enumerate(p["step"]):
            t.append(f"+ {e(st['text'])}\n")
    for c in content["checklist"]:
        t.append(f"#pagebreak()\n= {e(c['title'])}\n_{e(c['pause-point'])}_\n\n")
        t.append("#table(columns: (8mm, 1fr, 30mm, 16mm, 16mm), stroke: 0.5pt, inset: 2mm,\n  [], [*Punkt*], [*Svar*], [*Tid*], [*Sign.*],\n")
        for it in c["item"]:
            t.append(f"  box(width: 5mm, height: 5mm, stroke: 0.8pt), [{e(it['text'])}], [{e(it['response'])}], [], [],\n")
        t.append(")\n")
    form = content["form"][0]
    for serial, qr in zip(serials(form), content["qr_copies"]):
        png(qr, os.path.join(out_dir, "qr", f"{serial}.png"))
        t.append(f"#pagebreak()\n#set text(10pt)\n#grid(columns: (1fr, 24mm), [#text(15pt, weight: \"bold\")[{e(form['title'])}] \\ {e(form['code'])} {e(form['edition'])} \\ #text(14pt, weight: \"bold\")[Nr {e(serial)}]], {typst_qr(serial, 22)})\n")
        for sec in form["section"]:
            t.append(f"#text(weight: \"bold\")[{e(sec['title'])}]\n")
            if "table" in sec:
                cols = sec["table"]["column"]
                t.append(f"#table(columns: ({', '.join('1fr' for _ in cols)}), rows: 8mm, stroke: 0.6pt, {', '.join('[*' + e(c['heading']) + '*]' for c in cols)}, ..range({sec['table']['rows'] * len(cols)}).map(_ => []))\n")
                continue
            narrow = []

            def flush():
                if narrow:
                    t.append("#grid(columns: (1fr, 1fr), gutter: 1mm, " + ", ".join(narrow) + ")\n")
                    narrow.clear()

            for f in sec["field"]:
                kind = f.get("kind", "text")
                if kind == "personnummer":
                    body = "[#box-row(12)]"
                elif kind == "boxes":
                    body = f"[#box-row({f.get('length', 6)})]"
                elif kind == "choice":
                    body = "[" + " ".join(f"#box(width: 4mm, height: 4mm, stroke: 0.8pt) {e(o)}" for o in f["options"]) + "]"
                elif kind == "signature":
                    body = "[#v(6mm) #line(length: 100%, stroke: 0.6pt)]"
                else:
                    body = "[#v(4mm)]"
                cell = f"field([{e(f['label'])}], {body})"
                if len(f["label"]) > 40 or kind in ("choice", "signature"):
                    flush()
                    t.append(f"#{cell}\n")
                else:
                    narrow.append(cell)
            flush()
    t.append("#pagebreak()\n= Register för efterregistrering\n")
    t.append("#table(columns: (28mm, 24mm, 1fr, 30mm), stroke: 0.5pt, inset: 1.6mm, [*Nummer*], [*Datum*], [*Brukare*], [*Registrerad av*],\n")
    for serial in serials(form):
        t.append(f"  [{e(serial)}], [], [], [],\n")
    t.append(")\n")
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "kit.typ"), "w", encoding="utf-8") as f:
        f.write("".join(t))


def run_typst(src, out, fonts):
    import typst

    typst.compile(src, output=out, font_paths=[fonts], ignore_system_fonts=True)


# ---------------------------------------------------------------- fpdf2 and ReportLab


class Fpdf:
    def __init__(self, fonts, kit):
        from fpdf import FPDF

        self.pdf = FPDF(unit="mm", format="A4")
        self.pdf.set_auto_page_break(False)
        self.pdf.add_font("A", "", os.path.join(fonts, "AtkinsonHyperlegible-Regular.ttf"))
        self.pdf.add_font("A", "B", os.path.join(fonts, "AtkinsonHyperlegible-Bold.ttf"))
        self.pdf.alias_nb_pages()
        self.kit = kit

    def page(self, n):
        self.pdf.add_page()
        self.text(MARGIN, 10, 8, False, f'{self.kit["organisation"]}    {self.kit["id"]} · version {self.kit["version"]}')
        self.text(MARGIN, H - 8, 8, False, f'{self.kit["title"]}    Sida {n} av {{nb}}')

    def text(self, x, y, size, bold, s):
        self.pdf.set_font("A", "B" if bold else "", size)
        self.pdf.text(x, y, s)

    def width(self, s, size, bold):
        self.pdf.set_font("A", "B" if bold else "", size)
        return self.pdf.get_string_width(s)

    def rect(self, x, y, w, h, fill=False):
        self.pdf.rect(x, y, w, h, style="F" if fill else "D")

    def qr(self, x, y, size, rows):
        n = len(rows)
        m = size / (n + 8)
        for r, row in enumerate(rows):
            c = 0
            while c < n:
                if row[c] == "1":
                    s = c
                    while c < n and row[c] == "1":
                        c += 1
                    self.pdf.rect(x + (s + 4) * m, y + (r + 4) * m, (c - s) * m, m, style="F")
                else:
                    c += 1

    def save(self, out):
        self.pdf.output(out)


class Reportlab:
    def __init__(self, fonts, kit):
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont
        from reportlab.pdfgen import canvas

        pdfmetrics.registerFont(TTFont("A", os.path.join(fonts, "AtkinsonHyperlegible-Regular.ttf")))
        pdfmetrics.registerFont(TTFont("AB", os.path.join(fonts, "AtkinsonHyperlegible-Bold.ttf")))
        self.metrics = pdfmetrics
        self.c = None
        self.canvas = canvas
        self.kit = kit
        self.started = False
        self.total = 0
        self.dry = True

    def page(self, n):
        if self.dry:
            return
        if self.started:
            self.c.showPage()
        self.started = True
        self.text(MARGIN, 10, 8, False, f'{self.kit["organisation"]}    {self.kit["id"]} · version {self.kit["version"]}')
        self.text(MARGIN, H - 8, 8, False, f'{self.kit["title"]}    Sida {n} av {self.total}')

    def text(self, x, y, size, bold, s):
        if self.dry:
            return
        self.c.setFont("AB" if bold else "A", size)
        self.c.drawString(x * MM, (H - y) * MM, s)

    def width(self, s, size, bold):
        return self.metrics.stringWidth(s, "AB" if bold else "A", size) / MM

    def rect(self, x, y, w, h, fill=False):
        if self.dry:
            return
        self.c.rect(x * MM, (H - y - h) * MM, w * MM, h * MM, stroke=0 if fill else 1, fill=1 if fill else 0)

    def qr(self, x, y, size, rows):
        if self.dry:
            return
        n = len(rows)
        m = size / (n + 8)
        p = self.c.beginPath()
        for r, row in enumerate(rows):
            c = 0
            while c < n:
                if row[c] == "1":
                    s = c
                    while c < n and row[c] == "1":
                        c += 1
                    p.rect((x + (s + 4) * m) * MM, (H - y - (r + 5) * m) * MM, (c - s) * m * MM, m * MM)
                else:
                    c += 1
        self.c.drawPath(p, stroke=0, fill=1)

    def start(self, out, total):
        self.c = self.canvas.Canvas(out, pagesize=(W * MM, H * MM))
        self.total = total
        self.dry = False

    def save(self, out):
        self.c.save()


def wrap(d, s, size, bold, width):
    lines, line = [], ""
    for word in s.split():
        cand = f"{line} {word}" if line else word
        if line and d.width(cand, size, bold) > width:
            lines.append(line)
            line = word
        else:
            line = cand
    if line:
        lines.append(line)
    return lines


def draw(d, content):
    """Lays the kit out on `d` (fpdf2 or ReportLab): fixed positions, greedy line breaking."""
    kit = content["kit"]
    pages = [0]
    y = [0.0]
    bottom = H - 18

    def new_page():
        pages[0] += 1
        d.page(pages[0])
        y[0] = 20.0

    def para(s, size=11, bold=False, indent=0.0):
        for line in wrap(d, s, size, bold, W - 2 * MARGIN - indent):
            if y[0] + size * 0.5 > bottom:
                new_page()
            y[0] += size * 0.45
            d.text(MARGIN + indent, y[0], size, bold, line)
        y[0] += 1.5

    new_page()
    para(kit["title"], 20, True)
    para(kit["subtitle"])
    para("Gäller när: " + kit["activation"])
    para("Så använder du pärmen: " + kit["how-to-use"])
    para(f'Ägare: {kit["owner"]} · utfärdad {kit["issued"]} · granskas senast {kit["review-by"]}')
    new_page()
    para("Kontakter", 16, True)
    for c, qr in zip(content["contact"], content["qr_contacts"]):
        if y[0] + 24 > bottom:
            new_page()
        d.rect(MARGIN, y[0], W - 2 * MARGIN, 23)
        d.text(MARGIN + 2, y[0] + 5, 11, True, c["role"])
        d.text(MARGIN + 2, y[0] + 10, 10, False, f'{c.get("name", "")} · {c.get("group", "")}')
        d.text(MARGIN + 2, y[0] + 15, 11, True, phones(c))
        d.text(MARGIN + 2, y[0] + 20, 9, False, f'{c.get("hours", "")} · {c.get("location", "")}')
        d.qr(W - MARGIN - 22, y[0] + 0.5, 22, qr)
        y[0] += 24
    for p in content["procedure"]:
        new_page()
        para(p["title"], 16, True)
        para(f'När: {p["when"]}. Vem: {p["who"]}')
        for i, st in enumerate(p["step"]):
            para(f'{i + 1}. {st["text"]}', indent=0)
    for c in content["checklist"]:
        new_page()
        para(c["title"], 16, True)
        para(c["pause-point"])
        for it in c["item"]:
            d.rect(MARGIN, y[0], 5, 5)
            d.text(MARGIN + 8, y[0] + 4, 11, False, it["text"])
            d.text(W - MARGIN - 60, y[0] + 4, 10, True, it["response"])
            d.rect(W - MARGIN - 30, y[0] - 1, 14, 7)
            d.rect(W - MARGIN - 14, y[0] - 1, 14, 7)
            y[0] += 10
    form = content["form"][0]
    for serial, qr in zip(serials(form), content["qr_copies"]):
        new_page()
        d.text(MARGIN, y[0] + 5, 15, True, form["title"])
        d.text(MARGIN, y[0] + 11, 10, False, f'{form["code"]} {form["edition"]}')
        d.text(MARGIN, y[0] + 18, 14, True, f"Nr {serial}")
        d.qr(W - MARGIN - 24, y[0], 24, qr)
        y[0] += 27
        for sec in form["section"]:
            d.text(MARGIN, y[0] + 4, 11, True, sec["title"])
            y[0] += 6
            if "table" in sec:
                cols = sec["table"]["column"]
                cw = (W - 2 * MARGIN) / len(cols)
                for r in range(sec["table"]["rows"] + 1):
                    for k, col in enumerate(cols):
                        d.rect(MARGIN + k * cw, y[0], cw, 8)
                        if r == 0:
                            d.text(MARGIN + k * cw + 1.5, y[0] + 5.5, 9, True, col["heading"])
                    y[0] += 8
                y[0] += 2
                continue
            x = MARGIN
            for f in sec["field"]:
                wide = len(f["label"]) > 40 or f.get("kind") in ("choice", "signature")
                fw = (W - 2 * MARGIN) if wide else (W - 2 * MARGIN) / 2 - 1
                if x + fw > W - MARGIN + 0.1:
                    x = MARGIN
                    y[0] += 14
                d.rect(x, y[0], fw, 13)
                d.text(x + 1.5, y[0] + 3.5, 8, False, f["label"])
                kind = f.get("kind", "text")
                if kind in ("personnummer", "boxes"):
                    for b in range(12 if kind == "personnummer" else f.get("length", 6)):
                        d.rect(x + 2 + b * 6, y[0] + 5, 5.5, 7)
                elif kind == "choice":
                    ox = x + 2
                    for o in f["options"]:
                        d.rect(ox, y[0] + 7, 4, 4)
                        d.text(ox + 5.5, y[0] + 10.5, 10, False, o)
                        ox += 8 + d.width(o, 10, False)
                x += fw + 2
                if wide:
                    x = W
            y[0] += 15
    new_page()
    para("Register för efterregistrering", 16, True)
    for serial in serials(form):
        if y[0] + 8 > bottom:
            new_page()
        for k, w in enumerate((30, 25, 80, 45)):
            d.rect(MARGIN + sum((30, 25, 80, 45)[:k]), y[0], w, 8)
        d.text(MARGIN + 1.5, y[0] + 5.5, 10, False, serial)
        y[0] += 8
    return pages[0]


def main():
    tool = sys.argv[1]
    if tool == "baseline":
        __import__({"typst": "typst", "fpdf2": "fpdf", "reportlab": "reportlab.pdfgen.canvas"}[sys.argv[2]])
        return
    if tool == "typst-source":
        with open(sys.argv[2], encoding="utf-8") as f:
            typst_source(json.load(f), sys.argv[3])
        return
    if tool == "typst":
        run_typst(sys.argv[2], sys.argv[3], sys.argv[4])
        return
    with open(sys.argv[2], encoding="utf-8") as f:
        content = json.load(f)
    out, fonts = sys.argv[3], sys.argv[4]
    if tool == "fpdf2":
        d = Fpdf(fonts, content["kit"])
        draw(d, content)
        d.save(out)
    elif tool == "reportlab":
        # "Page N of M": the total is counted by laying out once without drawing.
        d = Reportlab(fonts, content["kit"])
        total = draw(d, content)
        d.start(out, total)
        draw(d, content)
        d.save(out)
    else:
        sys.exit(f"unknown tool {tool}")


if __name__ == "__main__":
    main()
