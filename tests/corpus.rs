//! The real-law corpus in ../shared/corpus: every file is read, segmented and cited.
//! Skipped, with the reason printed, when the corpus is not present.

mod common;

use agentlaw::analyze::{AnalyzeOptions, analyze};
use agentlaw::load::{Loader, ProvisionKind, discover};
use agentlaw::rules::RuleBook;

#[test]
fn every_corpus_file_is_analysed_and_segmented() {
    let Some(dir) = common::corpus("every_corpus_file_is_analysed_and_segmented") else {
        return;
    };
    let (inputs, errors) = discover(std::slice::from_ref(&dir));
    assert!(errors.is_empty(), "{errors:?}");
    assert!(inputs.len() >= 19, "found {} files", inputs.len());
    let loader = Loader::default();
    for input in &inputs {
        let law = loader
            .load(&input.path)
            .unwrap_or_else(|e| panic!("{}: {e}", input.path.display()));
        assert!(
            !law.provisions.is_empty(),
            "{}: not segmented",
            input.path.display()
        );
        assert_eq!(
            law.provisions.first().map(|p| p.start),
            Some(law.body_start)
        );
        assert_eq!(law.provisions.last().map(|p| p.end), Some(law.text.len()));
        let numbered = law
            .provisions
            .iter()
            .filter(|p| p.kind != ProvisionKind::Front)
            .count();
        // The manifest says which texts hold only a title and preamble.
        let preamble_only = law
            .meta
            .extra
            .get("completeness")
            .is_some_and(|c| c.contains("title and preamble only"));
        assert!(
            numbered > 0 || preamble_only,
            "{}: no provisions recognised",
            input.path.display()
        );
        assert!(
            law.meta.jurisdiction.is_some(),
            "{}: manifest metadata applied",
            input.path.display()
        );
    }
    let book = RuleBook::embedded().expect("rules compile");
    let report = analyze(&book, &[dir], &AnalyzeOptions::default(), &|_, _| {});
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    assert_eq!(report.laws.len(), inputs.len());
}

#[test]
fn citations_follow_each_drafting_style() {
    let Some(dir) = common::corpus("citations_follow_each_drafting_style") else {
        return;
    };
    let loader = Loader::default();
    let cite = |file: &str, needle: &str| {
        let law = loader.load(&dir.join(file)).expect("loads");
        let pos = law
            .text
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} in {file}"));
        law.provisions[law.provision_at(pos).expect("covered")]
            .citation
            .clone()
    };
    assert_eq!(
        cite(
            "us-fara-1938.txt",
            "the name, residence addresses, and nationality of each director"
        ),
        "§ 612(a)(2)"
    );
    assert_eq!(
        cite(
            "us-fara-1938.txt",
            "includes the information contained in registration statements"
        ),
        "§ 616(d)(1)(A)"
    );
    assert_eq!(
        cite(
            "us-fara-1938.txt",
            "engages within the United States in political activities"
        ),
        "§ 611(c)(1)(i)"
    );
    assert_eq!(
        cite(
            "ca-fitaa-2024.en.txt",
            "compel persons to produce any documents"
        ),
        "s. 16(2)(a)(ii)"
    );
    assert_eq!(
        cite(
            "ca-fitaa-2024.fr.txt",
            "un emprisonnement maximal de cinq ans"
        ),
        "art. 25(a)"
    );
    assert_eq!(
        cite(
            "ge-foreign-influence-2024-bill.ka.txt",
            "მთლიანი შემოსავლის 20%-ზე მეტის წყარო უცხოური ძალაა"
        ),
        "მუხლი 2(1)(ა)"
    );
    assert_eq!(
        cite(
            "ge-foreign-influence-2024-bill.ka.txt",
            "ფიზიკური პირი, რომელიც არ არის საქართველოს მოქალაქე"
        ),
        "მუხლი 3(ბ)"
    );
    assert_eq!(
        cite(
            "ge-foreign-influence-2024.en.txt",
            "the source of more than 20 % of the total income"
        ),
        "Art. 2(1)(a)"
    );
    assert_eq!(
        cite(
            "hu-foreign-funded-orgs-2017.hu.txt",
            "jogcímétől függetlenül"
        ),
        "§ 1(2)"
    );
    assert_eq!(
        cite(
            "sk-ngo-transparency-2025.sk.txt",
            "prehľad o osobách, ktoré prispeli"
        ),
        // An amending act: the provision as amended, with the amending article beside it.
        "§ 34a(2)(b) (amended by Čl. I(6))"
    );
    assert_eq!(
        cite(
            "ba-rs-npo-special-register-bill.sr.txt",
            "kao agente stranog uticaja"
        ),
        "Član 1"
    );
    assert_eq!(
        cite(
            "in-fcra-2010.en.txt",
            "not exceeding fifty per cent. of such contribution"
        ),
        "s. 8(1)(b)"
    );
    assert_eq!(
        cite(
            "ge-fara-2025.en.txt",
            "for the benefit of or in the interest of a foreign principal"
        ),
        "Art. 1(c.a.a)"
    );
    assert_eq!(
        cite(
            "ni-ley-1040-2020.en.txt",
            "Natural or legal person, Nicaraguan or of another nationality"
        ),
        "Art. 3(2)"
    );
    assert_eq!(
        cite(
            "ru-255-fz-2022.en.txt",
            "religious organizations registered"
        ),
        "Art. 1(3)(2)"
    );
    assert_eq!(
        cite(
            "gb-nsa-2023-part4.en.txt",
            "distributing money, goods or services"
        ),
        "s. 70(2)(c)"
    );
    assert_eq!(
        cite(
            "ni-ley-1040-2020.en.txt",
            "LAW FOR THE REGULATION OF FOREIGN AGENTS"
        ),
        "Title"
    );
}
