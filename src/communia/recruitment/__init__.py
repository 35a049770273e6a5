"""Recruitment assistant: criteria fixed by a human, evidence quoted, every decision human."""
