"""Predictive scheduling: event logs → counts per zone × hour → forecast → mediation shifts."""
