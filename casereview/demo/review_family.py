"""The family's part in the review: who is involved and on what basis, the child's own
part, and every contact in the person's preferred language (but one, on purpose)."""

from __future__ import annotations

from datetime import date

from casereview.accounts.models import AgencyKind
from casereview.audit.context import SYSTEM
from casereview.cases.models import Person
from casereview.cases.vocab import Language
from casereview.reviews.family import child as child_rules
from casereview.reviews.family import services as family_services
from casereview.reviews.models import (
    ChildQuestion,
    ContactMethod,
    ContactPurpose,
    InvolvementBasis,
    NoContactReason,
)

from .people import NUMBER_WORDS, years_between
from .review_profile import ROLE_POLISH
from .review_run import ReviewRun


def family_names(run: ReviewRun) -> str:
    names_ = [
        f"{p.given_names.split()[0]} ({p.get_relationship_display().lower()})"
        for p in run.reachable
    ]
    return ", ".join(names_) or "the family"


def family_agreed_text(run: ReviewRun) -> str:
    return (
        f"{family_names(run)} will be told of the review and its purpose, invited to "
        "meet the independent author and contribute their views, and told of the findings "
        "and the timing of publication before the executive summary is published."
    )


def family_reviewed_text(run: ReviewRun) -> str:
    return (
        "The family's involvement continues as agreed. The independent author has met "
        "the family; a further meeting will be offered when the draft overview report is "
        "ready."
    )


def community_link_text(run: ReviewRun) -> str:
    voluntary = [a.name for a in run.ctx.agencies if a.kind == AgencyKind.VOLUNTARY]
    who = (
        f"{run.experts[0][1].get_full_name()}, the independent adviser,"
        if run.experts
        else "The board business manager"
    )
    groups = " and ".join(voluntary[-2:]) if voluntary else "local community groups"
    return (
        f"{who} will link in with {groups}, the family's place of worship and other "
        "black and minority ethnic community organisations the family used."
    )


def involve_family(run: ReviewRun) -> None:
    parents = ", ".join(p.given_names.split()[0] for p in run.family if p.parental_responsibility)
    for person in run.family:
        if person.contact_details == "Deceased":
            continue
        if person.parental_responsibility:
            basis, reason, views = InvolvementBasis.PARENTAL_RESPONSIBILITY, "", ""
        else:
            basis = InvolvementBasis.LEGITIMATE_INTEREST
            reason = (
                f"{person.given_names.split()[0]} cared for {run.first_name} for long "
                "periods and knows the family's history; the panel believes their account "
                "is in the child's interests."
            )
            views = f"{parents or 'The parents'} agreed to their involvement."
        extent = "Told of the review, invited to meet the independent author and shown "
        extent += "the findings before publication."
        if person.pk in run.not_contacted:
            extent = "Not contacted: their whereabouts are not known (the panel's reason is "
            extent += "recorded); they will be told of the review if they are found."
        elif person.contact_details.startswith(("In custody", "Detained")):
            extent = "Told of the review in writing; a meeting will be offered when the "
            extent += "criminal or mental health proceedings allow."
        family_services.record_involvement(
            run.review,
            person,
            actor=run.manager,
            context=SYSTEM,
            basis=basis,
            involved=person.pk not in run.not_contacted,
            extent=extent,
            board_reason=reason,
            views_of_parents=views,
        )
    child = run.child
    recorded_on = run.on(12)
    question = child_rules.question_of(run.case, recorded_on)
    name = run.first_name
    involved, reason_not = True, ""
    if question == ChildQuestion.REPRESENTED:
        how = f"{name} died. The independent author reads what the school, the health "
        how += f"visitor and the GP recorded of what {name} said and did, and talks with the "
        how += f"people who knew {name} best, so that the report describes {name}'s daily life."
    elif question == ChildQuestion.THROUGH_ADVOCATE:
        born = child.date_of_birth or run.case.incident_date
        age = years_between(born, recorded_on)
        old = f"{NUMBER_WORDS[age]} years old" if age > 1 else "a baby" if age == 0 else "one"
        how = f"{name} is {old}. The children's guardian and {name}'s current carers speak "
        how += f"for {name}; the author also reads the records of what {name} showed."
    else:
        how = "Offered the chance to meet the independent author with a trusted adult "
        how += "present; their views are recorded in their own words in the overview report."
    family_services.record_child_involvement(
        run.review,
        actor=run.manager,
        context=SYSTEM,
        involved=involved,
        how=how,
        reason_not=reason_not,
        recorded_on=recorded_on,
        question=question,
    )


def explain_not_contacted(run: ReviewRun, on: date) -> None:
    """Before the family is first told, the panel records why anyone owed the duties of
    19.5 is not to be contacted: a parent who died; and, in the board's first review with
    two parents to tell, a father whose whereabouts are not known (comply or explain)."""
    for person in run.family:
        if person.contact_details == "Deceased" and person.parental_responsibility:
            family_services.record_not_contacted(
                run.review,
                person,
                actor=run.manager,
                context=SYSTEM,
                reason=NoContactReason.DIED,
                detail=f"{person.given_names.split()[0]} died in the incident.",
                recorded_on=on,
            )
    parents = [p for p in run.reachable if p.parental_responsibility]
    missing = next((p for p in parents if p.relationship == "father"), None)
    if run.ctx.whereabouts_unknown_shown or run.role or len(parents) < 2 or missing is None:
        return
    run.ctx.whereabouts_unknown_shown = True
    family_services.record_not_contacted(
        run.review,
        missing,
        actor=run.manager,
        context=SYSTEM,
        reason=NoContactReason.WHEREABOUTS_UNKNOWN,
        detail="He left the area before the incident. Letters to his last known address "
        "came back; the police and the DWP have no current address. The panel will look "
        "again at each meeting.",
        recorded_on=on,
    )
    run.not_contacted.add(missing.pk)
    run.reachable = [p for p in run.reachable if p.pk != missing.pk]


def tell_family(run: ReviewRun, nominal: float, purposes: list[str]) -> None:
    # The demonstration's mistake: the first letter to the Polish-speaking mother went
    # in English, without an interpreter (Rotherham 19.3).
    wrong = None
    if purposes[0] == ContactPurpose.TOLD_OF_REVIEW:
        explain_not_contacted(run, run.on(nominal))
    if run.role == ROLE_POLISH and purposes[0] == ContactPurpose.TOLD_OF_REVIEW:
        wrong = next((p for p in run.reachable if p.preferred_language == Language.POLISH), None)
    for person in run.reachable:
        on = run.on(nominal + run.rng.randint(0, 3))
        contact(run, person, on, purposes, person is wrong)
    if wrong is not None:
        translate_letter(run)


# A synthetic Polish translation of the first letter, with the details in square brackets
# as in the English letter given to the translator (reviews/family/translations.py).
POLISH_LETTER = (
    "Poważny przegląd przypadku dotyczący [imię dziecka]",
    [
        "[data]",
        "Szanowna Pani / Szanowny Panie [imię i nazwisko],",
        "[Jeśli dziecko zmarło:] Bardzo mi przykro z powodu straty [imię dziecka]. "
        "[Jeśli dziecko zostało poważnie skrzywdzone:] Wiem, że to bardzo trudny czas dla "
        "Pani / Pana i rodziny.",
        "Piszę w imieniu [nazwa rady], aby poinformować, że prowadzimy poważny przegląd "
        "przypadku (Serious Case Review) dotyczący [imię dziecka]. Numer przeglądu: [numer].",
        "Celem przeglądu jest zrozumienie, jak specjaliści i instytucje współpracują, aby "
        "chronić dzieci, i jak mogą robić to lepiej. Przegląd nie rozstrzyga, kto ponosi "
        "winę; to sprawa sądów i koronera.",
        "Chcielibyśmy poznać Pani / Pana zdanie. Prosimy o kontakt, jeśli potrzebuje Pani / "
        "Pan tłumacza lub innej pomocy.",
        "Z poważaniem,",
        "[imię i nazwisko nadawcy]\n[stanowisko]\n[dane kontaktowe]",
        "[nazwa rady]\n[adres, telefon i e-mail rady]",
    ],
)


def translate_letter(run: ReviewRun) -> None:
    """After the letter in English to the Polish-speaking mother, the board has its first
    letter translated into Polish: uploaded, and approved by a fictional interpreter."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from casereview.documents import rendering
    from casereview.reviews import printed
    from casereview.reviews.family import translations

    subject, paragraphs = POLISH_LETTER
    values = {
        **printed.letterhead(run.review.board),
        "language": "pl",
        "recipient": [],
        "subject": subject,
        "sections": [{"heading": "", "paragraphs": paragraphs}],
    }
    data = rendering.render_docx(
        rendering.word_template_path("family_letter"), values, title="Letter, Polish"
    )
    translation = translations.upload(
        run.review.board,
        actor=run.manager,
        context=SYSTEM,
        language=Language.POLISH,
        template=ContactPurpose.TOLD_OF_REVIEW,
        upload=SimpleUploadedFile("list-o-przegladzie.docx", data),
    )
    translations.approve(
        translation,
        actor=run.manager,
        context=SYSTEM,
        approved_by_name="Agnieszka Fikcyjna, registered interpreter (fictional)",
        approved_on=run.today,
    )


def contact(run: ReviewRun, person: Person, on: date, purposes: list[str], wrong: bool) -> None:
    language = person.preferred_language
    label = Language(language).label
    first = purposes[0]
    what = {
        ContactPurpose.TOLD_OF_REVIEW: "explained that a serious case review is being held and why",
        ContactPurpose.PROCESS: "explained how the review works and invited them to meet "
        "the independent author",
        ContactPurpose.SHOWN_REPORT: "went through the findings and told them when the "
        "executive summary will be published",
    }[first]
    interpreter = False
    if wrong:
        method, language = ContactMethod.LETTER, Language.ENGLISH
        note = "Standard letter sent in English; no translation or interpreter arranged."
    elif person.contact_details.startswith(("In custody", "Detained")):
        method = ContactMethod.LETTER
        interpreter = language not in (Language.ENGLISH, Language.WELSH)
        note = f"Letter sent through their solicitor: {what}."
    elif language in (Language.ENGLISH, Language.WELSH):
        method = ContactMethod.LETTER if first == ContactPurpose.TOLD_OF_REVIEW else None
        method = method or run.rng.choice((ContactMethod.VISIT, ContactMethod.MEETING))
        how = f"Letter in {label}" if method == ContactMethod.LETTER else method.label
        note = f"{how}: {what}."
    else:
        method = run.rng.choice((ContactMethod.VISIT, ContactMethod.MEETING))
        interpreter = True
        who = "an interpreter" if language == Language.OTHER else f"a {label} interpreter"
        if label[0] in "AEIOU":
            who = f"an {label} interpreter"
        note = f"{ContactMethod(method).label}, with {who}: {what}."
    family_services.record_contact(
        run.review,
        actor=run.manager,
        context=SYSTEM,
        person=person,
        on=on,
        method=method,
        language=language,
        interpreter=interpreter,
        purposes=purposes,
        note=note,
    )
