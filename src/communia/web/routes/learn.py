"""Explain and train: plain-language pages per use case and the prompt workshop."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Form, Request
from starlette.responses import Response

from communia.accounts.service import Account
from communia.errors import NotFound
from communia.governance import register
from communia.governance.console import explain, workshop
from communia.governance.console.exercises import get_exercise
from communia.web.deps import (
    current_account,
    get_runtime,
    language,
    redisplay_on_invalid,
    require_area,
)
from communia.web.templating import render

AREA = "learn"
router = APIRouter(prefix="/learn", include_in_schema=False)
_learner = require_area(AREA)
FLAG_TEXT = {
    "personal_data": "Personal data found: remove it or replace it with a placeholder.",
    "missing_role": "No role: say who the assistant should be (e.g. 'You are a drafting "
                    "assistant for the town hall').",
    "missing_context": "Not enough context: say what the situation is and what material "
                       "you provide.",
    "missing_format": "No expected format: say what you want back (a letter, a list, a "
                      "table, how long).",
    "missing_constraints": "No constraints: say what to avoid or respect (tone, length, "
                           "do not invent facts).",
    "decision_request": "This asks the tool to take a decision it must never take.",
}


@router.get("")
def index(request: Request, account: Account = Depends(_learner)) -> Response:
    with get_runtime(request).db.session() as session:
        cases = register.list_all(session)
        done = workshop.completed(session, account.username)
    return render(request, "learn/index.html", {"cases": cases, "done": done,
                                                "exercises": workshop.exercises_for()})


@router.get("/use-cases/{use_case_id}")
def explain_page(request: Request, use_case_id: str) -> Response:
    with get_runtime(request).db.session() as session:
        page = explain.explain(session, use_case_id, language(request))
    return render(request, "learn/explain.html", {"page": page})


def _workshop(request: Request, username: str, status_code: int = 200,
              **shown: Any) -> Response:
    with get_runtime(request).db.session() as session:
        done = workshop.completed(session, username)
        names = register.names(session)
    return render(request, "learn/workshop.html", {
        "exercises": workshop.exercises_for(), "done": done, "flag_text": FLAG_TEXT,
        "use_case_names": names, **shown}, status_code=status_code)


@router.get("/workshop")
def workshop_page(request: Request, account: Account = Depends(_learner)) -> Response:
    return _workshop(request, account.username)


def _workshop_again(request: Request, values: dict[str, str], message: str,
                    status: int) -> Response:
    account = current_account(request)
    return _workshop(request, account.username if account else "", status,
                     prompt=values.get("prompt", ""), error=message)


@router.post("/workshop")
@redisplay_on_invalid(_workshop_again)
def workshop_try(request: Request, prompt: str = Form(...),
                 account: Account = Depends(_learner)) -> Response:
    runtime = get_runtime(request)
    result = workshop.attempt(runtime.gateway, prompt, account.username, language(request))
    return _workshop(request, account.username, result=result, prompt=prompt)


@router.get("/workshop/exercises/{exercise_id}")
def exercise_page(request: Request, exercise_id: str) -> Response:
    exercise = get_exercise(exercise_id)
    if exercise is None:
        raise NotFound(f"No exercise '{exercise_id}'; pick one from the workshop page.")
    return render(request, "learn/exercise.html", {"exercise": exercise,
                                                   "prompt": exercise.start,
                                                   "flag_text": FLAG_TEXT})


def _exercise_again(request: Request, values: dict[str, str], message: str,
                    status: int) -> Response:
    exercise = get_exercise(request.path_params["exercise_id"])
    if exercise is None:
        raise NotFound("No such exercise; pick one from the workshop page.")
    return render(request, "learn/exercise.html", {
        "exercise": exercise, "prompt": values.get("prompt", ""), "error": message,
        "flag_text": FLAG_TEXT}, status_code=status)


@router.post("/workshop/exercises/{exercise_id}")
@redisplay_on_invalid(_exercise_again)
def exercise_submit(request: Request, exercise_id: str, prompt: str = Form(...),
                    account: Account = Depends(_learner)) -> Response:
    exercise = get_exercise(exercise_id)
    if exercise is None:
        raise NotFound(f"No exercise '{exercise_id}'; pick one from the workshop page.")
    with get_runtime(request).db.session() as session:
        feedback, passed = workshop.submit_exercise(session, exercise_id, prompt,
                                                    account.username, language(request))
    return render(request, "learn/exercise.html", {
        "exercise": exercise, "prompt": prompt, "feedback": feedback, "passed": passed,
        "flag_text": FLAG_TEXT})
