"""Therapies, diseases and sponsors through the full pipeline, on sentences the team wrote."""

from __future__ import annotations

import pytest

from cartmine.extensions import mention_spans


def found(nlp, text, label):
    doc = nlp(text)
    return [(s.text, s._.norm, s.kb_id_ or None, s._.attrs) for s in mention_spans(doc, label)]


def norms(nlp, text, label):
    return {n for _, n, _, _ in found(nlp, text, label)}


@pytest.mark.parametrize(("text", "norm", "target"), [
    ("Patients received anti-CD19 CAR T cells after lymphodepletion.", "CD19 CAR-T", "CD19"),
    ("CD19-directed chimeric antigen receptor T cells were infused.", "CD19 CAR-T", "CD19"),
    ("A BCMA/CD19 dual-target CAR-T was tested.", "BCMA/CD19 CAR-T", "BCMA/CD19"),
    ("She was treated with CAR T cells targeting B-cell maturation antigen (BCMA).", "BCMA CAR-T", "BCMA"),
    ("An allogeneic CAR-NK product was given.", "CAR-NK", None),
    ("DSG3-specific CAAR-T cells are in a phase 1 trial.", "DSG3 CAAR-T", "DSG3"),
])
def test_constructs(nlp, text, norm, target):
    hits = [(n, a.get("target")) for _, n, _, a in found(nlp, text, "THERAPY")]
    assert (norm, target) in hits


@pytest.mark.parametrize(("text", "norm"), [
    ("Kymriah was approved in 2017.", "tisagenlecleucel"),
    ("CTL019 induced remissions in children.", "tisagenlecleucel"),
    ("The cilta-cel arm did better.", "ciltacabtagene autoleucel"),
    ("Rituximab was given off-label.", "rituximab"),
    ("Patients switched to Benlysta.", "belimumab"),
    ("A novel antibody, frexalimab, was tested.", "frexalimab"),
])
def test_named_products_and_drugs(nlp, text, norm):
    assert norm in norms(nlp, text, "THERAPY")


@pytest.mark.parametrize("text", [
    "All patients stopped their medication and steroids.",
    "Immunosuppressants and standard therapy had failed.",
    "B-cell depleting therapies were not enough.",
])
def test_drug_classes_are_not_therapies(nlp, text):
    assert norms(nlp, text, "THERAPY") == set()


def test_generic_mention_takes_the_product_name(nlp):
    text = "KYV-101 is an autologous CD19 CAR-T. The CAR T cells expanded in all patients."
    assert norms(nlp, text, "THERAPY") == {"mivocabtagene autoleucel"}


@pytest.mark.parametrize("text", [
    "Lumex dosed the first patients with its in vivo CAR-T, which makes a CD19 CAR inside the body. Rival Zeta "
    "Bio said last month that its in vivo BCMA CAR-T, ZTB-88, produced responses in two of four patients.",
    "The company's CAR-T, which targets CD19 in the body, was given to three women. A rival's BCMA CAR-T, "
    "ZTB-88, has been tested in myeloma.",
])
def test_a_construct_describing_a_rival_product_lends_its_target_to_no_bare_mention(nlp, text):
    # "its BCMA CAR-T, ZTB-88" says what ZTB-88 is: the document's own bare "CAR-T" is not a BCMA CAR-T
    assert "BCMA CAR-T" not in norms(nlp, text, "THERAPY")
    assert "ZTB-88" in norms(nlp, text, "THERAPY")


@pytest.mark.parametrize("text", [
    "Thirty patients proceeded to allo-HCT.",
    "Patients in remission received allogeneic haematopoietic cell transplantation.",
    "Relapse was rarer after autologous HCT.",
])
def test_haematopoietic_cell_transplantation_is_hsct(nlp, text):
    assert "HSCT" in norms(nlp, text, "THERAPY")


def test_autologous_is_stated(nlp):
    attrs = [a for _, _, _, a in found(nlp, "Autologous anti-CD19 CAR T cells were given.", "THERAPY")]
    assert attrs and attrs[0].get("autologous") is True


@pytest.mark.parametrize(("text", "doid"), [
    ("Five patients with systemic lupus erythematosus were treated.", "DOID:9074"),
    ("CAR-T cells reset lupus in young adults.", "DOID:9074"),
    ("Patients with generalized myasthenia gravis improved.", "DOID:437"),
    ("Blood cancers such as leukemia respond to CAR-T.", "DOID:2531"),
    ("Two patients had diffuse large B-cell lymphoma.", "DOID:0050745"),
    ("Progressive multiple sclerosis is hard to treat.", "DOID:2377"),
])
def test_diseases_link_to_doid(nlp, text, doid):
    assert doid in {i for _, _, i, _ in found(nlp, text, "DISEASE")}


def test_abbreviation_defined_in_text(nlp):
    text = "Neuromyelitis optica spectrum disorder (NMOSD) is rare. In NMOSD, relapses cause blindness."
    hits = [(t, i) for t, _, i, _ in found(nlp, text, "DISEASE")]
    long_form = hits[0][1]
    assert {i for t, i in hits if t == "NMOSD"} == {long_form}
    assert sum(t == "NMOSD" for t, _ in hits) == 2


def test_outcome_terms_are_not_diseases(nlp):
    text = "Immune effector cell-associated neurotoxicity syndrome and cytokine release syndrome were mild."
    assert found(nlp, text, "DISEASE") == []


@pytest.mark.parametrize(("text", "sponsor"), [
    ("Kyverna Therapeutics said the trial met its goal.", "Kyverna"),
    ("Bristol Myers Squibb presented data at ACR.", "Bristol Myers Squibb"),
    ("Shares of Foobar Biosciences rose.", "Foobar Biosciences"),
    ("The drug was invented at Quillon Biopharm in Boulder.", "Quillon Biopharm"),
])
def test_sponsors(nlp, text, sponsor):
    from cartmine.kb.sponsors import sponsor_key

    assert sponsor_key(sponsor) in {sponsor_key(n) for n in norms(nlp, text, "SPONSOR")}


@pytest.mark.parametrize(("text", "sponsor"), [
    ("The drug is made by Boston, Massachusetts-based Quillon Pharmaceuticals Inc.", "Quillon"),
    # a known company's division, or its name after a place
    ("This study was supported by Bayer HealthCare Pharmaceuticals.", "Bayer"),
    ("Located in East Hanover, NJ Novartis Pharmaceuticals Corporation makes the drug.", "Novartis"),
    # a name after a sentence's full stop, and a company the text calls a drug company
    ("The agency is part of Health Services. Quillon Pharmaceutical provided the drug.", "Quillon"),
    ("Camurus is a Swedish research-based pharmaceutical company.", "Camurus"),
    # another name the company went by, reported as the text writes it (before its division words)
    ("Tipifarnib (Johnson and Johnson Pharmaceutical Research and Development, Beerse) was added.", "Johnson and Johnson"),
    ("Zentrix Sciences Corporation announced the results of its vaccine trial.", "Zentrix Sciences"),
    ("SOURCE Kyverna Therapeutics", "Kyverna"),
    # a generic adjective keeps its corporate word; a coined name loses it
    ("The implant is being developed by Vascular Technologies, a young firm.", "Vascular Technologies"),
    ("The vaccine came from Zentrix Technologies Corporation.", "Zentrix"),
])
def test_sponsor_names_lose_their_descriptors(nlp, text, sponsor):
    from cartmine.kb.sponsors import sponsor_key

    assert {sponsor_key(n) for n in norms(nlp, text, "SPONSOR")} == {sponsor_key(sponsor)}


@pytest.mark.parametrize("text", [
    "The results appear in the Journal of Clinical Oncology.",
    "She heads the Department of Radiation Oncology.",
    "Dr. Lee is a consultant for Quillon Pharmaceuticals and receives funding from Zentrix Biosciences for other studies.",
    "The lead author of the paper works at the Northfield General Hospital (NGH). Co-author: NGH Immunology Laboratories.",
    # hospital units and cooperative trial groups end in a corporate-looking word
    "Patients were treated at the Paediatrics Oncology Unit of the city hospital.",
    "The Northwest Oncology Group ran a randomized trial of the new regimen.",
    # an abstract heading runs into a sentence that starts with an adjective
    "Recovery was faster in the trial group. CONCLUSION Limited incision surgery is as safe as the open technique.",
    # public funders named by acronym
    "The trial is funded by WHO, with support from other agencies.",
    "The research was co-sponsored and funded by UNDP/UNFPA/UNICEF/WHO/World Bank Special Programme.",
    "The trial is sponsored by Quantum Health Collaborative, a non-profit foundation set up in 2005.",
    # people, longer organisation names, title-case headlines, academic units, journals, references
    "The assay builds on a protein developed by Ingber and Michael Super at the institute.",
    "The blood test developed by Dr. Nagele has shown promise.",
    "A pilot study was funded by Heart Research and Wellness Foundation.",
    "A Multimodal Intervention for Children With Limited Expressive Vocabularies.",
    "The work comes from the Easton Laboratories for Neurodegenerative Disease Research.",
    "It is published by the Radiological Society of North America, Inc.",
    "Farvid was supported by the Japan Pharmaceutical Manufacturers Association.",
    "The results were published in JAMA Oncology.",
    "1. Hupin D, Roche F, Gremeaux V, et al. Relation between physical activity and mortality.",
    # an acronym alias the text defines as something else
    "Patients got a drug-eluting stent (DES) or a bare metal stent (BMS); events were fewer in the DES group than in the BMS group.",
    # disclosures only
    "Dr Bonner reported working as a consultant for Quillon Pharmaceuticals.",
    "One author has acted as a paid consultant for Zentrix Biosciences.",
    # publishers, and people behind 'developed by'
    "The study appears in a peer-reviewed journal from Quillon Media, Inc., publishers.",
    "Doses were set with a method developed by Professor Halden's research team.",
])
def test_disciplines_disclosures_and_hospital_laboratories_are_not_sponsors(nlp, text):
    assert norms(nlp, text, "SPONSOR") == set()


def test_disclosed_company_stays_a_sponsor_when_named_elsewhere(nlp):
    text = ("Quillon Pharmaceuticals developed the antibody and ran the trial. "
            "Dr. Lee is a consultant for Quillon Pharmaceuticals.")
    assert len(found(nlp, text, "SPONSOR")) == 2


def test_universities_are_not_sponsors(nlp):
    assert norms(nlp, "Doctors at University Hospital Erlangen and the FDA reviewed it.", "SPONSOR") == set()


def test_unknown_code_name_in_apposition_is_a_product(nlp):
    text = ("Zeta Bio dosed the first lupus patient with ZB-417, an autologous anti-CD19 CAR-T cell therapy. "
            "ZB-417 was well tolerated.")
    hits = [(n, a.get("target")) for _, n, _, a in found(nlp, text, "THERAPY")]
    assert set(hits) == {("ZB-417", "CD19")}


def test_trial_names_and_antigens_are_not_products(nlp):
    text = "In the KYSA-6 trial (NCT05938725), anti-GAD65 titres fell after CD19 CAR-T cells."
    assert norms(nlp, text, "THERAPY") == {"CD19 CAR-T"}


def test_common_words_are_not_inn_stems(nlp):
    assert norms(nlp, "Doctors accept the concept; patients did not cancel.", "THERAPY") == set()


@pytest.mark.parametrize(("text", "expected"), [
    ("Shares of Zenith Bio rose after its CAR-T data.", {"Zenith Bio"}),
    ("Philadelphia-based Cabaletta Bio said the trial continues.", {"Cabaletta Bio"}),
    ("The European Medicines Agency reviewed the file.", set()),
])
def test_unknown_companies_by_suffix(nlp, text, expected):
    assert norms(nlp, text, "SPONSOR") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The study was funded by Quorvex Technologies Corp., which supplied the drug.", {"Quorvex"}),
    ("Acme Widgets, Inc. announced the phase 2 results.", {"Acme Widgets"}),
    ("The antibody was developed by Zymora and tested at two centres.", {"Zymora"}),
    ("This study received funding from Pellion Ltd.", {"Pellion"}),
    ("The pill is manufactured by Austin, Texas-based Corvina Pharmaceuticals Inc.", {"Corvina Pharmaceuticals"}),
])
def test_companies_by_legal_suffix_or_backing_verb(nlp, text, expected):
    assert norms(nlp, text, "SPONSOR") == expected


@pytest.mark.parametrize("text", [
    "The trial was funded by the National Cancer Institute.",
    "The work was supported by Northfield University.",
    "Authors: J. Doe, M.D., of Genitourinary Medical Oncology; A. Roe, of Pathology.",
])
def test_funders_and_departments_are_not_companies(nlp, text):
    assert norms(nlp, text, "SPONSOR") == set()


@pytest.mark.parametrize(("text", "expected"), [
    # the maker or supplier named in an appositive stays a sponsor even inside a disclosure
    ("Dr. Lee is a consultant for Zentrix, the manufacturer of ZX-101, and for other firms.", {"Zentrix"}),
    ('Patients got the oil through "Green Vale," the largest national cannabis supplier.', {"Green Vale"}),
    # a second maker joined to a known company after a backing verb
    ("The antibody is manufactured by Biogen Idec and Quillon, and sold worldwide.", {"Biogen", "Quillon"}),
    ("The work was supported by Pfizer and Bill Gates.", {"Pfizer"}),
    ("This study was supported by Janssen Research and Development, the manufacturer of the drug.", {"Janssen"}),
])
def test_makers_named_by_the_text(nlp, text, expected):
    assert norms(nlp, text, "SPONSOR") == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a stock ticker after a name, and lower/upper-case "company" after "a" naming the parent
    ("Zentrix (NYSE: ZTX) today announced results of its phase 2 trial.", {"Zentrix"}),
    ("Kite, a Gilead Company, said on Monday that its therapy worked.", {"Kite", "Gilead"}),
    ("The stent came from Cordis, a Johnson & Johnson company, in Florida.", {"Cordis", "Johnson & Johnson"}),
    ("The tablet is marketed by Orvia, a subsidiary of Kellan Holdings.", {"Orvia", "Kellan Holdings"}),
    ("The cells were developed by the biotech company Vanta Medicine, and target CD19.", {"Vanta Medicine"}),
    # the FUNDING heading of a structured abstract
    ("FUNDING Merck & Co.", {"Merck"}),
    ("FUNDING Research grant (Pfizer).", {"Pfizer"}),
    # a company with only a legal suffix counts where its sentence gives it a role
    ("The drug used in the study was made by Pellworth Inc. in Ohio.", {"Pellworth"}),
    # a former name is reported as the text writes it; the current name stays
    ("The vaccine was developed by GlaxoSmithKline (GSK).", {"GlaxoSmithKline"}),
    ("The last approval was GSK's belimumab.", {"GSK"}),
    # a stock listing in brackets repeats the name, it defines no other meaning of it
    ("GSK (LSE/NYSE: GSK) today announced results of its shingles vaccine.", {"GSK"}),
    # a possessor right before a therapy the text names owns it, even a company the text names only so
    ("Its rival (Quillon\u2019s zentumab) was approved last year.", {"Quillon"}),
    ("Vantis' investigational drug olmatinib lowered the rash score.", {"Vantis"}),
    # a maker named by a bare role noun without an article
    ("The work was supported by the city, and by Orvane Imaging Systems, manufacturer of the scanner used.",
     {"Orvane Imaging Systems"}),
    # a coined name before 'Medical' after a role cue
    ("The probe was developed by Frostline Medical (Haifa, Israel) for breast tumours.", {"Frostline Medical"}),
    ("Developed by Frostline Medical, the probe freezes breast tumours.", {"Frostline Medical"}),
    # the maker of a tested device or product, named by "made/produced/built by" or as "the device maker"
    ("The radiotherapy machine, made by Halvorn Medical Systems, delivered the beam.", {"Halvorn Medical Systems"}),
    ("The stimulator, produced by Corvane Neuro, was implanted in 40 patients.", {"Corvane Neuro"}),
    ("The device maker Halvorn Surgical funded the study of its clip.", {"Halvorn Surgical"}),
    # a maker appositive whose name ends in a digit, even inside a disclosure
    ("The authors receive financial support from LensWorks VISION3, manufacturer of the eye ring.", {"LensWorks VISION3"}),
    # another name a company went by is reported as written, also before its division words
    ("Tipifarnib (Johnson and Johnson Pharmaceutical Research and Development, Belgium) was added.",
     {"Johnson and Johnson"}),
    ("GlaxoSmith Kline supplied the drug.", {"GlaxoSmith Kline"}),
])
def test_company_cues_that_generalise(nlp, text, expected):
    assert norms(nlp, text, "SPONSOR") == expected


@pytest.mark.parametrize("text", [
    # a business named only by a legal suffix, with no role in its sentence
    "Speakers include Jane Roe, general manager, Safety and Compliance, Skyway Air Lines, Inc. and others.",
    "John Doe, a nephrologist at Stonelink Corporation, first suggested the acid.",
    # contact blocks of press releases: PR and investor-relations firms
    "Media Contact:\nJane Doe\nBrightside, Inc.\n312-555-0100",
    "Investors:\nAdam Roe\nHarbor Bio Partners Group\nadam@harbor.example",
    # consultancies and medical-writing agencies
    "Co-authors include L. Mann at Zentrix Pharma Consulting and others.",
    "Writing support came from Complete Healthcare Communications, Inc.",
    # disclosures worded as reports of support, travel money or a financial relationship
    "Dr Lee reports nonfinancial support and reimbursement for travel from Quillon Pharmaceuticals.",
    "Drs. Roe and Lee disclose a financial relationship with Zentrix Biosciences, Inc.",
    # makers of tests, models and software, and people behind 'developed by'
    "The tests are produced by Quillon Laboratories Inc. The hospital has a licence agreement with Quillon Laboratories.",
    "The population PK model was developed by NONMEM, and covariates were identified.",
    "The tests, developed by Pimentel, detect antibodies. Mark Pimentel, MD, led the work.",
    "The device was licensed to Ocula Inc., a neurodiagnostic startup company.",
    # nationality adjectives and a plural short form the text uses as a common noun
    "Zentro, a Swiss company, makes the stent.",
    "Patients received bare-metal stents (BMSs) or drug-eluting stents; BMS patients did worse.",
    # possessors that are people, places, dates or disease eponyms own no product
    "Dr. Halden's modified aspirin regimen was given. Tuesday's aspirin dose was missed.",
    "America's aspirin use rose, and Alzheimer's donepezil users were counted.",
    "Halden's aspirin regimen was used, said Halden.",
    # a company name that is also a surname, as an item of a list of people
    "Co-authors include Judy Wang, Ellen Lilly, and Tom Brown of the university's drug centre.",
    # 'developer of' without an article describes people too
    "Jane Roe, developer of the drug-reminder app, spoke at the meeting.",
    # an author's or speaker's employer, named only as such
    "Senior author Jane Roe, MD, associate director of research at Lakeview Accelerated Oncology Therapeutics in Austin, "
    "said zentumab was active.",
    '"Zentumab shrank tumours," said Mark Doe, PhD, a senior scientist at Halvorn Biosciences.',
    "Co-authors were Ann Lee, MD, of Ridgeway Medical School and the Pfizer Institute for Cell Research.",
    # a contract research organisation that ran the trial, and a pharmacy or insurer that delivers or pays
    "The trial was conducted by Brightwater Clinical Research, Inc., an independent contract research organization.",
    "Home infusion, a service provided by CVS Health, was compared with hospital infusion.",
    "Anthem, Inc. provides health insurance to its members; patients had knee replacement.",
])
def test_roles_that_make_no_sponsor(nlp, text):
    assert norms(nlp, text, "SPONSOR") == set()


@pytest.mark.parametrize(("text", "expected"), [
    # an employer of an author that the text also ties to the product stays a sponsor
    ("Jane Roe, PhD, of Quillon Pharmaceuticals, which makes zentumab, led the trial.", {"Quillon"}),
    ("Researchers at Halden University and Corvane Corp. (NASDAQ: CRVN), which supplied the drug, ran it.",
     {"Corvane"}),
    ("Dr. Lee of Zentrix Biosciences presented the data. The trial was funded by Zentrix Biosciences.",
     {"Zentrix"}),
    # a funder that is a known company, carries an industry word, or is named as a company elsewhere
    ("The study was funded by Lundbeck. Patients received vortioxetine.", {"Lundbeck"}),
    ("The trial was funded by Quillon Biotech. Patients received zentumab.", {"Quillon Biotech"}),
    ("The trial was funded by Halvorn. The stimulator is sold by Halvorn, Inc. in Austin.", {"Halvorn"}),
])
def test_companies_with_a_role_stay_sponsors(nlp, text, expected):
    from cartmine.kb.sponsors import sponsor_key
    assert {sponsor_key(n) for n in norms(nlp, text, "SPONSOR")} == {sponsor_key(e) for e in expected}


@pytest.mark.parametrize("text", [
    # a test, an app or a person "made by" is no therapy's maker
    "The blood test, made by Corvane Labs, detected relapse early.",
    "The decision to stop the drug was made by Jane Roe and the team.",
    "Patients liked it. The choice of drug was made by Jane Roe.",
    "The device settings were made by Dr. Lee before each session.",
    # charities, cooperative groups and public programmes named only after a funding verb
    "The study was funded by Movember. Patients received radiotherapy.",
    "The study was funded by Breast Cancer Now. Patients underwent surgery.",
    "The trial was sponsored by ECOG-ACRIN. Patients received radiotherapy.",
    "The study was funded by Autism Speaks. Children received behavioural therapy.",
    "The trial was funded by Parkinson's UK. Patients received deep brain stimulation.",
    "The study was supported by Veterans Affairs Office of Research. Veterans received therapy.",
    # a company's charity, and a programme named with its year
    "The trial was supported by the Lundbeck Foundation. Patients received electroconvulsive therapy.",
    "Funded by Horizon 2020, the trial tested cognitive behavioural therapy.",
])
def test_no_product_maker_or_company_funder(nlp, text):
    assert norms(nlp, text, "SPONSOR") == set()


@pytest.mark.parametrize("text", [
    # units, measures and analyses the chemical NER tags
    "The drug is given as a 300-milligram infusion every four weeks.",
    "To select patients, the team ran a circulating tumor DNA analysis.",
    "Side effects were appetite suppression and insomnia.",
    # a substance right before "stimulation" tests an axis; a drug that names its class
    "The growth hormone response to L-dopa stimulation was blunted.",
    "Tetracycline-class antibiotics are prescribed five times as often.",
    # a date glued to its day, a preservative named as absent, a department in an affiliation
    "Market data, accessed May23, 2016, were used.",
    "The shot contains no preservatives (e.g., thimerosal), gelatin or latex.",
    "Authors include Jane Roe, M.D., of Genomic Medicine and Stem Cell Transplantation.",
])
def test_measures_units_and_affiliations_are_not_therapies(nlp, text):
    assert norms(nlp, text, "THERAPY") == set()


@pytest.mark.parametrize(("text", "expected"), [
    # one name per vaccine: type-only names take the document's single disease, partial names the fullest
    ("Brandix was compared with a quadrivalent inactivated vaccine. Fewer got flu than with the "
     "quadrivalent vaccine, the usual quadrivalent influenza vaccine.", {"quadrivalent inactivated influenza vaccine"}),
    # a name that adds another product's words is another vaccine
    ("The Ebola vaccine protected contacts; an adenovirus type-5 Ebola vaccine is in trials.",
     {"ebola vaccine", "type-5 ebola vaccine"}),
    # the use of a vaccine is not its name; its target is
    ("Patients got a HER2-targeted therapeutic cancer vaccine.", {"her2-targeted cancer vaccine"}),
    ("Children got the measles vaccine or a pneumococcal conjugate vaccine.",
     {"measles vaccine", "pneumococcal conjugate vaccine"}),
    # a title-case therapy in a headline-like body sentence without an affiliation stays
    ("Patients were offered Stem Cell Transplantation after induction.", {"HSCT"}),
])
def test_vaccine_names_and_kept_therapies(nlp, text, expected):
    assert {n.lower() if n.endswith("vaccine") else n for n in norms(nlp, text, "THERAPY")} == expected


def test_one_spelling_per_therapy_in_a_document(nlp):
    text = "The HER2 dendritic cell vaccine was safe. In the trial the HER2-dendritic cell vaccine was given monthly."
    assert len(norms(nlp, text, "THERAPY")) == 1


@pytest.mark.parametrize(("text", "expected"), [
    # known companies joined by a hyphen or slash are each a sponsor; a hyphenated known name is one
    ("The drug, developed by Genentech-Roche, was approved.", {"Genentech", "Roche"}),
    ("The antibody was developed by Bristol-Myers Squibb.", {"Bristol Myers Squibb"}),
    # a licensee, and names with corporate words any business may carry, given a role in their sentence
    ("The vaccine was licensed to Vantor Genetics, who licensed it to Merck.", {"Vantor Genetics", "Merck"}),
    ("The trial was sponsored by Creative Cellular Holdings.", {"Creative Cellular Holdings"}),
    # "Cell" is a journal's name only on its own: before a corporate word it is part of a company's
    ("Ten adults received KRT-19, a CAR-T developed by Ostrava Cell Therapeutics, after lymphodepletion.",
     {"Ostrava Cell Therapeutics"}),
    ("Norvane Cell Ltd. announced results of its cord-blood product.", {"Norvane Cell"}),
    ("The results appear in Cell. Roche funded the work.", {"Roche"}),
    # a name made only of field words stays a department
    ("The trial was run by Human Cell Therapy, Inc. staff.", set()),
    # the methods-section convention: a tested product, then its maker and address in brackets
    ("Lymphoceles were fewer with the Loopclip ( Ardent Surgical , Dayton , OH ) than with coagulation .",
     {"Ardent Surgical"}),
    ("The pacing algorithm ( VELTRONIC , Hamburg , Germany ) was switched on after ablation .", {"VELTRONIC"}),
    # a Nordic legal form is not part of the name
    ("Crowns were cemented onto Stellar abutments ( Norvik Dental AB , Malmo , Sweden ) .", {"Norvik Dental"}),
    # shortened, the maker's name would be the product's own: the bracket's full name is kept
    ("Desensitizing with Ostrin ( Ostrin Technology , Gainesville , Fla. ) reduced pain .", {"Ostrin Technology"}),
    # an address in brackets names no company, nor does a list of drugs
    ("Patients were treated at three sites ( Boston , MA , USA ) with zentumab .", set()),
    ("Drugs were compared ( Aspirin , Ibuprofen , Naproxen ) over 12 weeks .", set()),
    # the maker of a tool that is no therapy: statistics software, a laboratory kit
    ("Zentumab was given weekly . Data were analysed with SPSS version 20 ( SPSS Inc , Chicago , IL , USA ) .",
     set()),
    ("Zentumab was given weekly . IL-6 was measured with an ELISA kit ( Quantix Systems , Minneapolis , MN ) .",
     set()),
])
def test_company_name_forms(nlp, text, expected):
    """Joined names, licensees and holdings, "Cell" companies, and makers in brackets with an address."""
    assert norms(nlp, text, "SPONSOR") == expected


@pytest.mark.parametrize("text", [
    "Shares of Myriel Genetics rose after the launch.",
    "The work appeared in the Journal of Medical Genetics.",
    "Internal grant support was provided by Baylor Scott & White Health. The trial was registered.",
])
def test_weak_corporate_words_without_a_role(nlp, text):
    assert norms(nlp, text, "SPONSOR") == set()


@pytest.mark.parametrize(("text", "expected"), [
    # the About section of a press release whose first paragraph calls its subject a company
    ("Oat porridge kept volunteers full for longer.\n\nAbout the Brightfield Foods Company\n"
     "The Brightfield Foods Company, headquartered in Ohio, is a unit of Meridia Inc.", {"Brightfield Foods"}),
    ("The capsules eased cramps in the trial.\n\nAbout Lumora Health\n"
     "Lumora Health (LH) is the maker of Calmix. It is a privately held company based in Austin.", {"Lumora Health"}),
    # a non-profit or an investor has an About section too; neither is a sponsor
    ("Walnuts lowered cholesterol.\n\nAbout Orchard Health\n"
     "Orchard Health is a not-for-profit health care organization serving Florida.", set()),
    ("The device cut pain.\n\nAbout Harbor Ventures\n"
     "Harbor Ventures is a venture capital firm investing in medical technology.", set()),
])
def test_about_section_names_the_issuing_company(nlp, text, expected):
    assert norms(nlp, text, "SPONSOR") == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a report of a diagnostic study: the company makes the test or scanner, not a therapy
    ("New blood test spots kidney disease early\n\nResearchers at Corvane Biosciences, which funded the study, found that a blood test detected kidney "
     "disease in 90 percent of cases. The test was compared with imaging and with a standard urine test. Screening "
     "with the test took minutes, and the assay detected disease that the scan missed. Diagnosis was confirmed by "
     "biopsy tests.", set()),
    ("CT scans beat stress tests\n\nCT scans detected blocked arteries better than stress tests in 400 patients. "
     "Imaging and diagnosis took an hour; screening with the scanner may replace tests. The work was funded by "
     "Halvorn Medical Systems, manufacturer of the scanner, and confirmed by further tests and scans.", set()),
    # with no therapy named, a company whose About section says it sells diagnostic tests
    ("Study shows the Veritas score changed care\n\nCorvane Genomics announced that doctors changed their plans "
     "after reading the Veritas score.\n\nAbout Corvane Genomics\n\nCorvane Genomics, Inc. is the leading provider "
     "of genomic-based diagnostic tests for cancer care.", set()),
    # a drug study that also tests patients keeps its sponsor
    ("Drug lowers blood pressure\n\nThe trial of 200 patients, funded by Corvane Pharmaceuticals, found that "
     "lisinopril lowered blood pressure. Patients were tested at week 12.", {"Corvane Pharmaceuticals"}),
])
def test_diagnostic_makers_are_no_sponsors(nlp, text, expected):
    assert norms(nlp, text, "SPONSOR") == expected


def test_press_release_issuer_on_its_source_line(nlp):
    text = ("Press Contact\n\nNutriPR\n\nJane Roe\n\nMedia: +1 212-555-0100\n\nE-mail: jane@example.com\n\n"
            "SOURCE Lipova Ltd.")
    assert norms(nlp, text, "SPONSOR") == {"Lipova"}


def test_related_coverage_teasers_name_no_sponsor(nlp):
    """A 'Related coverage' block lists other stories' headlines (spec: teaser lines are furniture)."""
    text = ("Zentrix Biosciences developed the cells, which were well tolerated.\n\nRelated coverage\n"
            "- Kyverna raises $100 million\n- Lupus prices: what payers accept\n")
    assert norms(nlp, text, "SPONSOR") == {"Zentrix Biosciences"}


def test_companies_named_only_among_forward_looking_statements_are_not_sponsors(nlp):
    """The legal section of a press release lists business risks (acquisitions, partners), not who
    makes the therapy; the issuer stays a sponsor through its other mentions."""
    text = ("Quillon Pharmaceuticals announced results of its zentumab trial.\n\nForward-Looking Statements\n\n"
            "Failure to achieve the objectives of the acquisition of Vantor Pharmaceuticals Inc. may adversely "
            "affect the combined company.\n\nAbout Quillon\n\nQuillon Pharmaceuticals develops drugs.")
    assert norms(nlp, text, "SPONSOR") == {"Quillon Pharmaceuticals"}


@pytest.mark.parametrize(("text", "expected"), [
    ("Adults with the flu took the antiviral for five days.", {"DOID:8469"}),
    ("Children with stomach flu were given fluids.", {"DOID:2326"}),
    # what resembles a disease is not that disease
    ("Two patients had flu-like symptoms after the injection.", set()),
    ("A lupus like rash appeared in one patient.", set()),
    ("Patients with asthma like to exercise less.", {"DOID:2841"}),
])
def test_lay_flu_and_resemblance(nlp, text, expected):
    assert {kb_id for _, _, kb_id, _ in found(nlp, text, "DISEASE")} == expected
