"""The demo workshop: a fictional logistics firm's AI-strategy day with every phase filled in.

Everything is drawn from `random.Random(seed)` and fixed dates, so the same seed gives the same file row
for row. The managers fall into an efficiency camp and a customer camp plus one dissenter, and the
warehouse managers believe their team is far readier than the team says it is: the analyses and the
report have something to find.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import random
import string
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from statistics import mean

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from workshop.rounding import rounded
from workshop.wording import tr

from . import entities as e
from .errors import InputError
from .operations import team_named
from .store import WorkshopStore, create_workshop, is_server_url

ORGANISATION = "Nordhavn Freight & Logistics"
TITLE = "Where AI helps us deliver: strategy workshop"
FACILITATOR = "Zoë Achterberg"
HELD_ON = dt.date(2026, 10, 14)
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

# How far a manager's ranking strays from their camp's view: the named eight stay recognisable,
# the extra managers of a scaled-up room blur the camps without erasing them.
CORE_NOISE = 1.0
EXTRA_NOISE = 2.0
EXTRA_STANCES = {
    EFFICIENCY: (e.Stance.CHAMPION, e.Stance.CHAMPION, e.Stance.NEUTRAL),
    CUSTOMER: (e.Stance.NEUTRAL, e.Stance.SKEPTIC, e.Stance.CHAMPION),
}


PILOT_STATES = (
    (
        dt.date(2026, 10, 26),
        e.PilotStatus.RUNNING,
        (e.CheckpointDecision.CONTINUE, e.CheckpointDecision.ADJUST),
    ),
    (dt.date(2026, 11, 2), e.PilotStatus.PAUSED, (e.CheckpointDecision.ADJUST,)),
    (dt.date(2026, 11, 9), e.PilotStatus.RUNNING, (e.CheckpointDecision.CONTINUE,)),
    (dt.date(2026, 12, 1), e.PilotStatus.PLANNED, ()),
)
CHECKPOINT_NOTES = {
    e.CheckpointDecision.CONTINUE: "Numbers on track; no serious errors found.",
    e.CheckpointDecision.ADJUST: (
        "Error rate above target on one kind of input; rules tightened before going on."
    ),
    e.CheckpointDecision.PENDING: "",
}


def create_demo(
    location: Path | str, *, managers: int = 8, items: int = 10, seed: int = 2026
) -> WorkshopStore:
    """Gives the open store of a new demo workshop (a file, or an empty server database named by URL).

    No file is left behind when it fails.
    """
    _check_size(managers, items)
    on_server = is_server_url(location)
    store = create_workshop(
        location,
        title=TITLE,
        organisation=ORGANISATION,
        facilitator=FACILITATOR,
        held_on=HELD_ON,
        anonymity=e.Anonymity.TEAM,
    )
    try:
        with store.transaction() as session:
            populate_demo(session, managers=managers, items=items, seed=seed)
    except BaseException:
        store.close()
        if not on_server:
            Path(location).unlink(missing_ok=True)
        raise
    return store


def populate_demo(session: Session, *, managers: int = 8, items: int = 10, seed: int = 2026) -> None:
    """Fills an empty workshop (as `create_workshop` leaves it) with the demo; same seed, same rows."""
    _check_size(managers, items)
    if session.scalar(select(func.count()).select_from(e.Participant)) or session.scalar(
        select(func.count()).select_from(e.Opportunity)
    ):
        raise InputError(
            tr("demo"), tr("the workshop already holds people or opportunities; the demo needs an empty one.")
        )
    rng = random.Random(seed)
    workshop = session.scalar(select(e.Workshop))
    if workshop is not None:
        workshop.created_at = CREATED_AT  # the demo carries no trace of when it was generated
    teams = {name: _team(session, name, description) for name, description in TEAMS}
    people = _add_people(session, rng, teams, managers)
    tasks = _add_tasks(session, teams)
    _add_ideas(session, teams, people)
    opportunities = _add_opportunities(session, rng, teams, tasks, items)
    consensus = _add_ballot_rounds(session, rng, people.managers, opportunities)
    _add_readiness(session, rng, people)
    pilots = _add_workflows(session, consensus, opportunities, people)
    _add_follow_through(session, teams, people, pilots)


def _check_size(managers: int, items: int) -> None:
    if managers < 1 or items < 1:
        raise InputError(
            tr("demo"),
            tr("the demo needs at least 1 manager and 1 item (asked: {managers}, {items}).").format(
                managers=managers, items=items
            ),
        )


def _team(session: Session, name: str, description: str) -> e.Team:
    team = team_named(session, name)
    team.description = description
    return team


@dataclass
class _Manager:
    row: e.Participant
    camp: str
    noise: float  # spread of this manager's judgement around their camp's view


@dataclass
class _People:
    managers: list[_Manager]
    employees: list[e.Participant]
    by_name: dict[str, e.Participant]


def _add_people(session: Session, rng: random.Random, teams: dict[str, e.Team], count: int) -> _People:
    """Gives the managers (with their camps), employees and everyone by name, all added."""
    extra = max(0, count - len(MANAGERS))
    team_names = list(teams)
    taken = {m.name for m in MANAGERS} | {n for names in EMPLOYEES.values() for n in names}
    taken |= {n for n, _ in LEADERS} | {FACILITATOR}
    names = _generated_names(rng, extra * 5, taken)
    manager_seeds = list(MANAGERS[:count]) + [
        _extra_manager(rng, names[i], team_names[i % len(team_names)], i) for i in range(extra)
    ]
    managers = [
        _Manager(_person(teams[m.team], m.name, e.Role.MANAGER, m.stance), m.camp, _noise(i))
        for i, m in enumerate(manager_seeds)
    ]
    employees = [
        _person(teams[t], n, e.Role.EMPLOYEE, e.Stance.UNKNOWN) for t, ns in EMPLOYEES.items() for n in ns
    ]
    employees += [
        _person(teams[team_names[i % len(team_names)]], name, e.Role.EMPLOYEE, e.Stance.UNKNOWN)
        for i, name in enumerate(names[extra:])
    ]
    others = [_person(None, FACILITATOR, e.Role.FACILITATOR, e.Stance.UNKNOWN)]
    others += [_person(None, name, e.Role.LEADER, stance) for name, stance in LEADERS]
    everyone = [m.row for m in managers] + employees + others
    session.add_all(everyone)
    session.flush()
    return _People(managers, employees, {p.name: p for p in everyone})


def _noise(place: int) -> float:
    return CORE_NOISE if place < len(MANAGERS) else EXTRA_NOISE


def _person(team: e.Team | None, name: str, role: e.Role, stance: e.Stance) -> e.Participant:
    return e.Participant(name=name, team=team, role=role, stance=stance)


def _extra_manager(rng: random.Random, name: str, team: str, index: int) -> DemoManager:
    camp = EFFICIENCY if index % 2 == 0 else CUSTOMER
    return DemoManager(name, team, rng.choice(EXTRA_STANCES[camp]), camp)


def _generated_names(rng: random.Random, count: int, taken: set[str]) -> list[str]:
    """Gives `count` distinct made-up full names, none of them in `taken`."""
    pairs = list(itertools.product(FIRST_NAMES, LAST_NAMES))
    rng.shuffle(pairs)
    names: list[str] = []
    for middle in _middle_initials():
        if len(names) >= count:
            break
        names += [name for first, last in pairs if (name := f"{first} {middle}{last}") not in taken]
    return names[:count]


def _middle_initials() -> Iterator[str]:
    """Gives no initial, then A. to Z., then pairs: past the name pool, initials keep names apart."""
    yield ""
    for size in itertools.count(1):
        for letters in itertools.product(string.ascii_uppercase, repeat=size):
            yield "".join(f"{letter}. " for letter in letters)


def _add_tasks(session: Session, teams: dict[str, e.Team]) -> dict[str, e.Task]:
    tasks = {
        t.title: e.Task(
            team=teams[t.team],
            title=t.title,
            description=t.description,
            frequency=t.frequency,
            hours_per_week=float(t.hours_per_week),
            manual=t.manual,
            redundancy=t.redundancy,
            ai_potential=t.ai_potential,
            data_sensitivity=t.sensitivity,
            notes=t.notes,
        )
        for t in TASKS
    }
    session.add_all(tasks.values())
    return tasks


def _add_ideas(session: Session, teams: dict[str, e.Team], people: _People) -> None:
    proposers = {team: itertools.cycle(names) for team, names in EMPLOYEES.items()}
    for team, group, what, how, why in IDEAS:
        proposer = people.by_name[next(proposers[team])]
        session.add(
            e.Idea(team=teams[team], group_name=group, what=what, how=how, why=why, proposer=proposer)
        )


def _item_seeds(rng: random.Random, count: int) -> list[DemoOpportunity]:
    """Gives the realistic opportunities first, then plausible made-up ones with unique titles."""
    seeds = list(OPPORTUNITIES[:count])
    titles = [f"{act} {area}" for act, area in itertools.product(EXTRA_ITEM_ACTIONS, EXTRA_ITEM_AREAS)]
    rng.shuffle(titles)
    team_names = [name for name, _ in TEAMS]
    for i in range(count - len(seeds)):
        wave = i // len(titles)
        title = titles[i % len(titles)] + (f" (wave {wave + 1})" if wave else "")
        seeds.append(
            DemoOpportunity(
                title=title,
                team=team_names[i % len(team_names)],
                description=f"{title}, proposed in the audit.",
                benefit="Hours back for the team; fewer errors",
                effort=rng.randint(1, 5),
                risk=rng.randint(1, 5),
                efficiency_value=rng.uniform(0, 10),
                customer_value=rng.uniform(0, 10),
                tasks=(),
            )
        )
    return seeds


def _add_opportunities(
    session: Session, rng: random.Random, teams: dict[str, e.Team], tasks: dict[str, e.Task], count: int
) -> list[tuple[e.Opportunity, DemoOpportunity]]:
    """Gives each added opportunity beside the seed it came from."""
    pairs = [
        (
            e.Opportunity(
                title=seed.title,
                description=seed.description,
                team=teams[seed.team],
                expected_benefit=seed.benefit,
                effort=seed.effort,
                risk=seed.risk,
                tasks=[tasks[title] for title in seed.tasks],
            ),
            seed,
        )
        for seed in _item_seeds(rng, count)
    ]
    session.add_all(row for row, _ in pairs)
    session.flush()
    return pairs


def _camp_value(camp: str, seed: DemoOpportunity) -> float:
    """Gives how much a camp wants an opportunity; the dissenter wants what both camps do not."""
    if camp == EFFICIENCY:
        return seed.efficiency_value
    if camp == CUSTOMER:
        return seed.customer_value
    return 10 - (seed.efficiency_value + seed.customer_value) / 2


def _add_ballot_rounds(
    session: Session,
    rng: random.Random,
    managers: list[_Manager],
    opportunities: list[tuple[e.Opportunity, DemoOpportunity]],
) -> list[int]:
    """Gives the opportunity ids in the room's consensus order, after adding the three ballot rounds.

    The ranking and 100-points rounds are closed and revealed; the impact-effort round is still open.
    """
    views = [
        [_camp_value(m.camp, seed) + rng.gauss(0, m.noise) for _, seed in opportunities] for m in managers
    ]
    ids = [row.id for row, _ in opportunities]
    day = dt.datetime.combine(HELD_ON, dt.time())
    ranking = _ballot_round(session, RANKING_ROUND, e.BallotMethod.RANKING, day, (10, 5), (10, 50), (11, 0))
    points = _ballot_round(session, POINTS_ROUND, e.BallotMethod.POINTS, day, (11, 30), (12, 5), (12, 10))
    impact = _ballot_round(
        session, IMPACT_EFFORT_ROUND, e.BallotMethod.IMPACT_EFFORT, day, (14, 0), None, None
    )
    voters = [m.row for m in managers]
    for ballot_round in (ranking, points, impact):
        ballot_round.voters = voters
    ranks = [_ranks(view) for view in views]
    _cast(session, ranking, voters, ids, [[{"rank": r} for r in ballot] for ballot in ranks])
    _cast(session, points, voters, ids, [[{"points": p} for p in _hundred_points(rng, v)] for v in views])
    voting = math.ceil(len(managers) * 0.6)
    _cast(
        session, impact, voters[:voting], ids, [_impact_effort(rng, v, opportunities) for v in views[:voting]]
    )
    totals = [sum(ballot[i] for ballot in ranks) for i in range(len(ids))]
    return [ids[i] for i in sorted(range(len(ids)), key=lambda i: (totals[i], i))]


def _ballot_round(
    session: Session,
    name: str,
    method: e.BallotMethod,
    day: dt.datetime,
    opened: tuple[int, int],
    closed: tuple[int, int] | None,
    revealed: tuple[int, int] | None,
) -> e.BallotRound:
    def at(hour_minute: tuple[int, int] | None) -> dt.datetime | None:
        return None if hour_minute is None else day.replace(hour=hour_minute[0], minute=hour_minute[1])

    opened_at = at(opened)
    assert opened_at is not None
    ballot_round = e.BallotRound(
        name=name,
        method=method,
        allow_ties=False,
        created_at=opened_at - dt.timedelta(minutes=5),
        opened_at=opened_at,
        closed_at=at(closed),
        revealed_at=at(revealed),
    )
    session.add(ballot_round)
    return ballot_round


def _cast(
    session: Session,
    ballot_round: e.BallotRound,
    voters: Sequence[e.Participant],
    item_ids: Sequence[int],
    fields: Sequence[Sequence[dict[str, object]]],
) -> None:
    """Adds one ballot per voter, handed in during the round; `fields`: columns per voter per item."""
    opened_at = ballot_round.opened_at
    assert opened_at is not None
    window = (ballot_round.closed_at or opened_at + dt.timedelta(minutes=25)) - opened_at
    step = window / (len(voters) + 1)
    ballots = [
        e.Ballot(
            round=ballot_round,
            participant=voter,
            submitted_at=(opened_at + step * (n + 1)).replace(microsecond=0),
        )
        for n, voter in enumerate(voters)
    ]
    session.add_all(ballots)
    session.flush()
    # Core-level bulk insert: a 300-manager demo has tens of thousands of entries.
    rows = [
        {"ballot_id": ballot.id, "opportunity_id": item_id, **columns}
        for ballot, per_item in zip(ballots, fields, strict=True)
        for item_id, columns in zip(item_ids, per_item, strict=True)
    ]
    session.execute(insert(e.BallotEntry), rows)


def _ranks(view: Sequence[float]) -> list[int]:
    """Gives rank 1 to the most wanted item, then 2, ... with no ties."""
    order = sorted(range(len(view)), key=lambda i: -view[i])
    ranks = [0] * len(view)
    for rank, index in enumerate(order, start=1):
        ranks[index] = rank
    return ranks


def _hundred_points(rng: random.Random, view: Sequence[float]) -> list[int]:
    """Gives 100 points spread over a manager's few favourite items, the rest 0."""
    favourites = sorted(range(len(view)), key=lambda i: -view[i])[: min(4, len(view))]
    weights = [(len(favourites) - place) * rng.uniform(0.6, 1.4) for place in range(len(favourites))]
    shares = [100 * w / sum(weights) for w in weights]
    points = [math.floor(s) for s in shares]
    # Largest remainders get the leftover points, so every ballot sums to exactly 100.
    for place in sorted(range(len(shares)), key=lambda p: points[p] - shares[p])[: 100 - sum(points)]:
        points[place] += 1
    spread = [0] * len(view)
    for item, given in zip(favourites, points, strict=True):
        spread[item] = given
    return spread


def _impact_effort(
    rng: random.Random, view: Sequence[float], opportunities: list[tuple[e.Opportunity, DemoOpportunity]]
) -> list[dict[str, object]]:
    """Gives per item the impact a manager expects (from how much they want it) and the effort they see."""
    low, high = min(view), max(view)
    span = (high - low) or 1.0
    return [
        {
            "impact": _half_step(1 + 4 * (want - low) / span),
            "effort": _half_step(seed.effort + rng.gauss(0, 0.6)),
        }
        for want, (_, seed) in zip(view, opportunities, strict=True)
    ]


def _half_step(value: float) -> float:
    return min(5.0, max(1.0, round(value * 2) / 2))


def _add_readiness(session: Session, rng: random.Random, people: _People) -> None:
    dimensions = list(session.scalars(select(e.ReadinessDimension).order_by(e.ReadinessDimension.position)))
    baseline = e.SurveyRound(name=BASELINE_SURVEY, held_on=HELD_ON)
    follow_up = e.SurveyRound(name=FOLLOW_UP_SURVEY, held_on=FOLLOW_UP_ON)
    session.add_all([baseline, follow_up])
    session.flush()
    rows: list[dict[str, object]] = []
    for survey, gain in ((baseline, 0.0), (follow_up, FOLLOW_UP_GAIN)):
        for person in people.employees:
            level = TEAM_READINESS.get(_team_name(person), 3.0) + rng.gauss(0, 0.4) + gain
            rows += _answers(rng, survey, person, dimensions, level, False, SKIP_CHANCE)
        for manager in people.managers:
            own = STANCE_READINESS.get(manager.row.stance, 3.4) + gain
            rows += _answers(rng, survey, manager.row, dimensions, own, False, SKIP_CHANCE)
            rows += _answers(
                rng, survey, manager.row, dimensions, _team_estimate(manager.row) + gain / 2, True, 0
            )
    session.execute(insert(e.ReadinessAnswer), rows)


def _team_name(person: e.Participant) -> str:
    return person.team.name if person.team else ""


def _team_estimate(manager: e.Participant) -> float:
    """Gives what a manager believes their team's readiness is: a little rosy, far too rosy in one team."""
    team = _team_name(manager)
    if team == PERCEPTION_GAP_TEAM:
        return GAP_TEAM_ESTIMATE
    return TEAM_READINESS.get(team, 3.0) + 0.3


def _answers(
    rng: random.Random,
    survey: e.SurveyRound,
    person: e.Participant,
    dimensions: Sequence[e.ReadinessDimension],
    level: float,
    is_team_estimate: bool,
    skip_chance: float,
) -> list[dict[str, object]]:
    """Gives one answer row per dimension, scattered around `level`; a few left blank (skipped)."""
    rows: list[dict[str, object]] = []
    for dimension in dimensions:
        mean = level + (0 if is_team_estimate else DIMENSION_OFFSET.get(dimension.name, 0.0))
        score = min(5, max(1, round(mean + rng.gauss(0, 0.5))))
        skipped = rng.random() < skip_chance
        rows.append(
            {
                "survey_round_id": survey.id,
                "participant_id": person.id,
                "dimension_id": dimension.id,
                "score": None if skipped else score,
                "is_team_estimate": is_team_estimate,
            }
        )
    return rows


def _add_workflows(
    session: Session,
    consensus: list[int],
    opportunities: list[tuple[e.Opportunity, DemoOpportunity]],
    people: _People,
) -> list[e.Pilot]:
    """Gives the pilots of workflows for the four opportunities the room ranked highest."""
    by_id = {row.id: (row, seed) for row, seed in opportunities}
    pilots = []
    for place, item_id in enumerate(consensus[:4]):
        row, seed = by_id[item_id]
        plan = WORKFLOW_PLANS.get(row.title) or _plain_plan(seed)
        workflow = e.Workflow(
            opportunity=row,
            owner=_owner(people, seed.team),
            ai_platform=plan.platform,
            steps=plan.steps,
            oversight=plan.oversight,
            stricter_review=plan.stricter_review,
        )
        pilot = _pilot(place, plan)
        workflow.pilots = [pilot]
        session.add(workflow)
        pilots.append(pilot)
    session.flush()
    return pilots


def _plain_plan(seed: DemoOpportunity) -> WorkflowPlan:
    risky = seed.risk >= 4
    return WorkflowPlan(
        "ChatGPT Enterprise",
        f"1. Collect the inputs for: {seed.title.lower()}\n2. AI drafts the result\n"
        "3. A team member checks it before use\n4. Weekly look at what was corrected",
        e.Oversight.REVIEW_EVERY_OUTPUT if risky else e.Oversight.REVIEW_SAMPLES,
        risky,
        "Hours saved per week; corrections per 100 outputs",
        "Go if hours saved exceed review time with no serious error",
    )


def _owner(people: _People, team: str) -> str:
    """Gives the name of the team's champion manager, else its first manager, else the facilitator."""
    own = [m.row for m in people.managers if _team_name(m.row) == team]
    champions = [p for p in own if p.stance == e.Stance.CHAMPION]
    return (champions or own or [people.by_name[FACILITATOR]])[0].name


def _pilot(place: int, plan: WorkflowPlan) -> e.Pilot:
    """Gives a six-week pilot with a checkpoint every two weeks, decided where the date has passed."""
    starts_on, status, decided = PILOT_STATES[place % len(PILOT_STATES)]
    count = 3 if place % 2 == 0 else 2
    decisions = list(decided[:count]) + [e.CheckpointDecision.PENDING] * (count - len(decided[:count]))
    return e.Pilot(
        starts_on=starts_on,
        ends_on=starts_on + dt.timedelta(weeks=6),
        success_metrics=plan.success_metrics,
        go_no_go_criteria=plan.go_no_go,
        status=status,
        checkpoints=[
            e.Checkpoint(
                due_on=starts_on + dt.timedelta(weeks=2 * (n + 1)), decision=d, notes=CHECKPOINT_NOTES[d]
            )
            for n, d in enumerate(decisions)
        ],
    )


def _add_follow_through(
    session: Session, teams: dict[str, e.Team], people: _People, pilots: list[e.Pilot]
) -> None:
    """Adds capacity plans, feedback, caution flags and actions that point at them."""
    for team, (hours, dropped, training) in CAPACITY.items():
        session.add(
            e.CapacityPlan(
                team=teams[team], hours_per_week=hours, dropped_or_deferred=dropped, training=training
            )
        )
    feedback = [
        e.FeedbackItem(
            received_on=on, channel=channel, team=teams.get(team or ""), anonymous=anonymous,
            what_works=works, what_does_not=does_not, change_made=change,
        )
        for on, channel, team, anonymous, works, does_not, change in FEEDBACK
    ]  # fmt: skip
    gap_evidence = _gap_evidence(session, teams[PERCEPTION_GAP_TEAM])
    flags = [
        e.CautionFlag(
            category=category, severity=severity, team=teams.get(team or ""),
            participant=people.by_name.get(who or ""),
            evidence=gap_evidence if evidence == GAP_EVIDENCE else evidence, response=response, owner=owner,
            status=status, raised_on=HELD_ON + dt.timedelta(days=7 + 4 * n),
        )
        for n, (category, severity, team, who, evidence, response, owner, status) in enumerate(FLAGS)
    ]  # fmt: skip
    session.add_all([*feedback, *flags])
    session.flush()
    for title, owner, due, status, flag, pilot, item in ACTIONS:
        session.add(
            e.Action(
                title=title, owner=owner, due_on=due, status=status,
                flag_id=flags[flag].id if flag is not None else None,
                pilot_id=pilots[pilot].id if pilot is not None and pilot < len(pilots) else None,
                feedback_id=feedback[item].id if item is not None else None,
            )
        )  # fmt: skip


def _gap_evidence(session: Session, team: e.Team) -> str:
    """Gives the flag's evidence: the team's baseline readiness by its managers and by itself, as shown."""
    answers = session.execute(
        select(e.ReadinessAnswer.dimension_id, e.ReadinessAnswer.score, e.ReadinessAnswer.is_team_estimate)
        .join(e.Participant, e.Participant.id == e.ReadinessAnswer.participant_id)
        .join(e.SurveyRound, e.SurveyRound.id == e.ReadinessAnswer.survey_round_id)
        .where(e.Participant.team_id == team.id, e.SurveyRound.name == BASELINE_SURVEY)
    ).all()
    managers = _mean_of_dimension_means([(d, s) for d, s, estimate in answers if estimate])
    own = _mean_of_dimension_means([(d, s) for d, s, estimate in answers if not estimate])
    return GAP_EVIDENCE.format(managers=rounded(managers), team=rounded(own))


def _mean_of_dimension_means(answers: Sequence[tuple[int, int | None]]) -> float:
    """Gives the mean of the per-dimension means, skips left out: how the app sums up a team's readiness."""
    by_dimension: dict[int, list[int]] = defaultdict(list)
    for dimension, score in answers:
        if score is not None:
            by_dimension[dimension].append(score)
    return mean(mean(scores) for scores in by_dimension.values())
