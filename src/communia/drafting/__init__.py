"""Administrative drafting: letters, notes, arrêtés, délibérations, briefings, instruction sheets.

Every kind has a structure the code knows and checks; a model, when configured, only
writes prose inside it from the agent's facts.
"""
