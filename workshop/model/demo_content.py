"""What the demo workshop holds: a fictional logistics firm's teams, people, tasks, ideas, opportunities,
plans, feedback and flags. Data only; demo.py and demo_readiness.py build the rows from it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import entities as e

ORGANISATION = "Nordhavn Freight & Logistics"
TITLE = "Where AI helps us deliver: strategy workshop"
FACILITATOR = "Zoë Achterberg"
HELD_ON = dt.date(2026, 10, 14)
STARTS_AT = dt.time(9, 0)
AGENDA_TEMPLATE = "Full day (7 h)"
CREATED_AT = dt.datetime(2026, 10, 1, 9, 0)
FOLLOW_UP_ON = dt.date(2026, 11, 25)

EFFICIENCY = "efficiency"
CUSTOMER = "customer"
DISSENTER = "dissenter"

RANKING_ROUND = "Opportunity ranking"
POINTS_ROUND = "100 points"
IMPACT_EFFORT_ROUND = "Impact and effort"
BASELINE_SURVEY = "Baseline"
FOLLOW_UP_SURVEY = "Follow-up, 6 weeks later"
FOLLOW_UP_EXPORT = "Follow-up survey (Microsoft Forms).csv"

CUSTOMER_SERVICE = "Customer Service"
DISPATCH = "Dispatch & Planning"
WAREHOUSE = "Warehouse Operations"
FINANCE = "Finance & Billing"
SALES = "Sales & Key Accounts"
PERCEPTION_GAP_TEAM = WAREHOUSE

TEAMS: tuple[tuple[str, str], ...] = (
    (CUSTOMER_SERVICE, "Answers shipment questions, complaints and damage claims by phone, e-mail and chat"),
    (DISPATCH, "Plans routes, loads and driver shifts for 140 trucks"),
    (WAREHOUSE, "Runs the three cross-docks: receiving, slotting, picking and proof of delivery"),
    (FINANCE, "Invoices customers, matches carrier invoices and runs credit control"),
    (SALES, "Wins and keeps contract customers: tenders, quotes and quarterly reviews"),
)


@dataclass(frozen=True)
class DemoManager:
    name: str
    team: str
    stance: e.Stance
    camp: str


MANAGERS: tuple[DemoManager, ...] = (
    DemoManager("Νίκος Παπαδόπουλος", WAREHOUSE, e.Stance.CHAMPION, EFFICIENCY),
    DemoManager("Анна Смирнова", CUSTOMER_SERVICE, e.Stance.NEUTRAL, CUSTOMER),
    DemoManager("Łukasz Nowak", WAREHOUSE, e.Stance.NEUTRAL, EFFICIENCY),
    DemoManager("José Fernández", DISPATCH, e.Stance.NEUTRAL, CUSTOMER),
    DemoManager("Freya Halvorsen", DISPATCH, e.Stance.CHAMPION, EFFICIENCY),
    # Three warehouse managers: enough for the privacy floor, so its perception gap can be shown.
    DemoManager("Priya Raman", WAREHOUSE, e.Stance.SKEPTIC, CUSTOMER),
    DemoManager("Martin Keller", FINANCE, e.Stance.CHAMPION, EFFICIENCY),
    DemoManager("Dominique Laurent", SALES, e.Stance.SKEPTIC, DISSENTER),
)

LEADERS: tuple[tuple[str, e.Stance], ...] = (
    ("Søren Albrechtsen", e.Stance.CHAMPION),
    ("Ana-María Castillo", e.Stance.NEUTRAL),
)

EMPLOYEES: dict[str, tuple[str, ...]] = {
    CUSTOMER_SERVICE: (
        "Maja Kowalczyk",
        "Tomás Ribeiro",
        "Ελένη Γεωργίου",
        "Liam O'Connor",
        "Fatima Benali",
        "Jonas Weber",
    ),
    DISPATCH: (
        "Дмитрий Орлов",
        "Sofia Lindgren",
        "Mehmet Yılmaz",
        "Chloé Dubois",
        "Pieter de Vries",
        "Aisha Okafor",
    ),
    WAREHOUSE: (
        "Bjørn Eriksen",
        "Marta Wiśniewska",
        "Κώστας Αντωνίου",
        "Kevin Murphy",
        "Raúl Jiménez",
        "Ольга Петрова",
    ),
    FINANCE: (
        "Ingrid Sørensen",
        "Hannah Becker",
        "Lucas Moreau",
        "Nadia Haddad",
        "Emil Novák",
        "Grace Mensah",
    ),
    SALES: (
        "Isabella Rossi",
        "Oskar Nyberg",
        "Camille Girard",
        "Daniel Ferreira",
        "Yasmin Aziz",
        "Thomas Brandt",
    ),
}

# Names for the extra people of a scaled-up demo; accents but Latin script, so combinations read naturally.
FIRST_NAMES = (
    "Aino", "Amélie", "Anders", "Beatriz", "Carla", "Dániel", "Elif", "Emma", "Felix", "Gustav",
    "Helena", "Inês", "Ivan", "Jakob", "Jana", "Joaquín", "Julia", "Kai", "Klara", "Lars", "Léa",
    "Linnea", "Luca", "Malik", "Marek", "Mateus", "Mia", "Nils", "Noémie", "Omar", "Paula", "René",
    "Rosa", "Sanna", "Stefan", "Tereza", "Theo", "Vera", "Viktor", "Wiktoria", "Yusuf", "Zofia",
)  # fmt: skip
LAST_NAMES = (
    "Andersen", "Almeida", "Bauer", "Berg", "Castro", "Dahl", "Duarte", "Eklund", "Fischer", "Forsberg",
    "García", "Hansen", "Horváth", "Jensen", "Kovač", "Král", "Larsen", "Lefèvre", "Lund", "Meyer",
    "Moreno", "Müller", "Nielsen", "Novotná", "Olsen", "Pereira", "Petit", "Quintana", "Richter",
    "Rønning", "Santos", "Schmidt", "Silva", "Strand", "Szabó", "Torres", "Vidal", "Vogel", "Wójcik",
    "Zimmermann",
)  # fmt: skip


@dataclass(frozen=True)
class DemoTask:
    team: str
    title: str
    frequency: e.Frequency
    hours_per_week: float
    manual: bool
    redundancy: int
    ai_potential: int
    sensitivity: e.Sensitivity
    notes: str = ""
    description: str = ""


_F = e.Frequency
_S = e.Sensitivity
TASKS: tuple[DemoTask, ...] = (
    DemoTask(CUSTOMER_SERVICE, "Answer 'where is my shipment' e-mails", _F.DAILY, 22, True, 5, 5, _S.MEDIUM,
             "About 60% of the inbox; the same four answers over and over."),
    DemoTask(CUSTOMER_SERVICE, "Log and categorise complaints", _F.DAILY, 8, True, 4, 4, _S.MEDIUM),
    DemoTask(CUSTOMER_SERVICE, "Assess damage claims and request photos", _F.DAILY, 10, True, 3, 3, _S.HIGH,
             "Claims hold photos and customers' bank details."),
    DemoTask(CUSTOMER_SERVICE, "Translate customer e-mails (DE, PL, FR)", _F.WEEKLY, 5, True, 3, 4,
             _S.MEDIUM),
    DemoTask(CUSTOMER_SERVICE, "Update the FAQ and agent scripts", _F.MONTHLY, 2, True, 2, 3, _S.LOW),
    DemoTask(DISPATCH, "Plan next-day routes and loads", _F.DAILY, 30, True, 3, 4, _S.LOW,
             "Two planners rebuild the plan in Excel when an order changes.\n"
             "The TMS optimiser is not trusted for multi-drop routes."),
    DemoTask(DISPATCH, "Phone drivers about delays and re-plan", _F.DAILY, 12, True, 4, 3, _S.LOW),
    DemoTask(DISPATCH, "Notify customers of expected delays", _F.DAILY, 6, True, 5, 4, _S.MEDIUM),
    DemoTask(DISPATCH, "Driver shift and rest-time rostering", _F.WEEKLY, 8, True, 3, 3, _S.HIGH,
             "Working-time data is personal data (works council agreement)."),
    DemoTask(DISPATCH, "Fuel and toll cost reporting", _F.MONTHLY, 4, False, 4, 3, _S.LOW),
    DemoTask(WAREHOUSE, "Key in proof-of-delivery documents", _F.DAILY, 25, True, 5, 5, _S.MEDIUM,
             "Scanned PODs, often handwritten; about 1,800 a week."),
    DemoTask(WAREHOUSE, "Decide slots for new articles", _F.WEEKLY, 6, True, 3, 4, _S.LOW),
    DemoTask(WAREHOUSE, "Investigate inventory discrepancies", _F.WEEKLY, 9, True, 3, 3, _S.LOW),
    DemoTask(WAREHOUSE, "Write damage reports at receiving", _F.DAILY, 7, True, 4, 3, _S.MEDIUM),
    DemoTask(WAREHOUSE, "Write up safety incidents", _F.AD_HOC, 2, True, 2, 2, _S.HIGH),
    DemoTask(FINANCE, "Match carrier invoices to orders", _F.DAILY, 28, True, 5, 5, _S.MEDIUM,
             "Three-way match; most mismatches are fuel surcharges."),
    DemoTask(FINANCE, "Correct customer invoices", _F.WEEKLY, 10, True, 4, 4, _S.MEDIUM),
    DemoTask(FINANCE, "Send credit control reminders", _F.WEEKLY, 6, True, 4, 4, _S.HIGH),
    DemoTask(FINANCE, "Book month-end accruals", _F.MONTHLY, 5, False, 3, 2, _S.HIGH),
    DemoTask(FINANCE, "Review supplier contracts and renewals", _F.QUARTERLY, 3, True, 2, 3, _S.HIGH,
             "Includes the R&D and AT&T contract <draft> for telematics; legal signs off."),
    DemoTask(SALES, "Draft tender responses", _F.MONTHLY, 12, True, 4, 4, _S.MEDIUM),
    DemoTask(SALES, "Prepare quarterly business reviews", _F.QUARTERLY, 6, True, 3, 4, _S.MEDIUM,
             "Slides built by hand from 4 systems & the CRM <export>."),
    DemoTask(SALES, "Price quotes for spot shipments", _F.DAILY, 9, True, 4, 4, _S.LOW),
    DemoTask(SALES, "Update the CRM after customer visits", _F.WEEKLY, 4, True, 3, 3, _S.MEDIUM),
)  # fmt: skip

IDEAS: tuple[tuple[str, str, str, str, str], ...] = (  # team, group, what, how, why
    (CUSTOMER_SERVICE, "Inbox team", "Draft replies to shipment-status e-mails",
     "Read the e-mail, look the shipment up in the TMS, draft the answer; an agent checks and sends it",
     "Customers get an answer in minutes instead of a day, and we get time for the hard cases"),
    (CUSTOMER_SERVICE, "Claims desk", "Check that damage claims are complete",
     "Compare the claim with the checklist and the photos, list what is missing",
     "Half of all claims bounce back at least once for a missing document"),
    (CUSTOMER_SERVICE, "Evening shift", "Translate incoming e-mails",
     "Translate into English with the original kept beside it",
     "Polish and French e-mails wait until a colleague who reads them is in"),
    (DISPATCH, "Planners", "Suggest a re-plan when an order changes",
     "Propose two or three alternative routes with cost and lateness; the planner picks",
     "Late changes cost us an hour of Excel each and drivers wait"),
    (DISPATCH, "Customer liaison", "Warn customers before a delay becomes a complaint",
     "Watch GPS and traffic, flag shipments that will miss their slot, draft the message",
     "Customers forgive a delay they hear about early"),
    (WAREHOUSE, "POD clerks", "Read handwritten proof-of-delivery notes",
     "Extract signature, date, remarks and quantities from the scan",
     "Typing PODs is the most boring hour of the day and invoices wait for it"),
    (WAREHOUSE, "Shift leads", "Suggest slots for new articles",
     "Use size, turnover and pick history to propose a slot",
     "Bad slots make pickers walk kilometres"),
    (WAREHOUSE, "Safety reps", "Turn voice notes into incident reports",
     "Dictate on the floor, get a structured draft to check",
     "Incidents go unreported because the form takes twenty minutes"),
    (FINANCE, "Payables", "Explain why an invoice does not match",
     "Point to the order line and surcharge that differ and suggest the correction",
     "Most mismatches are the same three causes"),
    (FINANCE, "Credit control", "Write reminder letters in the customer's tone",
     "Draft from payment history and contract terms",
     "Friendly first reminders get paid faster"),
    (SALES, "Bid team", "First draft of tender answers from past bids",
     "Search our past answers and fill the new questionnaire",
     "Tenders take three weeks; half the questions repeat"),
    (SALES, "Account managers", "Prepare quarterly review slides",
     "Pull volumes, on-time rate and claims per customer into the template",
     "Two days per review go into copying numbers"),
)  # fmt: skip


@dataclass(frozen=True)
class DemoOpportunity:
    title: str
    team: str
    description: str
    benefit: str
    effort: int
    risk: int
    efficiency_value: float  # how much the efficiency camp wants it (0-10)
    customer_value: float  # how much the customer camp wants it (0-10)
    tasks: tuple[str, ...]


OPPORTUNITIES: tuple[DemoOpportunity, ...] = (
    DemoOpportunity("Proof-of-delivery reading", WAREHOUSE,
                    "Read scanned, partly handwritten PODs into the TMS; clerks handle the unreadable ones.",
                    "About 20 hours a week back; invoices go out two days earlier", 3, 2, 10, 2,
                    ("Key in proof-of-delivery documents",)),
    DemoOpportunity("Carrier invoice matching", FINANCE,
                    "Match carrier invoices to orders and explain every mismatch.",
                    "Payables clears the backlog; fewer overpaid surcharges", 3, 3, 9, 3,
                    ("Match carrier invoices to orders", "Correct customer invoices")),
    DemoOpportunity("Route and load re-planning assistant", DISPATCH,
                    "Propose re-plans when orders change during the day.",
                    "Fewer empty kilometres and fewer late deliveries", 4, 3, 8, 7.5,
                    ("Plan next-day routes and loads", "Phone drivers about delays and re-plan")),
    DemoOpportunity("Slotting suggestions for new articles", WAREHOUSE,
                    "Propose a slot for each new article from size, turnover and pick history.",
                    "Shorter pick paths", 2, 1, 7, 1,
                    ("Decide slots for new articles", "Investigate inventory discrepancies")),
    DemoOpportunity("Draft replies to shipment e-mails", CUSTOMER_SERVICE,
                    "Draft answers to status e-mails from TMS data; agents check and send.",
                    "Answers within the hour; agents free for complaints", 2, 3, 9.5, 9.5,
                    ("Answer 'where is my shipment' e-mails", "Translate customer e-mails (DE, PL, FR)")),
    DemoOpportunity("Early delay warnings to customers", DISPATCH,
                    "Spot shipments that will miss their slot and warn the customer first.",
                    "Fewer complaints; customers can plan around a delay", 3, 2, 5, 10,
                    ("Notify customers of expected delays", "Phone drivers about delays and re-plan")),
    DemoOpportunity("Tender and quote drafting", SALES,
                    "First drafts of tender answers and spot quotes from past bids and price rules.",
                    "More tenders answered, faster spot quotes", 3, 3, 4, 6.5,
                    ("Draft tender responses", "Price quotes for spot shipments")),
    DemoOpportunity("Knowledge assistant for service agents", CUSTOMER_SERVICE,
                    "Answer agents' questions from the FAQ, scripts and past tickets.",
                    "New agents productive in weeks, consistent answers", 3, 2, 2, 9,
                    ("Update the FAQ and agent scripts", "Log and categorise complaints")),
    DemoOpportunity("Damage-claim triage", CUSTOMER_SERVICE,
                    "Check claims for completeness and sort them by likely outcome.",
                    "Claims settled in days, not weeks", 4, 4, 1, 7.5,
                    ("Assess damage claims and request photos", "Write damage reports at receiving")),
    DemoOpportunity("Contract and renewal review", FINANCE,
                    "Summarise supplier contracts and flag renewal dates and risky clauses.",
                    "No more silent auto-renewals", 2, 4, 1.5, 1.5,
                    ("Review supplier contracts and renewals",)),
)  # fmt: skip

EXTRA_ITEM_ACTIONS = (
    "Automated summaries of",
    "Anomaly alerts for",
    "Draft generation for",
    "Forecasting for",
    "Data quality checks on",
    "Document sorting for",
    "Search assistant for",
    "Translation support for",
    "Scheduling suggestions for",
    "Report drafting for",
)
EXTRA_ITEM_AREAS = (
    "customs declarations",
    "fleet maintenance",
    "supplier onboarding",
    "returns handling",
    "driver shift planning",
    "fuel costs",
    "carrier performance",
    "safety incidents",
    "customer onboarding",
    "pallet exchange",
    "cold-chain shipments",
    "hazardous goods papers",
)


@dataclass(frozen=True)
class WorkflowPlan:
    platform: str
    steps: str
    oversight: e.Oversight
    stricter_review: bool
    success_metrics: str
    go_no_go: str


# Plans for the opportunities the room is likely to put on top; any other one gets a plain plan.
WORKFLOW_PLANS: dict[str, WorkflowPlan] = {
    "Proof-of-delivery reading": WorkflowPlan(
        "Azure AI Document Intelligence",
        "1. Scanner drops the POD into the inbox folder\n2. AI reads date, signature, remarks, quantities\n"
        "3. Low-confidence fields go to a clerk\n4. A clerk checks 1 in 20 of the rest\n5. TMS is updated",
        e.Oversight.REVIEW_SAMPLES,
        False,
        "Share of PODs read without a clerk; errors found in samples; days from delivery to invoice",
        "Go if at least 85% are read unaided with under 1% errors in samples; no-go above 3% errors",
    ),
    "Carrier invoice matching": WorkflowPlan(
        "Microsoft Copilot in Dynamics 365 Finance",
        "1. AI matches invoice, order and POD\n2. It explains each mismatch\n"
        "3. A payables clerk approves every match before payment\n4. Weekly review of overruled matches",
        e.Oversight.REVIEW_EVERY_OUTPUT,
        True,
        "Invoices matched per day; overpaid surcharges; clerk corrections per 100 matches",
        "Go if backlog halves with no wrong payment; no-go on any payment made on a wrong match",
    ),
    "Route and load re-planning assistant": WorkflowPlan(
        "Route optimiser add-on of the TMS",
        "1. An order change triggers a re-plan\n2. AI proposes up to three plans with cost and lateness\n"
        "3. The plan within the rules goes out\n4. A planner handles anything outside the rules",
        e.Oversight.HANDLE_EXCEPTIONS,
        False,
        "Empty kilometres; late deliveries; planner hours per day",
        "Go if late deliveries do not rise and planner hours fall by 20%",
    ),
    "Draft replies to shipment e-mails": WorkflowPlan(
        "ChatGPT Enterprise with the TMS connector",
        "1. AI reads the e-mail and looks up the shipment\n"
        "2. It drafts the reply in the customer's language\n"
        "3. An agent reads, edits and sends every reply\n4. Team lead reviews ten replies a week",
        e.Oversight.REVIEW_EVERY_OUTPUT,
        True,
        "Median answer time; share of drafts sent unchanged; customer complaints about answers",
        "Go if answer time halves and no wrong shipment data reaches a customer",
    ),
    "Early delay warnings to customers": WorkflowPlan(
        "In-house model on GPS and traffic feeds",
        "1. AI flags shipments likely to miss their slot\n2. The dispatcher decides whether to warn\n"
        "3. The dispatcher writes and sends the message",
        e.Oversight.AI_ASSIST_ONLY,
        False,
        "Share of delays announced before the slot; complaints about delays",
        "Go if 70% of delays are announced early with fewer than 1 in 10 false alarms",
    ),
}

CAPACITY: dict[str, tuple[float, str, str]] = {
    CUSTOMER_SERVICE: (3.0, "FAQ rewrite deferred to Q1", "Prompting basics; checking AI drafts (2 x 2 h)"),
    DISPATCH: (2.0, "Monthly fuel report cut to a one-page summary", "Working with the re-plan assistant"),
    WAREHOUSE: (
        4.0,
        "Weekly stock-count report dropped; extra temp for POD scanning during the pilot",
        "Hands-on sessions on the floor, in small groups; what AI can and cannot read",
    ),
    FINANCE: (2.5, "Month-end accrual review shortened", "Copilot in Dynamics; audit trail of AI matches"),
    SALES: (1.5, "Two low-value tenders declined", "Using past bids safely: what may go to customers"),
}

FEEDBACK: tuple[tuple[dt.date, str, str | None, bool, str, str, str], ...] = (
    (dt.date(2026, 10, 28), "Suggestion box", CUSTOMER_SERVICE, True,
     "Drafts for simple status e-mails are good", "Drafts in Polish sound stiff",
     "Added two Polish example replies to the prompt"),
    (dt.date(2026, 10, 30), "Team meeting", WAREHOUSE, False,
     "Typed PODs are read well", "Handwritten remarks are often wrong; clerks re-check everything",
     "Remarks field always goes to a clerk"),
    (dt.date(2026, 11, 4), "Anonymous form", WAREHOUSE, True,
     "", "Nobody asked us before the scanners moved; feels like the first step to cutting jobs",
     "Site manager held a Q&A on the floor"),
    (dt.date(2026, 11, 6), "1:1 with manager", DISPATCH, False,
     "Re-plan proposals save time on busy mornings", "It ignores the driver rest-time rules twice a week",
     "Rest-time rules added as a hard constraint"),
    (dt.date(2026, 11, 11), "Teams channel", FINANCE, False,
     "Mismatch explanations are clear", "Approving every match is slow at month end",
     "None yet: stricter review stays during the pilot"),
    (dt.date(2026, 11, 13), "Suggestion box", SALES, True,
     "Tender drafts are a good start", "Worried that past bids leak customer prices into other bids",
     "Customer prices removed from the bid library"),
    (dt.date(2026, 11, 18), "Retro after checkpoint", DISPATCH, False,
     "Customers like hearing about delays early", "Too many false alarms on Monday mornings",
     "Threshold raised for Monday traffic"),
    (dt.date(2026, 11, 20), "Anonymous form", CUSTOMER_SERVICE, True,
     "More time for angry customers", "The training slot clashes with the Monday peak",
     "Training moved to Thursday afternoons"),
)  # fmt: skip

# The readiness flag quotes the baseline survey as the app shows it, filled in from the demo's answers.
GAP_EVIDENCE = (
    "Baseline survey: managers estimate the team's readiness at {managers}; the team rates itself {team}"
)

_C = e.CautionCategory
_V = e.Severity
# category, severity, team, participant, evidence, response, owner, status
FlagSeed = tuple[e.CautionCategory, e.Severity, str | None, str | None, str, str, str, e.FlagStatus]
FLAGS: tuple[FlagSeed, ...] = (
    (_C.READINESS_LOWER, _V.HIGH, WAREHOUSE, "Νίκος Παπαδόπουλος",
     GAP_EVIDENCE,
     "Floor sessions before the pilot widens; pilot limited to one cross-dock", "Νίκος Παπαδόπουλος",
     e.FlagStatus.MONITORING),
    (_C.FEAR, _V.CRITICAL, WAREHOUSE, None,
     "Anonymous feedback: 'first step to cutting jobs'; two clerks asked HR about redundancy terms",
     "Leadership statement: no job cuts from the pilots; saved hours go to claims and training",
     "Søren Albrechtsen", e.FlagStatus.OPEN),
    (_C.ERRORS_AND_TRUST, _V.MEDIUM, DISPATCH, "José Fernández",
     "Re-plans broke driver rest-time rules twice in week one",
     "Rules made a hard constraint; planners check every plan for two more weeks", "Freya Halvorsen",
     e.FlagStatus.RESOLVED),
    (_C.WORKLOAD, _V.MEDIUM, FINANCE, None,
     "Approving every match doubles month-end work for payables",
     "Temporary help at month end; review sampling discussed at checkpoint 2", "Martin Keller",
     e.FlagStatus.OPEN),
    (_C.ROLLOUT_FLAW, _V.LOW, CUSTOMER_SERVICE, None,
     "Training slot clashed with the Monday peak; half the team missed it",
     "Moved to Thursday afternoons", "Анна Смирнова", e.FlagStatus.RESOLVED),
    (_C.ERRORS_AND_TRUST, _V.HIGH, SALES, "Dominique Laurent",
     "A draft tender answer quoted another customer's price",
     "Customer prices removed from the bid library; every draft reviewed by the bid lead",
     "Dominique Laurent", e.FlagStatus.MONITORING),
    (_C.OTHER, _V.LOW, None, None,
     "Works council asks to see the AI use policy before further pilots",
     "Policy draft shared; meeting on 2 December", "Ana-María Castillo", e.FlagStatus.OPEN),
)  # fmt: skip

# title, owner, due, status, flag index, pilot index, feedback index
ACTIONS: tuple[tuple[str, str, dt.date, e.ActionStatus, int | None, int | None, int | None], ...] = (
    ("Run floor sessions on POD reading for every shift", "Νίκος Παπαδόπουλος", dt.date(2026, 11, 6),
     e.ActionStatus.DONE, 0, None, None),
    ("Publish the no-job-cuts statement for the pilots", "Søren Albrechtsen", dt.date(2026, 11, 10),
     e.ActionStatus.IN_PROGRESS, 1, None, 2),
    ("Add rest-time rules as hard constraints", "Freya Halvorsen", dt.date(2026, 11, 9),
     e.ActionStatus.DONE, 2, None, 3),
    ("Arrange month-end help for payables", "Martin Keller", dt.date(2026, 11, 27),
     e.ActionStatus.OPEN, 3, None, 4),
    ("Remove customer prices from the bid library", "Dominique Laurent", dt.date(2026, 11, 20),
     e.ActionStatus.DONE, 5, None, 5),
    ("Prepare the go/no-go review of the first pilot", "Zoë Achterberg", dt.date(2026, 12, 15),
     e.ActionStatus.OPEN, None, 0, None),
    ("Repeat the readiness survey in the warehouse", "Łukasz Nowak", dt.date(2026, 11, 25),
     e.ActionStatus.DONE, 0, None, None),
    ("Share the AI use policy with the works council", "Ana-María Castillo", dt.date(2026, 12, 2),
     e.ActionStatus.IN_PROGRESS, 6, 1, None),
)  # fmt: skip

# Mean self-reported score per team in the baseline; dimension offsets make skills the weakest.
TEAM_READINESS = {CUSTOMER_SERVICE: 3.1, DISPATCH: 3.4, WAREHOUSE: 2.3, FINANCE: 3.6, SALES: 3.0}
DIMENSION_OFFSET = {
    "readiness": 0.0,
    "confidence": -0.2,
    "skills": -0.4,
    "attitude": 0.3,
    "effectiveness": 0.1,
}
STANCE_READINESS = {e.Stance.CHAMPION: 4.2, e.Stance.NEUTRAL: 3.4, e.Stance.SKEPTIC: 2.6}
GAP_TEAM_ESTIMATE = 4.3
FOLLOW_UP_GAIN = 0.5
SKIP_CHANCE = 0.03

# The ADKAR round four weeks on: each team's level per element (Awareness, Desire, Knowledge, Ability,
# Reinforcement). Each team but Finance drops to 3 or below at one element: its barrier point.
ADKAR_SURVEY = "ADKAR check, 4 weeks later"
ADKAR_SURVEY_ON = dt.date(2026, 11, 11)
ADKAR_LEVELS: dict[str, tuple[float, float, float, float, float]] = {
    CUSTOMER_SERVICE: (4.3, 4.0, 2.4, 2.6, 2.8),
    DISPATCH: (4.4, 4.1, 3.9, 2.3, 2.7),
    WAREHOUSE: (3.9, 2.2, 2.8, 2.6, 2.5),
    FINANCE: (4.5, 4.3, 4.2, 4.1, 4.0),
    SALES: (4.1, 3.9, 2.5, 2.9, 3.0),
}

# How far a manager's ranking strays from their camp's view: the named eight stay recognisable,
# the extra managers of a scaled-up room blur the camps without erasing them.
CORE_NOISE = 1.0
EXTRA_NOISE = 2.0
EXTRA_STANCES = {
    EFFICIENCY: (e.Stance.CHAMPION, e.Stance.CHAMPION, e.Stance.NEUTRAL),
    CUSTOMER: (e.Stance.NEUTRAL, e.Stance.SKEPTIC, e.Stance.CHAMPION),
}


# Start, status, checkpoint decisions so far, and the hours a week the pilot expects to free (None: not
# estimated yet, as a planned pilot often is).
PILOT_STATES: tuple[tuple[dt.date, e.PilotStatus, tuple[e.CheckpointDecision, ...], float | None], ...] = (
    (dt.date(2026, 10, 26), e.PilotStatus.RUNNING,
     (e.CheckpointDecision.CONTINUE, e.CheckpointDecision.ADJUST), 6.0),
    (dt.date(2026, 11, 2), e.PilotStatus.PAUSED, (e.CheckpointDecision.ADJUST,), 2.5),
    (dt.date(2026, 11, 9), e.PilotStatus.RUNNING, (e.CheckpointDecision.CONTINUE,), 4.0),
    (dt.date(2026, 12, 1), e.PilotStatus.PLANNED, (), None),
)  # fmt: skip

CHECKPOINT_NOTES = {
    e.CheckpointDecision.CONTINUE: "Numbers on track; no serious errors found.",
    e.CheckpointDecision.ADJUST: (
        "Error rate above target on one kind of input; rules tightened before going on."
    ),
    e.CheckpointDecision.PENDING: "",
}
