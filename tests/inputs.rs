//! Real-world inputs: legacy encodings, HTML, DOCX, PDF and Akoma Ntoso. Every input file is
//! generated here (DOCX with the `zip` crate, PDF with `lopdf`), and nothing depends on the
//! embedded rule library: the loader is used directly, and the command-line test brings a
//! one-rule rule set of its own.

mod common;

use std::io::Write as _;
use std::path::{Path, PathBuf};

use agentlaw::load::{Format, Law, LoadError, Loader};
use encoding_rs::Encoding;

const RU: &str = "ФЕДЕРАЛЬНЫЙ ЗАКОН\n\nСтатья 1. Общие положения\n1. Настоящий Федеральный закон устанавливает меры контроля за деятельностью лиц, находящихся под иностранным влиянием.\n2. Иностранным агентом признаётся лицо:\nа) получившее поддержку из-за рубежа;\nб) находящееся под иностранным влиянием в иных формах.\n";
const KA: &str = "საქართველოს კანონი\n\nმუხლი 1. კანონის მიზანი\n1. ამ კანონის მიზანია უცხოური გავლენის გამტარებელი ორგანიზაციების საქმიანობის გამჭვირვალობის უზრუნველყოფა.\n";
const CS: &str = "ZÁKON\n\nČl. 1 Předmět úpravy\n1. Tento zákon upravuje povinnosti spolků, které přijímají finanční prostředky ze zahraničí.\n2. Příjemce je povinen zveřejnit výroční zprávu o hospodaření a seznam dárců, jejichž příspěvek přesáhl stanovenou částku.\n";
const FR: &str = "LOI\n\nArticle 1er – Définitions\n1. Est considérée comme agent d'influence étrangère toute personne morale qui reçoit, directement ou indirectement, des fonds d'un État étranger.\n2. Les associations déclarent chaque année l'origine des financements reçus à l'étranger, conformément à l'article 4.\n";

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write test file");
    path
}

fn encode(text: &str, enc: &'static Encoding) -> Vec<u8> {
    let (bytes, _, unmappable) = enc.encode(text);
    assert!(!unmappable, "{} encodes the sample", enc.name());
    bytes.into_owned()
}

fn citations(law: &Law) -> Vec<&str> {
    law.provisions.iter().map(|p| p.citation.as_str()).collect()
}

fn load(path: &Path) -> Law {
    Loader::default()
        .load(path)
        .unwrap_or_else(|e| panic!("{} loads: {e}", path.display()))
}

fn load_err(path: &Path) -> String {
    match Loader::default().load(path) {
        Ok(law) => panic!("{} should fail, loaded as {:?}", path.display(), law.text),
        Err(e) => e.to_string(),
    }
}

// ---------------------------------------------------------------------------------------------
// Encodings

#[test]
fn legacy_encodings_round_trip_and_are_recorded() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, text, enc) in [
        ("ru-1251.txt", RU, encoding_rs::WINDOWS_1251),
        ("ru-koi8.txt", RU, encoding_rs::KOI8_R),
        ("cs-1250.txt", CS, encoding_rs::WINDOWS_1250),
        ("cs-latin2.txt", CS, encoding_rs::ISO_8859_2),
        ("fr-1252.txt", FR, encoding_rs::WINDOWS_1252),
    ] {
        let law = load(&write(dir.path(), name, &encode(text, enc)));
        assert_eq!(law.text, text, "{name} round-trips");
        assert_eq!(law.encoding, enc.name(), "{name}");
        assert_eq!(law.format, Format::Text);
    }
    let law = load(&dir.path().join("ru-1251.txt"));
    assert_eq!(law.meta.language, "ru");
    assert!(
        citations(&law).contains(&"Статья 1(2)(а)"),
        "{:?}",
        citations(&law)
    );
    assert!(
        !law.warnings.iter().any(|w| w.contains("encoding")),
        "{:?}",
        law.warnings
    );
    let law = load(&dir.path().join("cs-1250.txt"));
    assert!(
        citations(&law).contains(&"Čl. 1(2)"),
        "{:?}",
        citations(&law)
    );
}

#[test]
fn unicode_with_byte_order_marks() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bom8 = [b"\xEF\xBB\xBF".as_slice(), KA.as_bytes()].concat();
    let mut le = vec![0xFF, 0xFE];
    let mut be = vec![0xFE, 0xFF];
    for unit in KA.encode_utf16() {
        le.extend(unit.to_le_bytes());
        be.extend(unit.to_be_bytes());
    }
    for (name, bytes, enc) in [
        ("ka-bom.txt", bom8, "UTF-8"),
        ("ka-utf16le.txt", le, "UTF-16LE"),
        ("ka-utf16be.txt", be, "UTF-16BE"),
    ] {
        let law = load(&write(dir.path(), name, &bytes));
        assert_eq!(law.text, KA, "{name}");
        assert_eq!(law.encoding, enc);
        assert_eq!(law.meta.language, "ka");
        assert!(
            citations(&law).contains(&"მუხლი 1(1)"),
            "{:?}",
            citations(&law)
        );
    }
}

#[test]
fn thin_evidence_loads_with_a_warning_naming_the_encoding() {
    let dir = tempfile::tempdir().expect("tempdir");
    let law = load(&write(
        dir.path(),
        "short.txt",
        b"+++\nlanguage = \"fr\"\n+++\nArticle 1\nLe caf\xe9 est r\xe9glement\xe9.\n",
    ));
    assert_eq!(law.encoding, "windows-1252");
    assert!(law.text.contains("café est réglementé"));
    assert!(
        law.warnings
            .iter()
            .any(|w| w.contains("not certain") && w.contains("windows-1252")),
        "{:?}",
        law.warnings
    );
}

#[test]
fn laws_toml_declares_the_encoding() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "laws.toml",
        b"[[law]]\nfile = \"short.txt\"\nencoding = \"latin1\"\nlanguage = \"fr\"\n\n[[law]]\nfile = \"wrong.txt\"\nencoding = \"utf-8\"\n",
    );
    let law = load(&write(dir.path(), "short.txt", b"Article 1\nLe caf\xe9.\n"));
    assert_eq!(law.encoding, "windows-1252");
    assert!(law.text.contains("café"));
    assert!(law.warnings.is_empty(), "{:?}", law.warnings);
    assert!(law.meta.extra.is_empty(), "encoding is not free metadata");

    let e = load_err(&write(
        dir.path(),
        "wrong.txt",
        &encode(RU, encoding_rs::WINDOWS_1251),
    ));
    assert!(e.contains("not valid UTF-8 as declared"), "{e}");

    let other = tempfile::tempdir().expect("tempdir");
    write(
        other.path(),
        "laws.toml",
        b"[[law]]\nfile = \"a.txt\"\nencoding = \"cp-klingon\"\n",
    );
    let e = Loader::default()
        .load(&write(other.path(), "a.txt", b"Article 1\n"))
        .expect_err("unknown label");
    assert!(matches!(e, LoadError::Manifest { .. }), "{e:?}");
    assert!(
        e.to_string().contains("unknown encoding `cp-klingon`"),
        "{e}"
    );
}

#[test]
fn front_matter_cannot_choose_the_encoding_but_is_checked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut bytes = b"+++\nencoding = \"koi8-r\"\nlanguage = \"ru\"\n+++\n".to_vec();
    bytes.extend(encode(RU, encoding_rs::WINDOWS_1251));
    let law = load(&write(dir.path(), "fm.txt", &bytes));
    assert_eq!(law.encoding, "windows-1251");
    assert!(
        law.warnings
            .iter()
            .any(|w| w.contains("front matter") && w.contains("laws.toml")),
        "{:?}",
        law.warnings
    );
    let law = load(&write(
        dir.path(),
        "ok.txt",
        b"+++\nencoding = \"utf-8\"\n+++\nArticle 1\nText.\n",
    ));
    assert!(
        !law.warnings.iter().any(|w| w.contains("encoding")),
        "{:?}",
        law.warnings
    );
}

#[test]
fn garbled_binary_and_empty_files_are_errors_with_reasons() {
    let dir = tempfile::tempdir().expect("tempdir");
    assert!(load_err(&write(dir.path(), "empty.txt", b"")).contains("empty file"));
    assert!(load_err(&write(dir.path(), "bin.txt", b"PK\x03\x04\0\0binary")).contains("binary"));
    let no_bom: Vec<u8> = "Article 1 Text"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    assert!(load_err(&write(dir.path(), "u16.txt", &no_bom)).contains("without a byte-order mark"));
    let mixed = [RU.as_bytes(), b"caf\xe9\n"].concat();
    assert!(load_err(&write(dir.path(), "mixed.txt", &mixed)).contains("mixes encodings"));
    let symbols: Vec<u8> = (0..400).map(|i| [0x80, 0x95, 0xA4, 0xB1][i % 4]).collect();
    let e = load_err(&write(dir.path(), "symbols.txt", &symbols));
    assert!(e.contains("garbled") || e.contains("control"), "{e}");
}

// ---------------------------------------------------------------------------------------------
// HTML

#[test]
fn html_visible_text_with_meta_charset() {
    let dir = tempfile::tempdir().expect("tempdir");
    let html = "<!DOCTYPE html>\n<html lang=\"ru\"><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">\
        <title>Портал правовой информации</title>\
        <style>.секрет { display: none }</style>\
        <script>var s = '<p>Статья 99. СКРЫТО</p>'; if (a < b && c > d) {}</script></head>\
        <body><div class=\"nav\" hidden>Меню СКРЫТО</div>\
        <div class=\"doc\"><h1>ФЕДЕРАЛЬНЫЙ <span>ЗАКОН</span></h1>\
        <h3>Статья&nbsp;1. Общие положения</h3>\
        <p>1. Настоящий закон &laquo;Об&nbsp;агентах&raquo; устанавливает <b>меры <i>контроля</i></b> &amp; учёта.</p>\
        <p>2. Иностранным агентом признаётся лицо:<br>\n   а) получившее поддержку;<br>б) иное.</p>\
        <table><tr><td>Штраф</td><td>&#8470; 5</td></tr></table></div>\
        <!-- комментарий СКРЫТО --></body></html>";
    let law = load(&write(
        dir.path(),
        "law.html",
        &encode(html, encoding_rs::WINDOWS_1251),
    ));
    assert_eq!(law.format, Format::Html);
    assert_eq!(law.encoding, "windows-1251");
    assert_eq!(law.meta.language, "ru", "from <html lang>");
    assert_eq!(
        law.text,
        "ФЕДЕРАЛЬНЫЙ ЗАКОН\n\nСтатья 1. Общие положения\n1. Настоящий закон «Об агентах» устанавливает меры контроля & учёта.\n2. Иностранным агентом признаётся лицо:\nа) получившее поддержку;\nб) иное.\nШтраф\t№ 5\n"
    );
    assert!(!law.text.contains("СКРЫТО") && !law.text.contains("Портал"));
    assert_eq!(
        citations(&law),
        [
            "Title",
            "Статья 1",
            "Статья 1(1)",
            "Статья 1(2)",
            "Статья 1(2)(а)",
            "Статья 1(2)(б)"
        ]
    );
    assert_eq!(law.meta.title, "ФЕДЕРАЛЬНЫЙ ЗАКОН");
}

#[test]
fn html_without_declaration_is_detected_and_lying_meta_is_overridden() {
    let dir = tempfile::tempdir().expect("tempdir");
    let page = format!(
        "<html><body><p>{}</p></body></html>",
        RU.replace('\n', "<br>")
    );
    let law = load(&write(
        dir.path(),
        "plain.htm",
        &encode(&page, encoding_rs::KOI8_R),
    ));
    assert_eq!(law.encoding, "KOI8-R");
    assert!(law.text.contains("Статья 1. Общие положения\n"));
    let lying = format!("<meta charset=\"utf-8\">{page}");
    let law = load(&write(
        dir.path(),
        "lying.html",
        &encode(&lying, encoding_rs::WINDOWS_1251),
    ));
    assert_eq!(law.encoding, "windows-1251");
    assert!(
        law.warnings.iter().any(|w| w.contains("declares UTF-8")),
        "{:?}",
        law.warnings
    );
}

// ---------------------------------------------------------------------------------------------
// DOCX

/// A minimal DOCX: `[Content_Types].xml`, `word/document.xml` and optionally
/// `word/numbering.xml`, deflated as Word does.
fn docx(body: &str, numbering: Option<&str>) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut part = |name: &str, content: &str| {
        zip.start_file(name, options).expect("start part");
        zip.write_all(content.as_bytes()).expect("write part");
    };
    part(
        "[Content_Types].xml",
        r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#,
    );
    part(
        "word/document.xml",
        &format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>{body}<w:sectPr/></w:body></w:document>"#
        ),
    );
    if let Some(n) = numbering {
        part(
            "word/numbering.xml",
            &format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">{n}</w:numbering>"#
            ),
        );
    }
    zip.finish().expect("finish zip").into_inner()
}

fn numbered(ilvl: u8, num_id: u8, text: &str) -> String {
    format!(
        r#"<w:p><w:pPr><w:pStyle w:val="List"/><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
    )
}

const NUMBERING: &str = r#"<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="Article %1."/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#;

fn sample_docx() -> Vec<u8> {
    let body = [
        r#"<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t>LAW ON TRANSPARENCY</w:t></w:r></w:p><w:p/>"#.to_string(),
        numbered(0, 1, "Scope"),
        r#"<w:p><w:r><w:t xml:space="preserve">1. Every organisation that receives </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>foreign funding</w:t></w:r><w:r><w:t xml:space="preserve"> shall register &amp; report:</w:t></w:r></w:p>"#.into(),
        numbered(1, 1, "annually;"),
        numbered(1, 1, "on request."),
        r#"<w:p><w:r><w:t>Amount</w:t><w:tab/><w:t>5 000</w:t><w:br/><w:t>Second line</w:t></w:r><w:del><w:r><w:delText>repealed words</w:delText></w:r></w:del><w:r><w:fldChar w:fldCharType="begin"/><w:instrText>PAGE</w:instrText></w:r></w:p>"#.into(),
        r#"<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:txbxContent><w:p><w:r><w:t>Box text</w:t></w:r></w:p></w:txbxContent></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>Box text</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"#.into(),
        numbered(0, 1, "Penalties"),
        numbered(0, 7, "Orphan paragraph"),
    ]
    .concat();
    docx(&body, Some(NUMBERING))
}

#[test]
fn docx_paragraphs_runs_tabs_breaks_and_numbering() {
    let dir = tempfile::tempdir().expect("tempdir");
    let law = load(&write(dir.path(), "law.docx", &sample_docx()));
    assert_eq!(law.format, Format::Docx);
    assert_eq!(law.encoding, "UTF-8");
    assert_eq!(
        law.text,
        "LAW ON TRANSPARENCY\n\nArticle 1. Scope\n1. Every organisation that receives foreign funding shall register & report:\n(a) annually;\n(b) on request.\nAmount\t5 000\nSecond line\nBox text\n\nArticle 2. Penalties\nOrphan paragraph\n"
    );
    assert_eq!(
        citations(&law),
        [
            "Title",
            "Art. 1",
            "Art. 1(1)",
            "Art. 1(1)(a)",
            "Art. 1(1)(b)",
            "Art. 2"
        ]
    );
    assert!(
        law.warnings
            .iter()
            .any(|w| w.contains("1 paragraph(s) use automatic numbering")),
        "{:?}",
        law.warnings
    );
}

#[test]
fn broken_docx_files_are_errors() {
    let dir = tempfile::tempdir().expect("tempdir");
    let e = load_err(&write(
        dir.path(),
        "old.docx",
        b"\xD0\xCF\x11\xE0 legacy doc",
    ));
    assert!(e.contains("not a DOCX file"), "{e}");
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("hello.txt", zip::write::SimpleFileOptions::default())
        .expect("start");
    zip.write_all(b"hi").expect("write");
    let bytes = zip.finish().expect("finish").into_inner();
    let e = load_err(&write(dir.path(), "nodoc.docx", &bytes));
    assert!(e.contains("no word/document.xml"), "{e}");
    let e = load_err(&write(
        dir.path(),
        "bad.docx",
        &docx("<w:p><w:r><w:t>unclosed</w:r></w:p>", None),
    ));
    assert!(e.contains("not well-formed"), "{e}");
}

// ---------------------------------------------------------------------------------------------
// PDF

/// A one-page PDF showing `lines` in Helvetica, one per line, or drawing a rectangle when
/// `lines` is empty (a page with no text layer, like a scan).
fn pdf(lines: &[&str]) -> Vec<u8> {
    use lopdf::content::{Content, Operation};
    use lopdf::{Document, Object, Stream, dictionary};
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type1",
        "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
    });
    let resources_id = doc.add_object(dictionary! {
        "Font" => dictionary! { "F1" => font_id },
    });
    let mut operations = Vec::new();
    if lines.is_empty() {
        operations.push(Operation::new(
            "re",
            vec![50.into(), 50.into(), 400.into(), 600.into()],
        ));
        operations.push(Operation::new("f", vec![]));
    } else {
        operations.push(Operation::new("BT", vec![]));
        operations.push(Operation::new("Tf", vec!["F1".into(), 11.into()]));
        operations.push(Operation::new("TL", vec![16.into()]));
        operations.push(Operation::new("Td", vec![60.into(), 760.into()]));
        for line in lines {
            operations.push(Operation::new("Tj", vec![Object::string_literal(*line)]));
            operations.push(Operation::new("T*", vec![]));
        }
        operations.push(Operation::new("ET", vec![]));
    }
    let content = Content { operations };
    let content_id = doc.add_object(Stream::new(
        dictionary! {},
        content.encode().expect("encode content"),
    ));
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page",
        "Parent" => pages_id,
        "Contents" => content_id,
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => vec![page_id.into()],
            "Count" => 1,
            "Resources" => resources_id,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        }),
    );
    let catalog_id = doc.add_object(dictionary! {
        "Type" => "Catalog",
        "Pages" => pages_id,
    });
    doc.trailer.set("Root", catalog_id);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("save PDF");
    bytes
}

const PDF_LINES: &[&str] = &[
    "Law on Transparency of Foreign Influence",
    "Article 1 - Scope",
    "1. Every organisation that receives foreign funding shall register.",
    "2. The register is public.",
    "Article 2 - Penalties",
];

#[test]
fn pdf_text_layer_is_extracted_line_by_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let law = load(&write(dir.path(), "law.pdf", &pdf(PDF_LINES)));
    assert_eq!(law.format, Format::Pdf);
    assert_eq!(law.encoding, "PDF text layer");
    let lines: Vec<&str> = law.text.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines, PDF_LINES, "{:?}", law.text);
    assert_eq!(
        citations(&law),
        ["Title", "Art. 1", "Art. 1(1)", "Art. 1(2)", "Art. 2"]
    );
}

#[test]
fn pdf_without_text_layer_is_an_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let e = load_err(&write(dir.path(), "scan.pdf", &pdf(&[])));
    assert!(
        e.contains("PDF has no text layer (scanned image?); OCR it first"),
        "{e}"
    );
    let e = load_err(&write(dir.path(), "broken.pdf", b"%PDF-1.4\n1 0 obj <<"));
    assert!(e.contains("cannot read the PDF"), "{e}");
}

// ---------------------------------------------------------------------------------------------
// Akoma Ntoso

const AKN: &str = r##"<?xml version="1.0" encoding="UTF-8"?>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
  <act name="act">
    <meta>
      <identification source="#source">
        <FRBRWork>
          <FRBRthis value="/akn/ge/act/2024-05-14/1"/>
          <FRBRdate date="2024-05-14" name="adoption"/>
          <FRBRcountry value="ge"/>
        </FRBRWork>
        <FRBRExpression>
          <FRBRdate date="2024-06-01" name="translation"/>
          <FRBRlanguage language="eng"/>
        </FRBRExpression>
      </identification>
    </meta>
    <preface>
      <longTitle><p><docTitle>Law on Transparency of Foreign Influence</docTitle></p></longTitle>
    </preface>
    <body>
      <chapter eId="chp_I">
        <num>I</num>
        <heading>General provisions</heading>
        <article eId="art_1">
          <num>1</num>
          <heading>Scope</heading>
          <paragraph eId="art_1__para_1">
            <num>1.</num>
            <content><p>This Law applies to organisations &amp; funds<authorialNote marker="1"><p>A footnote.</p></authorialNote>.</p></content>
          </paragraph>
          <paragraph eId="art_1__para_2">
            <num>2.</num>
            <list>
              <intro><p>An organisation is registered when it:</p></intro>
              <point eId="art_1__para_2__point_a"><num>(a)</num><content><p>receives foreign funding;</p></content></point>
              <point eId="art_1__para_2__point_b"><num>b</num><content><p>acts for a foreign power.</p></content></point>
            </list>
          </paragraph>
        </article>
        <article eId="art_2">
          <num>Article 2.</num>
          <heading>Register</heading>
          <paragraph><num>1.</num><content><p>The register is public.</p></content></paragraph>
        </article>
      </chapter>
    </body>
  </act>
</akomaNtoso>
"##;

#[test]
fn akoma_ntoso_structure_becomes_citations() {
    let dir = tempfile::tempdir().expect("tempdir");
    for name in ["law.akn", "law.xml"] {
        let law = load(&write(dir.path(), name, AKN.as_bytes()));
        assert_eq!(law.format, Format::AkomaNtoso);
        assert_eq!(
            law.text,
            "Law on Transparency of Foreign Influence\nChapter I – General provisions\nArticle 1 – Scope\n1. This Law applies to organisations & funds.\n2. An organisation is registered when it:\n(a) receives foreign funding;\n(b) acts for a foreign power.\nArticle 2. – Register\n1. The register is public.\n"
        );
        assert_eq!(
            citations(&law),
            [
                "Title",
                "Chapter I",
                "Art. 1",
                "Art. 1(1)",
                "Art. 1(2)",
                "Art. 1(2)(a)",
                "Art. 1(2)(b)",
                "Art. 2",
                "Art. 2(1)"
            ]
        );
        assert_eq!(law.provisions[2].heading.as_deref(), Some("Scope"));
        assert_eq!(law.meta.language, "en");
        assert_eq!(law.meta.jurisdiction.as_deref(), Some("GE"));
        assert_eq!(law.meta.year, Some(2024));
        assert!(law.warnings.is_empty(), "{:?}", law.warnings);
    }
    let e = load_err(&write(
        dir.path(),
        "feed.xml",
        b"<?xml version=\"1.0\"?><rss><channel/></rss>",
    ));
    assert!(e.contains("not Akoma Ntoso"), "{e}");
}

// ---------------------------------------------------------------------------------------------
// The command line over a mixed folder

#[test]
fn cli_reports_good_formats_and_error_records_for_bad_ones() {
    let dir = tempfile::tempdir().expect("tempdir");
    let laws = dir.path().join("laws");
    std::fs::create_dir(&laws).expect("mkdir");
    write(
        &laws,
        "a-text.txt",
        b"+++\nlanguage = \"en\"\n+++\nArticle 1\n1. Any organisation that receives foreign funding shall register.\n",
    );
    write(
        &laws,
        "b-page.html",
        b"<html lang=\"en\"><body><h2>Article 1</h2><p>1. Any organisation that receives <b>foreign funding</b> shall register.</p><script>foreign funding</script></body></html>",
    );
    write(&laws, "c-word.docx", &sample_docx());
    write(&laws, "d-text.pdf", &pdf(PDF_LINES));
    write(&laws, "e-scan.pdf", &pdf(&[]));
    write(&laws, "f-broken.docx", b"not a zip at all");
    write(&laws, "notes.xml", b"<?xml version=\"1.0\"?><notes/>");
    write(
        &laws,
        "laws.toml",
        b"[[law]]\nfile = \"c-word.docx\"\nlanguage = \"en\"\n\n[[law]]\nfile = \"d-text.pdf\"\nlanguage = \"en\"\n",
    );
    let rules = write(
        dir.path(),
        "tiny.toml",
        b"[ruleset]\nid = \"tiny\"\ntitle = \"Tiny\"\nversion = \"1\"\nlanguage = \"en\"\n\n[[rule]]\nid = \"T1\"\ntitle = \"Foreign funding\"\ncategory = \"vague-wording\"\nseverity = \"low\"\nstandards = [\"echr-11\"]\nrationale = \"r\"\nmessage = \"m\"\nterms = [\"foreign funding\"]\nexamples.flag = [\"it receives foreign funding\"]\nexamples.ok = [\"it receives grants\"]\n",
    );
    let out = dir.path().join("out");
    let mut cmd = assert_cmd::Command::cargo_bin("agentlaw").expect("binary builds");
    cmd.current_dir(common::root())
        .arg("analyze")
        .arg(&laws)
        .arg("--rules")
        .arg(&rules)
        .arg("--out")
        .arg(&out)
        .arg("--format")
        .arg("json")
        .arg("--quiet")
        .assert()
        .code(1);
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("report.json")).expect("report"))
            .expect("valid JSON");
    let laws_out = json["laws"].as_array().expect("laws");
    let ids: Vec<&str> = laws_out.iter().filter_map(|l| l["id"].as_str()).collect();
    assert_eq!(ids, ["a-text", "b-page", "c-word", "d-text"]);
    for law in laws_out {
        let findings = law["findings"].as_array().expect("findings");
        assert!(!findings.is_empty(), "{} has a finding", law["id"]);
        let provision = findings[0]["provision"].as_str().unwrap_or_default();
        assert!(
            provision.starts_with("Art. 1"),
            "{}: {provision}",
            law["id"]
        );
    }
    let encodings: Vec<&str> = laws_out
        .iter()
        .filter_map(|l| l["encoding"].as_str())
        .collect();
    assert_eq!(encodings, ["UTF-8", "UTF-8", "UTF-8", "PDF text layer"]);
    let errors = json["errors"].as_array().expect("errors");
    let messages: Vec<(String, String)> = errors
        .iter()
        .map(|e| {
            (
                e["file"].as_str().unwrap_or_default().to_string(),
                e["message"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(
        messages[0].0.ends_with("e-scan.pdf") && messages[0].1.contains("no text layer"),
        "{messages:?}"
    );
    assert!(
        messages[1].0.ends_with("f-broken.docx") && messages[1].1.contains("not a DOCX file"),
        "{messages:?}"
    );
}
