"""Jinja2 rendering with the person's language, account, CSRF token and navigation."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from babel.numbers import format_decimal
from fastapi import Request
from fastapi.templating import Jinja2Templates
from jinja2 import pass_context
from jinja2.runtime import Context
from starlette.responses import HTMLResponse

from communia.accounts.model import ROLE_LABELS, can
from communia.governance.console.model import value_label
from communia.sentences import PLACEHOLDER, filled, fixed_length, template_pattern
from communia.web.deps import current_account, language
from communia.web.i18n import gettext_for, translations
from communia.web.reviewing import draft_title
from communia.web.security import csrf_token

TEMPLATES = Path(__file__).parent / "templates"
templates = Jinja2Templates(directory=str(TEMPLATES))

# What the home and usage pages call each backend (translated with the catalog).
BACKEND_LABELS = {
    "none": "no generative model (deterministic features only)",
    "embedded": "local model on this server",
    "openai-compatible": "inference server",
    "echo": "diagnostic echo",
}


# Who made a call or a draft when it is not one of the roles (the system, a removed account).
_OTHER_ROLES = {"other": ("Autres comptes", "Other accounts"), "-": ("—", "—")}


@pass_context
def label_of(context: Context, group: str, value: object) -> str:
    """``{{ label_of("risk_level", row.risk_level) }}``: a stored value as people read it, in
    the page's language. Groups: ``role``, ``backend``, ``use_case`` (names from the
    page's ``use_case_names``) and those of ``governance.console.model.VALUE_LABELS``."""
    lang = str(context.get("lang", "fr"))
    key = str(value)
    if group == "role":
        pair = ROLE_LABELS.get(key) or _OTHER_ROLES.get(key)
        return key if pair is None else pair[0 if lang == "fr" else 1]
    if group == "use_case":
        names: dict[str, tuple[str, str]] = context.get("use_case_names") or {}
        return names[key][0 if lang == "fr" else 1] if key in names else key
    if group == "backend":
        return gettext_for(lang)(BACKEND_LABELS[key]) if key in BACKEND_LABELS else key
    return value_label(group, key, lang)


templates.env.globals["label_of"] = label_of


@pass_context
def title_of(context: Context, draft: object) -> str:
    """``{{ title_of(draft) }}``: a draft's title in the page's language (its kind's title
    template translated, ``reviewing.draft_title``)."""
    return draft_title(str(context.get("lang", "fr")), str(getattr(draft, "kind", "")),
                       str(getattr(draft, "title", "")))


templates.env.globals["title_of"] = title_of

_YES_NO = {"fr": ("oui", "non"), "en": ("yes", "no")}


@pass_context
def details_of(context: Context, payload: object) -> list[tuple[str, str]]:
    """``{% for key, value in details_of(row.payload) %}``: a journal entry's details as
    (label, value) pairs in the page's language; a nested ``detail`` is flattened, values
    (identifiers, hashes) are kept as stored, yes/no excepted."""
    lang = str(context.get("lang", "fr"))
    pairs: list[tuple[str, str]] = []

    def add(values: dict[str, object], prefix: str) -> None:
        for key, value in values.items():
            if isinstance(value, dict):
                add(value, f"{prefix}{key}." if key != "detail" else prefix)
                continue
            if isinstance(value, bool):
                shown = _YES_NO.get(lang, _YES_NO["en"])[0 if value else 1]
            elif isinstance(value, list):
                shown = ", ".join(str(v) for v in value)
            else:
                shown = "—" if value is None else str(value)
            label = value_label("journal_key", key, lang)
            pairs.append((f"{prefix}{label}" if prefix else label, shown))

    if isinstance(payload, dict):
        add(payload, "")
    elif payload not in (None, ""):
        pairs.append((value_label("journal_key", "detail", lang), str(payload)))
    return pairs


templates.env.globals["details_of"] = details_of

# What each area offers, shown on the home page cards (translated with the catalog).
BLURBS: dict[str, str] = {
    "recruitment": "Screen applications against criteria you fix; you record every decision.",
    "drafting": "Letters, notes, arrêtés, délibérations, briefings, with their structure checked.",
    "feedback": "Themes, counts, quotes and trends from field reports; you finalise them.",
    "planning": "Forecast demand by place and hour, and propose mediation shifts.",
    "review": "Drafts awaiting a named person's approval.",
    "governance": "Register of AI uses, ethics circuit, rights requests, usage.",
    "learn": "What the AI can and cannot do; practise writing prompts safely.",
}

# (area, url, English label) in menu order; labels are translated with the catalog.
NAV: list[tuple[str, str, str]] = [
    ("home", "/", "Home"),
    ("recruitment", "/recruitment", "Recruitment"),
    ("drafting", "/drafting", "Drafting"),
    ("feedback", "/feedback", "Field feedback"),
    ("planning", "/planning", "Planning"),
    ("review", "/review", "Review queue"),
    ("governance", "/governance", "Governance"),
    ("learn", "/learn", "Learn"),
]


def nav_items(request: Request, role: str | None) -> list[dict[str, Any]]:
    """Menu entries the role may open and whose pages exist in this installation."""
    present: set[str] = request.app.state.areas
    path = request.url.path
    items = []
    for area, url, label in NAV:
        if role is None or not can(role, area) or area not in present:
            continue
        current = path == url if url == "/" else path.startswith(url)
        items.append({"url": url, "label": label, "current": current,
                      "blurb": BLURBS.get(area, "")})
    return items


def render(
    request: Request, template: str, context: dict[str, Any] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    """Render ``template`` with the common context a page needs."""
    lang = language(request)
    account = current_account(request)
    base = {
        "request": request,
        "_": gettext_for(lang),
        "lang": lang,
        "account": account,
        "csrf_token": csrf_token(request.session),
        "nav": nav_items(request, account.role if account else None),
        "authority": request.app.state.runtime.settings.authority_name,
    }
    base.update(context or {})
    return templates.TemplateResponse(request, template, base, status_code=status_code)


# Form fields named by their visible label: every template's forms are read once, and each
# control's ``name`` is tied to the text of its ``<label for=...>``, per form address.
_FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.S | re.I)
_TARGET = re.compile(r'\b(?:action|hx-post|hx-put|hx-patch)="(/[^"?#]*)')
_LABEL = re.compile(r'<label\b[^>]*?\bfor="([^"]+)"[^>]*>(.*?)</label>', re.S)
_CONTROL = re.compile(r"<(?:input|select|textarea)\b[^>]*>", re.S)
_NAME = re.compile(r'\bname="([^"{]+)"')
_ID = re.compile(r'\bid="([^"]+)"')
_MSGID = re.compile(r"""_\(\s*(["'])(.+?)(?<!\\)\1\s*\)""", re.S)
_INCLUDE = re.compile(r"""\{%-?\s*include\s+["']([^"']+)["'][^%]*%\}""")
_EXPRESSION = re.compile(r"\{\{.*?\}\}", re.S)


def _inlined(name: str, depth: int = 0) -> str:
    text = (TEMPLATES / name).read_text(encoding="utf-8")
    if depth > 3:
        return text
    return _INCLUDE.sub(lambda m: _inlined(m.group(1), depth + 1)
                        if (TEMPLATES / m.group(1)).is_file() else "", text)


def _label_text(body: str) -> str:
    found = _MSGID.search(body)
    if found:
        return found.group(2)
    return "" if "{{" in body else re.sub(r"<[^>]+>|\s+", " ", body).strip()


@cache
def _form_fields() -> tuple[tuple[re.Pattern[str], dict[str, str]], ...]:
    index: list[tuple[re.Pattern[str], dict[str, str]]] = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        text = _inlined(str(path.relative_to(TEMPLATES)))
        for attrs, body in _FORM.findall(text):
            labels = {ident: _label_text(inner) for ident, inner in _LABEL.findall(body)}
            fields: dict[str, str] = {}
            for control in _CONTROL.findall(body):
                name, ident = _NAME.search(control), _ID.search(control)
                if name and ident and labels.get(ident.group(1)):
                    fields.setdefault(name.group(1), labels[ident.group(1)])
            for target in set(_TARGET.findall(attrs)):
                if "{%" in target or not fields:
                    continue
                parts = _EXPRESSION.split(target)
                index.append((re.compile("^" + "[^/]+".join(map(re.escape, parts)) + "$"),
                              fields))
    return tuple(index)


def field_label(path: str, name: str) -> str | None:
    """The visible label (English, the catalog's source) of the field ``name`` of the form
    that sends to ``path``; None when no template labels it."""
    for pattern, fields in _form_fields():
        if name in fields and pattern.match(path):
            return fields[name]
    return None


def named_field(request: Request, name: str) -> str:
    """The field ``name`` of the form sent to this request's address as the person sees
    it: its label in their language, without its explanation in brackets, and quoted
    ("“Reason for rejecting”"); its name when no template labels it."""
    _ = gettext_for(language(request))
    english = field_label(request.url.path, name)
    shown = re.split(r"\s*[(:]", _(english))[0].strip() if english else ""
    return _("“{label}”").format(label=shown or name)


# Messages of the services (English, made from templates such as "'{actor}' is not the
# DPO...") in the reader's language: the exact text when the catalogs hold it, else the
# catalog template it was made from, translated, with its values put back.
_MIN_LITERAL = 12  # a template with less fixed text than this would match too much


def _template_regex(msgid: str) -> re.Pattern[str] | None:
    has_values = any(found.group(1) for found in PLACEHOLDER.finditer(msgid))
    if not has_values or fixed_length(msgid) < _MIN_LITERAL:
        return None
    return template_pattern(msgid, empty_values=False)


@cache
def _message_templates(lang: str
                       ) -> tuple[tuple[re.Pattern[str], str, frozenset[str]], ...]:
    catalog: dict[object, str] = getattr(translations(lang), "_catalog", {})
    found = []
    for msgid, msgstr in catalog.items():
        if isinstance(msgid, str) and "{" in msgid and msgstr and msgstr != msgid:
            pattern = _template_regex(msgid)
            if pattern is not None:
                # "{count:,}", "{size:,.1f}": a number, written the English way.
                numbers = frozenset(m.group(1) for m in PLACEHOLDER.finditer(msgid)
                                    if m.group(1) and _NUMBER_SPEC.search(m.group(0)))
                found.append((pattern, msgstr, numbers))
    return tuple(sorted(found, key=lambda item: -len(item[0].pattern)))


def translated(lang: str, message: str) -> str:
    """A service's message in ``lang`` when the catalogs know it or its template."""
    exact = gettext_for(lang)(message)
    if exact != message or lang == "en":
        return exact
    for pattern, msgstr, numbers in _message_templates(lang):
        match = pattern.fullmatch(message)
        if match:
            values = {k: _number(lang, v) if k in numbers else _sentences(lang, v)
                      for k, v in match.groupdict().items()}
            return filled(msgstr, values)
    return message


_NUMBER_SPEC = re.compile(r":,(?:\.\d+f)?\}$")
_GROUPED = re.compile(r"-?\d{1,3}(?:,\d{3})*(?:\.(\d+))?")


def _number(lang: str, value: str) -> str:
    """A number written "{n:,}" or "{n:,.1f}" (``200,000``, ``1,234.5``) the ``lang``
    reader's way (``200 000``, ``1 234,5``), with as many decimals."""
    found = _GROUPED.fullmatch(value)
    if not found:
        return value
    decimals = len(found.group(1) or "")
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(Decimal(value.replace(",", "")), format=pattern, locale=lang)


def _sentences(lang: str, value: str) -> str:
    """A value made of catalog phrases ("a; b", the reasons a use case cannot be approved)
    in ``lang``; single words (identifiers, statuses typed by someone) stay as they are."""
    _ = gettext_for(lang)
    parts = value.split("; ")
    shown = [_(part) if " " in part else part for part in parts]
    return (" ; " if lang == "fr" and shown != parts else "; ").join(shown)

